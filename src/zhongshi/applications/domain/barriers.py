"""Barriers to applying that later apps impose (the library's 3-year ban after a removal, seed 004 §二（四）).

The applications app comes before the library in the data flow, so it cannot ask the library directly: a
later app registers a barrier here in its ``ready()``. A barrier takes a credit code and the day to judge on
and returns the Chinese reason the organisation may not apply on that day, or None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Barrier:
    code: str  # the issue code the check reports (contracts §4: ``banned``)
    reason: Callable[[str, date | None], str | None]
    # Call levels the barrier holds for (empty: every call); such a barrier is judged only when the call is known.
    levels: frozenset[str] = frozenset()


_BARRIERS: list[Barrier] = []


def register_barrier(barrier: Barrier) -> None:
    if all(b.code != barrier.code for b in _BARRIERS):
        _BARRIERS.append(barrier)


def find_barriers(credit_code: str, *, on: date | None = None, call: Any = None) -> list[tuple[str, str]]:
    """(code, reason) of every barrier that holds ``credit_code`` on ``on`` (default: today) for ``call``."""
    code = (credit_code or "").strip().upper()
    if not code:
        return []
    found = []
    for barrier in _BARRIERS:
        if barrier.levels and getattr(call, "level", None) not in barrier.levels:
            continue
        reason = barrier.reason(code, on)
        if reason:
            found.append((barrier.code, reason))
    return found
