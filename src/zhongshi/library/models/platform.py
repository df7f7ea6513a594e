"""中试平台 in the library: the platform, its service items, its data versions and its tier history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhongshi.library.enums import PlatformStatus, PlatformTier, VersionSource


class PilotPlatform(models.Model):
    """A platform of the library. It is identified (contracts §4) by its host organisation's credit code and
    its name; ``host_org`` links the registered organisation when there is one (imported platforms may
    predate the organisation's registration)."""

    name = models.CharField(_("platform name"), max_length=200)
    host_org_name = models.CharField(_("host organisation"), max_length=200)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, db_index=True)
    host_org = models.ForeignKey("organisations.HostOrg", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="platforms", verbose_name=_("host organisation"))
    division = models.ForeignKey("organisations.Region", on_delete=models.PROTECT, related_name="platforms",
                                 verbose_name=_("location"))
    # Names exactly as the reference vocabularies hold them, in the order given (contracts §4).
    clusters = models.JSONField(_("industry clusters"), default=list, blank=True)
    verification_kinds = models.JSONField(_("verification kinds"), default=list, blank=True)
    tier = models.CharField(_("tier"), max_length=12, choices=PlatformTier.choices, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=PlatformStatus.choices,
                              default=PlatformStatus.ACTIVE, db_index=True)
    since = models.DateField(_("in the library since"))
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removal_cause = models.CharField(_("removal cause"), max_length=200, blank=True)
    source_application = models.OneToOneField(
        "applications.Application", null=True, blank=True, on_delete=models.SET_NULL, related_name="platform",
        verbose_name=_("application"))
    # The public directory shows the contact only with the platform's consent (desensitised by default).
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=50, blank=True)
    contact_public = models.BooleanField(_("contact published"), default=False)
    # Figures of the current data version, kept narrow for lists and dashboards (DESIGN.md "Figures tables").
    service_revenue_wan = models.DecimalField(_("service revenue"), max_digits=14, decimal_places=2,
                                              null=True, blank=True)
    enterprises_served = models.PositiveIntegerField(_("enterprises served"), null=True, blank=True)
    equipment_value_wan = models.DecimalField(_("equipment value"), max_digits=14, decimal_places=2,
                                              null=True, blank=True)
    fulltime_staff = models.PositiveIntegerField(_("full-time staff"), null=True, blank=True)
    version_count = models.PositiveIntegerField(_("data versions"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("pilot platform")
        verbose_name_plural = _("pilot platforms")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["credit_code", "name"], name="platform_unique_host_and_name"),
        ]
        indexes = [models.Index(fields=["status", "tier", "division"], name="platform_status_tier_div")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("library:platform_detail", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.division.path


class PlatformService(models.Model):
    """One item of the 中试服务资源清单 (contracts §4 ``services``); the directory publishes these."""

    platform = models.ForeignKey(PilotPlatform, on_delete=models.CASCADE, related_name="services")
    position = models.PositiveIntegerField(_("position"), default=0)
    name = models.CharField(_("service name"), max_length=200)
    kind = models.CharField(_("service kind"), max_length=50)
    description = models.TextField(_("description"), blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)

    class Meta:
        verbose_name = _("service item")
        verbose_name_plural = _("service items")
        ordering = ["platform", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    def audit_scope_path(self) -> str:
        return self.platform.division.path


class PlatformVersion(models.Model):
    """A platform's data as of one moment: the approved 申报书's figures first, then every accepted update.
    ``data`` holds the figures and lists (services, equipment, staff …) keyed as the update form keys them."""

    AUDITED = False  # the change that makes a version (an update's acceptance, an import) is audited

    platform = models.ForeignKey(PilotPlatform, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    source = models.CharField(_("source"), max_length=12, choices=VersionSource.choices)
    data = models.JSONField(_("data"), default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("platform data version")
        verbose_name_plural = _("platform data versions")
        ordering = ["platform", "number"]
        constraints = [models.UniqueConstraint(fields=["platform", "number"], name="platform_version_unique")]

    def __str__(self) -> str:
        return f"{self.platform} v{self.number}"

    def audit_scope_path(self) -> str:
        return self.platform.division.path


class TierChange(models.Model):
    """Every tier a platform held, with who decided, when and why (the first row is its entry)."""

    platform = models.ForeignKey(PilotPlatform, on_delete=models.CASCADE, related_name="tier_changes")
    old_tier = models.CharField(_("previous tier"), max_length=12, choices=PlatformTier.choices, blank=True)
    new_tier = models.CharField(_("new tier"), max_length=12, choices=PlatformTier.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("decided by"))
    decided_on = models.DateField(_("decided on"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("tier change")
        verbose_name_plural = _("tier changes")
        ordering = ["platform", "decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.platform}: {self.old_tier} → {self.new_tier}"

    def audit_scope_path(self) -> str:
        return self.platform.division.path
