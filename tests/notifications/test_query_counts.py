"""The notification list makes the same number of queries with 5 notifications as with 50."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.query_counts import assert_constant

CEILING = 15  # the page's own queries, and the session's refresh when it falls due (3)


@pytest.mark.parametrize("query", ["", "?unread=1"])
def test_the_notification_list_costs_the_same_at_any_size(roles, login, query, django_assert_max_num_queries):
    from zhongshi.notifications.models import Notification

    user = roles["district"]

    def grow(count: int) -> None:
        Notification.objects.bulk_create([Notification(user=user, kind="application_submitted", title=f"通知{i}",
                                                        url="/reviews/") for i in range(count)])

    assert_constant(login(user), reverse("notifications:notification_list") + query, grow, CEILING,
                    django_assert_max_num_queries)
