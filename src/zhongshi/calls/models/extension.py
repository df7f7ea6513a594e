"""A deadline extension: a later deadline for one level of a call's review chain (calls/domain/chain.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshi.calls.enums import ReviewLevel


class DeadlineExtension(models.Model):
    """A later deadline for one level of a call (for one authority, or for all of that level), granted by
    the level above. Its table was created by the reviews app and kept when the model moved here."""

    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="extensions")
    level = models.CharField(_("level"), max_length=16, choices=ReviewLevel.choices)
    authority = models.ForeignKey("organisations.Authority", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="extensions")
    deadline = models.DateTimeField(_("new deadline"))
    # With no authority: the extension holds for every authority of the level under this path (the granting
    # authority's area; the issuer's for a call-wide extension).
    area_path = models.CharField(_("area"), max_length=120, blank=True, db_index=True)
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        db_table = "reviews_deadlineextension"
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["call", "level", "-granted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.call} · {self.get_level_display()} · {self.deadline:%Y-%m-%d %H:%M}"

    def audit_scope_path(self) -> str:
        return self.authority.path if self.authority_id else self.call.audit_scope_path()
