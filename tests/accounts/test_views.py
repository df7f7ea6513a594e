"""src/zhongshi/accounts/views.py: sign-in, lockout (django-axes) and the password pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from zhongshi.accounts.domain.manage_users import unlock_user
from zhongshi.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "Test-password-1"  # tests.factories.UserFactory


def post_login(client: Client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def actions(username: str, action: str) -> int:
    return AuditEntry.objects.filter(action=action, actor_name=username).count()


def test_signing_in_records_a_login_entry(roles):
    client = Client()
    user = roles["district"]

    response = post_login(client, user.username, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert client.session["_auth_user_id"] == str(user.pk)
    [entry] = AuditEntry.objects.filter(action="login")
    assert entry.actor == user
    assert entry.target_id == str(user.pk)
    assert entry.scope_path == "000000/420000/420100/420171/"
    assert entry.ip_address == "127.0.0.1"


def test_a_wrong_password_shows_the_error_and_records_a_failed_login(roles):
    client = Client()
    user = roles["applicant"]

    response = post_login(client, user.username, "wrong-password")

    assert response.status_code == 200
    assert "用户名或密码错误。连续失败5次后，账号将被暂时锁定。" in response.content.decode()
    assert "_auth_user_id" not in client.session
    [entry] = AuditEntry.objects.filter(action="login_failed")
    assert entry.actor is None
    assert entry.actor_name == user.username
    assert entry.target_id == str(user.pk)
    assert entry.message == f"username={user.username}"
    assert entry.ip_address == "127.0.0.1"


def test_an_unknown_user_name_is_recorded_without_target(db):
    post_login(Client(), "nobody", "wrong-password")

    [entry] = AuditEntry.objects.filter(action="login_failed")
    assert (entry.actor_name, entry.target_id, entry.scope_path) == ("nobody", "", "")


def test_five_failed_logins_lock_the_account(roles):
    client = Client()
    user = roles["applicant"]

    responses = [post_login(client, user.username, "wrong-password") for _ in range(5)]

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert actions(user.username, "login_failed") == 5
    assert actions(user.username, "locked_out") == 1
    [locked] = AuditEntry.objects.filter(action="locked_out")
    assert locked.target_id == str(user.pk)
    assert locked.message == f"username={user.username}"

    right = post_login(client, user.username, PASSWORD)

    assert right.status_code == 429
    page = right.content.decode()
    assert "账户已锁定" in page
    assert "登录失败次数过多，该账号已被暂时锁定" in page
    assert "_auth_user_id" not in client.session
    assert not AuditEntry.objects.filter(action="login").exists()


def test_the_lock_is_per_account_not_per_address(roles):
    client = Client()
    for _ in range(5):
        post_login(client, roles["applicant"].username, "wrong-password")

    response = post_login(client, roles["other_applicant"].username, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(roles["other_applicant"].pk)


def test_unlocked_by_an_administrator_the_user_signs_in(roles):
    user = roles["applicant"]
    for _ in range(5):
        post_login(Client(), user.username, "wrong-password")

    unlock_user(actor=roles["admin"], user=user)

    client = Client()
    response = post_login(client, user.username, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_unlock_page_unlocks(roles, login):
    user = roles["applicant"]
    for _ in range(5):
        post_login(Client(), user.username, "wrong-password")

    response = login(roles["admin"]).post(reverse("accounts:user_unlock", args=[user.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:user_list")
    assert post_login(Client(), user.username, PASSWORD).status_code == 302


def test_the_password_change_view_changes_the_password(roles, login):
    user = roles["expert"]
    client = login(user)

    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "New-pilot-2027", "new_password2": "New-pilot-2027",
    })

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    user.refresh_from_db()
    assert user.check_password("New-pilot-2027")
    assert client.get(reverse("core:home")).status_code == 200  # still signed in
    [entry] = AuditEntry.objects.filter(action="password", target_id=str(user.pk))
    assert entry.actor == user


def test_the_password_change_view_needs_the_old_password(roles, login):
    user = roles["expert"]

    response = login(user).post(reverse("accounts:password_change"), {
        "old_password": "not-my-password", "new_password1": "New-pilot-2027", "new_password2": "New-pilot-2027",
    })

    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_password_change_view_needs_sign_in(db):
    response = Client().get(reverse("accounts:password_change"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_reset_password_page(roles, login):
    target = roles["applicant"]

    response = login(roles["admin"]).post(reverse("accounts:user_reset_password", args=[target.pk]), {
        "new_password1": "Temp-pilot-2026", "new_password2": "Temp-pilot-2026",
    })

    assert (response.status_code, response["Location"]) == (302, reverse("accounts:user_edit", args=[target.pk]))
    target.refresh_from_db()
    assert target.must_change_password is True
    assert target.check_password("Temp-pilot-2026")


def test_a_reviewer_may_not_open_the_reset_password_page(roles, login):
    target = roles["applicant"]

    response = login(roles["district"]).post(reverse("accounts:user_reset_password", args=[target.pk]), {
        "new_password1": "Temp-pilot-2026", "new_password2": "Temp-pilot-2026",
    })

    assert response.status_code == 403
    target.refresh_from_db()
    assert target.must_change_password is False


# ---------------------------------------------------------------- user management pages


def test_the_user_list_searches_by_organisation_and_filters_by_role(roles, login):
    client = login(roles["admin"])
    org_name = roles["applicant"].host_org.name

    by_org = client.get(reverse("accounts:user_list"), {"q": org_name})
    by_role = client.get(reverse("accounts:user_list"), {"role": "authority"})

    assert [u.username for u in by_org.context["object_list"]] == ["guangxin"]
    assert [u.username for u in by_role.context["object_list"]] == [
        "donghu", "hongshan", "hubei", "miit", "wuhan", "zhejiang"]
    html = by_org.content.decode()
    assert f'href="{reverse("accounts:user_edit", args=[roles["applicant"].pk])}"' in html
    assert f'href="{reverse("accounts:user_create")}"' in html
    assert 'href="/admin/"' in html


def test_the_user_list_is_paginated(roles, login):
    from tests import factories

    for i in range(55):
        factories.UserFactory(role="expert", username=f"page-expert-{i:02d}")

    response = login(roles["admin"]).get(reverse("accounts:user_list"), {"q": "page-expert", "page": 2})

    assert response.context["paginator"].count == 55
    assert [u.username for u in response.context["object_list"]] == [f"page-expert-{i:02d}" for i in range(50, 55)]


def test_creating_an_account_from_the_page(roles, login):
    from tests import factories
    from zhongshi.accounts.models import User

    wuhan = factories.authority("420100")

    response = login(roles["admin"]).post(reverse("accounts:user_create"), {
        "username": "wuhan2", "full_name": "李审核", "email": "li@example.cn", "phone": "", "role": "authority",
        "authority": wuhan.pk, "host_org": "", "enterprise": "", "password": "Temp-pilot-2026",
    })

    user = User.objects.get(username="wuhan2")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:user_edit", args=[user.pk])
    assert (user.role, user.authority, user.must_change_password) == ("authority", wuhan, True)
    assert AuditEntry.objects.get(action="create", target_type="accounts.User", target_id=str(user.pk)).actor == \
        roles["admin"]


def test_a_missing_authority_is_an_error_beside_the_field(roles, login):
    from zhongshi.accounts.models import User

    response = login(roles["admin"]).post(reverse("accounts:user_create"), {
        "username": "wuhan2", "role": "authority", "password": "Temp-pilot-2026", "email": "bad-address",
    })

    assert response.status_code == 200
    assert response.context["form"].errors == {"email": ["输入一个有效的 Email 地址。"]}
    response = login(roles["admin"]).post(reverse("accounts:user_create"), {
        "username": "wuhan2", "role": "authority", "password": "Temp-pilot-2026",
    })
    assert response.context["form"].errors == {"authority": ["主管部门用户须属于一个主管部门，请选择。"]}
    assert "主管部门用户须属于一个主管部门，请选择。</div>" in response.content.decode()
    assert not User.objects.filter(username="wuhan2").exists()


def test_changing_role_and_authority_from_the_edit_page(roles, login):
    from tests import factories

    target = roles["expert"]
    donghu = factories.authority("420171")
    client = login(roles["admin"])
    page = client.get(reverse("accounts:user_edit", args=[target.pk]))
    assert page.context["form"].initial["role"] == "expert"

    response = client.post(reverse("accounts:user_edit", args=[target.pk]), {
        "full_name": "转为审核", "email": "", "phone": "", "role": "authority", "authority": donghu.pk})

    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.role, target.authority, target.full_name) == ("authority", donghu, "转为审核")


def test_disabling_from_the_edit_page_and_not_oneself(roles, login):
    target = roles["applicant"]
    client = login(roles["admin"])

    response = client.post(reverse("accounts:user_active", args=[target.pk]), {"active": "0"}, follow=True)
    own = client.post(reverse("accounts:user_active", args=[roles["admin"].pk]), {"active": "0"}, follow=True)

    target.refresh_from_db()
    roles["admin"].refresh_from_db()
    assert target.is_active is False
    assert [str(m) for m in response.context["messages"]] == [f"{target.username} 已停用。"]
    assert roles["admin"].is_active is True
    assert [str(m) for m in own.context["messages"]] == ["不能停用自己的账号。"]
    assert "启用账号" in response.content.decode()


@pytest.mark.parametrize("name", ["accounts:user_create", "accounts:user_edit"])
def test_a_reviewer_may_not_manage_accounts(roles, login, name):
    args = [roles["applicant"].pk] if name == "accounts:user_edit" else []

    assert login(roles["province"]).get(reverse(name, args=args)).status_code == 403


def test_the_django_admin_speaks_chinese(roles, login):
    post_login(Client(), "guangxin", "wrong-password")
    client = login(roles["admin"])

    index = client.get("/admin/").content.decode()
    attempts = client.get("/admin/axes/accessattempt/").content.decode()
    users = client.get("/admin/accounts/user/").content.decode()
    host_org = client.get(f"/admin/organisations/hostorg/{roles['applicant'].host_org_id}/change/").content.decode()
    user = client.get(f"/admin/accounts/user/{roles['applicant'].pk}/change/").content.decode()

    assert "站点管理" in index
    assert "登录锁定" in index
    assert "登录尝试" in attempts
    assert "失败次数" in attempts
    assert "依托单位" in users
    assert "Axes" not in index
    assert '<label class="required" for="id_district">所在区县:</label>' in host_org
    assert "审核人:" in host_org
    assert "角色与所属单位" in user
    assert "Role and organisation" not in user
