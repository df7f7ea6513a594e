"""Objections to a public notice are anonymous: a limit per address and per browser session keeps one
sender from flooding a notice (50 objections in 4.5 s would each have to be handled before it closes).

Counts live in Django's cache (Redis when REDIS_URL is set, so shared by every web process; local memory
otherwise), in fixed windows.
"""

from __future__ import annotations

from django.core.cache import cache

OBJECTION_LIMIT = 5  # objections …
OBJECTION_WINDOW_SECONDS = 600  # … per 10 minutes, per address and per session


def _hit(key: str) -> int:
    cache.add(key, 0, timeout=OBJECTION_WINDOW_SECONDS)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=OBJECTION_WINDOW_SECONDS)
        return 1


def allow_objection(*, address: str, session_key: str) -> bool:
    """Count one objection from ``address`` and ``session_key``; False when either went over the limit."""
    counts = [_hit(f"zhongshi:objections:ip:{address or 'unknown'}")]
    if session_key:
        counts.append(_hit(f"zhongshi:objections:session:{session_key}"))
    return max(counts) <= OBJECTION_LIMIT
