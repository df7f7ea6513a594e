"""The lifecycle of a platform besides its tier and removal: major change reports (重大事项报告, seed 004
§二（四）) and the policy support it received (seed 004 §二（三）)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshi.library.enums import ChangeReportKind, ChangeReportStatus, SupportKind


def change_evidence_path(instance: ChangeReport, filename: str) -> str:
    return f"library/changes/{instance.platform_id}/{uuid.uuid4().hex}"


class ChangeReport(models.Model):
    """A rename, restructuring or merger reported by the host organisation and acknowledged by the province;
    or (status ``flagged``) a change of the registered name the system saw without a report."""

    platform = models.ForeignKey("library.PilotPlatform", on_delete=models.CASCADE, related_name="change_reports")
    kind = models.CharField(_("kind of change"), max_length=12, choices=ChangeReportKind.choices)
    description = models.TextField(_("description"))
    old_name = models.CharField(_("previous name"), max_length=200, blank=True)
    new_name = models.CharField(_("new name"), max_length=200, blank=True)
    effective_on = models.DateField(_("effective date"), null=True, blank=True)
    evidence = models.FileField(_("evidence"), upload_to=change_evidence_path, max_length=200, blank=True)
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ChangeReportStatus.choices,
                              default=ChangeReportStatus.REPORTED, db_index=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("reported by"))
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("acknowledged by"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    province_remark = models.TextField(_("remark of the province"), blank=True)

    class Meta:
        verbose_name = _("major change report")
        verbose_name_plural = _("major change reports")
        ordering = ["-reported_at", "-pk"]
        indexes = [models.Index(fields=["platform", "kind", "reported_at"], name="change_report_platform_kind")]

    def __str__(self) -> str:
        return f"{self.platform}: {self.get_kind_display()}"

    def audit_scope_path(self) -> str:
        return self.platform.division.path


class PolicySupport(models.Model):
    """Support a platform received (funds, land, energy, guidance …), recorded by an authority in scope."""

    platform = models.ForeignKey("library.PilotPlatform", on_delete=models.CASCADE, related_name="supports")
    kind = models.CharField(_("kind of support"), max_length=12, choices=SupportKind.choices)
    granted_on = models.DateField(_("date"))
    amount_wan = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    source = models.CharField(_("source"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("policy support")
        verbose_name_plural = _("policy support records")
        ordering = ["-granted_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.platform}: {self.get_kind_display()}"

    def audit_scope_path(self) -> str:
        return self.platform.division.path
