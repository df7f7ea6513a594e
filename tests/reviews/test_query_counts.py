"""The review pages make the same number of queries with 5 rows as with 50 (issue 8 §3)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.query_counts import assert_constant, spread_applications

CEILING = 20  # the page's own ~14 queries, and the session's refresh when it falls due (3)


@pytest.mark.parametrize("role", ["province", "city", "district", "ministry"])
@pytest.mark.parametrize("query", ["", "?stage=all", "?stage=all&sort=platform_name&eligibility=eligible",
                                   "?stage=approved"])
def test_every_queue_costs_the_same_at_any_size(roles, login, role, query, django_assert_max_num_queries):
    client = login(roles[role])
    assert_constant(client, reverse("reviews:queue") + query, spread_applications, CEILING,
                    django_assert_max_num_queries)


def test_a_queue_page_shows_what_each_row_shows_alone(roles, login):
    """The page's preloaded status lines, holders and deciding levels are those of the one-row questions."""
    from zhongshi.applications.models import Application
    from zhongshi.calls.domain.chain import is_deciding_level
    from zhongshi.core.permissions import can
    from zhongshi.reviews.domain.queries.status import describe_status

    spread_applications(70)
    user = roles["province"]
    response = login(user).get(reverse("reviews:queue") + "?stage=all")
    rows = response.context["rows"]
    assert len(rows) == 50
    assert len({row.status.badge for row in rows}) == 7  # 3 levels, returned, not recommended, in notice, final
    for row in rows:
        alone = Application.objects.get(pk=row.application.pk)
        assert row.status == describe_status(alone)
        assert row.holds == can(user, "reviews.review_application", alone)
        assert row.deciding == (alone.status == "submitted" and is_deciding_level(alone.call, alone.host_org, alone.current_level))
    assert sum(row.holds for row in rows) > 0


@pytest.mark.parametrize("page", ["review", "notice_list", "notice_detail", "extensions"])
def test_review_and_notice_pages_cost_the_same_at_any_size(roles, login, page, django_assert_max_num_queries):
    from zhongshi.reviews.models import Notice

    made: list = []

    def grow(count: int) -> None:
        made.extend(spread_applications(count))

    def url() -> str:
        if page == "review":
            return reverse("reviews:review", args=[next(a.pk for a in made if a.current_level == "province")])
        if page == "notice_detail":
            return reverse("reviews:notice_detail", args=[Notice.objects.get(title="测试公示").pk])
        if page == "extensions":
            return reverse("reviews:extensions", args=["hubei-2026-provincial"])
        return reverse("reviews:notice_list")

    assert_constant(login(roles["province"]), url, grow, 30, django_assert_max_num_queries)
