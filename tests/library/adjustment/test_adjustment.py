"""Periodic adjustment, the province-decided reserve selection and the ministry's nominations (issue 10 §2, §4)."""

from __future__ import annotations

import importlib
from datetime import date, timedelta
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.utils import timezone

from tests import factories
from tests.library.adjustment.conftest import make_platform, pdf_upload
from zhongshi.core.errors import DomainError
from zhongshi.library.domain.adjustment import (
    decide_exit,
    open_round,
    propose_addition,
    propose_exit,
    round_window,
    submit_round,
    upload_summary_sheet,
)
from zhongshi.library.domain.ban import compute_ban_end, find_ban, today_in_china
from zhongshi.library.models import AdjustmentRound, PilotPlatform, Removal
from zhongshi.notifications.models import Notification

pytestmark = pytest.mark.django_db


def cli_window(month: str) -> tuple[date, date]:
    out = StringIO()
    call_command("working_window", month, "--last", "5", stdout=out)
    days = [date.fromisoformat(line) for line in out.getvalue().split()]
    return days[0], days[-1]


def test_the_window_is_the_last_five_working_days_of_june_and_december() -> None:
    assert round_window(2026, 6) == (date(2026, 6, 24), date(2026, 6, 30)) == cli_window("2026-06")
    assert round_window(2026, 12) == (date(2026, 12, 25), date(2026, 12, 31)) == cli_window("2026-12")


def test_a_round_opens_in_june_or_december_only(roles) -> None:
    with pytest.raises(DomainError) as refused:
        open_round(user=roles["province"], today=date(2026, 11, 30))
    assert refused.value.message == "动态调整只在6月或12月开展（储备中试平台管理要求 二、（五））；今天是2026年11月30日。"
    assert not AdjustmentRound.objects.exists()
    round_ = open_round(user=roles["province"], today=date(2026, 12, 1))
    assert (round_.authority.region.code, round_.year, round_.half, round_.status) == ("420000", 2026, 12, "open")
    assert (round_.window_opens, round_.window_closes) == (date(2026, 12, 25), date(2026, 12, 31))
    with pytest.raises(DomainError) as twice:
        open_round(user=roles["province"], today=date(2026, 12, 28))
    assert twice.value.message == "2026年12月的动态调整已经开启。"
    with pytest.raises(Exception) as not_province:
        open_round(user=roles["city"], today=date(2026, 12, 1))
    assert str(not_province.value) == "只有省级工业和信息化主管部门开展动态调整。"


def test_the_province_selection_enters_the_reserve_library_without_the_ministry(
        roles, reserve_at_province, django_capture_on_commit_callbacks) -> None:
    from zhongshi.reviews.domain.act_on_application import decide_application
    from zhongshi.reviews.models import ReviewStep

    application = reserve_at_province
    decide_application(user=roles["province"], application=application, approve=True, reasons="遴选评估通过")
    application.refresh_from_db()
    assert (application.status, application.final_at) == ("approved", None)
    assert not PilotPlatform.objects.exists()
    round_ = open_round(user=roles["province"], today=date(2026, 6, 2))
    propose_addition(user=roles["province"], round=round_, application=application)
    with pytest.raises(DomainError) as no_sheet:
        submit_round(user=roles["province"], round=round_)
    assert no_sheet.value.message == "请先上传汇总表盖章扫描件，再提交。"
    upload_summary_sheet(user=roles["province"], round=round_, upload=pdf_upload())
    with django_capture_on_commit_callbacks(execute=True):
        submit_round(user=roles["province"], round=round_)
    application.refresh_from_db()
    assert application.final_at is not None
    platform = PilotPlatform.objects.get(source_application=application)
    assert (platform.tier, platform.status, platform.credit_code) == (
        "reserve", "active", roles["applicant"].host_org.credit_code)
    assert [(c.old_tier, c.new_tier) for c in platform.tier_changes.all()] == [("", "reserve")]
    final = ReviewStep.objects.get(application=application, action="final")
    assert (final.level, final.authority.region.code, final.letter.original_name) == (
        "province", "420000", "汇总表盖章扫描件.pdf")
    assert not ReviewStep.objects.filter(application=application, level="ministry").exists()
    round_.refresh_from_db()
    assert (round_.status, round_.proposals.get().status) == ("closed", "done")
    assert Notification.objects.filter(user=roles["ministry"], kind="adjustment_round",
                                       url=round_.get_absolute_url()).count() == 1


def test_an_application_outside_the_window_is_not_in_the_new_batch(roles, reserve_at_province) -> None:
    from zhongshi.reviews.domain.act_on_application import decide_application

    decide_application(user=roles["province"], application=reserve_at_province, approve=True, reasons="通过")
    round_ = open_round(user=roles["province"], today=date(2026, 12, 1))
    with pytest.raises(DomainError) as refused:
        propose_addition(user=roles["province"], round=round_, application=reserve_at_province)
    assert refused.value.message == ("只有本省在本轮窗口期（2026年12月25日至2026年12月31日）内提交并经遴选评估通过的"
                                     "储备申报可以列入新一批名单。")


def test_an_accepted_exit_removes_the_platform_and_starts_the_ban(roles, django_capture_on_commit_callbacks) -> None:
    platform = make_platform()
    round_ = open_round(user=roles["province"], today=date(2026, 12, 1))
    proposal = propose_exit(user=roles["province"], round=round_, platform=platform, cause_code="falsification",
                            reasons="季度更新数据经核实弄虚作假")
    assert (proposal.cause, proposal.status) == ("数据资料弄虚作假", "proposed")
    upload_summary_sheet(user=roles["province"], round=round_, upload=pdf_upload())
    submit_round(user=roles["province"], round=round_)
    round_.refresh_from_db()
    assert round_.status == "submitted"
    with pytest.raises(Exception) as not_ministry:
        decide_exit(user=roles["province"], proposal=proposal, accept=True)
    assert str(not_ministry.value) == "只有工业和信息化部决定退出建议。"
    with django_capture_on_commit_callbacks(execute=True):
        decide_exit(user=roles["ministry"], proposal=proposal, accept=True)
    platform.refresh_from_db()
    today = today_in_china()
    assert (platform.status, platform.removed_on, platform.removal_cause) == ("removed", today, "数据资料弄虚作假")
    removal = Removal.objects.get(platform=platform)
    assert (removal.cause_code, removal.decided_by, removal.details) == (
        "falsification", roles["ministry"], "季度更新数据经核实弄虚作假")
    ban = find_ban(platform.credit_code, on=today)
    assert ban is not None and ban.until == compute_ban_end(today)
    proposal.refresh_from_db()
    round_.refresh_from_db()
    assert (proposal.status, proposal.decided_by, round_.status) == ("done", roles["ministry"], "closed")
    assert Notification.objects.filter(user=roles["province"], kind="adjustment_decided").count() == 1


def test_a_declined_exit_needs_reasons_and_keeps_the_platform(roles) -> None:
    platform = make_platform()
    round_ = open_round(user=roles["province"], today=date(2026, 6, 1))
    proposal = propose_exit(user=roles["province"], round=round_, platform=platform, cause_code="conditions_not_met",
                            reasons="服务收入不足")
    upload_summary_sheet(user=roles["province"], round=round_, upload=pdf_upload())
    submit_round(user=roles["province"], round=round_)
    with pytest.raises(DomainError) as no_reasons:
        decide_exit(user=roles["ministry"], proposal=proposal, accept=False, reasons=" ")
    assert no_reasons.value.message == "请填写不同意的理由。"
    decide_exit(user=roles["ministry"], proposal=proposal, accept=False, reasons="整改后已满足条件")
    platform.refresh_from_db()
    proposal.refresh_from_db()
    assert (platform.status, proposal.status, proposal.decision_reasons) == ("active", "declined", "整改后已满足条件")


def test_an_exit_needs_a_cause_and_a_platform_of_the_province(roles) -> None:
    round_ = open_round(user=roles["province"], today=date(2026, 6, 1))
    with pytest.raises(DomainError) as no_cause:
        propose_exit(user=roles["province"], round=round_, platform=make_platform(), cause_code="", reasons="x")
    assert (no_cause.value.field, no_cause.value.message) == ("cause_code", "请选择退出原因。")
    with pytest.raises(DomainError) as elsewhere:
        propose_exit(user=roles["province"], round=round_, platform=make_platform(name="杭州平台", district="330106"),
                     cause_code="falsification", reasons="x")
    assert elsewhere.value.message == "请选择本省在库的中试平台。"


# ---------------------------------------------------------------------------------------------- nominations


def key_call():
    from zhongshi.calls.models import Call

    return Call.objects.create(code="miit-key-2026", title="2026年工业和信息化部重点培育中试平台遴选", level="ministry_key",
                               issuer=factories.authority("000000"), form_code="hubei-2026",
                               chain=[{"level": "province", "deadline": None}, {"level": "ministry", "deadline": None}])


def test_a_key_nomination_moves_the_reserve_platform_up(roles) -> None:
    from zhongshi.reviews.domain.notices import close_notice, publish_notice

    host_org = roles["applicant"].host_org
    platform = make_platform(name="东湖储备中试平台", host_org=host_org)
    call = key_call()
    application = factories.application(host_org, call_code=call.code, status="approved")
    now = timezone.now()
    notice = publish_notice(user=roles["ministry"], call=call, title="重点培育中试平台公示", text="公示7天",
                            starts_at=now - timedelta(minutes=1), ends_at=now + timedelta(days=7))
    close_notice(notice=notice, user=roles["ministry"], now=notice.ends_at + timedelta(minutes=1))
    platform.refresh_from_db()
    assert PilotPlatform.objects.count() == 1
    assert (platform.tier, platform.name, platform.source_application) == ("key", "东湖储备中试平台", application)
    assert [(c.old_tier, c.new_tier, c.reason, c.decided_by) for c in platform.tier_changes.all()] == [
        ("reserve", "key", "2026年工业和信息化部重点培育中试平台遴选", roles["ministry"])]


def test_only_hosts_with_a_reserve_platform_apply_to_a_key_nomination(roles) -> None:
    from zhongshi.applications.domain.check_registration import check_registration
    from zhongshi.applications.domain.edit_application import create_application

    call = key_call()
    code = roles["applicant"].host_org.credit_code
    with pytest.raises(DomainError) as refused:
        create_application(user=roles["applicant"], call=call)
    assert (refused.value.code, refused.value.message) == (
        "reserve_platform_required",
        (f"该依托单位（{code}）没有在库的储备中试平台：只有储备库中的平台可以遴选为工业和信息化部重点培育中试平台"
         "（储备中试平台管理要求 二、（三））。"))
    issues = check_registration(call=call, host_org=roles["applicant"].host_org,
                                answers=factories.example_answers(roles["applicant"].host_org))
    assert [i.code for i in issues] == ["reserve_platform_required"]
    # the barrier holds for nomination calls only; the Hubei call takes the same organisation
    assert create_application(user=roles["applicant"], call=factories.call()).call.code == "hubei-2026-provincial"
    make_platform(host_org=roles["applicant"].host_org)
    assert create_application(user=roles["applicant"], call=call).call == call


# ---------------------------------------------------------------------------------------------- data


def test_the_migration_drops_the_ministry_level_unless_an_application_is_there(roles) -> None:
    migration = importlib.import_module("zhongshi.library.migrations.0004_adjustment_reserve_chain")
    call = factories.call("miit-reserve")
    assert call.chain_levels() == ["district", "city", "province"]
    four = [*call.chain, {"level": "ministry", "deadline": None}]
    call.chain = four
    call.save()
    waiting = factories.application(roles["applicant"].host_org, call_code="miit-reserve", status="submitted",
                                    current_level="ministry")
    migration.drop_ministry_level(django_apps, None)
    call.refresh_from_db()
    assert call.chain == four
    waiting.status = "approved"
    waiting.save()
    migration.drop_ministry_level(django_apps, None)
    call.refresh_from_db()
    assert call.chain_levels() == ["district", "city", "province"]
    migration.restore_ministry_level(django_apps, None)
    call.refresh_from_db()
    assert call.chain == four


def test_a_ministry_affiliated_unit_reaches_the_ministry_at_once(roles, django_capture_on_commit_callbacks) -> None:
    from zhongshi.applications.domain.transitions import move_application

    host_org = roles["applicant"].host_org
    host_org.ministry_affiliated = True
    host_org.save()
    application = factories.application(host_org, call_code="miit-reserve")
    with django_capture_on_commit_callbacks(execute=True):
        move_application(application=application, move="submit", actor=roles["applicant"], level="district")
    notification = Notification.objects.get(user=roles["ministry"], kind="affiliated_reserve_submitted")
    assert notification.url == f"/applications/{application.pk}/"
    assert notification.title == "高速光电子器件封装测试中试平台（工业和信息化部直属单位依托建设）申请进入储备库"
