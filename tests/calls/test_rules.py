"""Who may change and copy a call: its issuing authority (not the levels above or below) and administrators."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tests import factories
from zhongshi.core.permissions import can

pytestmark = pytest.mark.django_db

ROLES = ["admin", "ministry", "province", "other_province", "city", "district", "other_district", "applicant",
         "other_applicant", "expert", "enterprise"]


@pytest.mark.parametrize("perm", ["calls.change_call", "calls.copy_call"])
@pytest.mark.parametrize(("code", "allowed"), [("hubei-2026-provincial", {"admin", "province"}),
                                                ("miit-reserve", {"admin", "ministry"})])
def test_the_issuer_and_administrators(roles, perm, code, allowed) -> None:
    call = factories.call(code)
    assert {role for role in ROLES if can(roles[role], perm, call)} == allowed
    assert not can(AnonymousUser(), perm, call)


def test_a_call_without_issuer_is_for_administrators_only(roles) -> None:
    call = factories.call()
    call.issuer = None
    assert {role for role in ROLES if can(roles[role], "calls.change_call", call)} == {"admin"}


def test_everyone_views_a_call(roles) -> None:
    call = factories.call()
    assert all(can(roles[role], "calls.view_call", call) for role in ROLES)
    assert can(AnonymousUser(), "calls.view_call", call)
