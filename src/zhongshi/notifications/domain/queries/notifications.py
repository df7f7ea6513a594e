"""Reads: a user's unread count and his channels for every kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zhongshi.notifications.kinds import Kind, all_kinds
from zhongshi.notifications.models import Notification, NotificationPreference


def unread_count(user: Any) -> int:
    """The number of ``user``'s unread notifications (0 for an anonymous user); one query."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user_id=user.pk, read_at__isnull=True).count()


@dataclass(frozen=True)
class KindChoice:
    kind: Kind
    in_app: bool
    email: bool


def channels(kind: Kind, preference: NotificationPreference | None) -> tuple[bool, bool]:
    """(in_app, email) for one kind: the user's row if he saved one, else the kind's defaults."""
    if preference is None:
        return kind.in_app_default, kind.email_default
    return preference.in_app, preference.email


def preference_choices(user: Any) -> list[KindChoice]:
    """Every registered kind with ``user``'s channels for it."""
    rows = {p.kind: p for p in NotificationPreference.objects.filter(user_id=user.pk)}
    result = []
    for kind in all_kinds():
        in_app, email = channels(kind, rows.get(kind.code))
        result.append(KindChoice(kind=kind, in_app=in_app, email=email))
    return result
