"""Account administration by an administrator: create an account, change its role and membership, disable
or enable it, reset its password, unlock it. Each function checks ``can()``; the audit log records the
changes (the model's signals, and an entry naming what was done)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from zhongshi.accounts.enums import Role
from zhongshi.accounts.models import User
from zhongshi.audit.context import audit_context, get_audit_context
from zhongshi.audit.domain.record_event import record_event
from zhongshi.audit.models import AuditAction
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can
from zhongshi.organisations.models import Authority, DemandEnterprise, HostOrg


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


@dataclass(frozen=True)
class UserData:
    """What an administrator sets of an account. The membership that fits the role is kept, the others
    cleared: an applicant belongs to a host organisation, an authority reviewer to an authority, a
    demand-side enterprise's user to an enterprise."""

    role: str
    full_name: str = ""
    email: str = ""
    phone: str = ""
    host_org: HostOrg | None = None
    authority: Authority | None = None
    enterprise: DemandEnterprise | None = None


def _acting(actor: Any) -> Any:
    """The audit entries of the model's signals name the administrator, in a request or not."""
    return audit_context(actor=actor, ip_address=get_audit_context().ip_address)


def _is_admin(user: User) -> bool:
    return bool(user.is_superuser or user.role == Role.ADMIN)


def _active_admins() -> Any:
    return User.objects.filter(is_active=True).filter(Q(role=Role.ADMIN) | Q(is_superuser=True))


def _apply(user: User, data: UserData) -> None:
    if data.role not in Role.values:
        raise DomainError(_("Choose a role."), code="role_invalid", field="role")
    if data.role == Role.APPLICANT and data.host_org is None:
        raise DomainError(_("An applicant belongs to a host organisation: choose one."), code="host_org_missing",
                          field="host_org")
    if data.role == Role.AUTHORITY and data.authority is None:
        raise DomainError(_("An authority reviewer belongs to an authority: choose one."), code="authority_missing",
                          field="authority")
    if data.role == Role.ENTERPRISE and data.enterprise is None:
        raise DomainError(_("A demand-side enterprise's user belongs to an enterprise: choose one."),
                          code="enterprise_missing", field="enterprise")
    user.role = data.role
    user.full_name = data.full_name.strip()
    user.email = data.email.strip()
    user.phone = data.phone.strip()
    user.host_org = data.host_org if data.role == Role.APPLICANT else None
    user.authority = data.authority if data.role == Role.AUTHORITY else None
    user.enterprise = data.enterprise if data.role == Role.ENTERPRISE else None


def create_user(*, actor: Any, username: str, password: str, data: UserData) -> User:
    """An administrator opens an account with a temporary password: it must be changed at the first sign-in."""
    if not can(actor, "accounts.create_user"):
        raise NotAllowed(_("Only a system administrator may create accounts."))
    username = username.strip()
    if not username:
        raise DomainError(_("Enter a user name."), code="username_missing", field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("The user name %(name)s is taken.") % {"name": username}, code="username_taken",
                          field="username")
    user = User(username=username, must_change_password=True)
    _apply(user, data)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code="password_invalid", field="password") from exc
    user.set_password(password)
    with transaction.atomic(), _acting(actor):
        user.save()
    return user


def update_user(*, actor: Any, user: User, data: UserData) -> User:
    """An administrator changes the role, membership or contact of an account. The last active
    administrator keeps his role."""
    if not can(actor, "accounts.change_user", user):
        raise NotAllowed(_("Only a system administrator may change accounts."))
    with transaction.atomic(), _acting(actor):
        locked = User.objects.select_for_update().get(pk=user.pk)
        if (_is_admin(locked) and locked.is_active and data.role != Role.ADMIN and not locked.is_superuser
                and not _active_admins().exclude(pk=locked.pk).exists()):
            raise DomainError(_("%(user)s is the last active administrator: the role stays.")
                              % {"user": locked.display_name}, code="last_admin", field="role")
        _apply(user, data)
        user.save(update_fields=["role", "full_name", "email", "phone", "host_org", "authority", "enterprise"])
    return user


def set_user_active(*, actor: Any, user: User, active: bool) -> User:
    """Disable an account (it can no longer sign in; its records stay) or enable it again. An administrator
    cannot disable himself, nor the last active administrator."""
    if not can(actor, "accounts.change_user", user):
        raise NotAllowed(_("Only a system administrator may change accounts."))
    if not active and getattr(actor, "pk", None) == user.pk:
        raise DomainError(_("You cannot disable your own account."), code="disable_self", field="is_active")
    with transaction.atomic(), _acting(actor):
        locked = User.objects.select_for_update().get(pk=user.pk)
        if (not active and _is_admin(locked) and locked.is_active
                and not _active_admins().exclude(pk=locked.pk).exists()):
            raise DomainError(_("%(user)s is the last active administrator and cannot be disabled.")
                              % {"user": locked.display_name}, code="last_admin", field="is_active")
        user.is_active = active
        user.save(update_fields=["is_active"])
        record_event(action=AuditAction.UPDATE, target=user, actor=actor,
                     message=_("Account enabled") if active else _("Account disabled"))
    return user
