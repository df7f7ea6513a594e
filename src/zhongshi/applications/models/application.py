"""申报书: a host organisation's application to a call, its submitted rounds and its evidence files."""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhongshi.applications.enums import EDITABLE_STATUSES, ApplicationStatus

# The parts inside a field's value that have no label of their own in the form (是否…：选择 / 具体情况; 起止时间).
PART_LABELS = {"answer": "选择", "detail": "具体情况", "start": "起", "end": "止"}


class Application(models.Model):
    """The answers are JSON tied to the form version they were written against (DESIGN.md)."""

    AUDIT_DIGEST_FIELDS = ("answers",)

    call = models.ForeignKey("calls.Call", on_delete=models.PROTECT, related_name="applications")
    host_org = models.ForeignKey("organisations.HostOrg", on_delete=models.PROTECT, related_name="applications")
    form_code = models.CharField(_("form version"), max_length=64)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    platform_name = models.CharField(_("platform name"), max_length=200, blank=True)
    # 所属行业领域 joined with “、”, kept beside the answers for reviewers' filters (JSON lookups into lists
    # differ between SQLite and PostgreSQL).
    clusters = models.CharField(_("industry fields"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT, db_index=True
    )
    # How many consistency warnings (前后一致) the answers raise, kept for reviewers' filters.
    warning_count = models.PositiveSmallIntegerField(_("consistency warnings"), default=0)
    # Optimistic concurrency: every save of the answers must name the revision it was based on.
    revision = models.PositiveIntegerField(_("revision"), default=1)
    # Desensitisation warnings the applicant has confirmed as intended: ["path|code|text", …].
    confirmed_sensitive = models.JSONField(_("confirmed sensitive data"), default=list, blank=True)
    round = models.PositiveSmallIntegerField(_("submission round"), default=0)
    # The level of the call's review chain that holds a submitted application (district, city, …).
    current_level = models.CharField(_("current level"), max_length=16, blank=True, db_index=True)
    # The order in which the authority of the current level recommends it upwards (1 = first).
    recommendation_order = models.PositiveIntegerField(_("recommendation order"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # Set when the public notice (公示) of an approval ends without an upheld objection: the result is final.
    final_at = models.DateTimeField(_("final at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-updated_at", "pk"]
        indexes = [
            models.Index(fields=["call", "status"]),
            # Covering indexes of the lists' filters, sorts and counts (issue 8 §3): SQLite stores the wide
            # answers ahead of these columns in the row, so a query answered from an index never reads them.
            models.Index(fields=["status", "current_level", "host_org", "submitted_at"], name="app_level_queue_cover"),
            models.Index(fields=["host_org", "status", "submitted_at", "updated_at", "current_level"],
                         name="app_area_status_cover"),
        ]

    def __str__(self) -> str:
        return self.platform_name or str(_("Untitled application"))

    def get_absolute_url(self) -> str:
        return reverse("applications:application_detail", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.host_org.district.path

    def audit_private(self) -> bool:
        """A change made while the application is with its applicant (a draft, or returned for revision,
        before and after the change) is the applicant's own: the audit log hides it from the authorities."""
        before = getattr(self, "_audit_before", None) or {}
        return self.status in EDITABLE_STATUSES and before.get("status", self.status) in EDITABLE_STATUSES

    def audit_label_answer(self, path: str) -> tuple[str, str]:
        """The printed label of an answer path (``基本信息 › 平台名称``) and its unit, for the audit log."""
        from zhongshi.formversions.domain.formdef import load_form
        from zhongshi.formversions.domain.paths import parse_path

        form = load_form(self.form_code)
        parts = parse_path(path)
        # "一、制造业中试平台基本信息" → "制造业中试平台基本信息"; the unit goes beside the value, not the label
        labels = [re.sub(r"^[一二三四五六七八九十]+、", "", form.section(str(parts[0])).label)]
        keys, unit = [str(parts[0])], ""
        for part in parts[1:]:
            if isinstance(part, int):
                labels[-1] += f"（第{part + 1}行）"
                continue
            keys.append(part)
            dotted = ".".join(keys)
            if form.has_field(dotted):
                field = form.field(dotted)
                unit = field.unit
                labels.append(field.label.removesuffix(f"（{unit}）") if unit else field.label)
            elif part.isdigit():
                labels.append(f"{part}年")
            else:
                labels.append(form.year_labels.get(part) or PART_LABELS.get(part, part))
        return " › ".join(labels), unit

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def eligibility(self) -> str:
        """The call's verdict on the answers: eligible / ineligible / unknown ("" before the first judgement)."""
        try:
            return self.eligibility_record.eligibility
        except ApplicationFigures.DoesNotExist:
            return ""


class ApplicationFigures(models.Model):
    """The figures the call's conditions read (numbers and yes/no answers, ~2 KB) and the verdict on them,
    in a narrow table of their own: re-judging a whole call after a threshold change reads and writes only
    this table, never the answers (applications/domain/reevaluate_call.py)."""

    AUDITED = False  # derived from the answers on every save; the answers' changes are audited

    application = models.OneToOneField(Application, primary_key=True, on_delete=models.CASCADE,
                                       related_name="eligibility_record")
    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="+")
    figures = models.JSONField(_("figures"), default=dict)
    eligibility = models.CharField(_("eligibility"), max_length=12, blank=True, db_index=True)

    class Meta:
        verbose_name = _("eligibility judgement")
        verbose_name_plural = _("eligibility judgements")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.eligibility}"

    def audit_scope_path(self) -> str:
        return self.application.host_org.district.path


class ApplicationRound(models.Model):
    """One submission: the answers exactly as submitted, kept for every round (returns compare rounds)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    answers = models.JSONField(_("answers"))
    revision = models.PositiveIntegerField(_("revision"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    warnings = models.JSONField(_("warnings"), default=list, blank=True)

    AUDIT_DIGEST_FIELDS = ("answers",)

    class Meta:
        verbose_name = _("submission round")
        verbose_name_plural = _("submission rounds")
        ordering = ["application", "number"]
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="round_unique_number")]

    def __str__(self) -> str:
        return f"{self.application} · {self.number}"

    def audit_scope_path(self) -> str:
        return self.application.host_org.district.path


def evidence_path(instance: EvidenceFile, filename: str) -> str:
    """Storage name of an upload: never the user's file name (kept in ``original_name``)."""
    suffix = {"application/pdf": "pdf", "application/ofd": "ofd", "image/jpeg": "jpg", "image/png": "png",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx"}.get(
        instance.content_type, "bin")
    return f"evidence/{instance.application_id}/{uuid.uuid4().hex}.{suffix}"


class EvidenceFile(models.Model):
    """佐证材料: one uploaded file, stored through Django's storage API."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="evidence_files")
    requirement = models.CharField(_("evidence item"), max_length=64)
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["application", "requirement", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def audit_scope_path(self) -> str:
        return self.application.host_org.district.path

    def audit_private(self) -> bool:
        """Evidence uploaded or removed while the application is with its applicant is a draft's."""
        application = Application.objects.filter(pk=self.application_id).only("status").first()
        return application is None or application.status in EDITABLE_STATUSES

    def get_download_url(self) -> str:
        return reverse("applications:evidence_download", args=[self.application_id, self.pk])

    def describe(self) -> dict[str, Any]:
        return {"name": self.original_name, "size": self.size, "sha256": self.sha256}
