"""Writes: notify users of an event, mark notifications read, save a user's choices.

``notify`` is what every workflow calls after a transition. The in-app notification is written in the
caller's transaction; the e-mail is queued only when that transaction commits, so a transition that
rolls back sends nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.notifications.domain.queries.notifications import channels, unread_count
from zhongshi.notifications.domain.queries.recipients import recipients_for_authority, recipients_for_host_org
from zhongshi.notifications.kinds import get_kind
from zhongshi.notifications.models import Notification, NotificationPreference
from zhongshi.notifications.tasks import send_notification_email

__all__ = [
    "absolute_url",
    "mark_all_read",
    "mark_read",
    "notify",
    "recipients_for_authority",
    "recipients_for_host_org",
    "set_preferences",
    "unread_count",
]

TITLE_MAX_LENGTH = 200
URL_MAX_LENGTH = 500


def absolute_url(url: str) -> str:
    """``url`` (a path such as /applications/3/) on ZHONGSHI_BASE_URL; an absolute URL is kept."""
    base = str(settings.ZHONGSHI_BASE_URL).rstrip("/") + "/"
    return urljoin(base, url)


def _distinct_active(users: Iterable[Any]) -> list[Any]:
    seen: set[int] = set()
    result = []
    for user in users:
        if user is None or user.pk is None or user.pk in seen or not getattr(user, "is_active", False):
            continue
        seen.add(user.pk)
        result.append(user)
    return result


def _email_after_commit(*, to: str, name: str, title: str, body: str, url: str,
                        settings_url: str) -> Callable[[], None]:
    def send_notification_email_after_commit() -> None:
        send_notification_email.delay(to=to, name=name, title=title, body=body, url=url, settings_url=settings_url)

    return send_notification_email_after_commit


def notify(*, users: Iterable[Any], kind: str, title: str, body: str = "", url: str = "") -> list[Notification]:
    """Tell each distinct active user in ``users`` of an event of ``kind``, by the channels he chose.

    Returns the in-app notifications created (none for a user who turned the kind off in the
    application). E-mails go, one per user with an address and the e-mail channel on, after commit.
    ``url`` is the page the event is about, as a path; raises ``UnknownKindError`` for an unregistered kind.
    """
    spec = get_kind(kind)
    title = " ".join(title.split())[:TITLE_MAX_LENGTH]
    url = url[:URL_MAX_LENGTH]
    recipients = _distinct_active(users)
    if not recipients:
        return []
    rows = {p.user_id: p for p in NotificationPreference.objects.filter(
        user_id__in=[user.pk for user in recipients], kind=kind)}
    in_app_users, email_users = [], []
    for user in recipients:
        in_app, email = channels(spec, rows.get(user.pk))
        if in_app:
            in_app_users.append(user)
        if email and (getattr(user, "email", "") or "").strip():
            email_users.append(user)
    created = Notification.objects.bulk_create(
        [Notification(user=user, kind=kind, title=title, body=body, url=url) for user in in_app_users])
    if email_users:
        link = absolute_url(url or reverse("notifications:notification_list"))
        settings_url = absolute_url(reverse("notifications:preferences"))
        for user in email_users:
            transaction.on_commit(_email_after_commit(
                to=user.email.strip(), name=str(getattr(user, "display_name", user)), title=title, body=body,
                url=link, settings_url=settings_url), robust=True)
    return created


def mark_read(*, user: Any, notification: Notification) -> Notification:
    """Mark one of ``user``'s own notifications read (again: a no-op)."""
    if notification.user_id != getattr(user, "pk", None):
        raise NotAllowed(_("This notification is not yours."))
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


def mark_all_read(*, user: Any) -> int:
    """Mark every unread notification of ``user`` read; returns how many there were."""
    if not getattr(user, "is_authenticated", False):
        raise NotAllowed(_("Please sign in."))
    return Notification.objects.filter(user_id=user.pk, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def set_preferences(*, user: Any, choices: Mapping[str, tuple[bool, bool]]) -> list[NotificationPreference]:
    """Save ``user``'s channels, kind → (in_app, email), for the kinds named; other kinds are left alone."""
    if not getattr(user, "is_authenticated", False):
        raise NotAllowed(_("Please sign in."))
    for code in choices:
        try:
            get_kind(code)
        except LookupError as exc:
            raise DomainError(_("Unknown kind of notification."), code="unknown_kind") from exc
    saved = []
    for code, (in_app, email) in choices.items():
        row, _created = NotificationPreference.objects.update_or_create(
            user_id=user.pk, kind=code, defaults={"in_app": bool(in_app), "email": bool(email)})
        saved.append(row)
    return saved
