"""What an uploaded file really is, from its bytes (magic numbers and, for ZIP containers, their parts),
never from its name: PDF, JPEG, PNG, and the ZIP-based DOCX, XLSX and OFD (GB/T 33190)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import filetype

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OFD = "application/ofd"


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
