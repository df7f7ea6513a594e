"""Reminders before a level's deadline, counted in working days, sent once."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone

from zhongshi.notifications.models import Notification
from zhongshi.reviews.domain.remind_deadlines import send_deadline_reminders


def at(day: date) -> str:
    return datetime(day.year, day.month, day.day, 23, 59, tzinfo=timezone.get_current_timezone()).isoformat()


@pytest.mark.django_db
def test_the_district_is_reminded_three_working_days_before(roles, submitted, open_call) -> None:
    # 2026-10-09 (Fri) is a working day; 2026-10-10 (Sat) is the 国庆 make-up working day.
    open_call.chain = [{"level": "district", "deadline": at(date(2026, 10, 14))},
                       {"level": "city", "deadline": at(date(2026, 10, 20))}, {"level": "province", "deadline": None}]
    open_call.save()
    # From Thu 2026-10-08: 10-09, 10-10 (make-up Saturday), 10-12, 10-13, 10-14 → 5 working days.
    run = send_deadline_reminders(today=date(2026, 10, 8))
    assert run.sent == ["hubei-2026-provincial 武汉东湖新技术开发区经信部门 5"]
    (notification,) = Notification.objects.filter(user=roles["district"], kind="deadline_reminder")
    assert notification.title == ("湖北省第二批省级制造业中试平台申报有 1 份申报书待您办理，区级截止时间为 "
                                  "2026年10月14日 23:59（还有 5 个工作日）")
    # Sent once.
    assert send_deadline_reminders(today=date(2026, 10, 8)).sent == []
    # 10-12 (Mon) → 10-13, 10-14: 2 days, no reminder; 10-13 → 1 day: reminded.
    assert send_deadline_reminders(today=date(2026, 10, 12)).sent == []
    assert send_deadline_reminders(today=date(2026, 10, 13)).sent == [
        "hubei-2026-provincial 武汉东湖新技术开发区经信部门 1"]


@pytest.mark.django_db
def test_a_deadline_beyond_the_calendar_is_an_error_not_a_guess(roles, submitted, open_call) -> None:
    open_call.chain = [{"level": "district", "deadline": at(date(2027, 3, 1))}, {"level": "city", "deadline": None},
                       {"level": "province", "deadline": None}]
    open_call.save()
    run = send_deadline_reminders(today=date(2026, 12, 20))
    assert run.sent == []
    assert run.errors == [("hubei-2026-provincial 武汉东湖新技术开发区经信部门: 没有 2027 年的官方节假日安排数据，"
                           "请管理员在“节假日安排”中补充后再试")]


@pytest.mark.django_db
def test_a_last_working_days_deadline_is_reminded_5_3_and_1_working_days_before(roles, submitted, open_call) -> None:
    from zhongshi.calls.domain.chain import forget_calendar

    forget_calendar()
    # The last 5 working days of December 2026 are 12-25, 12-28 … 12-31: the district's deadline is 12-31.
    open_call.chain = [{"level": "district", "deadline": {"last_working_days": 5, "month": "2026-12"}},
                       {"level": "city", "deadline": None}, {"level": "province", "deadline": None}]
    open_call.save()
    office = "hubei-2026-provincial 武汉东湖新技术开发区经信部门"
    assert send_deadline_reminders(today=date(2026, 12, 24)).sent == [f"{office} 5"]
    assert send_deadline_reminders(today=date(2026, 12, 25)).sent == []  # 4 left
    assert send_deadline_reminders(today=date(2026, 12, 28)).sent == [f"{office} 3"]
    assert send_deadline_reminders(today=date(2026, 12, 30)).sent == [f"{office} 1"]
    titles = list(Notification.objects.filter(user=roles["district"], kind="deadline_reminder")
                  .order_by("pk").values_list("title", flat=True))
    assert titles[0] == ("湖北省第二批省级制造业中试平台申报有 1 份申报书待您办理，区级截止时间为 "
                         "2026年12月31日 23:59（还有 5 个工作日）")
    assert len(titles) == 3


@pytest.mark.django_db
def test_a_last_working_days_rule_in_a_year_without_data_is_reported(roles, submitted, open_call) -> None:
    open_call.chain = [{"level": "district", "deadline": {"last_working_days": 5, "month": "2027-06"}},
                       {"level": "city", "deadline": None}, {"level": "province", "deadline": None}]
    open_call.save()
    run = send_deadline_reminders(today=date(2026, 12, 20))
    assert run.sent == []
    assert run.errors == [("hubei-2026-provincial 武汉东湖新技术开发区经信部门: 没有 2027 年的官方节假日安排数据，"
                           "请管理员在“节假日安排”中补充后再试")]
