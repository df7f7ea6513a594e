from __future__ import annotations

import pytest

from tests import factories


@pytest.fixture
def applicant(db):
    return factories.applicant(factories.HostOrgFactory(), username="li", full_name="李工", email="li@example.cn")


@pytest.fixture
def colleague(applicant):
    return factories.applicant(applicant.host_org, username="wang", full_name="王工", email="wang@example.cn")
