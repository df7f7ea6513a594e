"""src/zhongshi/applications/rules.py and the domain functions behind it: only an approved host organisation
edits, uploads evidence to or submits an application (a pending one still sees its own)."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests import factories
from zhongshi.applications.domain.edit_application import save_answers
from zhongshi.applications.domain.evidence import add_evidence, remove_evidence
from zhongshi.applications.domain.import_application import ImportRefusedError, import_application
from zhongshi.applications.domain.submit_application import submit_application
from zhongshi.applications.models import Application
from zhongshi.core.errors import NotAllowed
from zhongshi.core.permissions import can

REQUIRED = ("credit_china", "honour_certificates", "service_proofs", "signed_declaration", "sealed_application_scan")
PENDING_MESSAGE = "尚未通过所在区经信部门的审核：审核通过前不能修改、上传佐证材料或提交申报书。"


@pytest.fixture
def pending(db):
    """A complete, evidenced draft whose organisation was approved, then put back to pending (a decision
    revoked, or a draft imported before the rule)."""
    org = factories.HostOrgFactory()
    user = factories.applicant(org)
    application = factories.application(org)
    for key in REQUIRED:
        factories.evidence_file(application, requirement=key)
    org.status = "pending"
    org.save()
    application.refresh_from_db()
    return user, application


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "allowed"), [("approved", True), ("pending", False), ("rejected", False)])
def test_only_an_approved_organisation_may_change_or_submit(status, allowed) -> None:
    org = factories.HostOrgFactory(status=status)
    user = factories.applicant(org)
    application = factories.application(org)
    assert can(user, "applications.view_application", application) is True
    assert can(user, "applications.change_application", application) is allowed
    assert can(user, "applications.submit_application", application) is allowed
    assert can(user, "applications.add_application") is allowed


@pytest.mark.django_db
def test_a_pending_organisation_cannot_save(pending) -> None:
    user, application = pending
    answers = dict(application.answers, basic={**application.answers["basic"], "leader_name": "新负责人"})
    with pytest.raises(NotAllowed) as info:
        save_answers(user=user, application=application, answers=answers, base_revision=1)
    # issue 9: the message names whom to ask (the district authority, with its contact when recorded)
    assert str(info.value) == (f"{application.host_org.name}{PENDING_MESSAGE} "
                               f"请联系 {application.host_org.district.authority.name}。")
    application.refresh_from_db()
    assert (application.revision, application.answers["basic"]["leader_name"]) == (1, "李振华")


@pytest.mark.django_db
def test_a_pending_organisation_cannot_upload_or_remove_evidence(pending) -> None:
    user, application = pending
    upload = SimpleUploadedFile("查询结果.pdf", factories.pdf_bytes(), content_type="application/pdf")
    with pytest.raises(NotAllowed):
        add_evidence(user=user, application=application, requirement="credit_china", upload=upload)
    with pytest.raises(NotAllowed):
        remove_evidence(user=user, evidence=application.evidence_files.first())
    assert application.evidence_files.count() == len(REQUIRED)


@pytest.mark.django_db
def test_a_pending_organisation_cannot_submit(pending) -> None:
    user, application = pending
    with pytest.raises(NotAllowed) as info:
        submit_application(user=user, application=application, base_revision=1)
    assert PENDING_MESSAGE in str(info.value)
    application.refresh_from_db()
    assert (application.status, application.round, application.rounds.count()) == ("draft", 0, 0)


@pytest.mark.django_db
def test_the_pages_refuse_a_pending_organisation_with_403(pending, login) -> None:
    user, application = pending
    client = login(user)
    assert client.get(reverse("applications:application_detail", args=[application.pk])).status_code == 200
    edit = reverse("applications:application_edit_section", args=[application.pk, "basic"])
    assert client.post(edit, {"_revision": "1", "basic.leader_name": "新负责人"}).status_code == 403
    assert client.post(reverse("applications:application_submit", args=[application.pk]),
                       {"_revision": "1"}).status_code == 403
    application.refresh_from_db()
    assert (application.revision, application.status) == (1, "draft")


@pytest.mark.django_db
def test_import_refuses_a_pending_organisation(tmp_path, capsys) -> None:
    org = factories.HostOrgFactory(status="pending")
    data = factories.example_answers(org)
    with pytest.raises(ImportRefusedError) as info:
        import_application(call=factories.call(), data=data)
    assert [(i.path, i.code) for i in info.value.result.errors] == [("basic.host_org.credit_code",
                                                                      "host_org_not_approved")]
    path = tmp_path / "pending.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError) as command:
        call_command("import_application", "--call", "hubei-2026-provincial", str(path))
    assert command.value.returncode == 1
    assert str(command.value) == (f"{org.name}（{org.credit_code}）尚未通过所在区经信部门的审核；"
                                  "只有审核通过的依托单位才能申报。")
    assert (f"basic.host_org.credit_code  [host_org_not_approved]  {org.name}（{org.credit_code}）尚未通过所在区经信部门的审核；"
            "只有审核通过的依托单位才能申报。") in capsys.readouterr().err
    assert Application.objects.count() == 0
