"""Periods and their windows: the last 5 working days of the quarter's last month by the official calendar."""

from __future__ import annotations

from datetime import date

import pytest

from zhongshi.library.domain.periods import parse_period, period_containing, period_for, reminder_day_before
from zhongshi.reference.domain.working_days import CalendarUnknown


@pytest.mark.django_db
def test_2026_windows_follow_the_official_calendar() -> None:
    windows = [(p.window_start, p.window_end) for p in (period_for(year=2026, quarter=q) for q in (1, 2, 3, 4))]
    assert windows == [
        (date(2026, 3, 25), date(2026, 3, 31)),
        (date(2026, 6, 24), date(2026, 6, 30)),
        (date(2026, 9, 23), date(2026, 9, 30)),  # 9月25日 is 中秋节
        (date(2026, 12, 25), date(2026, 12, 31)),
    ]
    q3 = period_for(year=2026, quarter=3)
    assert (q3.label, q3.code) == ("2026年第三季度", "2026-q3")
    assert q3.state(date(2026, 9, 22)) == "before"
    assert q3.state(date(2026, 9, 30)) == "open"
    assert q3.state(date(2026, 10, 8)) == "closed"
    assert period_containing(date(2026, 11, 2)) == period_for(year=2026, quarter=4)
    assert parse_period("2026-q2") == period_for(year=2026, quarter=2)
    assert reminder_day_before(period_for(year=2026, quarter=1)) == date(2026, 3, 20)


@pytest.mark.django_db
def test_a_year_without_calendar_data_is_refused_not_guessed() -> None:
    with pytest.raises(CalendarUnknown) as exc:
        period_for(year=2099, quarter=1)
    assert exc.value.message == "没有 2099 年的官方节假日安排数据，请管理员在“节假日安排”中补充后再试"
