"""Account administration: password reset by an administrator, unlocking a locked account."""

from __future__ import annotations

from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhongshi.accounts.models import User
from zhongshi.audit.domain.record_event import record_event
from zhongshi.audit.models import AuditAction
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can


def reset_password(*, actor: Any, user: User, new_password: str) -> User:
    """An administrator sets a temporary password; the user must change it at the next sign-in."""
    if not can(actor, "accounts.reset_password", user):
        raise NotAllowed(_("Only a system administrator may reset passwords."))
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code="password_invalid", field="new_password1") from exc
    with transaction.atomic():
        user.set_password(new_password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        record_event(action=AuditAction.PASSWORD, target=user, actor=actor,
                     message=_("Password reset by an administrator"))
    axes_reset(username=user.username)
    return user


def change_own_password(*, user: User, new_password: str) -> User:
    with transaction.atomic():
        user.set_password(new_password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        record_event(action=AuditAction.PASSWORD, target=user, actor=user, message=_("Password changed"))
    return user


def unlock_user(*, actor: Any, user: User) -> int:
    if not can(actor, "accounts.unlock_user", user):
        raise NotAllowed(_("Only a system administrator may unlock accounts."))
    removed = int(axes_reset(username=user.username))
    record_event(action=AuditAction.UPDATE, target=user, actor=actor, message=_("Account unlocked"))
    return removed
