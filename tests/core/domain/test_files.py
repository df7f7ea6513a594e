"""accept_upload: the one gate of every upload (size, type by content, generated storage name, Chinese errors)."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories
from zhongshi.core.domain.files import DOCX, JPEG, OFD, PDF, PNG, XLSX, accept_upload, describe_types
from zhongshi.core.errors import DomainError

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def test_an_accepted_file_gets_a_generated_storage_name() -> None:
    content = factories.pdf_bytes("letter")
    upload = SimpleUploadedFile("C:\\Users\\张三\\推荐文件\x07.pdf", content)
    accepted = accept_upload(upload, allowed=(PDF, OFD))
    assert (accepted.content_type, accepted.size, accepted.original_name) == (PDF, len(content), "推荐文件.pdf")
    assert accepted.sha256 == hashlib.sha256(content).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", accepted.storage_name)
    assert accept_upload(upload, allowed=(PDF,)).storage_name != accepted.storage_name
    assert upload.read() == content  # left at its start for the storage


@pytest.mark.parametrize(("content", "content_type", "suffix"), [
    (PNG_BYTES, PNG, "png"),
    (_zip(["[Content_Types].xml", "word/document.xml"]), DOCX, "docx"),
    (_zip(["[Content_Types].xml", "xl/workbook.xml"]), XLSX, "xlsx"),
    (_zip(["OFD.xml"]), OFD, "ofd"),
])
def test_the_content_decides_not_the_name(content, content_type, suffix) -> None:
    accepted = accept_upload(SimpleUploadedFile("scan.pdf", content), allowed=(PDF, PNG, DOCX, XLSX, OFD))
    assert (accepted.content_type, accepted.suffix) == (content_type, suffix)
    assert accepted.storage_name.endswith(f".{suffix}")


@pytest.mark.parametrize(("name", "content", "allowed", "message"), [
    ("伪装.pdf", "这不是PDF文件".encode(), (PDF, OFD, JPEG, PNG),
     "“伪装.pdf”不是 PDF、OFD、JPG 或 PNG 文件（按文件内容检查，而不是文件名）。"),
    ("照片.png", PNG_BYTES, (PDF,), "“照片.png”不是 PDF 文件（按文件内容检查，而不是文件名）。"),
    ("压缩包.docx", _zip(["readme.txt"]), (PDF, DOCX),
     "“压缩包.docx”不是 PDF 或 DOCX 文件（按文件内容检查，而不是文件名）。"),
    ("空.pdf", b"", (PDF,), "文件为空。"),
])
def test_refusals_say_why_in_chinese(name, content, allowed, message) -> None:
    with pytest.raises(DomainError) as info:
        accept_upload(SimpleUploadedFile(name, content), allowed=allowed, field="letter")
    assert (info.value.message, info.value.field) == (message, "letter")


def test_the_size_limit(settings) -> None:
    settings.ZHONGSHI_EVIDENCE_MAX_FILE_BYTES = 2048
    content = factories.pdf_bytes() + b"%" * 3000
    with pytest.raises(DomainError) as info:
        accept_upload(SimpleUploadedFile("大文件.pdf", content), allowed=(PDF,))
    assert (info.value.code, info.value.message) == ("file_too_large",
                                                     "“大文件.pdf”大小为 3.4\xa0KB，单个文件不能超过 2.0\xa0KB。")
    assert accept_upload(SimpleUploadedFile("a.pdf", content), allowed=(PDF,), max_bytes=10_000).size == len(content)


def test_describe_types() -> None:
    assert describe_types((PDF,)) == "PDF"
    assert describe_types((PDF, DOCX, XLSX, OFD)) == "PDF、DOCX、XLSX 或 OFD"
