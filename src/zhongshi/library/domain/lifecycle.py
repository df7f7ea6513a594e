"""The lifecycle of a platform in the library (issue 10 §2, §5–§7): the ministry changes its tier or removes
it; the host organisation reports major changes and the province acknowledges them; a change of the
registered name without a report is flagged to the province; authorities record the policy support it got.

Every function checks its permission with ``can``, records the audit entry of its transition and notifies
the host organisation and the province over the platform (as the review chain does).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhongshi.accounts.enums import Role
from zhongshi.accounts.models import User
from zhongshi.audit.domain.record_event import record_transition
from zhongshi.core.domain.files import JPEG, OFD, PDF, PNG, accept_upload
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can
from zhongshi.library.domain.ban import compute_ban_end
from zhongshi.library.enums import (
    ChangeReportKind,
    ChangeReportStatus,
    PlatformStatus,
    PlatformTier,
    SupportKind,
)
from zhongshi.library.models import ChangeReport, PilotPlatform, PolicySupport, Removal, TierChange
from zhongshi.notifications.domain.notify import notify
from zhongshi.organisations.models import Authority
from zhongshi.reference.models import ReferenceItem

EVIDENCE_TYPES = (PDF, OFD, JPEG, PNG)  # a stamped document or its scan
REMOVAL_CAUSES = "removal_cause"
# A rename is "reported" when a rename report of the platform was filed at most this many days before the
# registered name changed (a report usually precedes the registration; 90 days covers the registry's delay).
RENAME_REPORT_DAYS = 90


def _date_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def province_authority(platform: PilotPlatform) -> Authority | None:
    """The provincial authority over the platform's division (the second code of its path)."""
    codes = [code for code in platform.division.path.strip("/").split("/") if code]
    if len(codes) < 2:
        return None
    return Authority.objects.filter(region__code=codes[1], level="province").first()


def host_users(platform: PilotPlatform) -> list[User]:
    """The active applicant users of the platform's host organisation (by credit code, as the scope reads)."""
    return list(User.objects.filter(host_org__credit_code=platform.credit_code, role=Role.APPLICANT,
                                    is_active=True).order_by("pk"))


def province_users(platform: PilotPlatform) -> list[User]:
    authority = province_authority(platform)
    if authority is None:
        return []
    return list(User.objects.filter(authority=authority, role=Role.AUTHORITY, is_active=True).order_by("pk"))


def _tell(platform: PilotPlatform, *, kind: str, title: str, body: str = "", host: bool = True,
          province: bool = True, url: str = "") -> None:
    users = (host_users(platform) if host else []) + (province_users(platform) if province else [])
    notify(users=users, kind=kind, title=title, body=body, url=url or platform.get_absolute_url())


def _lock(platform: PilotPlatform) -> PilotPlatform:
    return PilotPlatform.objects.select_for_update().select_related("division").get(pk=platform.pk)


def _require(user: Any, action: str, obj: Any) -> None:
    if not can(user, action, obj):
        raise NotAllowed(_("You may not do this."))


@transaction.atomic
def change_tier(*, user: Any, platform: PilotPlatform, new_tier: str, reason: str,
                decided_on: date | None = None) -> TierChange:
    """The ministry moves an active platform to ``new_tier`` (seed 004 §二（三）, seed 002 §三（四）) with its
    reasons; the change joins the platform's tier history."""
    current = _lock(platform)
    if current.status != PlatformStatus.ACTIVE:
        raise DomainError(_("A removed platform keeps its last tier."), code="removed", field="new_tier")
    _require(user, "library.change_tier", current)
    if new_tier not in PlatformTier.values:
        raise DomainError(_("Choose a tier."), code="invalid", field="new_tier")
    if new_tier == current.tier:
        raise DomainError(_("The platform already has this tier."), code="no_change", field="new_tier")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Please give the reasons for the change of tier."), code="required", field="reason")
    decided_on = decided_on or timezone.localdate()
    old = current.tier
    current.tier = new_tier
    current.save(update_fields=["tier", "updated_at"])
    change = TierChange.objects.create(platform=current, old_tier=old, new_tier=new_tier, reason=reason,
                                       decided_by=user, decided_on=decided_on)
    record_transition(target=current, field="tier", old=old, new=new_tier, message=reason, actor=user)
    title = _("%(platform)s: tier changed from %(old)s to %(new)s") % {
        "platform": current.name, "old": PlatformTier(old).label, "new": PlatformTier(new_tier).label}
    _tell(current, kind="platform_tier_changed", title=title, body=reason)
    platform.tier = new_tier
    return change


def removal_causes() -> list[ReferenceItem]:
    return list(ReferenceItem.objects.filter(vocabulary__code=REMOVAL_CAUSES, active=True)
                .order_by("position", "pk"))


@transaction.atomic
def remove_platform(*, user: Any, platform: PilotPlatform, cause_code: str, details: str, evidence: Any = None,
                    decided_on: date | None = None) -> Removal:
    """The ministry removes a platform (seed 004 §二（四）（六）): the removal record with its cause (the
    ``removal_cause`` vocabulary), details and evidence; the platform is removed and its host organisation is
    banned until ``compute_ban_end(decided_on)``."""
    current = _lock(platform)
    if current.status != PlatformStatus.ACTIVE:
        raise DomainError(_("The platform has already been removed."), code="removed", field="cause_code")
    _require(user, "library.remove_platform", current)
    cause = ReferenceItem.objects.filter(vocabulary__code=REMOVAL_CAUSES, code=cause_code, active=True).first()
    if cause is None:
        raise DomainError(_("Choose the cause of the removal."), code="required", field="cause_code")
    details = (details or "").strip()
    if not details:
        raise DomainError(_("Please describe the facts of the removal."), code="required", field="details")
    accepted = accept_upload(evidence, allowed=EVIDENCE_TYPES, field="evidence") if evidence else None
    decided_on = decided_on or timezone.localdate()
    removal = Removal(platform=current, cause_code=cause.code, cause=cause.name, details=details, decided_by=user,
                      decided_on=decided_on)
    if accepted is not None:
        removal.evidence_name = accepted.original_name
        removal.evidence.save(accepted.storage_name, evidence, save=False)
    removal.save()
    current.status = PlatformStatus.REMOVED
    current.removed_on = decided_on
    current.removal_cause = cause.name
    current.save(update_fields=["status", "removed_on", "removal_cause", "updated_at"])
    record_transition(target=current, field="status", old=PlatformStatus.ACTIVE, new=PlatformStatus.REMOVED,
                      message=f"{cause.name}：{details}", actor=user)
    until = compute_ban_end(decided_on)
    title = _("%(platform)s was removed from the platform library") % {"platform": current.name}
    body = _("Cause: %(cause)s. The host organisation may not apply again until %(until)s (inclusive).") % {
        "cause": cause.name, "until": _date_text(until)}
    _tell(current, kind="platform_removed", title=title, body=body)
    platform.status, platform.removed_on, platform.removal_cause = current.status, decided_on, cause.name
    return removal


@transaction.atomic
def report_change(*, user: Any, platform: PilotPlatform, kind: str, description: str, new_name: str = "",
                  effective_on: date | None = None, evidence: Any = None) -> ChangeReport:
    """The host organisation reports a rename, restructuring or merger (重大事项报告); the province hears."""
    current = _lock(platform)
    _require(user, "library.report_change", current)
    if kind not in ChangeReportKind.values:
        raise DomainError(_("Choose the kind of change."), code="required", field="kind")
    description = (description or "").strip()
    if not description:
        raise DomainError(_("Please describe the change."), code="required", field="description")
    new_name = (new_name or "").strip()
    if kind == ChangeReportKind.RENAME and not new_name:
        raise DomainError(_("Please give the new name."), code="required", field="new_name")
    if effective_on is None:
        raise DomainError(_("Please give the date the change takes effect."), code="required",
                          field="effective_on")
    accepted = accept_upload(evidence, allowed=EVIDENCE_TYPES, field="evidence") if evidence else None
    report = ChangeReport(platform=current, kind=kind, description=description, new_name=new_name,
                          old_name=current.host_org_name if kind == ChangeReportKind.RENAME else "",
                          effective_on=effective_on, reported_by=user, status=ChangeReportStatus.REPORTED)
    if accepted is not None:
        report.evidence_name = accepted.original_name
        report.evidence.save(accepted.storage_name, evidence, save=False)
    report.save()
    record_transition(target=report, field="status", old="", new=ChangeReportStatus.REPORTED, message=description,
                      actor=user)
    title = _("%(platform)s reported a major change: %(kind)s") % {
        "platform": current.name, "kind": ChangeReportKind(kind).label}

    _tell(current, kind="change_reported", title=title, body=description, host=False,
          url=reverse("library:change_report_list"))
    return report


@transaction.atomic
def acknowledge_change(*, user: Any, report: ChangeReport, remark: str = "") -> ChangeReport:
    """The province acknowledges a report (or a flagged unreported rename, with its remark)."""
    current = ChangeReport._default_manager.select_for_update().select_related("platform__division").get(pk=report.pk)
    if current.status == ChangeReportStatus.ACKNOWLEDGED:
        raise DomainError(_("This report has already been acknowledged."), code="done", field="remark")
    _require(user, "library.acknowledge_change", current)
    remark = (remark or "").strip()
    if current.status == ChangeReportStatus.FLAGGED and not remark:
        raise DomainError(_("Please note how the unreported change was dealt with."), code="required",
                          field="remark")
    old = current.status
    current.status = ChangeReportStatus.ACKNOWLEDGED
    current.acknowledged_by = user
    current.acknowledged_at = timezone.now()
    current.province_remark = remark
    current.save(update_fields=["status", "acknowledged_by", "acknowledged_at", "province_remark"])
    record_transition(target=current, field="status", old=old, new=current.status, message=remark, actor=user)
    title = _("The province acknowledged the change report of %(platform)s") % {"platform": current.platform.name}
    _tell(current.platform, kind="change_acknowledged", title=title, body=remark, province=False)
    report.status = current.status
    return current


def flag_unreported_rename(*, credit_code: str, old_name: str, new_name: str,
                           now: Any = None) -> list[ChangeReport]:
    """A host organisation's registered name changed from ``old_name`` to ``new_name``: each of its active
    platforms without a rename report filed in the last ``RENAME_REPORT_DAYS`` days gets a ``flagged`` report,
    and the province over it is told (seed 004 §二（四）: 更名……等重大事项未及时报告 is a removal cause)."""
    now = now or timezone.now()
    since = now - timedelta(days=RENAME_REPORT_DAYS)
    platforms = PilotPlatform.objects.filter(credit_code=credit_code, status=PlatformStatus.ACTIVE).select_related(
        "division")
    flagged = []
    for platform in platforms:
        reported = ChangeReport._default_manager.filter(platform=platform, kind=ChangeReportKind.RENAME,
                                               reported_at__gte=since).exclude(
            status=ChangeReportStatus.FLAGGED).exists()
        if reported:
            continue
        description = _("The registered name changed from “%(old)s” to “%(new)s” without a rename report.") % {
            "old": old_name, "new": new_name}
        report = ChangeReport._default_manager.create(platform=platform, kind=ChangeReportKind.RENAME, old_name=old_name,
                                             new_name=new_name, description=description,
                                             effective_on=timezone.localdate(now),
                                             status=ChangeReportStatus.FLAGGED)
        record_transition(target=report, field="status", old="", new=ChangeReportStatus.FLAGGED,
                          message=description)

        _tell(platform, kind="change_unreported",
              title=_("Unreported change of name: %(platform)s") % {"platform": platform.name}, body=description,
              host=False, url=reverse("library:change_report_list") + "?status=flagged")
        flagged.append(report)
    return flagged


@transaction.atomic
def record_support(*, user: Any, platform: PilotPlatform, kind: str, granted_on: date | None,
                   amount_wan: Decimal | None, source: str, description: str = "") -> PolicySupport:
    """An authority records support the platform received (seed 004 §二（三）): funds, land, energy …"""
    _require(user, "library.record_support", platform)
    if kind not in SupportKind.values:
        raise DomainError(_("Choose the kind of support."), code="required", field="kind")
    if granted_on is None:
        raise DomainError(_("Please give the date of the support."), code="required", field="granted_on")
    source = (source or "").strip()
    if not source:
        raise DomainError(_("Please give the source of the support."), code="required", field="source")
    if amount_wan is not None and amount_wan < 0:
        raise DomainError(_("The amount cannot be negative."), code="negative", field="amount_wan")
    support = PolicySupport._default_manager.create(platform=platform, kind=kind, granted_on=granted_on, amount_wan=amount_wan,
                                           source=source, description=(description or "").strip(),
                                           recorded_by=user)
    record_transition(target=support, field="kind", old="", new=kind, message=source, actor=user)
    title = _("Policy support recorded for %(platform)s: %(kind)s") % {
        "platform": platform.name, "kind": SupportKind(kind).label}
    _tell(platform, kind="support_recorded", title=title, body=source, province=False)
    return support
