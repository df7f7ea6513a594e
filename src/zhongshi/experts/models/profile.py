"""The pool-specific data of an expert: availability and declared conflicts of interest."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExpertProfile(models.Model):
    """An expert without a profile is available and has declared nothing."""

    expert = models.OneToOneField("organisations.Expert", on_delete=models.CASCADE, related_name="profile")
    available = models.BooleanField(_("available"), default=True)
    # Organisations the expert declares a conflict with: names or unified social credit codes, one per item.
    declared_conflicts = models.JSONField(_("declared conflicts of interest"), default=list, blank=True)
    verification_kinds = models.JSONField(_("verification kinds"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def __str__(self) -> str:
        return str(self.expert)

    def audit_scope_path(self) -> str:
        return self.expert.region.path
