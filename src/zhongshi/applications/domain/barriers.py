"""Barriers to applying that later apps impose (the library's 3-year ban after a removal, seed 004 §二（四）).

The applications app comes before the library in the data flow, so it cannot ask the library directly: a
later app registers a barrier here in its ``ready()``. A barrier takes a credit code and the day to judge on
and returns the Chinese reason the organisation may not apply on that day, or None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Barrier:
    code: str  # the issue code the check reports (contracts §4: ``banned``)
    reason: Callable[[str, date | None], str | None]


_BARRIERS: list[Barrier] = []


def register_barrier(barrier: Barrier) -> None:
    if all(b.code != barrier.code for b in _BARRIERS):
        _BARRIERS.append(barrier)


def find_barriers(credit_code: str, *, on: date | None = None) -> list[tuple[str, str]]:
    """(code, reason) of every barrier that holds ``credit_code`` on ``on`` (default: today)."""
    code = (credit_code or "").strip().upper()
    if not code:
        return []
    found = []
    for barrier in _BARRIERS:
        reason = barrier.reason(code, on)
        if reason:
            found.append((barrier.code, reason))
    return found
