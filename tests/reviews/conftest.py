from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories

REQUIRED = ("credit_china", "honour_certificates", "service_proofs", "signed_declaration", "sealed_application_scan")


@pytest.fixture
def open_call(db):
    """The Hubei call with its district and city deadlines a week ahead (the seed's 2026-01-28 has passed)."""
    call = factories.call()
    ahead = (timezone.now() + timedelta(days=7)).isoformat()
    call.chain = [{"level": "district", "deadline": ahead}, {"level": "city", "deadline": ahead},
                  {"level": "province", "deadline": None}]
    call.save()
    return call


@pytest.fixture
def submitted(roles, open_call):
    """The complete example, submitted by the 东湖 applicant: with the 东湖 district for preliminary review."""
    from zhongshi.applications.domain.submit_application import submit_application

    application = factories.application(roles["applicant"].host_org)
    for key in REQUIRED:
        factories.evidence_file(application, requirement=key)
    return submit_application(user=roles["applicant"], application=application, base_revision=1)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The objection limits count in the cache: each test starts with none counted."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
