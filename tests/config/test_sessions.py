"""Sessions expire after two hours without activity and when the browser closes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories


@pytest.mark.django_db
def test_session_expires_after_inactivity_and_at_browser_close(client):
    user = factories.applicant(username="sessionuser")
    response = client.post(reverse("accounts:login"), {"username": "sessionuser", "password": "Test-password-1"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session.get_expiry_age() == 7200
    assert client.session.get_expire_at_browser_close() is True
    assert client.cookies["sessionid"]["max-age"] == ""  # a browser-session cookie, never written to disk
