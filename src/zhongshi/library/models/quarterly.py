"""Quarterly updates of a platform's data (seed 004 §二（三）; issue 10 §3).

A period is not stored: it is the quarter (year, 1..4) and its window, the last 5 working days of the
quarter's last month, computed from the official calendar each time (library/domain/periods.py). A stored
window would go stale when an administrator corrects the year's holiday schedule; the computation costs one
query per year and nothing keeps data per period except the updates and reminders, which name the quarter.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhongshi.library.enums import UpdateStatus
from zhongshi.library.models.platform import PilotPlatform, PlatformVersion


class QuarterlyUpdate(models.Model):
    """One update of a platform's figures, lists and services: for a quarter's window, or a real-time update
    (实时更新, ``realtime``) made whenever the load or the services change. Accepted, it becomes the platform's
    next data version."""

    platform = models.ForeignKey(PilotPlatform, on_delete=models.CASCADE, related_name="quarterly_updates",
                                 verbose_name=_("platform"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    realtime = models.BooleanField(_("real-time update"), default=False)
    form_code = models.CharField(_("form version"), max_length=50)
    answers = models.JSONField(_("answers"), default=dict)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=UpdateStatus.choices, default=UpdateStatus.DRAFT,
                              db_index=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    late = models.BooleanField(_("late"), default=False)
    return_reasons = models.TextField(_("reasons for return"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    version = models.OneToOneField(PlatformVersion, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="quarterly_update", verbose_name=_("data version"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("quarterly update")
        verbose_name_plural = _("quarterly updates")
        ordering = ["-year", "-quarter", "platform", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["platform", "year", "quarter"], condition=Q(realtime=False),
                                    name="quarterly_update_one_per_period"),
        ]
        indexes = [models.Index(fields=["year", "quarter", "realtime", "status"], name="quarterly_update_period")]

    def __str__(self) -> str:
        return f"{self.platform} {self.year}Q{self.quarter}"

    def get_absolute_url(self) -> str:
        return reverse("library:update_detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        from zhongshi.library.domain.periods import quarter_label

        return quarter_label(self.year, self.quarter)

    def audit_scope_path(self) -> str:
        return self.platform.division.path


class UpdateReminder(models.Model):
    """A reminder sent to a platform's host organisation for a period: once per (platform, period, kind);
    the dashboard's bulk reminders (``manual``) may repeat."""

    KINDS = [("before", _("Before the window")), ("first_day", _("First day of the window")),
             ("last_day", _("Last day of the window")), ("manual", _("Reminder from the authority"))]

    platform = models.ForeignKey(PilotPlatform, on_delete=models.CASCADE, related_name="update_reminders")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    kind = models.CharField(_("kind"), max_length=10, choices=KINDS)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("update reminder")
        verbose_name_plural = _("update reminders")
        ordering = ["platform", "year", "quarter", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["platform", "year", "quarter", "kind"], condition=~Q(kind="manual"),
                                    name="update_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.platform} {self.year}Q{self.quarter} {self.kind}"

    def audit_scope_path(self) -> str:
        return self.platform.division.path
