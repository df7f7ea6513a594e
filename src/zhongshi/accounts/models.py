"""Users. A user has one role; applicants belong to one host organisation, reviewers to one authority.

A ministry officer is an authority reviewer whose authority is the ministry (level ``ministry``).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshi.accounts.enums import Role
from zhongshi.organisations.enums import AuthorityLevel


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.APPLICANT)
    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    host_org = models.ForeignKey(
        "organisations.HostOrg", null=True, blank=True, on_delete=models.PROTECT, related_name="members",
        verbose_name=_("host organisation"),
    )
    authority = models.ForeignKey(
        "organisations.Authority", null=True, blank=True, on_delete=models.PROTECT, related_name="members",
        verbose_name=_("authority"),
    )
    enterprise = models.ForeignKey(
        "organisations.DemandEnterprise", null=True, blank=True, on_delete=models.PROTECT,
        related_name="members", verbose_name=_("demand-side enterprise"),
    )
    must_change_password = models.BooleanField(_("must change password at next login"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(role="applicant", host_org__isnull=False, authority__isnull=True)
                    | models.Q(role="authority", authority__isnull=False, host_org__isnull=True)
                    | ~models.Q(role__in=["applicant", "authority"])
                ),
                name="user_role_membership",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @property
    def role_label(self) -> str:
        if self.is_superuser and self.role != Role.ADMIN:
            return str(Role.ADMIN.label)
        if self.role == Role.AUTHORITY and self.authority is not None:
            return str(AuthorityLevel(self.authority.level).label)
        return str(Role(self.role).label)

    def audit_scope_path(self) -> str:
        if self.authority_id:
            return self.authority.path
        if self.host_org_id:
            return self.host_org.district.path
        if self.enterprise_id:
            return self.enterprise.district.path
        return ""
