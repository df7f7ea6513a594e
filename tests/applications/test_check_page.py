"""The check-and-submit page counts what really blocks a submission, and every place that shows a section's
progress (header, step list, autosave reply, check page) agrees (issue 9, applicant)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from zhongshi.applications.domain.queries.report import build_report

AUTOSAVE = {"HTTP_X_AUTOSAVE": "1"}
REQUIRED = ("credit_china", "service_proofs", "signed_declaration", "sealed_application_scan")


def upload(client, application, key):
    client.post(reverse("applications:evidence_upload", args=[application.pk]),
                {"requirement": key, "file": SimpleUploadedFile(f"{key}.pdf", factories.pdf_bytes(key))})


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.django_db
def test_the_check_page_counts_missing_evidence_and_unconfirmed_sensitive_items(roles, login) -> None:
    draft = factories.application(roles["applicant"].host_org)  # honours ticked: 5 evidence items required
    report = build_report(draft)
    assert (len(report.errors), len(report.missing_evidence)) == (0, 5)
    sensitive = len(report.unconfirmed_sensitive)
    page = text(login(roles["applicant"]).get(reverse("applications:application_submit", args=[draft.pk]))
                .content.decode())
    assert f"提交前还有 {5 + sensitive} 处需修改" in page
    assert f"其中表单问题 0 处；必需佐证材料缺少 5 项；待删除或确认的敏感信息 {sensitive} 处。" in page
    assert "提交前还有 0 处需修改" not in page
    assert "请先修改上列全部问题并上传全部必需的佐证材料，之后方可提交。" in page


@pytest.mark.django_db
def test_optional_evidence_is_not_missing_when_no_honour_is_ticked(roles, login) -> None:
    answers = factories.example_answers()
    answers["basic"]["host_honours"] = []
    draft = factories.application(roles["applicant"].host_org, answers=answers)
    client = login(roles["applicant"])
    page = client.get(reverse("applications:application_submit", args=[draft.pk])).content.decode()
    assert "荣誉证书扫描件" not in page
    assert "必需佐证材料缺少 4 项" in page
    for key in REQUIRED:
        upload(client, draft, key)
    page = client.get(reverse("applications:application_submit", args=[draft.pk])).content.decode()
    assert "必需佐证材料缺少" not in page
    assert 'data-testid="submit" disabled' not in page


@pytest.mark.django_db
def test_an_autosave_reports_the_same_progress_as_the_pages(roles, login) -> None:
    draft = factories.application(roles["applicant"].host_org)
    client = login(roles["applicant"])
    url = reverse("applications:application_edit_section", args=[draft.pk, "evidence"])  # changes no answer
    body = client.post(url, {"_revision": "1"}, **AUTOSAVE).json()
    states = {s["key"]: s for s in body["sections"]}
    assert states["evidence"] == {"key": "evidence", "complete": False, "errors": 5}  # "已完成" before
    sections = build_report(draft).sections
    assert body["progress"] == f"{len(sections) - 1}/{len(sections)}"
    page = text(client.get(url).content.decode())
    assert f"已完成部分：{body['progress']}" in page
    check = text(client.get(reverse("applications:application_submit", args=[draft.pk])).content.decode())
    assert f"已完成部分：{body['progress']}" in check
    for key in (*REQUIRED, "honour_certificates"):
        upload(client, draft, key)
    body = client.post(url, {"_revision": str(body["revision"])}, **AUTOSAVE).json()
    assert body["progress"] == f"{len(sections)}/{len(sections)}"
    assert {s["key"]: s["complete"] for s in body["sections"]}["evidence"] is True
