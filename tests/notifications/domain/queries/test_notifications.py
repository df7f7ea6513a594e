from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from zhongshi.notifications.domain.notify import mark_read, notify, set_preferences, unread_count
from zhongshi.notifications.domain.queries.notifications import preference_choices

pytestmark = pytest.mark.django_db


def test_unread_count(applicant, colleague, django_assert_num_queries):
    first, _second = (notify(users=[applicant], kind="application_forwarded", title=t)[0] for t in ("一", "二"))
    notify(users=[colleague], kind="application_forwarded", title="三")
    mark_read(user=applicant, notification=first)
    with django_assert_num_queries(1):
        assert unread_count(applicant) == 1
    assert unread_count(colleague) == 1
    assert unread_count(AnonymousUser()) == 0


def test_preference_choices_are_the_defaults_unless_saved(applicant):
    set_preferences(user=applicant, choices={"objection_filed": (False, False)})
    choices = {c.kind.code: (c.in_app, c.email) for c in preference_choices(applicant)}
    assert choices["objection_filed"] == (False, False)
    assert choices["application_submitted"] == (True, True)
    assert list(choices)[:3] == ["application_submitted", "application_returned", "application_recommended"]
