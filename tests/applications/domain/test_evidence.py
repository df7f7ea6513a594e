"""Evidence uploads: checked by content, limited in size, stored through the storage API."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories
from zhongshi.applications.domain.evidence import add_evidence, missing_evidence, remove_evidence
from zhongshi.core.errors import DomainError, NotAllowed

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32 + b"\xff\xd9"


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.fixture
def draft(roles):
    return factories.application(roles["applicant"].host_org)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "content_type"), [
    ("查询结果.pdf", factories.pdf_bytes(), "application/pdf"),
    ("证书.png", PNG, "image/png"),
    ("证书.jpg", JPEG, "image/jpeg"),
    ("证明.docx", _zip(["[Content_Types].xml", "word/document.xml"]), ("application/vnd.openxmlformats-"
                                                                     "officedocument.wordprocessingml.document")),
    ("证明.ofd", _zip(["OFD.xml", "Doc_0/Document.xml"]), "application/ofd"),
    ("扫描件", factories.pdf_bytes(), "application/pdf"),  # no extension: the content decides
])
def test_accepted_types_are_recognised_by_content(roles, draft, name, content, content_type) -> None:
    evidence = add_evidence(user=roles["applicant"], application=draft, requirement="service_proofs",
                            upload=SimpleUploadedFile(name, content))
    assert (evidence.content_type, evidence.size, evidence.original_name) == (content_type, len(content), name)
    assert default_storage.exists(evidence.file.name)
    assert name not in evidence.file.name  # stored under a generated name
    with default_storage.open(evidence.file.name) as handle:
        assert handle.read() == content


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content"), [
    ("伪装.pdf", "这不是PDF文件".encode()),
    ("压缩包.docx", _zip(["readme.txt"])),
    ("脚本.png", b"#!/bin/sh\necho hi\n"),
])
def test_a_file_that_only_says_it_is_pdf_is_refused(roles, draft, name, content) -> None:
    with pytest.raises(DomainError) as info:
        add_evidence(user=roles["applicant"], application=draft, requirement="service_proofs",
                     upload=SimpleUploadedFile(name, content))
    assert info.value.code == "file_type"
    assert draft.evidence_files.count() == 0


@pytest.mark.django_db
def test_size_limits_per_file_and_per_application(roles, draft, settings) -> None:
    settings.ZHONGSHI_EVIDENCE_MAX_FILE_BYTES = 1000
    settings.ZHONGSHI_EVIDENCE_MAX_TOTAL_BYTES = 1500
    small = factories.pdf_bytes()
    big = small + b"%" * 1000
    with pytest.raises(DomainError) as info:
        add_evidence(user=roles["applicant"], application=draft, requirement="service_proofs",
                     upload=SimpleUploadedFile("big.pdf", big))
    assert info.value.code == "file_too_large"
    add_evidence(user=roles["applicant"], application=draft, requirement="service_proofs",
                 upload=SimpleUploadedFile("a.pdf", small + b"%" * (900 - len(small))))
    with pytest.raises(DomainError) as info:
        add_evidence(user=roles["applicant"], application=draft, requirement="service_proofs",
                     upload=SimpleUploadedFile("b.pdf", small + b"%" * (900 - len(small))))
    assert info.value.code == "total_too_large"
    assert draft.evidence_files.count() == 1


@pytest.mark.django_db
def test_an_empty_file_and_an_unknown_item_are_refused(roles, draft) -> None:
    with pytest.raises(DomainError) as info:
        add_evidence(user=roles["applicant"], application=draft, requirement="service_proofs",
                     upload=SimpleUploadedFile("empty.pdf", b""))
    assert info.value.code == "empty_file"
    with pytest.raises(DomainError) as info:
        add_evidence(user=roles["applicant"], application=draft, requirement="photos",
                     upload=SimpleUploadedFile("a.pdf", factories.pdf_bytes()))
    assert info.value.code == "unknown_requirement"


@pytest.mark.django_db
def test_only_the_own_organisation_uploads_and_removes(roles, draft) -> None:
    with pytest.raises(NotAllowed):
        add_evidence(user=roles["other_applicant"], application=draft, requirement="service_proofs",
                     upload=SimpleUploadedFile("a.pdf", factories.pdf_bytes()))
    evidence = factories.evidence_file(draft)
    with pytest.raises(NotAllowed):
        remove_evidence(user=roles["district"], evidence=evidence)


@pytest.mark.django_db(transaction=True)
def test_removing_deletes_the_stored_file(roles, draft) -> None:
    evidence = factories.evidence_file(draft)
    name = evidence.file.name
    remove_evidence(user=roles["applicant"], evidence=evidence)
    assert draft.evidence_files.count() == 0
    assert not default_storage.exists(name)


@pytest.mark.django_db
def test_missing_evidence_follows_the_call_and_the_answers(roles, draft) -> None:
    keys = [item["key"] for item in missing_evidence(draft)]
    # The example ticks 资质荣誉, so 荣誉证书扫描件 is required too.
    assert keys == ["credit_china", "honour_certificates", "service_proofs", "signed_declaration",
                    "sealed_application_scan"]
    draft.answers["basic"]["host_honours"] = []
    for key in ("credit_china", "service_proofs", "signed_declaration"):
        factories.evidence_file(draft, requirement=key)
    assert [item["key"] for item in missing_evidence(draft)] == ["sealed_application_scan"]
