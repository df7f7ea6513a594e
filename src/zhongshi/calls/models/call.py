"""申报通知 / 申报批次: one round of applications."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhongshi.calls.enums import CallLevel, CallStatus


class Call(models.Model):
    """A call: its issuer, level, form version and the evidence it requires (conditions, the review chain
    and deadlines are data on the call as well)."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=CallLevel.choices)
    issuer = models.ForeignKey(
        "organisations.Authority", null=True, blank=True, on_delete=models.PROTECT, related_name="calls",
        verbose_name=_("issuer"),
    )
    form_code = models.CharField(_("form version"), max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=CallStatus.choices, default=CallStatus.OPEN)
    notice = models.TextField(_("notice text"), blank=True)
    # [{"key": "credit_china", "label": "信用中国查询结果", "required": true, "help": "…"}, …]; a requirement may
    # instead say {"required_if": {"path": "basic.host_honours", "not_empty": true}}.
    evidence = models.JSONField(_("required evidence"), default=list, blank=True)
    # Eligibility conditions as data (calls/domain/conditions.py): [{"id", "clause", "label", "test"|"any"|"all"}].
    conditions = models.JSONField(_("eligibility conditions"), default=list, blank=True)
    # The qualitative parts of the conditions, checked by reviewers: [{"id", "clause", "text"}].
    checklist = models.JSONField(_("reviewer checklist"), default=list, blank=True)
    # The review chain, in order: [{"level": "district", "deadline": <rule>}, …]; a rule is a date or datetime
    # ("2026-01-28", "2026-01-28T23:59:59+08:00"), {"last_working_days": 5} (the end of the round's month's
    # last working day; with "month": "2026-12" on a call without rounds) or null (calls/domain/chain.py).
    chain = models.JSONField(_("review chain"), default=list, blank=True)
    # The rounds of a recurring call, by month: [{"month": "2026-06"}, {"month": "2026-12"}]; empty for a call
    # of one round. A {"last_working_days": N} deadline falls in each round's month.
    rounds = models.JSONField(_("rounds"), default=list, blank=True)
    # Columns of the recommendation summary sheet (附件3), by key (applications/interfaces/export_xlsx.py).
    summary_columns = models.JSONField(_("summary sheet columns"), default=list, blank=True)
    builtin = models.BooleanField(_("built in"), default=False)
    # A copy being prepared is not public until it is first opened.
    published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("calls:call_detail", args=[self.code])

    def audit_scope_path(self) -> str:
        return self.issuer.path if self.issuer_id else ""

    @property
    def is_open(self) -> bool:
        return self.status == CallStatus.OPEN

    def evidence_requirements(self) -> list[dict[str, Any]]:
        return [dict(item) for item in self.evidence or []]

    def chain_levels(self) -> list[str]:
        return [str(step["level"]) for step in self.chain or []]


def attachment_path(instance: CallAttachment, filename: str) -> str:
    import uuid

    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"calls/{instance.call_id}/{uuid.uuid4().hex}.{suffix}"


class CallAttachment(models.Model):
    """An attachment of the notice (附件1 建设要求, 附件3 汇总表 template …)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("call attachment")
        verbose_name_plural = _("call attachments")
        ordering = ["call", "pk"]

    def __str__(self) -> str:
        return self.title

    def audit_scope_path(self) -> str:
        return self.call.audit_scope_path()
