from __future__ import annotations

import pytest

from tests import factories
from zhongshi.notifications.domain.notify import recipients_for_authority, recipients_for_host_org

pytestmark = pytest.mark.django_db


def test_recipients_for_authority_are_its_active_reviewers():
    donghu = factories.authority("420171")
    first = factories.reviewer("420171", username="donghu1")
    second = factories.reviewer("420171", username="donghu2")
    factories.reviewer("420171", username="donghu_gone", is_active=False)
    factories.reviewer("420100", username="wuhan")  # the city above is not the district
    assert recipients_for_authority(donghu) == [first, second]
    assert recipients_for_authority(None) == []


def test_recipients_for_host_org_are_its_active_applicants():
    org = factories.HostOrgFactory()
    first = factories.applicant(org, username="a1")
    second = factories.applicant(org, username="a2")
    factories.applicant(org, username="a3", is_active=False)
    factories.applicant(factories.HostOrgFactory(), username="elsewhere")
    assert recipients_for_host_org(org) == [first, second]
    assert recipients_for_host_org(None) == []
