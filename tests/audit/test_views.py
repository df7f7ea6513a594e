"""src/zhongshi/audit/views.py: the audit log, scoped to the reader's subtree."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import region
from zhongshi.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

URL = reverse("audit:entry_list")


@pytest.fixture
def orgs(roles):
    return {
        "donghu": factories.HostOrgFactory(name="审计东湖有限公司", district=region("420171")),
        "hongshan": factories.HostOrgFactory(name="审计洪山有限公司", district=region("420111")),
        "jiangan": factories.HostOrgFactory(name="审计江岸有限公司", district=region("420102")),
        "xiantao": factories.HostOrgFactory(name="审计仙桃有限公司", district=region("429004")),
        "xihu": factories.HostOrgFactory(name="审计西湖有限公司", district=region("330106")),
    }


def listed(client, **params) -> set[str]:
    response = client.get(URL, {"q": "审计", "action": "create", **params})
    assert response.status_code == 200
    return {entry.target_repr for entry in response.context["object_list"]}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", {"审计东湖有限公司", "审计洪山有限公司", "审计江岸有限公司", "审计仙桃有限公司", "审计西湖有限公司"}),
        ("ministry", {"审计东湖有限公司", "审计洪山有限公司", "审计江岸有限公司", "审计仙桃有限公司", "审计西湖有限公司"}),
        ("province", {"审计东湖有限公司", "审计洪山有限公司", "审计江岸有限公司", "审计仙桃有限公司"}),
        ("city", {"审计东湖有限公司", "审计洪山有限公司", "审计江岸有限公司"}),
        ("district", {"审计东湖有限公司"}),
        ("other_district", {"审计洪山有限公司"}),
        ("other_province", {"审计西湖有限公司"}),
    ],
)
def test_each_reader_sees_the_entries_of_its_subtree(roles, orgs, login, role, expected):
    assert listed(login(roles[role])) == expected


def test_a_district_reviewer_sees_nothing_outside_its_district(roles, orgs, login):
    client = login(roles["district"])
    path = roles["district"].authority.path

    response = client.get(URL)

    assert response.status_code == 200
    shown = {entry.pk for entry in response.context["object_list"]}
    assert shown == set(AuditEntry.objects.filter(scope_path__startswith=path).values_list("pk", flat=True))
    assert path == "000000/420000/420100/420171/"
    assert {"武汉东湖新技术开发区", "武汉东湖新技术开发区经信部门", "审计东湖有限公司"} <= set(
        AuditEntry.objects.filter(pk__in=shown).values_list("target_repr", flat=True)
    )
    assert not AuditEntry.objects.filter(pk__in=shown, target_repr="审计洪山有限公司").exists()


def test_a_zhejiang_reviewer_sees_none_of_hubeis_entries(roles, orgs, login):
    response = login(roles["other_province"]).get(URL, {"q": "有限公司"})

    assert response.context["paginator"].count > 0
    assert all(entry.scope_path.startswith("000000/330000/") for entry in response.context["paginator"].object_list)


def test_entries_without_scope_are_for_administrators_only(roles, login):
    AuditEntry.objects.create(action="access_denied", message="审计无范围条目")

    assert login(roles["admin"]).get(URL, {"q": "审计无范围条目"}).context["paginator"].count == 1
    assert login(roles["ministry"]).get(URL, {"q": "审计无范围条目"}).context["paginator"].count == 0


def test_filter_by_action(roles, orgs, login):
    orgs["donghu"].contact_name = "审计新联系人"
    orgs["donghu"].save()

    response = login(roles["district"]).get(URL, {"q": "审计东湖", "action": "update"})

    [entry] = response.context["object_list"]
    assert entry.after == {"contact_name": "审计新联系人"}
    assert "审计新联系人" in response.content.decode()


@pytest.mark.parametrize("role", ["applicant", "other_applicant", "expert", "enterprise"])
def test_others_are_refused(roles, login, role):
    denied_before = AuditEntry.objects.filter(action="access_denied").count()

    response = login(roles[role]).get(URL)

    assert response.status_code == 403
    assert AuditEntry.objects.filter(action="access_denied").count() == denied_before + 1


def test_anonymous_users_are_sent_to_sign_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
