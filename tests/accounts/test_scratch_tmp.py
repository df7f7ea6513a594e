import pytest
from django.test import Client
from django.urls import reverse
from tests import factories
from zhongshi.audit.models import AuditEntry

@pytest.mark.django_db
def test_x():
    u = factories.UserFactory(username="alice", role="expert")
    c = Client()
    for i in range(6):
        r = c.post(reverse("accounts:login"), {"username": "alice", "password": "wrong" if i < 5 else "Test-password-1"})
        print(i, r.status_code, r.headers.get("Location"), "_auth_user_id" in c.session, list(AuditEntry.objects.exclude(action="create").values_list("action", flat=True)))
    print(r.content.decode()[-1500:])
    r = c.get(reverse("accounts:login"))
    print(r.status_code, r.content.decode()[:3000])
