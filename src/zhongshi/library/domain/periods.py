"""The quarterly periods of the library (seed 004 §二（三）: 每季度最后5个工作日内动态更新有关信息).

A period is a quarter of a year; its window is the last 5 working days of the quarter's last month (March,
June, September, December) by the official calendar (reference/domain/working_days.py). Periods are
computed, not stored (see library/models/quarterly.py): a year without calendar data raises
``CalendarUnknown`` — a window is never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zhongshi.core.errors import DomainError
from zhongshi.reference.domain.working_days import add_working_days, last_working_days

WINDOW_DAYS = 5


@dataclass(frozen=True)
class QuarterlyPeriod:
    year: int
    quarter: int
    window_start: date
    window_end: date

    @property
    def label(self) -> str:
        return quarter_label(self.year, self.quarter)

    @property
    def code(self) -> str:
        return f"{self.year}-q{self.quarter}"

    def state(self, today: date) -> str:
        """``before`` the window, ``open`` in it, ``closed`` after it."""
        if today < self.window_start:
            return "before"
        return "open" if today <= self.window_end else "closed"


def quarter_label(year: int, quarter: int) -> str:
    return f"{year}年第{'一二三四'[quarter - 1]}季度"


def period_for(*, year: int, quarter: int) -> QuarterlyPeriod:
    """The period of ``quarter`` (1..4) of ``year``; ``CalendarUnknown`` without the year's calendar."""
    if quarter not in (1, 2, 3, 4):
        raise DomainError(f"季度必须是 1–4，而不是 {quarter}", code="bad_quarter")
    days = last_working_days(year, quarter * 3, WINDOW_DAYS)
    return QuarterlyPeriod(year=year, quarter=quarter, window_start=days[0], window_end=days[-1])


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def period_containing(day: date) -> QuarterlyPeriod:
    """The period of the quarter ``day`` falls in."""
    year, quarter = quarter_of(day)
    return period_for(year=year, quarter=quarter)


def previous_period(period: QuarterlyPeriod) -> QuarterlyPeriod:
    if period.quarter == 1:
        return period_for(year=period.year - 1, quarter=4)
    return period_for(year=period.year, quarter=period.quarter - 1)


def parse_period(code: str) -> QuarterlyPeriod:
    """``2026-q1`` → the period; DomainError for anything else."""
    year, sep, quarter = code.lower().partition("-q")
    if not sep or not year.isdigit() or not quarter.isdigit():
        raise DomainError(f"季度格式应为 2026-q1，而不是“{code}”", code="bad_period")
    return period_for(year=int(year), quarter=int(quarter))


def reminder_day_before(period: QuarterlyPeriod, working_days: int = 3) -> date:
    """The day of the reminder sent before the window opens (``working_days`` working days before it)."""
    return add_working_days(period.window_start, -working_days)
