"""One application as JSON, .docx or PDF: the one function every export path (page, command) calls."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zhongshi.applications.interfaces.export_json import render_json
from zhongshi.applications.models import Application

FORMATS = {
    "json": ("application/json", "json"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "pdf": ("application/pdf", "pdf"),
}


@dataclass(frozen=True)
class ExportedFile:
    content: bytes
    content_type: str
    filename: str


def export_application(application: Application, fmt: str, *, answers: dict[str, Any] | None = None) -> ExportedFile:
    """Raises KeyError for an unknown format and PdfUnavailable when LibreOffice is not installed."""
    content_type, suffix = FORMATS[fmt]
    answers = application.answers if answers is None else answers
    if fmt == "json":
        content = render_json(application.form_code, answers)
    else:
        from zhongshi.applications.interfaces.export_docx import render_docx
        from zhongshi.formversions.domain.check_answers import compute_values
        from zhongshi.formversions.domain.formdef import load_form

        form = load_form(application.form_code)
        labels = {item["key"]: item["label"] for item in application.call.evidence_requirements()}
        evidence = [{"requirement_label": labels.get(e.requirement, e.requirement), "name": e.original_name}
                    for e in application.evidence_files.all()]
        content = render_docx(form, answers, computed=compute_values(form, answers),
                              evidence=evidence)
        if fmt == "pdf":
            from zhongshi.applications.interfaces.export_pdf import convert_to_pdf

            content = convert_to_pdf(content)
    name = application.platform_name or f"申报书-{application.pk}"
    return ExportedFile(content, content_type, f"{name}.{suffix}")
