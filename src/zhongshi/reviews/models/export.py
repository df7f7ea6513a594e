"""An export of many applications (the 推荐汇总表, a filtered list) made as a background job with progress."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def export_path(instance: ExportJob, filename: str) -> str:
    return f"exports/{instance.user_id}/{uuid.uuid4().hex}.xlsx"


class ExportJob(models.Model):
    """One requested spreadsheet: who asked, what (the kind, the call or the queue's filters), how far it
    is, and the file (stored through Django's storage API, downloaded only by its requester)."""

    AUDITED = False  # its progress is written every few hundred rows; the request is the user's own

    class Kind(models.TextChoices):
        SUMMARY = "summary", _("Recommendation summary sheet")
        LIST = "list", _("Filtered list of applications")

    class Status(models.TextChoices):
        PENDING = "pending", _("Export waiting")
        RUNNING = "running", _("Export running")
        DONE = "done", _("Export done")
        FAILED = "failed", _("Export failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    call = models.ForeignKey("calls.Call", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    filters = models.JSONField(_("export filters"), default=dict, blank=True)  # the queue's cleaned filters (lists)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(_("rows to write"), default=0)
    done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), upload_to=export_path, max_length=200, blank=True)
    filename = models.CharField(_("file name"), max_length=200)
    error = models.TextField(_("export error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("export finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("spreadsheet export")
        verbose_name_plural = _("spreadsheet exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("reviews:export_job", args=[self.pk])

    @property
    def percent(self) -> int:
        return 100 if self.status == self.Status.DONE else int(self.done * 100 / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
