"""Walk every URL pattern of the URLconf with every role and prove who may open it.

The patterns come from the resolver, not from a hand-kept list: a pattern that is missing from
``EXPECTED`` (or from the admin rule) fails ``test_every_url_has_an_expectation``, and a view that
names neither a permission nor ``public = True`` fails ``test_every_view_declares_its_permission``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import factories
from zhongshi.organisations.models import HostOrg

ROLES = ["anonymous", "admin", "ministry", "province", "other_province", "city", "district",
         "other_district", "applicant", "other_applicant", "expert", "enterprise"]
AUTHORITIES = {"ministry", "province", "other_province", "city", "district", "other_district"}
SIGNED_IN = set(ROLES) - {"anonymous"}
PUBLIC = set(ROLES)


@dataclass(frozen=True)
class Expect:
    allowed: set[str]
    method: str = "get"
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda roles: {})


def _own_org(roles: dict[str, Any]) -> dict[str, Any]:
    return {"pk": roles["applicant"].host_org_id}


def _fresh_pending_org(roles: dict[str, Any]) -> dict[str, Any]:
    return {"pk": factories.HostOrgFactory(status="pending", district=factories.region("420171")).pk}


def _fresh_partner(roles: dict[str, Any]) -> dict[str, Any]:
    return {"pk": factories.PartnerOrgFactory(host_org=roles["applicant"].host_org).pk}


def _draft(roles: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"pk": factories.application(roles["applicant"].host_org).pk, **extra}


def _submitted(roles: dict[str, Any], **extra: Any) -> dict[str, Any]:
    application = factories.application(roles["applicant"].host_org, status="submitted")
    return {"pk": application.pk, **extra}


def _with_evidence(status: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def kwargs(roles: dict[str, Any]) -> dict[str, Any]:
        application = factories.application(roles["applicant"].host_org, status=status)
        evidence = factories.evidence_file(application)
        return {"pk": application.pk, "evidence_pk": evidence.pk}

    return kwargs


# Who sees an application: its own organisation always; once submitted, the authorities of its subtree
# (district 420171 → city 420100 → province 420000) and the ministry; never another province or district.
SEES_SUBMITTED = {"admin", "ministry", "province", "city", "district", "applicant"}

def _two_rounds(roles: dict[str, Any]) -> dict[str, Any]:
    from django.utils import timezone

    from zhongshi.applications.models import ApplicationRound

    application = factories.application(roles["applicant"].host_org, status="submitted", round=2)
    for number in (1, 2):
        ApplicationRound.objects.create(application=application, number=number, answers=application.answers,
                                        revision=number, submitted_at=timezone.now())
    return {"pk": application.pk}


def _city_letter(roles: dict[str, Any]) -> dict[str, Any]:
    from django.core.files.base import ContentFile

    from zhongshi.reviews.models import RecommendationLetter

    letter = RecommendationLetter(call=factories.call(), authority=factories.authority("420100"),
                                  original_name="推荐文件.pdf", content_type="application/pdf", size=10)
    letter.file.save("推荐文件.pdf", ContentFile(factories.pdf_bytes()), save=False)
    letter.save()
    return {"pk": letter.pk}


def _province_export(roles: dict[str, Any]) -> dict[str, Any]:
    """A finished background export of the province reviewer's (only he may see and download it)."""
    from django.core.files.base import ContentFile

    from zhongshi.reviews.models import ExportJob

    job = ExportJob(user=roles["province"], kind="list", filename="申报书列表.xlsx", status="done", total=1, done=1)
    job.file.save("list.xlsx", ContentFile(b"PK"), save=False)
    job.save()
    return {"pk": job.pk}


def _notice(roles: dict[str, Any], **extra: Any) -> dict[str, Any]:
    from datetime import timedelta

    from django.utils import timezone

    from zhongshi.reviews.models import Notice, Objection

    application = factories.application(roles["applicant"].host_org, status="approved")
    notice = Notice.objects.create(call=factories.call(), authority=factories.authority("420000"), title="公示",
                                   starts_at=timezone.now() - timedelta(days=8),
                                   ends_at=timezone.now() - timedelta(days=1))
    notice.applications.set([application])
    if extra.pop("objection", False):
        extra["objection_pk"] = Objection.objects.create(notice=notice, application=application, name="张三",
                                                         contact="x", text="异议").pk
    return {"pk": notice.pk, **extra}


def _own_notification(roles: dict[str, Any]) -> dict[str, Any]:
    from zhongshi.notifications.models import Notification

    notification = Notification.objects.create(user=roles["applicant"], kind="application_returned", title="退回修改",
                                               url="/applications/")
    return {"pk": notification.pk}


def _call_attachment(roles: dict[str, Any]) -> dict[str, Any]:
    from django.core.files.base import ContentFile

    from zhongshi.calls.models import CallAttachment

    attachment = CallAttachment(call=factories.call(), title="附件1 建设要求")
    attachment.file.save("附件1.pdf", ContentFile(factories.pdf_bytes()), save=False)
    attachment.save()
    return {"code": "hubei-2026-provincial", "pk": attachment.pk}


def _own_platform(roles: dict[str, Any], **extra: Any) -> dict[str, Any]:
    from tests.library.platform_rows import platform

    return {"pk": platform(host_org=roles["applicant"].host_org, **extra).pk}


def _removed_platform_with_evidence(roles: dict[str, Any]) -> dict[str, Any]:
    from datetime import date

    from django.core.files.base import ContentFile

    from zhongshi.library.models import PilotPlatform, Removal

    pk = _own_platform(roles, status="removed", removed_on=date(2026, 3, 15))["pk"]
    removal = Removal(platform=PilotPlatform.objects.get(pk=pk), cause_code="falsification", cause="数据资料弄虚作假",
                      decided_on=date(2026, 3, 15), evidence_name="核查报告.pdf")
    removal.evidence.save("r.pdf", ContentFile(factories.pdf_bytes()), save=False)
    removal.save()
    return {"pk": pk}


def _change_report(roles: dict[str, Any], *, evidence: bool = False) -> dict[str, Any]:
    from datetime import date

    from django.core.files.base import ContentFile

    from zhongshi.library.models import ChangeReport, PilotPlatform

    report = ChangeReport(platform=PilotPlatform.objects.get(pk=_own_platform(roles)["pk"]), kind="merger",
                          description="重组", effective_on=date(2026, 7, 1), evidence_name="决议.pdf")
    if evidence:
        report.evidence.save("c.pdf", ContentFile(factories.pdf_bytes()), save=False)
    report.save()
    return {"pk": report.pk}


# Who sees a platform of the applicant's organisation (东湖高新区): the authorities over it and the host.
SEES_PLATFORM = {"admin", "ministry", "province", "city", "district", "applicant"}


def _hubei_round(roles: dict[str, Any]) -> dict[str, Any]:  # library adjustment (issue 10 §4)
    from datetime import date

    from django.core.files.base import ContentFile

    from zhongshi.library.models import AdjustmentProposal, AdjustmentRound, PilotPlatform

    round_, created = AdjustmentRound.objects.get_or_create(
        authority=factories.authority("420000"), year=2026, half=12,
        defaults={"window_opens": date(2026, 12, 25), "window_closes": date(2026, 12, 31)})
    if created:
        round_.summary_sheet.save("sheet.pdf", ContentFile(factories.pdf_bytes()), save=False)
        round_.summary_sheet_name = "汇总表.pdf"
        round_.save()
        platform = PilotPlatform.objects.create(name="调整测试平台", host_org_name="测试单位", credit_code="91420100MA0000001X",
                                                division=factories.region("420171"), tier="reserve",
                                                since=date(2026, 1, 5))
        AdjustmentProposal.objects.create(round=round_, action="exit", platform=platform, cause_code="falsification",
                                          cause="数据资料弄虚作假", reasons="核实")
    return {"pk": round_.pk}


def _hubei_proposal(roles: dict[str, Any]) -> dict[str, Any]:
    from zhongshi.library.models import AdjustmentProposal

    return {"pk": AdjustmentProposal.objects.get(round_id=_hubei_round(roles)["pk"]).pk}
def _expert_round(roles: dict[str, Any]) -> Any:
    """An open provincial round organised (and chaired) by the Hubei province, one item assigned to the expert."""
    from zhongshi.experts.domain.indicator_systems import install_example_systems
    from zhongshi.experts.models import Assignment, EvaluationRound, RoundItem

    evaluation_round = EvaluationRound.objects.create(
        title="专家评审", organiser=roles["province"].authority, kind="application_review",
        system=install_example_systems()[0], experts_per_item=1, chair=roles["province"])
    item = RoundItem.objects.create(round=evaluation_round, application=factories.application(
        roles["other_applicant"].host_org, status="submitted"))
    Assignment.objects.create(item=item, expert=roles["expert"].expert)
    return evaluation_round
def _library_platform(roles: dict[str, Any]) -> dict[str, Any]:
    from tests.library.quarterly.conftest import make_platform

    return {"pk": make_platform(roles["applicant"].host_org, name=f"平台{factories.credit_code()}").pk}


def _quarterly_update(roles: dict[str, Any]) -> dict[str, Any]:
    from zhongshi.library.models import PilotPlatform, QuarterlyUpdate

    platform = PilotPlatform.objects.get(pk=_library_platform(roles)["pk"])
    update = QuarterlyUpdate.objects.create(platform=platform, year=2026, quarter=1, form_code="library-quarterly-2026",
                                            answers={})
    return {"pk": update.pk}


HUBEI_CALL = {"code": "hubei-2026-provincial"}
# A call is changed and copied by its issuing authority (the Hubei call: 湖北省经信厅) and system administrators.
CALL_ISSUER = {"admin", "province"}

EXPECTED: dict[str, Expect] = {
    "library:adjustment_rounds": Expect({"admin", "ministry", "province", "other_province"}),
    "library:adjustment_open": Expect({"province", "other_province"}, method="post"),
    "library:adjustment_round": Expect({"admin", "ministry", "province"}, kwargs=_hubei_round),
    "library:adjustment_sheet": Expect({"admin", "ministry", "province"}, kwargs=_hubei_round),
    "library:adjustment_decide": Expect({"ministry"}, method="post", kwargs=_hubei_proposal),
    # library: quarterly updates (the platform in 东湖高新区, of the applicant's organisation)
    "library:update_platform": Expect(SEES_SUBMITTED, kwargs=_library_platform),
    "library:version_history": Expect(SEES_SUBMITTED, kwargs=_library_platform),
    "library:update_dashboard": Expect(AUTHORITIES | {"admin", "applicant", "other_applicant"}),
    "library:update_dashboard_export": Expect(AUTHORITIES | {"admin"}),
    "library:update_remind": Expect({"ministry", "province", "other_province"}, method="post"),
    "library:update_detail": Expect(SEES_SUBMITTED, kwargs=_quarterly_update),
    "library:update_edit": Expect({"applicant"}, kwargs=_quarterly_update),
    "library:update_submit": Expect({"applicant"}, method="post", kwargs=_quarterly_update),
    "library:update_decide": Expect({"ministry", "province"}, method="post", kwargs=_quarterly_update),
    "calls:call_list": Expect(PUBLIC),
    "calls:call_detail": Expect(PUBLIC, kwargs=lambda r: HUBEI_CALL),
    "calls:call_copy": Expect(CALL_ISSUER, kwargs=lambda r: HUBEI_CALL),
    "calls:call_edit": Expect(CALL_ISSUER, kwargs=lambda r: HUBEI_CALL),
    "calls:attachment_upload": Expect(CALL_ISSUER, method="post", kwargs=lambda r: HUBEI_CALL),
    "calls:attachment_download": Expect(PUBLIC, kwargs=_call_attachment),
    "calls:attachment_delete": Expect(CALL_ISSUER, method="post", kwargs=_call_attachment),
    "notifications:notification_list": Expect(SIGNED_IN),
    "notifications:mark_all_read": Expect(SIGNED_IN, method="post"),
    "notifications:notification_open": Expect({"applicant"}, kwargs=_own_notification),
    "notifications:preferences": Expect(SIGNED_IN),
    # library io (issue 10 §1): the platform list import (province, ministry) and export (authorities)
    "library:io_import": Expect({"admin", "ministry", "province", "other_province"}),
    "library:io_preview": Expect({"admin", "ministry", "province", "other_province"}),
    "library:io_confirm": Expect({"admin", "ministry", "province", "other_province"}, method="post"),
    "library:io_template": Expect({"admin", "ministry", "province", "other_province"}),
    "library:io_export": Expect({"admin"} | AUTHORITIES),
    "reviews:queue": Expect({"ministry", "province", "other_province", "city", "district", "other_district"}),
    "reviews:queue_export": Expect(AUTHORITIES),
    "reviews:forward": Expect(AUTHORITIES, method="post"),
    "reviews:letter_template": Expect(AUTHORITIES),
    "reviews:summary_sheet": Expect(AUTHORITIES, kwargs=lambda r: {"code": "hubei-2026-provincial"}),
    "reviews:export_job": Expect({"province"}, kwargs=_province_export),
    "reviews:export_download": Expect({"province"}, kwargs=_province_export),
    "reviews:review": Expect(SEES_SUBMITTED, kwargs=_submitted),
    "reviews:compare": Expect(SEES_SUBMITTED, kwargs=_two_rounds),
    "reviews:evidence_preview": Expect(SEES_SUBMITTED, kwargs=_with_evidence("submitted")),
    "reviews:review_annex": Expect(SEES_SUBMITTED - {"applicant"}, kwargs=_submitted),  # authorities only
    "reviews:letter_download": Expect({"admin", "ministry", "province", "city"}, kwargs=_city_letter),
    "reviews:extensions": Expect({"province", "city"}, kwargs=lambda r: {"code": "hubei-2026-provincial"}),  # the levels above
    "reviews:notice_create": Expect({"province"}, kwargs=lambda r: {"code": "hubei-2026-provincial"}),
    "reviews:notice_list": Expect(PUBLIC),
    "reviews:notice_detail": Expect(PUBLIC, kwargs=_notice),
    "reviews:objection_handle": Expect({"province"}, method="post", kwargs=lambda r: _notice(r, objection=True)),
    "reviews:objection_dismiss": Expect({"province"}, method="post", kwargs=_notice),
    "reviews:notice_close": Expect({"province"}, method="post", kwargs=_notice),
    "applications:application_list": Expect({"admin", "applicant", "other_applicant"} | AUTHORITIES),
    "applications:application_start": Expect({"applicant", "other_applicant"},
                                             kwargs=lambda r: {"code": "hubei-2026-provincial"}),
    "applications:application_detail": Expect(SEES_SUBMITTED, kwargs=_submitted),
    "applications:application_edit": Expect({"applicant"}, kwargs=_draft),
    "applications:application_edit_section": Expect({"applicant"}, kwargs=lambda r: _draft(r, section="foundation")),
    "applications:evidence_upload": Expect({"applicant"}, method="post", kwargs=_draft),
    "applications:evidence_download": Expect(SEES_SUBMITTED, kwargs=_with_evidence("submitted")),
    "applications:evidence_delete": Expect({"applicant"}, method="post", kwargs=_with_evidence("draft")),
    "applications:application_submit": Expect({"admin", "applicant"}, kwargs=_draft),
    "applications:application_withdraw": Expect({"applicant"}, kwargs=lambda r: {"pk": factories.application(
        r["applicant"].host_org, status="submitted", current_level="district", round=1).pk}),
    "applications:application_print": Expect(SEES_SUBMITTED, kwargs=_submitted),
    "applications:application_export": Expect(SEES_SUBMITTED, kwargs=lambda r: _submitted(r, fmt="json")),
    "core:home": Expect(PUBLIC),
    "core:health": Expect(PUBLIC),
    "core:help": Expect(PUBLIC),
    "accounts:login": Expect(PUBLIC),
    "accounts:logout": Expect(PUBLIC, method="post"),
    "accounts:password_change": Expect(SIGNED_IN),
    "accounts:register": Expect(PUBLIC),
    "accounts:register_done": Expect(PUBLIC),
    "accounts:user_list": Expect({"admin"}),
    "accounts:user_create": Expect({"admin"}),
    "accounts:user_edit": Expect({"admin"}, kwargs=lambda r: {"pk": r["applicant"].pk}),
    # a fresh account each time: the administrator's POST (no "active") disables it
    "accounts:user_active": Expect({"admin"}, method="post", kwargs=lambda r: {"pk": factories.expert_user().pk}),
    "accounts:user_reset_password": Expect({"admin"}, kwargs=lambda r: {"pk": r["applicant"].pk}),
    "accounts:user_unlock": Expect({"admin"}, method="post", kwargs=lambda r: {"pk": r["applicant"].pk}),
    "organisations:hostorg_list": Expect({"admin"} | AUTHORITIES),
    "organisations:hostorg_detail": Expect({"admin", "ministry", "province", "city", "district", "applicant"},
                                           kwargs=_own_org),
    "organisations:hostorg_edit": Expect({"admin", "applicant"}, kwargs=_own_org),
    "organisations:hostorg_approve": Expect({"district"}, method="post", kwargs=_fresh_pending_org),
    "organisations:hostorg_reject": Expect({"district"}, method="post", kwargs=_fresh_pending_org),
    "organisations:authority_list": Expect({"admin"} | AUTHORITIES),
    "organisations:partner_list": Expect({"applicant", "other_applicant"}),
    "organisations:partner_delete": Expect({"admin", "applicant"}, method="post", kwargs=_fresh_partner),
    "organisations:expert_list": Expect({"admin", "ministry", "province", "other_province"}),
    "audit:entry_list": Expect({"admin"} | AUTHORITIES),
    "audit:entry_export": Expect({"admin"} | AUTHORITIES),
    "reference:vocabulary_list": Expect(PUBLIC),
    # library: platforms and lifecycle
    "library:platform_list": Expect({"admin", "applicant", "other_applicant"} | AUTHORITIES),
    "library:my_platforms": Expect({"admin", "applicant", "other_applicant"} | AUTHORITIES),
    "library:platform_export": Expect({"admin"} | AUTHORITIES),
    "library:platform_detail": Expect(SEES_PLATFORM, kwargs=_own_platform),
    "library:public_list": Expect(PUBLIC),
    "library:directory_export": Expect({"admin", "ministry", "province", "other_province"}),
    "library:tier_change": Expect({"ministry"}, kwargs=_own_platform),
    "library:remove": Expect({"ministry"}, kwargs=_own_platform),
    "library:removal_evidence": Expect(SEES_PLATFORM, kwargs=_removed_platform_with_evidence),
    "library:change_report_create": Expect({"applicant"}, kwargs=_own_platform),
    "library:support_list": Expect(SEES_PLATFORM, kwargs=_own_platform),
    "library:support_create": Expect({"province", "city"}, kwargs=_own_platform),
    "library:change_report_list": Expect({"admin", "applicant", "other_applicant"} | AUTHORITIES),
    "library:change_acknowledge": Expect({"province"}, method="post", kwargs=_change_report),
    "library:change_evidence": Expect(SEES_PLATFORM, kwargs=lambda r: _change_report(r, evidence=True)),
    "experts:tasks": Expect({"expert"}),
    "experts:sheet": Expect({"expert"}, kwargs=lambda r: {"pk": _expert_round(r).items.get().assignments.get().pk}),
    # the organiser (and the chair, here the same province) and administrators; never the applicant
    "experts:round": Expect({"admin", "province"}, kwargs=lambda r: {"pk": _expert_round(r).pk}),
    "experts:assign": Expect({"admin", "province"}, method="post", kwargs=lambda r: {"pk": _expert_round(r).pk}),
    "set_language": Expect(PUBLIC, method="post"),
}


@dataclass(frozen=True)
class Route:
    name: str
    pattern: URLPattern
    namespace: str


def walk(resolver: URLResolver | None = None, namespace: str = "") -> Iterator[Route]:
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, inner)
        else:
            yield Route(f"{namespace}{entry.name}" if entry.name else "", entry, namespace.rstrip(":"))


ROUTES = list(walk())
APP_ROUTES = [r for r in ROUTES if r.namespace != "admin"]
ADMIN_ROUTES = [r for r in ROUTES if r.namespace == "admin" and r.name]


def test_every_url_has_an_expectation() -> None:
    names = {r.name for r in APP_ROUTES}
    assert "" not in names, "every pattern outside the admin must be named"
    assert names == set(EXPECTED), f"missing: {names - set(EXPECTED)}; stale: {set(EXPECTED) - names}"


def test_every_view_declares_its_permission() -> None:
    for route in APP_ROUTES:
        view = getattr(route.pattern.callback, "view_class", route.pattern.callback)
        public = getattr(view, "public", False)
        permission = getattr(view, "permission_required", "")
        assert public or permission, f"{route.name} ({view}) names no permission and is not public"
        assert not (public and permission), f"{route.name} is both public and protected"


def _client(roles: dict[str, Any], role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(roles[role])
    return client


def _is_login_redirect(response: Any, login_prefix: str) -> bool:
    return response.status_code == 302 and response["Location"].startswith(login_prefix)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_url_access_for_every_role(name: str, roles: dict[str, Any]) -> None:
    expect = EXPECTED[name]
    login_url = reverse("accounts:login")
    outcomes = {}
    for role in ROLES:
        url = reverse(name, kwargs=expect.kwargs(roles))
        response = getattr(_client(roles, role), expect.method)(url)
        outcomes[role] = response.status_code
        if role in expect.allowed:
            assert response.status_code in (200, 302), (name, role, response.status_code)
            if response.status_code == 302:
                assert not _is_login_redirect(response, login_url) or name == "accounts:logout", (name, role)
        elif role == "anonymous":
            assert _is_login_redirect(response, login_url), (name, role, response.status_code)
        else:
            assert response.status_code == 403, (name, role, response.status_code)
            assert "您无权访问此页面" in response.content.decode() or "无权" in response.content.decode()


def _admin_kwargs(route: Route, roles: dict[str, Any]) -> dict[str, Any] | None:
    keys = set(route.pattern.pattern.regex.groupindex)
    if "url" in keys:  # the admin's catch-all
        return None
    kwargs: dict[str, Any] = {}
    if "app_label" in keys:
        kwargs["app_label"] = "organisations"
    if "content_type_id" in keys:
        kwargs["content_type_id"] = ContentType.objects.get_for_model(HostOrg).pk
    if "object_id" in keys:
        name = route.name.split(":", 1)[1]
        models = {f"{ct.app_label}_{ct.model}": ct.model_class() for ct in ContentType.objects.all()}
        model = HostOrg if name == "view_on_site" else next(
            m for label, m in models.items() if name.startswith(f"{label}_")
        )
        obj = model._default_manager.order_by("pk").first()
        kwargs["object_id"] = str(obj.pk) if obj is not None else "1"
    if "id" in keys:
        kwargs["id"] = roles["applicant"].pk
    return kwargs


@pytest.mark.django_db
def test_admin_urls_only_for_system_administrators(roles: dict[str, Any]) -> None:
    """Django's admin is for reference data and emergencies: staff only, everyone else is sent away."""
    assert len(ADMIN_ROUTES) > 20
    admin_login = reverse("admin:login")
    checked = 0
    for route in ADMIN_ROUTES:
        kwargs = _admin_kwargs(route, roles)
        if kwargs is None:
            continue
        url = reverse(route.name, kwargs=kwargs)
        for role in ROLES:
            response = _client(roles, role).get(url)
            if route.name == "admin:logout":  # POST only since Django 5
                assert response.status_code in (302, 405), (route.name, role, response.status_code)
            elif route.name == "admin:login":
                assert response.status_code in (200, 302), (route.name, role)
            elif role == "admin":
                # refused by Django itself: autocomplete without its query parameters; axes' read-only logs
                own_refusal = route.name == "admin:autocomplete" or route.name.startswith("admin:axes_")
                allowed = (200, 302, 405, 403) if own_refusal else (200, 302, 405)
                assert response.status_code in allowed, (route.name, role, response.status_code)
                if response.status_code == 302:
                    assert not response["Location"].startswith(admin_login), (route.name, role)
            else:
                assert response.status_code == 302, (route.name, role, response.status_code)
                assert response["Location"].startswith(admin_login), (route.name, role)
        checked += 1
    assert checked == len(ADMIN_ROUTES) - sum(1 for r in ADMIN_ROUTES if "url" in r.pattern.pattern.regex.groupindex)
