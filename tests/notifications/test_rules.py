from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from zhongshi.core.permissions import can, scope_queryset
from zhongshi.notifications.domain.notify import notify, set_preferences
from zhongshi.notifications.models import Notification, NotificationPreference

pytestmark = pytest.mark.django_db


def test_a_user_sees_only_his_own(roles):
    own = notify(users=[roles["applicant"]], kind="application_returned", title="一")[0]
    notify(users=[roles["district"]], kind="application_submitted", title="二")
    assert list(scope_queryset(roles["applicant"], Notification.objects.all())) == [own]
    assert list(scope_queryset(roles["admin"], Notification.objects.all())) == []
    assert list(scope_queryset(AnonymousUser(), Notification.objects.all())) == []


def test_only_the_owner_may_open_a_notification(roles):
    own = notify(users=[roles["applicant"]], kind="application_returned", title="一")[0]
    allowed = {name for name, user in roles.items() if can(user, "notifications.view_notification", own)}
    assert allowed == {"applicant"}
    assert not can(AnonymousUser(), "notifications.view_notification", own)


def test_every_signed_in_user_has_a_list_and_settings(roles):
    for user in roles.values():
        assert can(user, "notifications.list_notification")
        assert can(user, "notifications.change_notificationpreference")
    assert not can(AnonymousUser(), "notifications.list_notification")


def test_preferences_are_scoped_to_their_owner(roles):
    set_preferences(user=roles["applicant"], choices={"deadline_reminder": (True, False)})
    set_preferences(user=roles["city"], choices={"deadline_reminder": (False, False)})
    scoped = scope_queryset(roles["applicant"], NotificationPreference.objects.all())
    assert list(scoped.values_list("user__username", "kind")) == [("guangxin", "deadline_reminder")]
