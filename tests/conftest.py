from __future__ import annotations

import pytest
from django.test import Client

from tests import factories


@pytest.fixture(autouse=True)
def _chinese(settings):  # every test sees the interface in its default language
    settings.LANGUAGE_CODE = "zh-hans"


@pytest.fixture
def login():
    """login(user) -> a Client signed in as ``user``."""

    def _login(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def roles(db):
    """One user of every role, in Hubei/Wuhan (and one Zhejiang reviewer to prove subtree scoping)."""
    donghu_org = factories.HostOrgFactory(district=factories.region("420171"))
    hongshan_org = factories.HostOrgFactory(district=factories.region("420111"))
    return {
        "admin": factories.admin_user(username="admin"),
        "ministry": factories.reviewer("000000", username="miit"),
        "province": factories.reviewer("420000", username="hubei"),
        "other_province": factories.reviewer("330000", username="zhejiang"),
        "city": factories.reviewer("420100", username="wuhan"),
        "district": factories.reviewer("420171", username="donghu"),
        "other_district": factories.reviewer("420111", username="hongshan"),
        "applicant": factories.applicant(donghu_org, username="guangxin"),
        "other_applicant": factories.applicant(hongshan_org, username="zhizao"),
        "expert": factories.expert_user(username="expert"),
        "enterprise": factories.enterprise_user(username="qiye"),
    }
