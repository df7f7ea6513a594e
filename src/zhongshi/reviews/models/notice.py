"""公示: the published list of approved applications, and the objections filed during it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhongshi.reviews.enums import NoticeStatus, ObjectionStatus


class Notice(models.Model):
    call = models.ForeignKey("calls.Call", on_delete=models.PROTECT, related_name="notices")
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="notices")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("notice text"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    applications = models.ManyToManyField("applications.Application", related_name="notices")
    status = models.CharField(_("status"), max_length=10, choices=NoticeStatus.choices,
                              default=NoticeStatus.PUBLISHED)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        ordering = ["-starts_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:notice_detail", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.authority.path


class Objection(models.Model):
    """异议: anyone may object to an entry of a notice during its period; the province handles it."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="objections")
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="objections")
    name = models.CharField(_("name"), max_length=100)
    contact = models.CharField(_("contact"), max_length=100)
    text = models.TextField(_("objection"))
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=ObjectionStatus.choices,
                              default=ObjectionStatus.OPEN)
    response = models.TextField(_("response"), blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["notice", "filed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application} · {self.name}"

    def audit_scope_path(self) -> str:
        return self.notice.authority.path
