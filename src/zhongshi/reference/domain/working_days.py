"""Working days by the official calendar: State Council holidays and their make-up working days (调休上班).

A day is decided, in this order, by

1. a ``CalendarDay`` row for it (an administrator's entry wins over everything else);
2. ``chinesecalendar``, for the years it has data for;
3. for a year that has a ``CalendarYear`` row marked complete: Monday to Friday are working days
   (the year's holidays and make-up days are its ``CalendarDay`` rows).

Any other day raises ``CalendarUnknown``: a deadline computed from a guessed calendar is worse than
none, so this never falls back to the weekday rule for a year nobody vouched for.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import chinese_calendar
from chinese_calendar import constants as chinese_calendar_data

from zhongshi.core.errors import DomainError
from zhongshi.reference.models import CalendarDay, CalendarYear

LIBRARY_FIRST_YEAR: int = min(chinese_calendar_data.holidays).year
LIBRARY_LAST_YEAR: int = max(chinese_calendar_data.holidays).year

# The longest run of consecutive days off in any schedule is nine (春节 with adjoining weekends); a
# margin of a few weeks past the weekday estimate keeps stepping functions to one query in practice.
_STEP_MARGIN_DAYS = 31


class CalendarUnknown(DomainError):  # noqa: N818 - the name says what is missing
    """No official schedule is known for ``year``: neither chinesecalendar nor an administrator has it."""

    def __init__(self, year: int, day: date | None = None) -> None:
        super().__init__(
            f"没有 {year} 年的官方节假日安排数据，请管理员在“节假日安排”中补充后再试",
            code="calendar_unknown",
        )
        self.year = year
        self.day = day


class NotEnoughWorkingDays(DomainError):  # noqa: N818
    """A month has fewer working days than were asked for."""

    def __init__(self, year: int, month: int, wanted: int, available: int) -> None:
        super().__init__(
            f"{year} 年 {month} 月只有 {available} 个工作日，不够 {wanted} 个",
            code="not_enough_working_days",
        )
        self.wanted = wanted
        self.available = available


def library_covers(year: int) -> bool:
    """True when chinesecalendar has the official schedule of ``year``."""
    return LIBRARY_FIRST_YEAR <= year <= LIBRARY_LAST_YEAR


class _Calendar:
    """The table's rows for the years in use, loaded one query per span of years, then asked day by day."""

    def __init__(self) -> None:
        self._rows: dict[date, bool] = {}
        self._loaded_years: set[int] = set()
        self._complete_years: set[int] | None = None

    def load(self, first: date, last: date) -> None:
        """Load the CalendarDay rows of every not yet loaded year from ``first`` to ``last`` in one query."""
        years = [year for year in range(first.year, last.year + 1) if year not in self._loaded_years]
        if not years:
            return
        rows = CalendarDay.objects.filter(day__gte=date(years[0], 1, 1), day__lte=date(years[-1], 12, 31))
        for day, working in rows.values_list("day", "is_working_day"):
            if day.year in years:
                self._rows[day] = working
        self._loaded_years.update(years)

    def _year_is_complete(self, year: int) -> bool:
        if self._complete_years is None:
            self._complete_years = set(CalendarYear.objects.filter(complete=True).values_list("year", flat=True))
        return year in self._complete_years

    def is_working_day(self, day: date) -> bool:
        self.load(day, day)
        entered = self._rows.get(day)
        if entered is not None:
            return entered
        if library_covers(day.year):
            return bool(chinese_calendar.is_workday(day))
        if self._year_is_complete(day.year):
            return day.weekday() < 5
        raise CalendarUnknown(day.year, day)


def is_working_day(day: date) -> bool:
    """True when ``day`` is a working day; raises ``CalendarUnknown`` for a year without official data."""
    return _Calendar().is_working_day(day)


def month_working_days(year: int, month: int) -> list[date]:
    """Every working day of the month, in date order."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    known = _Calendar()
    known.load(first, last)
    return [
        first + timedelta(days=offset)
        for offset in range(last.day)
        if known.is_working_day(first + timedelta(days=offset))
    ]


def last_working_days(year: int, month: int, n: int = 5) -> list[date]:
    """The last ``n`` working days of the month, in date order.

    Raises ``ValueError`` for ``n`` < 1, ``NotEnoughWorkingDays`` when the month has fewer than ``n``
    and ``CalendarUnknown`` when the month's year has no official schedule.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    days = month_working_days(year, month)
    if n > len(days):
        raise NotEnoughWorkingDays(year, month, n, len(days))
    return days[-n:]


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (before it when ``n`` is negative); ``start`` for 0.

    ``start`` itself need not be a working day and is never counted.
    """
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    known = _Calendar()
    estimate = timedelta(days=remaining * 7 // 5 + _STEP_MARGIN_DAYS)
    known.load(*sorted((start, start + step * estimate)))
    day = start
    while remaining:
        day += timedelta(days=step)
        if known.is_working_day(day):
            remaining -= 1
    return day


def next_working_day(day: date) -> date:
    """The first working day after ``day``."""
    return add_working_days(day, 1)


def working_days_between(start: date, end: date) -> int:
    """The number of working days after ``start`` up to and including ``end``; 0 when ``end`` <= ``start``."""
    if end <= start:
        return 0
    known = _Calendar()
    known.load(start + timedelta(days=1), end)
    return sum(known.is_working_day(start + timedelta(days=offset)) for offset in range(1, (end - start).days + 1))
