"""The steps of the review chain, the recommendation letters and the deadline reminders (the deadline
extensions are the calls app's: calls/models/extension.py)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshi.calls.enums import ReviewLevel
from zhongshi.reviews.enums import ReviewAction


def letter_path(instance: RecommendationLetter, filename: str) -> str:
    suffix = {"application/pdf": "pdf", "application/ofd": "ofd", "image/jpeg": "jpg", "image/png": "png"}.get(
        instance.content_type, "bin")
    return f"letters/{instance.call_id}/{uuid.uuid4().hex}.{suffix}"


class RecommendationLetter(models.Model):
    """推荐文件: the stamped scan with which an authority forwards its recommended applications."""

    call = models.ForeignKey("calls.Call", on_delete=models.PROTECT, related_name="letters")
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="letters")
    file = models.FileField(_("file"), upload_to=letter_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("recommendation letter")
        verbose_name_plural = _("recommendation letters")
        ordering = ["-uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def audit_scope_path(self) -> str:
        return self.authority.path


class ReviewStep(models.Model):
    """One action of one authority on one application: who, when, at which level, with which opinion."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="steps")
    round = models.PositiveSmallIntegerField(_("submission round"))
    level = models.CharField(_("level"), max_length=16, choices=ReviewLevel.choices)
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="review_steps")
    action = models.CharField(_("action"), max_length=20, choices=ReviewAction.choices)
    opinion = models.TextField(_("opinion"), blank=True)
    # 初审 checklist: {"completeness": true, "conformity": true, "authenticity": true, "<call item id>": true}
    checklist = models.JSONField(_("checklist"), default=dict, blank=True)
    # Return for revision: {"<section key>": "reason", …}
    return_reasons = models.JSONField(_("reasons per section"), default=dict, blank=True)
    order = models.PositiveIntegerField(_("recommendation order"), null=True, blank=True)
    letter = models.ForeignKey(RecommendationLetter, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="steps")
    revision = models.PositiveIntegerField(_("revision reviewed"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    acted_at = models.DateTimeField(_("acted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["application", "acted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application} · {self.get_level_display()} · {self.get_action_display()}"

    def audit_scope_path(self) -> str:
        return self.application.host_org.district.path


class DeadlineReminder(models.Model):
    """A reminder sent to one authority before one level's deadline, kept so that it is sent once."""

    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="reminders")
    level = models.CharField(_("level"), max_length=16, choices=ReviewLevel.choices)
    authority = models.ForeignKey("organisations.Authority", on_delete=models.CASCADE, related_name="reminders")
    deadline = models.DateTimeField(_("deadline"))
    working_days_left = models.PositiveSmallIntegerField(_("working days left"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [models.UniqueConstraint(fields=["call", "level", "authority", "deadline", "working_days_left"],
                                               name="reminder_once")]

    def __str__(self) -> str:
        return f"{self.call} · {self.authority} · {self.working_days_left}"

    def audit_scope_path(self) -> str:
        return self.authority.path
