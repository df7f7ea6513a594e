"""Every signed-in user reads and sets his own notifications; nobody sees another's."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import QuerySet

from zhongshi.core.permissions import register_scope
from zhongshi.core.predicates import is_signed_in
from zhongshi.notifications.models import Notification, NotificationPreference


def _own(user: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(user_id=user.pk)


@register_scope(Notification)
def scope_notifications(user: Any, queryset: QuerySet[Notification]) -> QuerySet[Notification]:
    return _own(user, queryset)


@register_scope(NotificationPreference)
def scope_preferences(user: Any, queryset: QuerySet[NotificationPreference]) -> QuerySet[NotificationPreference]:
    return _own(user, queryset)


@rules.predicate
def is_own_notification(user: Any, notification: Notification | None) -> bool:
    return (notification is not None and getattr(user, "is_authenticated", False)
            and notification.user_id == user.pk)


rules.add_perm("notifications.list_notification", is_signed_in)
rules.add_perm("notifications.view_notification", is_own_notification)
rules.add_perm("notifications.change_notificationpreference", is_signed_in)
