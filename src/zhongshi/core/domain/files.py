"""Uploads: ``accept_upload`` is the one gate of every uploaded file (evidence, recommendation letters, call
attachments). What a file really is comes from its bytes (magic numbers and, for ZIP containers, their
parts), never from its name: PDF, JPEG, PNG, and the ZIP-based DOCX, XLSX and OFD (GB/T 33190)."""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from zhongshi.core.errors import DomainError

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OFD = "application/ofd"

SUFFIXES = {PDF: "pdf", JPEG: "jpg", PNG: "png", DOCX: "docx", XLSX: "xlsx", OFD: "ofd"}
LABELS = {PDF: "PDF", JPEG: "JPG", PNG: "PNG", DOCX: "DOCX", XLSX: "XLSX", OFD: "OFD"}


@dataclass(frozen=True)
class AcceptedUpload:
    """An upload that passed ``accept_upload``: what to store and what to record of it."""

    upload: Any
    original_name: str  # the user's file name without any path, at most 200 characters: shown, never stored
    content_type: str  # from the bytes
    size: int
    sha256: str
    storage_name: str  # generated: <32 hex digits>.<suffix of the content type>

    @property
    def suffix(self) -> str:
        return SUFFIXES[self.content_type]


def describe_types(allowed: Sequence[str]) -> str:
    """``PDF、OFD、JPG 或 PNG``: the allowed types as a message names them."""
    labels = [LABELS[t] for t in allowed]
    if len(labels) == 1:
        return labels[0]
    return _("%(items)s or %(last)s") % {"items": "、".join(labels[:-1]), "last": labels[-1]}


def clean_file_name(name: str | None) -> str:
    """The last part of a file name as the browser sent it, without control characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[-200:] or "file"


def accept_upload(upload: Any, *, allowed: Sequence[str], field: str = "file",
                  max_bytes: int | None = None) -> AcceptedUpload:
    """Check an uploaded file for one use: not empty, at most ``max_bytes`` (by default the evidence limit of
    the settings), and of one of the ``allowed`` content types judged by its bytes. Raises ``DomainError``
    (a Chinese message for ``field``) otherwise. The file is left at its start."""
    name = clean_file_name(getattr(upload, "name", None))
    limit = settings.ZHONGSHI_EVIDENCE_MAX_FILE_BYTES if max_bytes is None else max_bytes
    size = int(getattr(upload, "size", 0) or 0)
    if size == 0:
        raise DomainError(_("The file is empty."), code="empty_file", field=field)
    if size > limit:
        raise DomainError(_("“%(name)s” is %(size)s; a file may be at most %(max)s.")
                          % {"name": name, "size": filesizeformat(size), "max": filesizeformat(limit)},
                          code="file_too_large", field=field)
    content_type = detect_content_type(upload)
    if content_type is None or content_type not in allowed:
        raise DomainError(_("“%(name)s” is not a %(types)s file (its content was checked, not its name).")
                          % {"name": name, "types": describe_types(allowed)}, code="file_type", field=field)
    digest = hashlib.sha256()
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(1 << 16), b""):
        digest.update(chunk)
    upload.seek(0)
    return AcceptedUpload(upload=upload, original_name=name, content_type=content_type, size=size,
                          sha256=digest.hexdigest(), storage_name=f"{uuid.uuid4().hex}.{SUFFIXES[content_type]}")


def detect_content_type(upload: Any) -> str | None:
    """The MIME type of an uploaded file (a Django UploadedFile or any seekable binary file), or None.

    The file is left at its start."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is not None and kind.mime in (PDF, JPEG, PNG):
        return str(kind.mime)
    if not head.startswith(b"PK\x03\x04"):
        return None
    handle = getattr(upload, "file", None) or io.BytesIO(upload.read())
    try:
        handle.seek(0)
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return DOCX
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return XLSX
    if "OFD.xml" in names:
        return OFD
    return None


def minimal_pdf(text: str) -> bytes:
    """A valid one-page PDF showing ``text`` (ASCII): demo evidence and test fixtures."""
    body = f"BT /F1 12 Tf 20 50 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 100] /Contents 4 0 R >>",
               b"<< /Length " + str(len(body)).encode() + b" >>\nstream\n" + body + b"\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out
