"""Submitting a 申报书: refused (and nothing changes) unless complete, conforming, evidenced and desensitised."""

from __future__ import annotations

import pytest

from tests import factories
from zhongshi.applications.domain.submit_application import NotSubmittableError, submit_application
from zhongshi.applications.models import ApplicationRound
from zhongshi.audit.models import AuditEntry
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.formversions.domain.scan_answers import sensitive_key

REQUIRED = ("credit_china", "honour_certificates", "service_proofs", "signed_declaration", "sealed_application_scan")


@pytest.fixture
def ready(roles):
    """The complete example with every required evidence file: submittable."""
    application = factories.application(roles["applicant"].host_org)
    for key in REQUIRED:
        factories.evidence_file(application, requirement=key)
    return application


@pytest.mark.django_db
def test_a_complete_application_is_submitted_once(roles, ready) -> None:
    submitted = submit_application(user=roles["applicant"], application=ready, base_revision=1)
    assert (submitted.status, submitted.round) == ("submitted", 1)
    assert submitted.submitted_at is not None
    (first,) = ApplicationRound.objects.filter(application=ready)
    assert (first.number, first.answers, first.revision, first.submitted_by) == (
        1, factories.example_answers(roles["applicant"].host_org), 1, roles["applicant"])
    entry = AuditEntry.objects.get(action="transition", target_id=str(ready.pk))
    assert (entry.before, entry.after, entry.actor) == ({"status": "draft"}, {"status": "submitted@district"},
                                                        roles["applicant"])
    # A double submit is refused and changes nothing.
    with pytest.raises(DomainError) as info:
        submit_application(user=roles["applicant"], application=ready, base_revision=1)
    assert info.value.code == "already_submitted"
    assert ApplicationRound.objects.filter(application=ready).count() == 1


@pytest.mark.django_db
def test_missing_evidence_stops_submission(roles) -> None:
    application = factories.application(roles["applicant"].host_org)
    factories.evidence_file(application, requirement="credit_china")
    with pytest.raises(NotSubmittableError) as info:
        submit_application(user=roles["applicant"], application=application, base_revision=1)
    assert [m["key"] for m in info.value.report.missing_evidence] == [
        "honour_certificates", "service_proofs", "signed_declaration", "sealed_application_scan"]
    application.refresh_from_db()
    assert (application.status, application.round) == ("draft", 0)


@pytest.mark.django_db
def test_errors_stop_submission(roles, ready) -> None:
    ready.answers["basic"]["platform_name"] = "光电子器件中试基地"
    ready.save()
    with pytest.raises(NotSubmittableError) as info:
        submit_application(user=roles["applicant"], application=ready, base_revision=1)
    assert sorted((i.path, i.code) for i in info.value.report.errors) == [
        ("basic.platform_name", "name_forbidden_term"), ("basic.platform_name", "name_suffix")]
    ready.refresh_from_db()
    assert ready.status == "draft"


@pytest.mark.django_db
def test_sensitive_data_must_be_removed_or_confirmed(roles, ready) -> None:
    ready.answers["operation"]["mechanisms"] += "平台负责人手机13812345678。"
    ready.save()
    with pytest.raises(NotSubmittableError) as info:
        submit_application(user=roles["applicant"], application=ready, base_revision=1)
    (issue,) = info.value.report.unconfirmed_sensitive
    assert (issue.path, issue.code) == ("operation.mechanisms", "sensitive_phone")
    submitted = submit_application(user=roles["applicant"], application=ready, base_revision=1,
                                   confirm_sensitive=[sensitive_key(issue)])
    assert submitted.status == "submitted"
    assert submitted.confirmed_sensitive == [sensitive_key(issue)]


@pytest.mark.django_db
def test_a_stale_page_cannot_submit(roles, ready) -> None:
    with pytest.raises(DomainError) as info:
        submit_application(user=roles["applicant"], application=ready, base_revision=0)
    assert info.value.code == "stale_revision"


@pytest.mark.django_db
def test_only_the_own_organisation_submits(roles, ready) -> None:
    for user in (roles["other_applicant"], roles["district"], roles["admin"]):
        with pytest.raises(NotAllowed):
            submit_application(user=user, application=ready, base_revision=1)
