"""移出 (seed 004 §二（四）): the removal record; the 3-year ban is derived from it (library/domain/ban.py)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def removal_evidence_path(instance: Removal, filename: str) -> str:
    return f"library/removals/{instance.platform_id}/{uuid.uuid4().hex}"


class Removal(models.Model):
    platform = models.OneToOneField("library.PilotPlatform", on_delete=models.CASCADE, related_name="removal")
    # The item of the `removal_cause` vocabulary (causes are data) and its name at the time of removal.
    cause_code = models.CharField(_("cause"), max_length=64)
    cause = models.CharField(_("cause"), max_length=200)
    details = models.TextField(_("details"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to=removal_evidence_path, max_length=200, blank=True)
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("decided by"))
    decided_on = models.DateField(_("removed on"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("removal")
        verbose_name_plural = _("removals")
        ordering = ["-decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.platform}: {self.cause}"

    def audit_scope_path(self) -> str:
        return self.platform.division.path
