"""Quarterly updates: start (prefilled), save, submit (window, late), return, accept (a new version), the
double-accept race and who may do what (issue 10 §3)."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from tests.library.quarterly.conftest import Q1_BEFORE, Q1_LATE, Q1_OPEN, filled, make_platform
from zhongshi.audit.models import AuditEntry
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.library.domain.periods import period_for
from zhongshi.library.domain.quarterly_update import (
    StaleUpdateError,
    accept_update,
    return_update,
    save_update,
    start_update,
    submit_update,
)
from zhongshi.library.domain.queries.diff_versions import diff_versions
from zhongshi.library.models import QuarterlyUpdate
from zhongshi.notifications.models import Notification

SHANGHAI = ZoneInfo("Asia/Shanghai")
Q1 = {"year": 2026, "quarter": 1}


def at(day, hour=10):
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def submitted_update(roles, platform, *, day=Q1_OPEN, **changes):
    update = start_update(user=roles["applicant"], platform=platform, period=period_for(**Q1), today=day)
    update = save_update(user=roles["applicant"], update=update, answers=filled(update, **changes), base_revision=0)
    return submit_update(user=roles["applicant"], update=update, now=at(day))


@pytest.mark.django_db
def test_a_new_update_is_prefilled_from_the_current_version(roles, platform) -> None:
    update = start_update(user=roles["applicant"], platform=platform, period=period_for(**Q1), today=Q1_OPEN)
    a = update.answers
    assert a["platform"] == {"name": "高速光电子器件封装测试中试平台",
                             "host_org": {"name": platform.host_org_name, "credit_code": platform.credit_code}}
    assert a["capacity"]["service_revenue_wan"] == 860
    assert a["capacity"]["enterprises_served"] == 5
    assert a["capacity"]["service_items"] == [{"kind": "其他", "kind_other": "光模块性能测试", "parameters": "速率：800G"}]
    assert a["resources"]["equipment"] == [{"name": "共晶贴片机", "model": "FC-300", "quantity": 2, "value_wan": 480}]
    assert (update.status, update.revision, update.realtime, update.form_code) == ("draft", 0, False,
                                                                                 "library-quarterly-2026")
    # once: the same draft again
    assert start_update(user=roles["applicant"], platform=platform, period=period_for(**Q1), today=Q1_OPEN) == update


@pytest.mark.django_db
def test_save_is_optimistic_and_keeps_the_identity(roles, platform) -> None:
    update = start_update(user=roles["applicant"], platform=platform, period=period_for(**Q1), today=Q1_OPEN)
    answers = filled(update)
    answers["platform"] = {"name": "改名", "host_org": {"name": "别家", "credit_code": "x"}}
    saved = save_update(user=roles["applicant"], update=update, answers=answers, base_revision=0)
    assert saved.revision == 1
    assert saved.answers["platform"]["name"] == "高速光电子器件封装测试中试平台"
    with pytest.raises(StaleUpdateError):
        save_update(user=roles["applicant"], update=update, answers=answers, base_revision=0)


@pytest.mark.django_db
def test_before_the_window_a_quarterly_update_is_refused_a_realtime_one_taken(roles, platform) -> None:
    update = start_update(user=roles["applicant"], platform=platform, period=period_for(**Q1), today=Q1_BEFORE)
    update = save_update(user=roles["applicant"], update=update, answers=filled(update), base_revision=0)
    with pytest.raises(DomainError) as exc:
        submit_update(user=roles["applicant"], update=update, now=at(Q1_BEFORE))
    assert exc.value.code == "window_not_open"
    assert exc.value.message == ("2026年第一季度的更新于2026年3月25日开始（每季度最后5个工作日）。如需现在报送变化，"
                                 "请进行实时更新。")
    with pytest.raises(DomainError) as other:  # one open update at a time
        start_update(user=roles["applicant"], platform=platform, realtime=True, today=Q1_BEFORE)
    assert other.value.code == "update_in_progress"
    QuarterlyUpdate.objects.filter(pk=update.pk).delete()
    realtime = start_update(user=roles["applicant"], platform=platform, realtime=True, today=Q1_BEFORE)
    realtime = save_update(user=roles["applicant"], update=realtime, answers=filled(realtime), base_revision=0)
    realtime = submit_update(user=roles["applicant"], update=realtime, now=at(Q1_BEFORE))
    assert (realtime.status, realtime.realtime, realtime.late) == ("submitted", True, False)
    accepted = accept_update(user=roles["province"], update=realtime)
    assert accepted.version.source == "realtime"


@pytest.mark.django_db
def test_after_the_window_the_update_is_taken_and_recorded_late(roles, platform) -> None:
    update = submitted_update(roles, platform, day=Q1_LATE)
    assert (update.status, update.late, update.submitted_at) == ("submitted", True, at(Q1_LATE))
    on_time = submitted_update(roles, make_platform(roles["applicant"].host_org, name="另一平台"),
                               day=period_for(**Q1).window_end)
    assert on_time.late is False
    note = Notification.objects.filter(user=roles["province"], kind="quarterly_update_submitted").order_by("pk")
    assert [n.title for n in note] == ["高速光电子器件封装测试中试平台提交了2026年第一季度",
                                       "另一平台提交了2026年第一季度"]
    assert note[0].body == "逾期：在更新窗口结束后提交。"


@pytest.mark.django_db
def test_return_then_accept_makes_version_2_with_the_exact_diff(roles, platform) -> None:
    update = submitted_update(roles, platform, **{"capacity.service_revenue_wan": 920,
                                                  "resources.fulltime_staff": 48})
    with pytest.raises(DomainError) as exc:
        return_update(user=roles["province"], update=update, reasons="  ")
    assert exc.value.code == "reasons_required"
    update = return_update(user=roles["province"], update=update, reasons="服务企业数量有误")
    assert (update.status, update.return_reasons, update.decided_by) == ("returned", "服务企业数量有误",
                                                                        roles["province"])
    returned = Notification.objects.get(user=roles["applicant"], kind="quarterly_update_returned")
    assert (returned.title, returned.body) == ("高速光电子器件封装测试中试平台的2026年第一季度已退回修改",
                                               "服务企业数量有误")
    answers = dict(update.answers)
    answers["capacity"] = {**answers["capacity"], "enterprises_served": 7}
    update = save_update(user=roles["applicant"], update=update, answers=answers, base_revision=update.revision)
    update = submit_update(user=roles["applicant"], update=update, now=at(Q1_OPEN))
    update = accept_update(user=roles["province"], update=update)
    platform.refresh_from_db()
    assert (update.status, update.version.number, update.version.source) == ("accepted", 2, "quarterly")
    assert (platform.version_count, str(platform.service_revenue_wan), platform.enterprises_served,
            platform.fulltime_staff) == (2, "920.00", 7, 48)
    assert [(s.position, s.name, s.kind) for s in platform.services.all()] == [(1, "800G光模块性能测试", "产品性能测试")]
    v1, v2 = platform.versions.order_by("number")
    lines = [f"{c['label']}: {c['old']} → {c['new']}{c['unit']}" for c in diff_versions(v1, v2)]
    assert lines == [
        "本季度中试服务收入: 860 → 920万元",
        "本季度服务企业数量: 5 → 7家",
        "平台专职人员总数: 46 → 48人",
        "本季度中试线运行天数: None → 60天",
        "中试线产能利用率（%）: None → 75%",
        "本季度完成中试项目数: None → 12项",
        "服务事项 › 第1行 › 服务名称: 光模块性能测试 → 800G光模块性能测试",
        "本季度运行情况及变化说明:  → 本季度运行平稳。",
    ]
    transitions = AuditEntry.objects.filter(target_type="library.QuarterlyUpdate", action="transition")
    assert [e.after["status"] for e in transitions.order_by("pk")] == [
        "draft", "submitted", "returned", "submitted", "accepted"]
    accepted = Notification.objects.get(user=roles["applicant"], kind="quarterly_update_accepted")
    assert accepted.title == "高速光电子器件封装测试中试平台的2026年第一季度已通过审核"


@pytest.mark.django_db
def test_two_reviewers_accepting_one_update_record_one_decision(roles, platform) -> None:
    update = submitted_update(roles, platform)
    first_view = QuarterlyUpdate.objects.get(pk=update.pk)
    second_view = QuarterlyUpdate.objects.get(pk=update.pk)  # loaded while still submitted
    accept_update(user=roles["province"], update=first_view)
    with pytest.raises(DomainError) as exc:
        accept_update(user=roles["ministry"], update=second_view)
    assert exc.value.code == "already_decided"
    update.refresh_from_db()
    assert (update.decided_by, platform.versions.count()) == (roles["province"], 2)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="row locks need a server database")
def test_concurrent_accepts_lock_the_update(roles, platform) -> None:
    update = submitted_update(roles, platform)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def accept(user):
        try:
            barrier.wait(timeout=10)
            accept_update(user=user, update=QuarterlyUpdate.objects.get(pk=update.pk))
            outcomes.append("accepted")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(roles[name],)) for name in ("province", "ministry")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["accepted", "already_decided"]
    assert platform.versions.count() == 2
    assert AuditEntry.objects.filter(target_type="library.QuarterlyUpdate", action="transition",
                                     after__status="accepted").count() == 1


@pytest.mark.django_db
def test_who_may_edit_and_review(roles, platform) -> None:
    with pytest.raises(NotAllowed):
        start_update(user=roles["other_applicant"], platform=platform, today=Q1_OPEN)
    update = submitted_update(roles, platform)
    for name in ("other_province", "city", "district", "applicant"):
        with pytest.raises(NotAllowed):
            accept_update(user=roles[name], update=update)
        with pytest.raises(NotAllowed):
            return_update(user=roles[name], update=update, reasons="不行")
    with pytest.raises(NotAllowed):  # submitted: no longer editable
        save_update(user=roles["applicant"], update=update, answers=update.answers, base_revision=update.revision)
    assert accept_update(user=roles["ministry"], update=update).decided_by == roles["ministry"]
    assert update.submitted_at + timedelta(0) == at(Q1_OPEN)


@pytest.mark.django_db
def test_a_host_organisation_whose_approval_was_withdrawn_cannot_update(roles, platform) -> None:
    host_org = roles["applicant"].host_org
    host_org.status = "pending"
    host_org.save()
    roles["applicant"].refresh_from_db()
    with pytest.raises(NotAllowed):
        start_update(user=roles["applicant"], platform=platform, today=Q1_OPEN)
