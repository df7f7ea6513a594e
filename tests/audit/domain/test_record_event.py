"""src/zhongshi/audit/domain/record_event.py"""

from __future__ import annotations

import datetime

import pytest

from tests import factories
from zhongshi.audit.context import audit_context, get_audit_context
from zhongshi.audit.domain.record_event import record_event, record_transition, snapshot
from zhongshi.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_record_transition(roles):
    org = roles["applicant"].host_org

    entry = record_transition(target=org, field="status", old="pending", new="approved", message="同意",
                              actor=roles["district"])

    entry.refresh_from_db()
    assert entry.action == "transition"
    assert (entry.before, entry.after) == ({"status": "pending"}, {"status": "approved"})
    assert entry.actor == roles["district"]
    assert entry.actor_name == "donghu"
    assert entry.message == "同意"
    assert entry.target_id == str(org.pk)
    assert entry.scope_path == "000000/420000/420100/420171/"


def test_an_explicit_actor_wins_over_the_context(roles):
    with audit_context(actor=roles["admin"], ip_address="10.0.0.9"):
        entry = record_event(action="access_denied", actor=roles["expert"], message="GET /audit/")

    assert entry.actor == roles["expert"]
    assert entry.ip_address == "10.0.0.9"
    assert entry.scope_path == ""
    assert get_audit_context().actor is None


def test_an_unknown_action_is_refused():
    with pytest.raises(ValueError):
        record_event(action="teleport")

    assert not AuditEntry.objects.filter(action="teleport").exists()


def test_long_messages_are_cut_to_500_characters():
    entry = record_event(action="access_denied", message="中" * 600)

    assert entry.message == "中" * 500


def test_snapshot_makes_values_json_ready():
    org = factories.HostOrgFactory()
    org.decided_at = datetime.datetime(2026, 1, 28, 9, 30, tzinfo=datetime.UTC)

    values = snapshot(org)

    assert values["decided_at"] == "2026-01-28T09:30:00+00:00"
    assert values["district_id"] == org.district_id
    user = factories.UserFactory(role="expert")
    assert snapshot(user)["date_joined"] == user.date_joined.isoformat()
    assert snapshot(user)["password"] == "***"
