"""Every home page makes the same number of queries with 5 applications (and registrations) as with 50."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.query_counts import assert_constant, spread_applications

CEILING = 20  # the page's own queries, and the session's refresh when it falls due (3)


def _grow(applicant):
    def grow(count: int) -> None:
        spread_applications(count)
        for _ in range(count):  # registrations awaiting approval in 东湖, and drafts of the applicant
            factories.HostOrgFactory(status="pending")
            factories.application(applicant.host_org)

    return grow


@pytest.mark.parametrize("role", ["province", "city", "district", "ministry", "admin", "applicant"])
def test_every_home_page_costs_the_same_at_any_size(roles, login, role, django_assert_max_num_queries):
    assert_constant(login(roles[role]), reverse("core:home"), _grow(roles["applicant"]), CEILING,
                    django_assert_max_num_queries)
