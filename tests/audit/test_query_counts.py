"""The audit list makes the same number of queries with 5 rows as with 50."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.query_counts import assert_constant, spread_applications

CEILING = 20  # the page's own queries, and the session's refresh when it falls due (3)


@pytest.mark.parametrize("role", ["admin", "province", "district"])
def test_the_audit_list_costs_the_same_at_any_size(roles, login, role, django_assert_max_num_queries):
    from zhongshi.audit.models import AuditEntry

    def grow(count: int) -> None:  # every application, its host organisation and its steps are audited
        before = AuditEntry.objects.count()
        spread_applications(count)
        assert AuditEntry.objects.count() >= before + count

    assert_constant(login(roles[role]), reverse("audit:entry_list"), grow, CEILING, django_assert_max_num_queries)
