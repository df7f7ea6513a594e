"""The applicant's view of where an application stands: the step tracker and the effective deadline of the
level that holds it, extensions included, with the working days left (issue 9)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from zhongshi.applications.domain.queries.progress import application_deadline, application_tracker
from zhongshi.calls.models import DeadlineExtension
from zhongshi.reference.domain.working_days import working_days_between

SHANGHAI = ZoneInfo("Asia/Shanghai")


def states(application) -> list[tuple[str, str]]:
    return [(step.key, step.state) for step in application_tracker(application)]


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "level", "final", "expected"), [
    ("draft", "", False, ["current", "todo", "todo", "todo", "todo", "todo"]),
    ("returned", "", False, ["current", "todo", "todo", "todo", "todo", "todo"]),
    ("submitted", "district", False, ["done", "current", "todo", "todo", "todo", "todo"]),
    ("submitted", "city", False, ["done", "done", "current", "todo", "todo", "todo"]),
    ("submitted", "province", False, ["done", "done", "done", "current", "todo", "todo"]),
    ("approved", "", False, ["done", "done", "done", "done", "current", "todo"]),
    ("approved", "", True, ["done", "done", "done", "done", "done", "done"]),
    ("not_recommended", "", False, ["done", "stopped", "todo", "todo", "todo", "todo"]),
    ("rejected", "", False, ["done", "done", "done", "stopped", "todo", "todo"]),
])
def test_the_tracker_follows_the_chain_of_the_call_and_host_organisation(roles, status, level, final,
                                                                         expected) -> None:
    application = factories.application(roles["applicant"].host_org, status=status, current_level=level,
                                        final_at=timezone.now() if final else None)
    assert [key for key, _state in states(application)] == ["fill", "district", "city", "province", "notice",
                                                            "final"]
    assert [state for _key, state in states(application)] == expected


@pytest.mark.django_db
def test_the_deadline_of_a_draft_is_the_district_deadline_moved_by_its_extension(roles) -> None:
    application = factories.application(roles["applicant"].host_org)
    before = application_deadline(application)
    assert before is not None and before.level == "district"
    assert (before.shown, before.passed) == ("2026年1月28日 23:59", True)  # the call's own, long passed
    now = timezone.now()
    extended = (now + timedelta(days=20)).astimezone(SHANGHAI).replace(hour=17, minute=0, second=0, microsecond=0)
    DeadlineExtension.objects.create(call=application.call, level="district", deadline=extended,
                                     authority=roles["district"].authority, reason="测试延期")
    after = application_deadline(application, now=now)
    assert after is not None and after.deadline == extended and after.passed is False
    assert after.shown == f"{extended.year}年{extended.month}月{extended.day}日 17:00"
    today = now.astimezone(SHANGHAI).date()
    assert after.working_days_left == working_days_between(today - timedelta(days=1), extended.date())
    assert 10 <= after.working_days_left <= 16  # 20 calendar days hold about 14 working days
    assert after.authority == roles["district"].authority.name


@pytest.mark.django_db
def test_a_submitted_application_shows_the_deadline_of_the_level_that_holds_it(roles) -> None:
    application = factories.application(roles["applicant"].host_org, status="submitted", current_level="city",
                                        submitted_at=timezone.now(), round=1)
    deadline = application_deadline(application)
    assert deadline is None or deadline.level == "city"  # the Hubei call sets no city deadline
    moment = datetime(2026, 12, 30, 23, 59, 59, tzinfo=SHANGHAI)
    DeadlineExtension.objects.create(call=application.call, level="city", deadline=moment,
                                     area_path=roles["province"].authority.path, reason="全省延期")
    deadline = application_deadline(application, now=datetime(2026, 12, 24, 9, tzinfo=SHANGHAI))
    assert deadline is not None
    assert (deadline.level_name, deadline.shown, deadline.passed) == ("市级", "2026年12月30日 23:59", False)
    assert deadline.working_days_left == working_days_between(datetime(2026, 12, 23).date(),
                                                              datetime(2026, 12, 30).date())


@pytest.mark.django_db
def test_the_applicant_home_lists_applications_at_every_level_with_tracker_and_deadline(roles, login) -> None:
    org = roles["applicant"].host_org
    factories.application(org, status="submitted", current_level="city", submitted_at=timezone.now(), round=1,
                          answers={**factories.example_answers(), "basic": {
                              **factories.example_answers()["basic"], "platform_name": "市级平台"}})
    page = login(roles["applicant"]).get(reverse("core:home")).content.decode()
    assert 'data-testid="todo-empty"' not in page
    assert "市级平台" in page
    assert "填报提交 ✓ → 区县 ✓ → 市（当前环节） → 省 → 公示 → 入库" in page


@pytest.mark.django_db
def test_the_call_page_shows_the_extended_deadline_and_the_applicants_days_left(roles, login) -> None:
    call = factories.call()
    url = reverse("calls:call_detail", args=[call.code])
    page = login(roles["applicant"]).get(url).content.decode()
    assert "区级截止时间（" in page and "2026年1月28日 23:59，已截止。" in page
    moment = (timezone.now() + timedelta(days=20)).astimezone(SHANGHAI).replace(hour=23, minute=59, second=59,
                                                                               microsecond=0)
    DeadlineExtension.objects.create(call=call, level="district", deadline=moment,
                                     area_path=roles["province"].authority.path, reason="全省延期")
    page = login(roles["applicant"]).get(url).content.decode()
    shown = f"{moment.year}年{moment.month}月{moment.day}日 23:59"
    assert "已截止" not in page
    assert "（已延期，原截止时间 2026年1月28日 23:59）" in page
    left = working_days_between(timezone.now().astimezone(SHANGHAI).date() - timedelta(days=1), moment.date())
    assert f"区级截止时间（{roles['district'].authority.name}）：{shown}，还剩 {left} 个工作日（含今天）。" in page
    anonymous = login(roles["province"]).get(url).content.decode()
    assert f"{shown} 前（已延期，原截止时间 2026年1月28日 23:59）" in anonymous
    assert 'data-testid="my-deadline"' not in anonymous
