"""佐证材料: uploads checked by content (magic bytes), never by name, and stored via Django's storage API."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from zhongshi.applications.domain.edit_application import refuse_unapproved
from zhongshi.applications.models import Application, EvidenceFile
from zhongshi.core.domain.files import DOCX, JPEG, LABELS, OFD, PDF, PNG, accept_upload
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can

EVIDENCE_TYPES = (PDF, OFD, JPEG, PNG, DOCX)
ACCEPTED = {content_type: LABELS[content_type] for content_type in EVIDENCE_TYPES}


def requirement_labels(application: Application) -> dict[str, str]:
    return {item["key"]: item["label"] for item in application.call.evidence_requirements()}


@transaction.atomic
def add_evidence(*, user: Any, application: Application, requirement: str, upload: UploadedFile) -> EvidenceFile:
    application = Application.objects.select_for_update(of=("self",)).select_related("call", "host_org").get(pk=application.pk)
    refuse_unapproved(user, application)
    if not can(user, "applications.change_application", application):
        raise NotAllowed(_("You may not change this application."))
    labels = requirement_labels(application)
    if requirement not in labels:
        raise DomainError(_("Unknown evidence item."), code="unknown_requirement", field="requirement")
    accepted = accept_upload(upload, allowed=EVIDENCE_TYPES, field="file")
    used = application.evidence_files.aggregate(total=Sum("size"))["total"] or 0
    max_total = settings.ZHONGSHI_EVIDENCE_MAX_TOTAL_BYTES
    if used + accepted.size > max_total:
        raise DomainError(_("The evidence of one application may total at most %(max)s; %(used)s are used.")
                          % {"max": filesizeformat(max_total), "used": filesizeformat(used)},
                          code="total_too_large", field="file")
    evidence = EvidenceFile(
        application=application, requirement=requirement, original_name=accepted.original_name,
        content_type=accepted.content_type, size=accepted.size, sha256=accepted.sha256, uploaded_by=user,
    )
    evidence.file.save(accepted.storage_name, upload, save=False)
    evidence.save()
    return evidence


@transaction.atomic
def remove_evidence(*, user: Any, evidence: EvidenceFile) -> None:
    application = Application.objects.select_for_update().select_related("host_org").get(pk=evidence.application_id)
    refuse_unapproved(user, application)
    if not can(user, "applications.change_application", application):
        raise NotAllowed(_("You may not change this application."))
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))


def missing_evidence(application: Application) -> list[dict[str, Any]]:
    """The call's required evidence items with no file yet (a required_if applies to the answers)."""
    from zhongshi.formversions.domain.paths import get_path, is_empty

    present = set(application.evidence_files.values_list("requirement", flat=True))
    missing = []
    for item in application.call.evidence_requirements():
        required = bool(item.get("required"))
        condition = item.get("required_if")
        if not required and condition:
            required = not is_empty(get_path(application.answers, condition["path"]))
        if required and item["key"] not in present:
            missing.append(item)
    return missing
