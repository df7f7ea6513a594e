"""The 3-year ban after a removal (seed 004 §二（四）: 3年内不得再次申报), counted as contracts §4 says.

民法典 第二百零一条: a period counted in years starts on the day after the event (the day of removal is not
counted). 第二百零二条: it ends on the corresponding day of the last year, or on the last day of that month
when the month has no corresponding day. So a removal on 2026-03-15 bans until 2029-03-15 inclusive, and
one on 2028-02-29 until 2031-02-28.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from zhongshi.library.enums import PlatformStatus

BAN_YEARS = 3


def compute_ban_end(removed_on: date, *, years: int = BAN_YEARS) -> date:
    """The last day of the ban that a removal on ``removed_on`` starts."""
    year = removed_on.year + years
    last_day = calendar.monthrange(year, removed_on.month)[1]
    return date(year, removed_on.month, min(removed_on.day, last_day))


def today_in_china() -> date:
    return timezone.localdate()  # TIME_ZONE is Asia/Shanghai


@dataclass(frozen=True)
class Ban:
    credit_code: str
    platform_name: str
    removed_on: date
    until: date


def find_ban(credit_code: str, *, on: date | None = None) -> Ban | None:
    """The ban that holds ``credit_code`` on ``on`` (default today in Asia/Shanghai); the longest one when a
    host organisation lost several platforms. The ban holds from the removal itself; 第二百零一条 only says
    that the day of removal does not count towards the three years."""
    from zhongshi.library.models import PilotPlatform

    on = on or today_in_china()
    best: Ban | None = None
    rows = PilotPlatform.objects.filter(credit_code=credit_code.strip().upper(), status=PlatformStatus.REMOVED,
                                        removed_on__isnull=False).values_list("name", "removed_on")
    for name, removed_on in rows:
        if removed_on is None:
            continue
        until = compute_ban_end(removed_on)
        if removed_on <= on <= until and (best is None or until > best.until):
            best = Ban(credit_code=credit_code, platform_name=name, removed_on=removed_on, until=until)
    return best
