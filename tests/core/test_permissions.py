"""src/zhongshi/core/permissions.py"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.sessions.models import Session

from tests import factories
from tests.factories import region
from zhongshi.core.permissions import UnscopedModelError, can, is_in_scope, scope_queryset
from zhongshi.organisations.models import Authority, HostOrg

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Session, Group])
def test_a_model_without_a_scope_is_refused(roles, model):
    with pytest.raises(UnscopedModelError) as info:
        scope_queryset(roles["admin"], model.objects.all())

    assert str(info.value) == f"No scope registered for {model._meta.label}"


@pytest.fixture
def orgs(roles):
    return {
        "donghu": roles["applicant"].host_org,
        "hongshan": roles["other_applicant"].host_org,
        "jiangan": factories.HostOrgFactory(district=region("420102")),
        "xiantao": factories.HostOrgFactory(district=region("429004")),
        "xihu": factories.HostOrgFactory(district=region("330106")),
        "pending": factories.HostOrgFactory(district=region("420171"), status="pending"),
    }


EVERY = {"donghu", "hongshan", "jiangan", "xiantao", "xihu", "pending"}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", EVERY),
        ("ministry", EVERY),
        ("province", {"donghu", "hongshan", "jiangan", "xiantao", "pending"}),
        ("other_province", {"xihu"}),
        ("city", {"donghu", "hongshan", "jiangan", "pending"}),
        ("district", {"donghu", "pending"}),
        ("other_district", {"hongshan"}),
        ("applicant", {"donghu"}),
        ("other_applicant", {"hongshan"}),
        ("expert", set()),
        ("enterprise", set()),
    ],
)
def test_host_orgs_are_scoped_to_each_role(roles, orgs, role, expected):
    assert HostOrg.objects.count() == len(EVERY)

    scoped = set(scope_queryset(roles[role], HostOrg.objects.all()).values_list("pk", flat=True))

    assert scoped == {orgs[name].pk for name in expected}


def test_anonymous_users_see_no_host_org(orgs):
    assert not scope_queryset(AnonymousUser(), HostOrg.objects.all()).exists()


def test_scoping_keeps_the_callers_filters(roles, orgs):
    scoped = scope_queryset(roles["city"], HostOrg.objects.filter(status="pending"))

    assert list(scoped) == [orgs["pending"]]


def test_authorities_are_scoped_to_the_subtree(roles):
    assert scope_queryset(roles["district"], Authority.objects.all()).count() == 1
    assert scope_queryset(roles["city"], Authority.objects.all()).count() == 1 + 13 + 6
    assert scope_queryset(roles["ministry"], Authority.objects.all()).count() == Authority.objects.count()
    assert not scope_queryset(roles["applicant"], Authority.objects.all()).exists()


def test_is_in_scope(roles, orgs):
    assert is_in_scope(roles["district"], orgs["donghu"]) is True
    assert is_in_scope(roles["district"], orgs["hongshan"]) is False
    assert is_in_scope(roles["other_province"], orgs["xihu"]) is True


def test_can_asks_the_objects_scope(roles, orgs):
    assert can(roles["district"], "organisations.view_hostorg", orgs["donghu"]) is True
    assert can(roles["district"], "organisations.view_hostorg", orgs["hongshan"]) is False
    assert can(roles["applicant"], "organisations.view_hostorg", orgs["donghu"]) is True
    assert can(roles["applicant"], "organisations.view_hostorg", orgs["hongshan"]) is False
    assert can(roles["other_province"], "organisations.view_hostorg", orgs["donghu"]) is False


def test_can_for_approval(roles, orgs):
    assert can(roles["district"], "organisations.approve_hostorg", orgs["pending"]) is True
    assert can(roles["district"], "organisations.approve_hostorg", orgs["donghu"]) is False  # already approved
    assert can(roles["city"], "organisations.approve_hostorg", orgs["pending"]) is False
    assert can(roles["other_district"], "organisations.approve_hostorg", orgs["pending"]) is False


def test_can_without_object(roles):
    assert can(roles["district"], "organisations.list_hostorg") is True
    assert can(roles["applicant"], "organisations.list_hostorg") is False
    assert can(AnonymousUser(), "organisations.list_hostorg") is False
    assert can(roles["applicant"], "organisations.add_partnerorg") is True


def test_a_superuser_is_not_above_the_predicates(roles):
    assert roles["admin"].is_superuser is True
    assert roles["admin"].has_perm("organisations.add_partnerorg") is True  # Django's own check would allow it
    assert can(roles["admin"], "organisations.add_partnerorg") is False


def test_an_unknown_permission_is_an_error(roles):
    with pytest.raises(LookupError) as info:
        can(roles["admin"], "organisations.teleport_hostorg")

    assert str(info.value) == "Unknown permission organisations.teleport_hostorg"
