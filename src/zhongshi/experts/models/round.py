"""Evaluation rounds, their items, the experts assigned, score sheets, the panel's opinion and on-site checks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshi.experts.enums import AssignmentStatus, RoundKind, RoundStatus, SheetStatus


class EvaluationRound(models.Model):
    """An expert review at a call's decision step (``call``, items are applications) or a periodic evaluation
    of library platforms (运行绩效评估 / 现场核查, items are platforms)."""

    title = models.CharField(_("title"), max_length=200)
    organiser = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT,
                                  related_name="evaluation_rounds", verbose_name=_("organiser"))
    kind = models.CharField(_("kind"), max_length=20, choices=RoundKind.choices)
    call = models.ForeignKey("calls.Call", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="evaluation_rounds", verbose_name=_("call"))
    system = models.ForeignKey("experts.IndicatorSystem", on_delete=models.PROTECT, related_name="rounds",
                               verbose_name=_("indicator system"))
    experts_per_item = models.PositiveSmallIntegerField(_("experts per item"), default=5)
    exclude_same_district = models.BooleanField(_("exclude experts of the same district"), default=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("chair"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def audit_scope_path(self) -> str:
        return self.organiser.path


class RoundItem(models.Model):
    """One application or one platform under evaluation in a round."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="items")
    application = models.ForeignKey("applications.Application", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="evaluation_items")
    platform = models.ForeignKey("library.PilotPlatform", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="evaluation_items")

    class Meta:
        verbose_name = _("evaluated item")
        verbose_name_plural = _("evaluated items")
        ordering = ["round", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(application__isnull=False, platform__isnull=True)
                           | models.Q(application__isnull=True, platform__isnull=False)),
                name="round_item_one_target"),
            models.UniqueConstraint(fields=["round", "application"], name="round_item_unique_application"),
            models.UniqueConstraint(fields=["round", "platform"], name="round_item_unique_platform"),
        ]

    def __str__(self) -> str:
        return str(self.application or self.platform)

    def audit_scope_path(self) -> str:
        return self.round.organiser.path


class Assignment(models.Model):
    """An expert asked to score one item. Applicants never see these rows (no scope gives them any)."""

    item = models.ForeignKey(RoundItem, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey("organisations.Expert", on_delete=models.PROTECT, related_name="assignments")
    status = models.CharField(_("status"), max_length=10, choices=AssignmentStatus.choices,
                              default=AssignmentStatus.ASSIGNED, db_index=True)
    manual = models.BooleanField(_("assigned by hand"), default=False)
    reason = models.CharField(_("reason"), max_length=500, blank=True)  # of a manual change or a decline
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["item", "pk"]
        constraints = [models.UniqueConstraint(fields=["item", "expert"], name="assignment_unique_expert")]

    def __str__(self) -> str:
        return f"{self.item} / {self.expert}"

    def audit_scope_path(self) -> str:
        return self.item.round.organiser.path


class ScoreSheet(models.Model):
    """An expert's scores of one item: ``scores`` is {indicator code: {"score": …, "comment": …}}."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="sheet")
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    total = models.DecimalField(_("weighted total"), max_digits=6, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT,
                              db_index=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reopen_reason = models.CharField(_("reason for reopening"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["assignment", "pk"]

    def __str__(self) -> str:
        return str(self.assignment)

    def audit_scope_path(self) -> str:
        return self.assignment.item.round.organiser.path


class PanelOpinion(models.Model):
    """专家组意见: the panel's consolidated opinion on one item."""

    item = models.OneToOneField(RoundItem, on_delete=models.CASCADE, related_name="opinion")
    text = models.TextField(_("opinion"))
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("panel opinion")
        verbose_name_plural = _("panel opinions")

    def __str__(self) -> str:
        return str(self.item)

    def audit_scope_path(self) -> str:
        return self.item.round.organiser.path


class SiteCheck(models.Model):
    """现场核查: a visit to the item's site, its team, findings and result."""

    item = models.ForeignKey(RoundItem, on_delete=models.CASCADE, related_name="site_checks")
    date = models.DateField(_("date"))
    team = models.CharField(_("team"), max_length=500)
    findings = models.TextField(_("findings"), blank=True)
    passed = models.BooleanField(_("passed"), null=True)
    file = models.FileField(_("file"), upload_to="experts/site_checks/%Y/%m/", blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("on-site check")
        verbose_name_plural = _("on-site checks")
        ordering = ["item", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.item} {self.date}"

    def audit_scope_path(self) -> str:
        return self.item.round.organiser.path
