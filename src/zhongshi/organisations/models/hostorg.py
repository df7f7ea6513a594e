"""Host organisations (依托单位), partner organisations, experts and demand-side enterprises."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhongshi.organisations.enums import HostOrgStatus
from zhongshi.organisations.validators import validate_credit_code


class HostOrg(models.Model):
    """依托单位: the legal entity that runs a platform and applies. Its district approves it."""

    name = models.CharField(_("name"), max_length=200)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    unit_type = models.CharField(_("unit type"), max_length=20)
    unit_type_other = models.CharField(_("unit type (other)"), max_length=50, blank=True)
    district = models.ForeignKey("organisations.Region", on_delete=models.PROTECT, related_name="host_orgs",
                                 verbose_name=_("district"))
    address = models.CharField(_("postal address"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50)
    contact_phone = models.CharField(_("contact telephone"), max_length=50)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=HostOrgStatus.choices, default=HostOrgStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    # 依托工业和信息化部直属单位建设 (seed 004 二（二）): its reserve application goes to the ministry at the same time.
    ministry_affiliated = models.BooleanField(_("affiliated to the ministry"), default=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("host organisation")
        verbose_name_plural = _("host organisations")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:hostorg_detail", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.district.path


class PartnerOrg(models.Model):
    """联合单位: a co-builder that a host organisation names."""

    host_org = models.ForeignKey(HostOrg, on_delete=models.CASCADE, related_name="partners",
                                 verbose_name=_("host organisation"))
    name = models.CharField(_("name"), max_length=200)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, validators=[validate_credit_code]
    )
    unit_type = models.CharField(_("unit type"), max_length=20, blank=True)
    role = models.CharField(_("role in the platform"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["host_org", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["host_org", "name"], name="partner_unique_name_per_host"),
        ]

    def __str__(self) -> str:
        return self.name

    def audit_scope_path(self) -> str:
        return self.host_org.district.path


class Expert(models.Model):
    """评审专家: scores applications; never his own organisation's nor his region's."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert")
    name = models.CharField(_("name"), max_length=50)
    title = models.CharField(_("professional title"), max_length=50)
    organisation = models.CharField(_("organisation"), max_length=200)
    host_org = models.ForeignKey(
        HostOrg, null=True, blank=True, on_delete=models.SET_NULL, related_name="experts",
        verbose_name=_("host organisation"),
        help_text=_("Set when the expert works for a host organisation: he may not score it."),
    )
    region = models.ForeignKey("organisations.Region", on_delete=models.PROTECT, related_name="experts")
    clusters = models.ManyToManyField("reference.ReferenceItem", blank=True, related_name="experts")
    fields_description = models.CharField(_("fields of expertise"), max_length=300, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def audit_scope_path(self) -> str:
        return self.region.path


class DemandEnterprise(models.Model):
    """需求方企业: an enterprise that posts pilot-test needs."""

    name = models.CharField(_("name"), max_length=200)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    district = models.ForeignKey(
        "organisations.Region", on_delete=models.PROTECT, related_name="demand_enterprises",
        verbose_name=_("district"),
    )
    contact_name = models.CharField(_("contact person"), max_length=50)
    contact_phone = models.CharField(_("contact telephone"), max_length=50)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("demand-side enterprise")
        verbose_name_plural = _("demand-side enterprises")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def audit_scope_path(self) -> str:
        return self.district.path
