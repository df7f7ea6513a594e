"""A new call from an existing one: the issuing authority copies last round's call, then changes its
thresholds, deadlines, evidence list and chain in the edit form (calls/domain/update_call.py)."""

from __future__ import annotations

import copy
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zhongshi.calls.domain.update_call import InvalidCallError, validate_code, validate_title
from zhongshi.calls.enums import CallStatus
from zhongshi.calls.models import Call, CallAttachment
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can


def copy_call(*, user: Any, source: Call, code: str, title: str) -> Call:
    """A copy of ``source`` under a new code and title, with its notice, conditions, checklist, chain and
    deadlines, evidence list, summary columns and attachments (the files copied too). The copy is closed
    until its administrators open it, is not built in, and has the source's issuer — the copier's own
    authority, since only the issuer (or a system administrator) may copy a call."""
    if not can(user, "calls.copy_call", source):
        raise NotAllowed(_("Only the issuing authority may copy this call."))
    code = (code or "").strip()
    title = (title or "").strip()
    errors = validate_code(code) + validate_title(title)
    if errors:
        raise InvalidCallError(errors)
    try:
        with transaction.atomic():
            call = Call.objects.create(
                code=code, title=title, level=source.level, issuer_id=source.issuer_id, form_code=source.form_code,
                status=CallStatus.CLOSED, notice=source.notice, builtin=False, published=False,
                evidence=copy.deepcopy(source.evidence), conditions=copy.deepcopy(source.conditions),
                checklist=copy.deepcopy(source.checklist), chain=copy.deepcopy(source.chain),
                rounds=copy.deepcopy(source.rounds),
                summary_columns=copy.deepcopy(source.summary_columns),
            )
            for attachment in source.attachments.order_by("pk"):
                duplicate = CallAttachment(call=call, title=attachment.title)
                with attachment.file.open("rb") as handle:
                    duplicate.file.save(attachment.file.name.rsplit("/", 1)[-1], ContentFile(handle.read()),
                                        save=False)
                duplicate.save()
    except IntegrityError as exc:  # the same code taken at the same moment
        raise InvalidCallError([DomainError(_("The code %(code)s is already used by another call.") % {"code": code},
                                       code="duplicate_code", field="code")]) from exc
    return call
