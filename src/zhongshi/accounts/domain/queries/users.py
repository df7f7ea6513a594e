"""Reads of user accounts."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet


def locked_usernames() -> QuerySet[AccessAttempt]:
    return AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).values_list(
        "username", flat=True
    )


def count_locked_users() -> int:
    return locked_usernames().distinct().count()
