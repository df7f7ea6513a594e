"""动态调整 (seed 004 二（五）（六）): a province's round at the end of June or December, with its proposals —
a new batch of reserve platforms and exits (退出建议) — and its stamped summary sheet; the ministry removes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhongshi.library.enums import ProposalAction, ProposalStatus, RoundHalf, RoundStatus


def summary_sheet_path(instance: AdjustmentRound, filename: str) -> str:
    return f"library/adjustment/{instance.authority_id}/{uuid.uuid4().hex}"


class AdjustmentRound(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT,
                                  related_name="adjustment_rounds", verbose_name=_("provincial authority"))
    year = models.PositiveSmallIntegerField(_("year"))
    half = models.PositiveSmallIntegerField(_("month"), choices=RoundHalf.choices)
    # The window (当月最后5个工作日, by the working-days calendar) as resolved when the round was opened.
    window_opens = models.DateField(_("window opens"))
    window_closes = models.DateField(_("window closes"))
    status = models.CharField(_("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN,
                              db_index=True)
    summary_sheet = models.FileField(_("stamped summary sheet"), upload_to=summary_sheet_path, max_length=200,
                                     blank=True)
    summary_sheet_name = models.CharField(_("file name"), max_length=200, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("adjustment round")
        verbose_name_plural = _("adjustment rounds")
        ordering = ["-year", "-half", "authority", "pk"]
        constraints = [models.UniqueConstraint(fields=["authority", "year", "half"], name="adjustment_round_unique")]

    def __str__(self) -> str:
        return f"{self.authority} {self.year}-{self.half:02d}"

    def get_absolute_url(self) -> str:
        return reverse("library:adjustment_round", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.authority.path


class AdjustmentProposal(models.Model):
    """One line of a round: a new reserve platform (its approved application of the round's window) or an
    exit of an active platform, with the removal cause (``removal_cause`` vocabulary) and the reasons."""

    round = models.ForeignKey(AdjustmentRound, on_delete=models.CASCADE, related_name="proposals")
    action = models.CharField(_("action"), max_length=8, choices=ProposalAction.choices)
    platform = models.ForeignKey("library.PilotPlatform", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="adjustment_proposals", verbose_name=_("platform"))
    application = models.ForeignKey("applications.Application", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="adjustment_proposals", verbose_name=_("application"))
    cause_code = models.CharField(_("cause"), max_length=64, blank=True)
    cause = models.CharField(_("cause"), max_length=200, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ProposalStatus.choices,
                              default=ProposalStatus.PROPOSED, db_index=True)
    decision_reasons = models.TextField(_("decision reasons"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("adjustment proposal")
        verbose_name_plural = _("adjustment proposals")
        ordering = ["round", "action", "pk"]

    def __str__(self) -> str:
        return f"{self.round}: {self.get_action_display()}"

    @property
    def subject(self) -> str:
        if self.platform_id:
            return self.platform.name
        return self.application.platform_name if self.application_id else ""

    def audit_scope_path(self) -> str:
        return self.round.authority.path
