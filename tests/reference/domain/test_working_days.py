"""src/zhongshi/reference/domain/working_days.py"""

from __future__ import annotations

from datetime import date

import pytest

from zhongshi.reference.domain.working_days import (
    LIBRARY_LAST_YEAR,
    CalendarUnknown,
    NotEnoughWorkingDays,
    add_working_days,
    is_working_day,
    last_working_days,
    library_covers,
    month_working_days,
    next_working_day,
    working_days_between,
)
from zhongshi.reference.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db


def d(text: str) -> date:
    return date.fromisoformat(text)


def ds(*texts: str) -> list[date]:
    return [d(text) for text in texts]


def test_chinesecalendar_covers_2004_to_2026():
    assert LIBRARY_LAST_YEAR == 2026
    assert library_covers(2004)
    assert library_covers(2026)
    assert not library_covers(2003)
    assert not library_covers(2027)


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        pytest.param(2026, 6, ["2026-06-24", "2026-06-25", "2026-06-26", "2026-06-29", "2026-06-30"], id="2026-06"),
        # 中秋 2026-09-25…27 (Friday to Sunday) are off
        pytest.param(2026, 9, ["2026-09-23", "2026-09-24", "2026-09-28", "2026-09-29", "2026-09-30"], id="2026-09"),
        pytest.param(2026, 10, ["2026-10-26", "2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30"], id="2026-10"),
        pytest.param(2026, 12, ["2026-12-25", "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"], id="2026-12"),
        pytest.param(2026, 3, ["2026-03-25", "2026-03-26", "2026-03-27", "2026-03-30", "2026-03-31"], id="2026-03"),
        pytest.param(2025, 12, ["2025-12-25", "2025-12-26", "2025-12-29", "2025-12-30", "2025-12-31"], id="2025-12"),
        # Saturday 2026-02-28 is a 春节 make-up working day
        pytest.param(2026, 2, ["2026-02-24", "2026-02-25", "2026-02-26", "2026-02-27", "2026-02-28"], id="2026-02"),
    ],
)
def test_last_five_working_days_of_a_month(year, month, expected):
    assert last_working_days(year, month) == ds(*expected)


def test_last_n_working_days_in_date_order():
    assert last_working_days(2026, 6, 1) == ds("2026-06-30")
    assert last_working_days(2026, 6, 7) == ds(
        "2026-06-22", "2026-06-23", "2026-06-24", "2026-06-25", "2026-06-26", "2026-06-29", "2026-06-30"
    )


def test_the_whole_month_and_not_one_day_more():
    february = month_working_days(2026, 2)

    assert len(february) == 16  # 春节 2026-02-15…23 off; Saturdays 02-14 and 02-28 worked
    assert last_working_days(2026, 2, 16) == february
    with pytest.raises(NotEnoughWorkingDays) as raised:
        last_working_days(2026, 2, 17)
    assert raised.value.message == "2026 年 2 月只有 16 个工作日，不够 17 个"


@pytest.mark.parametrize("n", [0, -1])
def test_n_below_one_is_refused(n):
    with pytest.raises(ValueError, match="at least 1"):
        last_working_days(2026, 6, n)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        pytest.param("2026-02-28", True, id="make-up-saturday"),
        pytest.param("2026-02-14", True, id="make-up-saturday-before-spring-festival"),
        pytest.param("2026-09-20", True, id="make-up-sunday"),
        pytest.param("2026-10-10", True, id="make-up-saturday-after-national-day"),
        pytest.param("2026-02-16", False, id="spring-festival-monday"),
        pytest.param("2026-09-25", False, id="mid-autumn-friday"),
        pytest.param("2026-06-27", False, id="plain-saturday"),
        pytest.param("2026-06-30", True, id="plain-tuesday"),
    ],
)
def test_is_working_day_follows_chinesecalendar(day, working):
    assert is_working_day(d(day)) is working


def test_a_calendar_day_row_overrides_chinesecalendar():
    CalendarDay.objects.create(day=d("2026-06-30"), is_working_day=False, name="临时放假")
    CalendarDay.objects.create(day=d("2026-06-27"), is_working_day=True, name="调休上班")

    assert is_working_day(d("2026-06-30")) is False
    assert is_working_day(d("2026-06-27")) is True
    assert last_working_days(2026, 6) == ds("2026-06-24", "2026-06-25", "2026-06-26", "2026-06-27", "2026-06-29")


def test_a_year_beyond_the_data_is_unknown():
    with pytest.raises(CalendarUnknown) as raised:
        is_working_day(d("2027-03-01"))

    assert raised.value.year == 2027
    assert raised.value.day == d("2027-03-01")
    assert raised.value.code == "calendar_unknown"
    assert raised.value.message == "没有 2027 年的官方节假日安排数据，请管理员在“节假日安排”中补充后再试"
    with pytest.raises(CalendarUnknown):
        last_working_days(2027, 1)
    with pytest.raises(CalendarUnknown):
        last_working_days(2003, 12)


def test_an_incomplete_year_stays_unknown_but_its_rows_are_answered():
    CalendarYear.objects.create(year=2027, complete=False)
    CalendarDay.objects.create(day=d("2027-01-01"), is_working_day=False, name="元旦")

    assert is_working_day(d("2027-01-01")) is False
    with pytest.raises(CalendarUnknown):
        is_working_day(d("2027-01-04"))
    with pytest.raises(CalendarUnknown):
        last_working_days(2027, 1)


def test_a_complete_year_uses_its_rows_and_monday_to_friday_otherwise():
    CalendarYear.objects.create(year=2027, complete=True)
    CalendarDay.objects.create(day=d("2027-12-31"), is_working_day=False, name="元旦")
    CalendarDay.objects.create(day=d("2027-12-25"), is_working_day=True, name="元旦调休上班")

    assert is_working_day(d("2027-12-31")) is False  # a Friday, off by its row
    assert is_working_day(d("2027-12-25")) is True  # a Saturday, worked by its row
    assert is_working_day(d("2027-12-26")) is False  # a Sunday
    assert is_working_day(d("2027-12-27")) is True  # a Monday
    assert last_working_days(2027, 12) == ds("2027-12-25", "2027-12-27", "2027-12-28", "2027-12-29", "2027-12-30")
    with pytest.raises(CalendarUnknown) as raised:
        last_working_days(2028, 1)
    assert raised.value.year == 2028


def test_add_working_days_skips_holidays_and_counts_make_up_days():
    start = d("2026-09-24")  # Thursday before 中秋

    assert add_working_days(start, 0) == start
    assert add_working_days(start, 1) == d("2026-09-28")
    assert add_working_days(start, 3) == d("2026-09-30")
    assert add_working_days(start, 4) == d("2026-10-08")  # 国庆 10-01…07 off
    assert add_working_days(start, 6) == d("2026-10-10")  # Saturday make-up day
    assert add_working_days(start, 7) == d("2026-10-12")
    assert add_working_days(d("2026-10-08"), -1) == d("2026-09-30")
    assert add_working_days(d("2026-10-03"), 1) == d("2026-10-08")  # a holiday start is not counted


def test_add_working_days_across_the_new_year():
    assert add_working_days(d("2025-12-31"), 1) == d("2026-01-04")  # Sunday make-up day after 元旦
    assert add_working_days(d("2025-12-31"), 2) == d("2026-01-05")


def test_add_working_days_into_an_unknown_year_fails():
    with pytest.raises(CalendarUnknown) as raised:
        add_working_days(d("2026-12-29"), 3)
    assert raised.value.year == 2027


def test_next_working_day():
    assert next_working_day(d("2026-02-13")) == d("2026-02-14")  # Friday -> make-up Saturday
    assert next_working_day(d("2026-02-14")) == d("2026-02-24")  # over 春节
    assert next_working_day(d("2026-06-26")) == d("2026-06-29")  # over a plain weekend
    with pytest.raises(CalendarUnknown):
        next_working_day(d("2026-12-31"))


def test_working_days_between():
    assert working_days_between(d("2026-09-30"), d("2026-10-10")) == 3  # 10-08, 10-09, 10-10
    assert working_days_between(d("2026-06-29"), d("2026-06-30")) == 1
    assert working_days_between(d("2025-12-31"), d("2026-01-05")) == 2  # 01-04 (make-up Sunday), 01-05
    assert working_days_between(d("2026-06-30"), d("2026-06-30")) == 0
    assert working_days_between(d("2026-06-30"), d("2026-06-01")) == 0
    assert working_days_between(d("2026-01-01"), d("2026-12-31")) == 248
    with pytest.raises(CalendarUnknown):
        working_days_between(d("2026-12-30"), d("2027-01-05"))


def test_queries_are_bounded(django_assert_num_queries):
    with django_assert_num_queries(1):
        last_working_days(2026, 6)
    with django_assert_num_queries(1):
        working_days_between(d("2025-01-01"), d("2026-12-31"))
    with django_assert_num_queries(1):
        add_working_days(d("2026-01-05"), 100)


def test_a_complete_year_costs_one_more_query(django_assert_num_queries):
    CalendarYear.objects.create(year=2027, complete=True)

    with django_assert_num_queries(2):
        last_working_days(2027, 6)
