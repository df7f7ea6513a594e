"""Write audit entries. Model changes are recorded by signals (audit/signals.py); state changes,
logins and refusals by calling ``record_event`` from the domain function that made them."""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
import uuid
from typing import Any

from django.db import models

from zhongshi.audit.context import get_audit_context
from zhongshi.audit.models import AuditAction, AuditEntry

MASKED_FIELDS = frozenset({"password"})


def _json_value(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (dict, list, str, int, float, bool)) or value is None:
        return value
    return str(value)


def digest(value: Any) -> str:
    """A short fingerprint of a large value (``sha256:…``), so that the log shows that it changed."""
    text = json.dumps(_json_value(value), ensure_ascii=False, sort_keys=True, default=str)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()[:16]


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The concrete field values of ``instance`` as JSON-ready data (secrets masked).

    Fields a model names in ``AUDIT_DIGEST_FIELDS`` (a 申报书's answers, saved on every autosave) are
    recorded as a fingerprint; their full history is kept by the model's own revisions.
    """
    digested = getattr(type(instance), "AUDIT_DIGEST_FIELDS", ())
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if field.name in MASKED_FIELDS and value:
            values[field.attname] = "***"
        elif field.name in digested:
            values[field.attname] = digest(value)
        else:
            values[field.attname] = _json_value(value)
    return values


def scope_path_of(instance: models.Model | None) -> str:
    method = getattr(instance, "audit_scope_path", None)
    return str(method()) if callable(method) else ""


def is_private(instance: models.Model | None, action: str) -> bool:
    """Whether an entry about ``instance`` is its author's draft, hidden from the authorities.

    An object says so with ``audit_private()`` (an application with its applicant, its evidence uploaded
    then); a state change (submit, return, withdraw) is never private: the authorities see that it happened.
    """
    method = getattr(instance, "audit_private", None)
    return action != AuditAction.TRANSITION and callable(method) and bool(method())


def record_event(
    *,
    action: str,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    message: str = "",
    actor: Any = None,
    actor_name: str = "",
    scope_path: str | None = None,
    ip_address: str | None = None,
    changes: list[dict[str, Any]] | None = None,
) -> AuditEntry:
    context = get_audit_context()
    actor = actor if actor is not None else context.actor
    if actor is not None and not getattr(actor, "pk", None):
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=actor_name or (actor.get_username() if actor is not None else ""),
        action=AuditAction(action),
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None and target.pk is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        scope_path=scope_path if scope_path is not None else scope_path_of(target),
        before=before,
        after=after,
        message=message[:500],
        ip_address=ip_address or context.ip_address,
        changes=changes or None,
        private=is_private(target, action),
    )


def record_transition(
    *, target: models.Model, field: str, old: str, new: str, message: str = "", actor: Any = None
) -> AuditEntry:
    return record_event(
        action=AuditAction.TRANSITION,
        target=target,
        before={field: old},
        after={field: new},
        message=message,
        actor=actor,
    )
