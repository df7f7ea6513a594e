"""Reminders of the quarterly update: before the window, on its first and last day, once each."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.library.quarterly.conftest import Q1_OPEN, filled, make_platform
from zhongshi.library.domain.periods import period_for
from zhongshi.library.domain.quarterly_update import save_update, start_update, submit_update
from zhongshi.library.domain.remind_updates import remind_missing, send_update_reminders
from zhongshi.library.models import UpdateReminder
from zhongshi.notifications.models import Notification

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_each_reminder_is_sent_once_to_those_who_have_not_submitted(roles, platform) -> None:
    done = make_platform(roles["applicant"].host_org, name="已提交平台")
    other = make_platform(roles["other_applicant"].host_org, division="420111", name="洪山平台")
    make_platform(None, name="未注册单位的平台", number=9)
    assert send_update_reminders(date(2026, 3, 19)).sent == []  # 4 working days before: nothing yet
    before = send_update_reminders(date(2026, 3, 20))
    assert sorted(before.sent) == sorted(["洪山平台（2026年第一季度，窗口开始前）", "已提交平台（2026年第一季度，窗口开始前）",
                                          "高速光电子器件封装测试中试平台（2026年第一季度，窗口开始前）"])
    assert send_update_reminders(date(2026, 3, 23)).sent == []  # once
    update = start_update(user=roles["applicant"], platform=done, period=period_for(year=2026, quarter=1),
                          today=Q1_OPEN)
    update = save_update(user=roles["applicant"], update=update, answers=filled(update), base_revision=0)
    submit_update(user=roles["applicant"], update=update)
    first = send_update_reminders(Q1_OPEN)
    assert sorted(first.sent) == sorted(["洪山平台（2026年第一季度，窗口首日）",
                                         "高速光电子器件封装测试中试平台（2026年第一季度，窗口首日）"])
    assert send_update_reminders(date(2026, 3, 26)).sent == []
    last = send_update_reminders(date(2026, 3, 31))
    assert len(last.sent) == 2
    assert send_update_reminders(date(2026, 3, 31)).sent == []
    assert send_update_reminders(date(2026, 4, 1)).sent == []
    # the platform without a registered organisation is recorded (not retried daily) but nobody is told
    assert UpdateReminder.objects.filter(kind="before").count() == 4
    notes = Notification.objects.filter(user=roles["other_applicant"], kind="quarterly_update_reminder").order_by("pk")
    assert [n.title for n in notes] == ["2026年第一季度信息更新即将开始", "2026年第一季度信息更新已开始",
                                       "今天是2026年第一季度信息更新的最后一天"]
    assert notes[0].body == "请在更新窗口（2026年3月25日至2026年3月31日）内更新平台的运行载荷、服务能力、设备和人员等信息。"
    assert notes[0].url == f"/library/platforms/{other.pk}/update/"


@pytest.mark.django_db
def test_the_province_reminds_the_missing_of_its_subtree(roles, platform) -> None:
    make_platform(roles["other_applicant"].host_org, division="420111", name="洪山平台")
    make_platform(None, division="330106", name="浙江平台", number=3)
    period = period_for(year=2026, quarter=1)
    assert remind_missing(user=roles["province"], period=period) == 2
    assert remind_missing(user=roles["province"], period=period) == 2  # manual reminders may repeat
    assert remind_missing(user=roles["province"], period=period, division_path="000000/420000/420100/420111/") == 1
    assert Notification.objects.filter(kind="quarterly_update_reminder", user=roles["applicant"]).count() == 2
    assert Notification.objects.filter(kind="quarterly_update_reminder", user=roles["other_applicant"]).count() == 3
    from zhongshi.core.errors import NotAllowed

    with pytest.raises(NotAllowed):
        remind_missing(user=roles["city"], period=period)


@pytest.mark.django_db
def test_a_year_without_calendar_is_an_error_of_the_command(roles) -> None:
    assert send_update_reminders(date(2099, 3, 30)).errors == [
        "没有 2099 年的官方节假日安排数据，请管理员在“节假日安排”中补充后再试"]


def test_the_command_refuses_a_bad_date() -> None:
    result = subprocess.run([sys.executable, "-m", "zhongshi", "send-update-reminders", "--today", "2026-13-01"],
                            capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"),
                                                                          "PATH": "/usr/bin:/bin"}, check=False)
    assert result.returncode == 2
    assert "日期格式应为 YYYY-MM-DD，而不是“2026-13-01”" in result.stderr
