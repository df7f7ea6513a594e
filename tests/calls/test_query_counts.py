"""The call list and a call's page make the same number of queries with 5 calls (applications) as with 50."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.query_counts import assert_constant, spread_applications

CEILING = 20  # the page's own queries, and the session's refresh when it falls due (3)


def _more_calls(count: int) -> None:
    from zhongshi.calls.models import Call

    template = factories.call()
    for _ in range(count):
        copy = Call.objects.get(pk=template.pk)
        copy.pk = None
        copy.code = f"copy-{Call.objects.count()}"
        copy.issuer = factories.authority(["420000", "330000", "000000"][Call.objects.count() % 3])
        copy.save()


@pytest.mark.parametrize("role", ["province", "applicant", "anonymous"])
def test_the_call_list_costs_the_same_at_any_size(roles, login, client, role, django_assert_max_num_queries):
    browser = client if role == "anonymous" else login(roles[role])
    assert_constant(browser, reverse("calls:call_list"), _more_calls, CEILING, django_assert_max_num_queries)


@pytest.mark.parametrize("role", ["province", "applicant", "anonymous"])
def test_a_call_page_costs_the_same_at_any_size(roles, login, client, role, django_assert_max_num_queries):
    browser = client if role == "anonymous" else login(roles[role])
    assert_constant(browser, reverse("calls:call_detail", args=["hubei-2026-provincial"]), spread_applications,
                    CEILING, django_assert_max_num_queries)
