"""The audit list makes the same number of queries with 5 rows as with 50."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.query_counts import assert_constant, spread_applications

CEILING = 20  # the page's own queries, and the session's refresh when it falls due (3)


@pytest.mark.parametrize("role", ["admin", "province", "district"])
def test_the_audit_list_costs_the_same_at_any_size(roles, login, role, django_assert_max_num_queries):
    from zhongshi.audit.models import AuditEntry
    from zhongshi.reviews.models import Notice

    def grow(count: int) -> None:  # every application, its host organisation and its steps are audited
        before = AuditEntry.objects.count()
        spread_applications(count)
        assert AuditEntry.objects.count() >= before + count
        # A foreign key shows its object's name, looked up once per kind of object on the page (not per row):
        # the newest entries name the same kinds of objects at 5 rows as at 50 (a notice: a call and an
        # authority; an expert: a user; an enterprise's user: an enterprise).
        Notice.objects.create(call=factories.call(), authority=factories.authority("420000"),
                              title=f"测试公示 {before}", starts_at=timezone.now(),
                              ends_at=timezone.now() + timedelta(days=5))
        factories.expert_user()
        factories.enterprise_user()

    assert_constant(login(roles[role]), reverse("audit:entry_list"), grow, CEILING, django_assert_max_num_queries)
