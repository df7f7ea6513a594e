"""The lifecycle's domain functions: tier changes, removal, change reports (and the flag of an unreported
rename), policy support — each with its record, audit entry and notifications."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests import factories
from tests.library.platform_rows import platform
from zhongshi.audit.models import AuditEntry
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.library.domain.ban import find_ban
from zhongshi.library.domain.lifecycle import (
    acknowledge_change,
    change_tier,
    record_support,
    remove_platform,
    report_change,
)
from zhongshi.library.models import ChangeReport, PilotPlatform, PolicySupport, Removal, TierChange
from zhongshi.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _notes(kind: str) -> list[tuple[str, str, str]]:
    return list(Notification.objects.filter(kind=kind).order_by("user__username").values_list(
        "user__username", "title", "body"))


def _mine(roles, **extra) -> PilotPlatform:
    return platform(host_org=roles["applicant"].host_org, **{"name": "光芯中试平台", **extra})


def test_the_ministry_changes_the_tier_with_its_reasons(roles) -> None:
    p = _mine(roles, tier="reserve")
    change = change_tier(user=roles["ministry"], platform=p, new_tier="key", reason="遴选为重点培育",
                         decided_on=date(2026, 9, 1))
    p.refresh_from_db()
    assert p.tier == "key"
    assert list(TierChange.objects.filter(platform=p).values_list("old_tier", "new_tier", "reason", "decided_on",
                                                                  "decided_by__username")) == [
        ("", "reserve", "入库", date(2026, 1, 20), None),
        ("reserve", "key", "遴选为重点培育", date(2026, 9, 1), "miit")]
    assert change.pk is not None
    entry = AuditEntry.objects.filter(action="transition", target_type="library.PilotPlatform").latest("pk")
    assert (entry.before, entry.after, entry.message, entry.actor_id) == (
        {"tier": "reserve"}, {"tier": "key"}, "遴选为重点培育", roles["ministry"].pk)
    title = "光芯中试平台：层级由储备中试平台变更为工业和信息化部重点培育中试平台"
    assert _notes("platform_tier_changed") == [("guangxin", title, "遴选为重点培育"), ("hubei", title, "遴选为重点培育")]


@pytest.mark.parametrize(("new_tier", "reason", "field", "message"), [
    ("reserve", "理由", "new_tier", "该平台已是这一层级。"),
    ("key", "  ", "reason", "请填写层级变更的理由。"),
    ("gold", "理由", "new_tier", "请选择层级。"),
])
def test_a_tier_change_needs_a_new_tier_and_reasons(roles, new_tier, reason, field, message) -> None:
    p = _mine(roles, tier="reserve")
    with pytest.raises(DomainError) as caught:
        change_tier(user=roles["ministry"], platform=p, new_tier=new_tier, reason=reason)
    assert (caught.value.field, caught.value.message) == (field, message)
    assert TierChange.objects.filter(platform=p).count() == 1


def test_only_the_ministry_changes_tiers_and_never_of_a_removed_platform(roles) -> None:
    p = _mine(roles, tier="reserve")
    with pytest.raises(NotAllowed):
        change_tier(user=roles["province"], platform=p, new_tier="key", reason="理由")
    removed = _mine(roles, tier="reserve", name="已移出平台", status="removed", removed_on=date(2026, 3, 15))
    with pytest.raises(DomainError) as caught:
        change_tier(user=roles["ministry"], platform=removed, new_tier="key", reason="理由")
    assert caught.value.message == "已移出的平台保留其最后的层级，不能再变更。"


def test_removal_records_the_cause_and_bans_the_host_for_three_years(roles) -> None:
    p = _mine(roles)
    evidence = SimpleUploadedFile("核查报告.pdf", factories.pdf_bytes("report"))
    removal = remove_platform(user=roles["ministry"], platform=p, cause_code="falsification",
                              details="季度数据与核查结果不符", evidence=evidence, decided_on=date(2026, 3, 15))
    p.refresh_from_db()
    assert (p.status, p.removed_on, p.removal_cause) == ("removed", date(2026, 3, 15), "数据资料弄虚作假")
    removal = Removal.objects.get(pk=removal.pk)
    assert (removal.cause_code, removal.cause, removal.details, removal.evidence_name, removal.decided_by_id) == (
        "falsification", "数据资料弄虚作假", "季度数据与核查结果不符", "核查报告.pdf", roles["ministry"].pk)
    assert removal.evidence.read().startswith(b"%PDF")
    assert find_ban(p.credit_code, on=date(2029, 3, 15)).until == date(2029, 3, 15)
    entry = AuditEntry.objects.filter(action="transition", target_type="library.PilotPlatform").latest("pk")
    assert (entry.before, entry.after, entry.message) == (
        {"status": "active"}, {"status": "removed"}, "数据资料弄虚作假：季度数据与核查结果不符")
    body = "移出原因：数据资料弄虚作假。该依托单位在 2029年3月15日（含）之前不得再次申报。"
    assert _notes("platform_removed") == [("guangxin", "光芯中试平台已移出平台库", body),
                                          ("hubei", "光芯中试平台已移出平台库", body)]


@pytest.mark.parametrize(("cause", "details", "field", "message"), [
    ("", "事实", "cause_code", "请选择移出原因。"),
    ("no_such_cause", "事实", "cause_code", "请选择移出原因。"),
    ("falsification", " ", "details", "请填写移出的事实和依据。"),
])
def test_a_removal_needs_a_known_cause_and_the_facts(roles, cause, details, field, message) -> None:
    p = _mine(roles)
    with pytest.raises(DomainError) as caught:
        remove_platform(user=roles["ministry"], platform=p, cause_code=cause, details=details)
    assert (caught.value.field, caught.value.message) == (field, message)
    p.refresh_from_db()
    assert (p.status, Removal.objects.count()) == ("active", 0)


def test_a_removal_with_a_bad_file_stores_nothing(roles) -> None:
    p = _mine(roles)
    with pytest.raises(DomainError) as caught:
        remove_platform(user=roles["ministry"], platform=p, cause_code="falsification", details="事实",
                        evidence=SimpleUploadedFile("a.pdf", b"not a pdf at all"))
    assert caught.value.field == "evidence"
    p.refresh_from_db()
    assert (p.status, Removal.objects.count()) == ("active", 0)


def test_a_removed_platform_cannot_be_removed_twice_and_a_province_cannot_remove(roles) -> None:
    p = _mine(roles)
    with pytest.raises(NotAllowed):
        remove_platform(user=roles["province"], platform=p, cause_code="falsification", details="事实")
    remove_platform(user=roles["ministry"], platform=p, cause_code="falsification", details="事实",
                    decided_on=date(2026, 3, 15))
    with pytest.raises(DomainError) as caught:
        remove_platform(user=roles["ministry"], platform=p, cause_code="falsification", details="事实")
    assert caught.value.message == "该平台已移出平台库。"


def test_the_host_reports_a_rename_and_the_province_acknowledges(roles) -> None:
    p = _mine(roles)
    report = report_change(user=roles["applicant"], platform=p, kind="rename", description="公司更名",
                           new_name="光芯科技股份有限公司", effective_on=date(2026, 7, 1))
    report.refresh_from_db()
    assert (report.kind, report.status, report.old_name, report.new_name, report.reported_by_id) == (
        "rename", "reported", p.host_org_name, "光芯科技股份有限公司", roles["applicant"].pk)
    assert _notes("change_reported") == [("hubei", "光芯中试平台报告重大事项：更名", "公司更名")]
    with pytest.raises(NotAllowed):
        acknowledge_change(user=roles["city"], report=report)
    with pytest.raises(NotAllowed):
        acknowledge_change(user=roles["other_province"], report=report)
    acknowledge_change(user=roles["province"], report=report, remark="已备案")
    report.refresh_from_db()
    assert (report.status, report.acknowledged_by_id, report.province_remark) == (
        "acknowledged", roles["province"].pk, "已备案")
    assert _notes("change_acknowledged") == [("guangxin", "省级主管部门已确认光芯中试平台的重大事项报告", "已备案")]
    with pytest.raises(DomainError):
        acknowledge_change(user=roles["province"], report=report)


@pytest.mark.parametrize(("kind", "description", "new_name", "effective_on", "field"), [
    ("", "说明", "", date(2026, 7, 1), "kind"),
    ("merger", " ", "", date(2026, 7, 1), "description"),
    ("rename", "说明", "", date(2026, 7, 1), "new_name"),
    ("merger", "说明", "", None, "effective_on"),
])
def test_a_change_report_needs_its_fields(roles, kind, description, new_name, effective_on, field) -> None:
    p = _mine(roles)
    with pytest.raises(DomainError) as caught:
        report_change(user=roles["applicant"], platform=p, kind=kind, description=description, new_name=new_name,
                      effective_on=effective_on)
    assert caught.value.field == field
    assert ChangeReport.objects.count() == 0


def test_only_the_host_reports_changes(roles) -> None:
    p = _mine(roles)
    for user in (roles["other_applicant"], roles["province"]):
        with pytest.raises(NotAllowed):
            report_change(user=user, platform=p, kind="merger", description="说明", effective_on=date(2026, 7, 1))


def test_a_rename_without_a_report_is_flagged_to_the_province(roles) -> None:
    org = roles["applicant"].host_org
    old = org.name
    p = _mine(roles)
    platform(host_org=org, name="已移出的平台", status="removed", removed_on=date(2026, 1, 1))
    org.name = "光芯新名称有限公司"
    org.save()
    flagged = ChangeReport.objects.get(platform=p)
    assert (flagged.kind, flagged.status, flagged.old_name, flagged.new_name, flagged.reported_by_id) == (
        "rename", "flagged", old, "光芯新名称有限公司", None)
    assert flagged.description == f"登记名称由“{old}”变更为“光芯新名称有限公司”，未见更名报告。"
    assert ChangeReport.objects.count() == 1  # the removed platform is not flagged
    assert _notes("change_unreported") == [("hubei", "未报告的更名：光芯中试平台", flagged.description)]
    with pytest.raises(DomainError) as caught:
        acknowledge_change(user=roles["province"], report=flagged)
    assert caught.value.field == "remark"
    acknowledge_change(user=roles["province"], report=flagged, remark="已约谈，补报")
    org.contact_name = "李工"  # a save that keeps the name flags nothing
    org.save()
    assert ChangeReport.objects.count() == 1


def test_a_reported_rename_is_not_flagged_within_90_days(roles) -> None:
    org = roles["applicant"].host_org
    p = _mine(roles)
    report = report_change(user=roles["applicant"], platform=p, kind="rename", description="更名",
                           new_name="光芯新名称有限公司", effective_on=date(2026, 7, 1))
    org.name = "光芯新名称有限公司"
    org.save()
    assert list(ChangeReport.objects.values_list("status", flat=True)) == ["reported"]
    ChangeReport.objects.filter(pk=report.pk).update(reported_at=timezone.now() - timedelta(days=91))
    org.name = "光芯再次更名有限公司"
    org.save()
    assert sorted(ChangeReport.objects.values_list("status", flat=True)) == ["flagged", "reported"]


def test_an_authority_records_policy_support(roles) -> None:
    p = _mine(roles)
    support = record_support(user=roles["city"], platform=p, kind="funds", granted_on=date(2026, 6, 30),
                             amount_wan=Decimal("200.50"), source="武汉市科技创新专项", description="设备购置补助")
    support = PolicySupport.objects.get(pk=support.pk)
    assert (support.kind, support.granted_on, support.amount_wan, support.source, support.recorded_by_id) == (
        "funds", date(2026, 6, 30), Decimal("200.50"), "武汉市科技创新专项", roles["city"].pk)
    assert _notes("support_recorded") == [("guangxin", "光芯中试平台新增政策支持记录：资金", "武汉市科技创新专项")]
    for user in (roles["district"], roles["other_province"], roles["applicant"]):
        with pytest.raises(NotAllowed):
            record_support(user=user, platform=p, kind="funds", granted_on=date(2026, 6, 30), amount_wan=None,
                           source="来源")
    with pytest.raises(DomainError) as caught:
        record_support(user=roles["province"], platform=p, kind="land", granted_on=date(2026, 6, 30),
                       amount_wan=Decimal("-1"), source="省")
    assert caught.value.field == "amount_wan"
    assert PolicySupport.objects.count() == 1
