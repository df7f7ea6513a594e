"""src/zhongshi/audit/signals.py"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.factories import region
from zhongshi.audit.context import audit_context
from zhongshi.audit.models import AuditEntry
from zhongshi.organisations.models import HostOrg

pytestmark = pytest.mark.django_db

DONGHU_PATH = "000000/420000/420100/420171/"


def entries_of(obj, action=None):
    queryset = AuditEntry.objects.filter(target_type=obj._meta.label, target_id=str(obj.pk)).order_by("pk")
    return queryset.filter(action=action) if action else queryset


def test_creating_a_host_org_records_every_field():
    org = factories.HostOrgFactory(name="审计测试有限公司", district=region("420171"), status="pending")

    [entry] = entries_of(org)
    assert entry.action == "create"
    assert entry.before is None
    assert entry.after == {
        "id": org.pk,
        "name": "审计测试有限公司",
        "credit_code": org.credit_code,
        "unit_type": "民企",
        "unit_type_other": "",
        "district_id": region("420171").pk,
        "address": "",
        "contact_name": "测试联系人",
        "contact_phone": "027-88880000",
        "contact_email": "",
        "legal_representative": "",
        "status": "pending",
        "decided_by_id": None,
        "decided_at": None,
        "decision_reason": "",
        "created_at": org.created_at.isoformat(),
        "ministry_affiliated": False,
    }
    assert entry.scope_path == DONGHU_PATH
    assert entry.target_repr == "审计测试有限公司"
    assert entry.target_type == "organisations.HostOrg"
    assert entry.actor is None


def test_updating_records_only_the_changed_fields():
    org = factories.HostOrgFactory(district=region("420171"))
    org.contact_name = "新联系人"
    org.address = "武汉市洪山区珞喻路1号"
    org.unit_type = "民企"  # unchanged

    org.save()

    [entry] = entries_of(org, "update")
    assert entry.before == {"address": "", "contact_name": "测试联系人"}
    assert entry.after == {"address": "武汉市洪山区珞喻路1号", "contact_name": "新联系人"}
    assert entry.scope_path == DONGHU_PATH


def test_saving_without_changes_records_nothing():
    org = factories.HostOrgFactory()

    HostOrg.objects.get(pk=org.pk).save()

    assert list(entries_of(org).values_list("action", flat=True)) == ["create"]


def test_moving_an_org_records_the_district_and_the_new_scope():
    org = factories.HostOrgFactory(district=region("420171"))
    org.district = region("420111")

    org.save()

    [entry] = entries_of(org, "update")
    assert entry.before == {"district_id": region("420171").pk}
    assert entry.after == {"district_id": region("420111").pk}
    assert entry.scope_path == "000000/420000/420100/420111/"


def test_deleting_records_the_values_before():
    org = factories.HostOrgFactory(name="将被删除有限公司", district=region("420102"))
    pk, code = org.pk, org.credit_code

    org.delete()

    entry = AuditEntry.objects.get(action="delete", target_type="organisations.HostOrg", target_id=str(pk))
    assert entry.after is None
    assert entry.before["name"] == "将被删除有限公司"
    assert entry.before["credit_code"] == code
    assert entry.before["id"] == pk
    assert entry.scope_path == "000000/420000/420100/420102/"
    assert entry.target_repr == "将被删除有限公司"


def test_the_actor_and_address_come_from_the_audit_context(roles):
    with audit_context(actor=roles["admin"], ip_address="10.1.2.3"):
        org = factories.HostOrgFactory()

    [entry] = entries_of(org)
    assert entry.actor == roles["admin"]
    assert entry.actor_name == "admin"
    assert entry.ip_address == "10.1.2.3"


def test_a_change_through_a_page_names_the_signed_in_user(roles, login):
    org = roles["applicant"].host_org

    response = login(roles["applicant"]).post(reverse("organisations:hostorg_edit", args=[org.pk]), {
        "address": "光谷大道2号", "contact_name": "测试联系人", "contact_phone": "027-88880000",
        "contact_email": "", "legal_representative": "",
    })

    assert response.status_code == 302
    [entry] = entries_of(org, "update")
    assert entry.before == {"address": ""}
    assert entry.after == {"address": "光谷大道2号"}
    assert entry.actor == roles["applicant"]
    assert entry.ip_address == "127.0.0.1"


def test_passwords_are_masked():
    user = factories.UserFactory(username="masked", role="expert")

    # the factory saves the user, then sets the password and saves again
    assert entries_of(user, "create").get().after["password"] == ""
    [update] = entries_of(user, "update")
    assert (update.before, update.after) == ({"password": ""}, {"password": "***"})
    assert user.password not in str(list(AuditEntry.objects.values_list("before", "after")))


def test_last_login_alone_is_not_an_update(roles):
    user = roles["expert"]
    Client().post(reverse("accounts:login"), {"username": user.username, "password": "Test-password-1"})

    user.refresh_from_db()
    assert user.last_login is not None
    assert not entries_of(user, "update").filter(after__has_key="last_login").exists()
    assert entries_of(user, "login").count() == 1


def test_login_logout_and_failed_login_entries(roles):
    user = roles["city"]
    client = Client()

    client.post(reverse("accounts:login"), {"username": "wuhan", "password": "wrong"})
    client.post(reverse("accounts:login"), {"username": "wuhan", "password": "Test-password-1"})
    client.post(reverse("accounts:logout"))

    logged = list(AuditEntry.objects.filter(action__in=["login", "login_failed", "logout"])
                  .order_by("pk").values_list("action", "actor_id", "actor_name", "scope_path"))
    assert logged == [
        ("login_failed", None, "wuhan", "000000/420000/420100/"),
        ("login", user.pk, "wuhan", "000000/420000/420100/"),
        ("logout", user.pk, "wuhan", "000000/420000/420100/"),
    ]
