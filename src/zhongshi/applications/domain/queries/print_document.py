"""The 申报书 as a document to read and print: every section of the form definition with each answer as text
(units beside numbers, tables as tables), not as disabled inputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from zhongshi.formversions.domain.formdef import FieldDef, FormDef
from zhongshi.formversions.domain.paths import get_path, is_empty

YEAR_KEYS = {"last_year": "上年度", "current_year": "申报当年度", "start": "起", "end": "止"}


@dataclass
class Row:
    label: str
    value: str = ""
    table: tuple[list[str], list[list[str]]] | None = None  # (headers, rows)
    group: bool = False  # a heading of a group of rows
    depth: int = 0


@dataclass
class Section:
    key: str
    label: str
    rows: list[Row] = field(default_factory=list)


def number_text(value: Any) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float | Decimal):
        text = f"{Decimal(str(value)):,f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def value_text(fdef: FieldDef, value: Any, computed: Any = None, *, with_unit: bool = True) -> str:
    """An answer as the printed document shows it; — when unanswered."""
    if fdef.type == "computed":
        value = computed
    if is_empty(value) and value is not False:
        return "—"
    unit = f" {fdef.unit}" if fdef.unit and with_unit else ""
    if fdef.type == "percent" and with_unit:
        unit = "%"
    if fdef.type == "yes_no_detail" and isinstance(value, dict):
        answer = value.get("answer")
        text = "是" if answer is True else "否" if answer is False else "—"
        return f"{text}。{value['detail']}" if value.get("detail") else text
    if fdef.type in ("boolean", "yes_no_detail") and isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        if fdef.type == "year_month_range":
            return f"{value.get('start') or '—'} 至 {value.get('end') or '—'}"
        parts = [f"{YEAR_KEYS.get(str(k), str(k))}：{number_text(v) if v is not None else '—'}{unit}"
                 for k, v in value.items()]
        return "；".join(parts)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return f"{number_text(value)}{unit}"
    return f"{value}{unit}"


def _rows(fields: tuple[FieldDef, ...], answers: dict[str, Any], computed: dict[str, Any],
          depth: int = 0) -> list[Row]:
    rows: list[Row] = []
    for fdef in fields:
        if fdef.type == "file_list":
            continue
        if fdef.type == "group":
            rows.append(Row(fdef.label, group=True, depth=depth))
            rows.extend(_rows(fdef.fields, answers, computed, depth + 1))
            continue
        value = get_path(answers, fdef.path)
        if fdef.type == "table":
            units = [c.unit or ("%" if c.type == "percent" else "") for c in fdef.columns]
            headers = [c.label + (f"（{u}）" if u and f"（{u}）" not in c.label else "")  # units not doubled
                       for c, u in zip(fdef.columns, units, strict=True)]
            body = [[value_text(c, row.get(c.key) if isinstance(row, dict) else None, with_unit=False)
                     for c in fdef.columns]
                    for row in (value if isinstance(value, list) else [])]
            if fdef.numbered:
                headers = ["序号", *headers]
                body = [[str(i), *r] for i, r in enumerate(body, 1)]
            rows.append(Row(fdef.label, table=(headers, body), depth=depth))
            continue
        text = value_text(fdef, value, computed.get(fdef.path))
        if fdef.details and isinstance(value, list):
            extra = [f"{d.item}：{get_path(answers, fdef.path.rsplit('.', 1)[0] + '.' + d.key)}"
                     for d in fdef.details if d.item in value
                     and not is_empty(get_path(answers, fdef.path.rsplit('.', 1)[0] + '.' + d.key))]
            if extra:
                text += "（" + "；".join(extra) + "）"
        rows.append(Row(fdef.label, text, depth=depth))
    return rows


def print_document(form: FormDef, answers: dict[str, Any], computed: dict[str, Any],
                   evidence: list[tuple[str, list[str]]]) -> list[Section]:
    """The sections of the document; the evidence section lists each item with the names of its files."""
    sections = []
    for section in form.sections:
        if section.key == "evidence":
            rows = [Row(label, "、".join(names) if names else "—") for label, names in evidence]
        else:
            rows = _rows(section.fields, answers, computed)
        sections.append(Section(section.key, section.heading or section.label, rows))
    return sections
