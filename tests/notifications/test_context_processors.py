from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from zhongshi.notifications.context_processors import unread
from zhongshi.notifications.domain.notify import notify

pytestmark = pytest.mark.django_db


def test_one_query_for_a_signed_in_user(applicant, django_assert_num_queries):
    notify(users=[applicant], kind="deadline_reminder", title="截止提醒")
    request = RequestFactory().get("/")
    request.user = applicant
    with django_assert_num_queries(1):
        assert unread(request) == {"unread_notifications": 1}


def test_nothing_for_anonymous_visitors(django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert unread(request) == {}
