"""src/zhongshi/accounts/domain/manage_users.py"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests import factories
from zhongshi.accounts.domain.manage_users import change_own_password, reset_password, unlock_user
from zhongshi.accounts.domain.queries.users import locked_usernames
from zhongshi.audit.models import AuditEntry
from zhongshi.core.errors import DomainError, NotAllowed

pytestmark = pytest.mark.django_db

TEMPORARY = "Temp-pilot-2026"


def entries(user, action):
    return AuditEntry.objects.filter(action=action, target_type="accounts.User", target_id=str(user.pk))


def lock_out(username: str) -> None:
    client = Client()
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": username, "password": "wrong-password"})


def test_an_administrator_resets_a_password(roles):
    target = roles["applicant"]
    old_hash = target.password
    last = AuditEntry.objects.order_by("pk").last().pk

    reset_password(actor=roles["admin"], user=target, new_password=TEMPORARY)

    target.refresh_from_db()
    assert target.check_password(TEMPORARY)
    assert target.must_change_password is True
    [entry] = entries(target, "password")
    assert entry.actor == roles["admin"]
    assert entry.actor_name == "admin"
    assert entry.message == "密码已由管理员重置"
    assert entry.scope_path == "000000/420000/420100/420171/"
    [update] = entries(target, "update").filter(pk__gt=last)
    assert update.before == {"must_change_password": False}
    assert update.after == {"must_change_password": True}
    logged = str(list(AuditEntry.objects.values_list("before", "after")))
    assert old_hash not in logged
    assert target.password not in logged


@pytest.mark.parametrize("role", ["applicant", "district", "province", "ministry", "expert", "enterprise"])
def test_only_administrators_reset_passwords(roles, role):
    target = roles["other_applicant"]

    with pytest.raises(NotAllowed) as info:
        reset_password(actor=roles[role], user=target, new_password=TEMPORARY)

    assert str(info.value) == "仅系统管理员可以重置密码。"
    target.refresh_from_db()
    assert target.check_password("Test-password-1")
    assert target.must_change_password is False
    assert not entries(target, "password").exists()


def test_a_weak_temporary_password_is_refused(roles):
    target = roles["applicant"]

    with pytest.raises(DomainError) as info:
        reset_password(actor=roles["admin"], user=target, new_password="123")

    assert info.value.code == "password_invalid"
    target.refresh_from_db()
    assert target.check_password("Test-password-1")
    assert not entries(target, "password").exists()


def test_resetting_also_unlocks(roles):
    target = roles["applicant"]
    lock_out(target.username)
    assert list(locked_usernames()) == [target.username]

    reset_password(actor=roles["admin"], user=target, new_password=TEMPORARY)

    assert list(locked_usernames()) == []


def test_changing_ones_own_password_clears_the_flag(roles):
    target = roles["applicant"]
    reset_password(actor=roles["admin"], user=target, new_password=TEMPORARY)

    change_own_password(user=target, new_password="Mine-pilot-2027")

    target.refresh_from_db()
    assert target.check_password("Mine-pilot-2027")
    assert target.must_change_password is False
    [entry] = entries(target, "password").filter(actor=target)
    assert entry.message == "密码已修改"


def test_an_administrator_unlocks_an_account(roles):
    target = roles["applicant"]
    lock_out(target.username)
    assert AccessAttempt.objects.filter(username=target.username).count() == 1

    removed = unlock_user(actor=roles["admin"], user=target)

    assert removed == 1
    assert not AccessAttempt.objects.filter(username=target.username).exists()
    [entry] = entries(target, "update").filter(message="账号已解锁")
    assert entry.actor == roles["admin"]
    response = Client().post(reverse("accounts:login"), {"username": target.username, "password": "Test-password-1"})
    assert response.status_code == 302


@pytest.mark.parametrize("role", ["applicant", "district", "ministry", "expert"])
def test_only_administrators_unlock(roles, role):
    target = roles["other_applicant"]
    lock_out(target.username)

    with pytest.raises(NotAllowed) as info:
        unlock_user(actor=roles[role], user=target)

    assert str(info.value) == "仅系统管理员可以解锁账号。"
    assert list(locked_usernames()) == [target.username]


def test_unlocking_an_account_that_is_not_locked_removes_nothing(roles):
    assert unlock_user(actor=roles["admin"], user=factories.UserFactory(role="expert")) == 0


# ---------------------------------------------------------------- create, change, disable


from zhongshi.accounts.domain.manage_users import UserData, create_user, set_user_active, update_user  # noqa: E402
from zhongshi.accounts.models import User  # noqa: E402


def test_an_administrator_creates_a_reviewer_who_must_change_the_password(roles):
    donghu = factories.authority("420171")

    user = create_user(actor=roles["admin"], username=" donghu2 ", password=TEMPORARY,
                       data=UserData(role="authority", full_name="张审核", email="zhang@example.cn",
                                     authority=donghu, host_org=roles["applicant"].host_org))

    user.refresh_from_db()
    assert (user.username, user.role, user.authority, user.host_org, user.full_name, user.email) == (
        "donghu2", "authority", donghu, None, "张审核", "zhang@example.cn")
    assert user.must_change_password is True
    assert user.check_password(TEMPORARY)
    [entry] = entries(user, "create")
    assert entry.actor == roles["admin"]
    assert entry.after["password"] == "***"
    assert entry.scope_path == "000000/420000/420100/420171/"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (UserData(role="authority"), "authority", "主管部门用户须属于一个主管部门，请选择。"),
        (UserData(role="applicant"), "host_org", "申报单位用户须属于一个依托单位，请选择。"),
        (UserData(role="enterprise"), "enterprise", "需求方企业用户须属于一个需求方企业，请选择。"),
        (UserData(role="boss"), "role", "请选择角色。"),
    ],
)
def test_a_role_without_its_membership_is_refused_and_nothing_is_saved(roles, data, field, message):
    count = User.objects.count()

    with pytest.raises(DomainError) as info:
        create_user(actor=roles["admin"], username="newbie", password=TEMPORARY, data=data)

    assert (info.value.field, info.value.message) == (field, message)
    assert User.objects.count() == count


def test_a_taken_user_name_and_a_weak_password_are_refused(roles):
    with pytest.raises(DomainError) as taken:
        create_user(actor=roles["admin"], username="GUANGXIN", password=TEMPORARY, data=UserData(role="expert"))
    with pytest.raises(DomainError) as weak:
        create_user(actor=roles["admin"], username="newbie", password="123", data=UserData(role="expert"))

    assert (taken.value.field, taken.value.message) == ("username", "用户名 GUANGXIN 已被使用。")
    assert (weak.value.field, weak.value.code) == ("password", "password_invalid")
    assert not User.objects.filter(username="newbie").exists()


@pytest.mark.parametrize("role", ["district", "ministry", "applicant", "expert"])
def test_only_administrators_create_and_change_accounts(roles, role):
    with pytest.raises(NotAllowed):
        create_user(actor=roles[role], username="newbie", password=TEMPORARY, data=UserData(role="expert"))
    with pytest.raises(NotAllowed):
        update_user(actor=roles[role], user=roles["other_applicant"], data=UserData(role="expert"))
    with pytest.raises(NotAllowed):
        set_user_active(actor=roles[role], user=roles["other_applicant"], active=False)

    assert not User.objects.filter(username="newbie").exists()
    roles["other_applicant"].refresh_from_db()
    assert (roles["other_applicant"].role, roles["other_applicant"].is_active) == ("applicant", True)


def test_changing_the_role_and_authority_clears_the_other_membership(roles):
    target = roles["applicant"]
    wuhan = factories.authority("420100")
    old_name, old_org = target.full_name, target.host_org_id
    last = AuditEntry.objects.order_by("pk").last().pk

    update_user(actor=roles["admin"], user=target,
                data=UserData(role="authority", full_name="转岗", authority=wuhan, host_org=target.host_org))

    target.refresh_from_db()
    assert (target.role, target.authority, target.host_org) == ("authority", wuhan, None)
    [entry] = entries(target, "update").filter(pk__gt=last)
    assert entry.actor == roles["admin"]
    assert entry.before == {"authority_id": None, "full_name": old_name, "host_org_id": old_org,
                            "role": "applicant"}
    assert entry.after == {"authority_id": wuhan.pk, "full_name": "转岗", "host_org_id": None, "role": "authority"}


def test_the_last_active_administrator_keeps_the_role(roles):
    only = factories.UserFactory(role="admin", full_name="唯一管理员")
    User.objects.filter(pk=roles["admin"].pk).update(is_active=False)

    with pytest.raises(DomainError) as info:
        update_user(actor=only, user=only, data=UserData(role="expert"))

    assert (info.value.field, info.value.message) == ("role", "唯一管理员 是最后一个启用中的系统管理员，不能更改其角色。")
    only.refresh_from_db()
    assert only.role == "admin"


def test_an_administrator_may_step_down_while_another_is_active(roles):
    second = factories.UserFactory(role="admin")

    update_user(actor=second, user=second, data=UserData(role="expert"))

    second.refresh_from_db()
    assert second.role == "expert"


def test_disabling_and_enabling_an_account(roles):
    target = roles["applicant"]

    set_user_active(actor=roles["admin"], user=target, active=False)

    target.refresh_from_db()
    assert target.is_active is False
    assert Client().post(reverse("accounts:login"), {"username": target.username,
                                                     "password": "Test-password-1"}).status_code == 200
    assert [(e.message, e.after) for e in entries(target, "update").filter(actor=roles["admin"]).order_by("pk")] == [
        ("", {"is_active": False}), ("账号已停用", None)]

    set_user_active(actor=roles["admin"], user=target, active=True)

    target.refresh_from_db()
    assert target.is_active is True
    assert entries(target, "update").filter(message="账号已启用").count() == 1


def test_an_administrator_cannot_disable_himself_nor_the_last_active_administrator(roles):
    admin = roles["admin"]
    with pytest.raises(DomainError) as self_info:
        set_user_active(actor=admin, user=admin, active=False)

    retired = factories.UserFactory(role="admin", is_active=False)
    with pytest.raises(DomainError) as last_info:
        set_user_active(actor=retired, user=admin, active=False)

    assert self_info.value.message == "不能停用自己的账号。"
    assert last_info.value.message == f"{admin.display_name} 是最后一个启用中的系统管理员，不能停用。"
    admin.refresh_from_db()
    assert admin.is_active is True
