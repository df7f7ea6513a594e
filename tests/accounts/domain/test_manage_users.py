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
