"""The desensitisation scan over a whole 申报书: every free text except the contact fields."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zhongshi.formversions.domain.check_answers import Issue
from zhongshi.formversions.domain.formdef import FieldDef, FormDef
from zhongshi.formversions.domain.scan_sensitive import describe_hit, scan_text


def iter_texts(form: FormDef, answers: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(path, place, text) of every free text in the answers, contact fields excluded; ``place`` names it
    for a person: “典型案例”第 1 行“项目名称”."""
    for section in form.sections:
        data = answers.get(section.key)
        if isinstance(data, dict):
            yield from _walk(section.fields, data, f"{section.key}.", "")


def _walk(fields: tuple[FieldDef, ...], data: dict[str, Any], prefix: str,
          place: str) -> Iterator[tuple[str, str, str]]:
    for item in fields:
        value = data.get(item.key)
        path = f"{prefix}{item.key}"
        here = f"{place}“{item.label}”"
        if item.contact or value is None:
            continue
        if item.type in ("text", "textarea") and isinstance(value, str):
            yield path, here, value
        elif item.type == "yes_no_detail" and isinstance(value, dict) and isinstance(value.get("detail"), str):
            yield f"{path}.detail", here, value["detail"]
        elif item.type == "group" and isinstance(value, dict):
            yield from _walk(item.fields, value, f"{path}.", place)
        elif item.type == "table" and isinstance(value, list):
            for index, row in enumerate(value):
                if isinstance(row, dict):
                    yield from _walk(item.columns, row, f"{path}[{index}].", f"{here}第 {index + 1} 行")
        for detail in item.details:
            text = data.get(detail.key)
            if isinstance(text, str):
                yield f"{prefix}{detail.key}", f"{here}（{detail.item}）", text
        if item.other_key and isinstance(data.get(item.other_key), str):
            yield f"{prefix}{item.other_key}", f"{here}（{item.other_item}）", data[item.other_key]


def scan_answers(form: FormDef, answers: dict[str, Any]) -> list[Issue]:
    """One warning per hit, naming its place and the masked text."""
    issues = []
    for path, place, text in iter_texts(form, answers):
        for hit in scan_text(text):
            issues.append(Issue(path, hit.code, f"{place}：{describe_hit(hit)}"))
    return issues


def sensitive_key(issue: Issue) -> str:
    """What the applicant confirms: this hit at this place (a changed text needs a new confirmation)."""
    return f"{issue.path}|{issue.code}|{issue.message}"
