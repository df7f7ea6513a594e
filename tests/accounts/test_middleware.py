"""src/zhongshi/accounts/middleware.py"""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhongshi.accounts.domain.manage_users import reset_password

pytestmark = pytest.mark.django_db

TEMPORARY = "Temp-pilot-2026"


@pytest.fixture
def reset_user(roles):
    reset_password(actor=roles["admin"], user=roles["applicant"], new_password=TEMPORARY)
    roles["applicant"].refresh_from_db()
    return roles["applicant"]


@pytest.mark.parametrize(
    "url",
    [
        reverse("core:home"),
        reverse("organisations:hostorg_list"),
        reverse("organisations:partner_list"),
        reverse("audit:entry_list"),
        reverse("accounts:user_list"),
        "/reference/",
        "/admin/",
        "/no/such/page/",
    ],
)
def test_every_page_redirects_to_the_password_change_until_changed(reset_user, login, url):
    client = login(reset_user)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change")


def test_posts_are_redirected_too(reset_user, login):
    client = login(reset_user)

    response = client.post(reverse("organisations:partner_list"), {"name": "某大学"})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change")
    assert not reset_user.host_org.partners.exists()


def test_the_password_change_page_and_logout_stay_reachable(reset_user, login):
    client = login(reset_user)

    page = client.get(reverse("accounts:password_change"))
    assert page.status_code == 200
    assert "您的密码已被管理员重置，请设置新密码后继续使用。" in page.content.decode()

    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_after_changing_the_password_pages_open_again(reset_user, login):
    client = login(reset_user)

    response = client.post(reverse("accounts:password_change"), {
        "old_password": TEMPORARY, "new_password1": "Mine-pilot-2027", "new_password2": "Mine-pilot-2027",
    })

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    reset_user.refresh_from_db()
    assert reset_user.must_change_password is False
    assert reset_user.check_password("Mine-pilot-2027")
    assert client.get(reverse("core:home")).status_code == 200
    assert client.get(reverse("organisations:partner_list")).status_code == 200


def test_other_users_are_not_redirected(roles, reset_user, login):
    assert login(roles["other_applicant"]).get(reverse("core:home")).status_code == 200


def test_anonymous_users_are_not_redirected(client, db):
    assert client.get(reverse("core:home")).status_code == 200
