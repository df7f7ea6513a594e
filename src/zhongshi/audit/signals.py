"""Record every create, update and delete of the project's models, and every sign-in event."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from zhongshi.audit.domain.diff_answers import diff_answers
from zhongshi.audit.domain.record_event import record_event, snapshot
from zhongshi.audit.models import AuditAction

NOT_AUDITED = {"audit.auditentry", "sessions.session", "axes.accessattempt", "axes.accesslog",
               "axes.accessfailurelog", "contenttypes.contenttype", "admin.logentry", "auth.permission"}
IGNORED_UPDATE_FIELDS = {"last_login"}


def is_audited(model: type[models.Model]) -> bool:
    label = model._meta.label_lower
    if getattr(model, "AUDITED", True) is False:  # derived data a model declares unaudited
        return False
    return label not in NOT_AUDITED and (model.__module__.startswith("zhongshi.") or label == "auth.group")


@receiver(pre_save)
def _remember_before(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if raw or not is_audited(sender) or instance.pk is None:
        return
    previous = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(previous) if previous is not None else None  # type: ignore[attr-defined]
    digested = getattr(sender, "AUDIT_DIGEST_FIELDS", ())
    instance._audit_before_raw = {  # type: ignore[attr-defined]
        name: getattr(previous, name) for name in digested} if previous is not None else {}


@receiver(post_save)
def _record_save(
    sender: type[models.Model], instance: models.Model, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if raw or not is_audited(sender):
        return
    after = snapshot(instance)
    if created:
        record_event(action=AuditAction.CREATE, target=instance, after=after)
        return
    before = getattr(instance, "_audit_before", None) or {}
    changed = {k for k, v in after.items() if before.get(k) != v} - IGNORED_UPDATE_FIELDS
    if not changed:
        return
    # The digested fields (a 申报书's answers) are recorded as a field-level diff; the digests stay in
    # before/after as the fingerprint of the whole document.
    raw_before = getattr(instance, "_audit_before_raw", {})
    labeller = getattr(instance, "audit_label_answer", None)
    changes = []
    for name in getattr(sender, "AUDIT_DIGEST_FIELDS", ()):
        if name in changed and name in raw_before:
            changes += diff_answers(raw_before[name], getattr(instance, name),
                                    labeller=labeller if callable(labeller) else None)
    record_event(
        action=AuditAction.UPDATE,
        target=instance,
        before={k: before.get(k) for k in sorted(changed)},
        after={k: after[k] for k in sorted(changed)},
        changes=changes,
    )


@receiver(post_delete)
def _record_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if is_audited(sender):
        record_event(action=AuditAction.DELETE, target=instance, before=snapshot(instance))


@receiver(user_logged_in)
def _record_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record_event(action=AuditAction.LOGIN, target=user, actor=user)


@receiver(user_logged_out)
def _record_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record_event(action=AuditAction.LOGOUT, target=user, actor=user)


@receiver(user_login_failed)
def _record_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    user = get_user_model()._default_manager.filter(username=username).first()
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    record_event(
        action=AuditAction.LOGIN_FAILED, target=user, actor_name=username, ip_address=ip,
        message=f"username={username}",
    )


def connect_lockout_signal() -> None:
    from axes.signals import user_locked_out

    def _record_lockout(sender: Any, request: Any = None, username: str = "", ip_address: str = "",
                        **kwargs: Any) -> None:
        user = get_user_model()._default_manager.filter(username=username).first()
        record_event(action=AuditAction.LOCKED_OUT, target=user, actor_name=username,
                     ip_address=ip_address or None, message=f"username={username}")

    user_locked_out.connect(_record_lockout, weak=False, dispatch_uid="zhongshi_audit_lockout")

