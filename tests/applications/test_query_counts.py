"""The application list and detail pages make the same number of queries with 5 rows as with 50."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.query_counts import assert_constant, spread_applications

CEILING = 25  # the page's own queries, and the session's refresh when it falls due (3)


@pytest.mark.parametrize("role", ["province", "city", "district", "ministry", "admin", "applicant"])
def test_the_application_list_costs_the_same_at_any_size(roles, login, role, django_assert_max_num_queries):
    def grow(count: int) -> None:
        spread_applications(count)
        for _ in range(count):
            factories.application(roles["applicant"].host_org)

    assert_constant(login(roles[role]), reverse("applications:application_list"), grow, CEILING,
                    django_assert_max_num_queries)


@pytest.mark.parametrize("role", ["province", "district", "applicant"])
def test_the_application_detail_costs_the_same_at_any_size(roles, login, role, django_assert_max_num_queries):
    """The detail of one application while the area fills up, and its own evidence files grow."""
    application = factories.application(roles["applicant"].host_org, status="submitted", current_level="district",
                                        round=1)

    def grow(count: int) -> None:
        spread_applications(count)
        for _ in range(count // 5):
            factories.evidence_file(application)

    # + the step tracker's deadline (the call's extensions) since issue 9
    assert_constant(login(roles[role]), reverse("applications:application_detail", args=[application.pk]), grow,
                    CEILING + 3, django_assert_max_num_queries)  # + the library's ban on the credit code
