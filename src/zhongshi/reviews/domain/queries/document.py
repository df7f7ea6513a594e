"""The 申报书 as a document for the review page: walked from its form definition (sections, fields, units,
the ``layout`` hints as ``export_docx`` reads them), every answer as full text, the system's computed values
and the consistency warnings beside the field they concern (the margin), never inside the declared text.

``document_sections(form, answers, computed=…, issues=…)`` is pure: no database, no files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from zhongshi.formversions.domain.check_answers import Issue, fmt, number
from zhongshi.formversions.domain.formdef import FieldDef, FormDef

_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_NUMBER_TYPES = frozenset({"integer", "decimal", "percent"})


@dataclass
class Note:
    """A margin note: a computed value (``kind`` "computed") or a warning ("warning")."""

    kind: str
    text: str


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]


@dataclass
class Item:
    """One field: its label and its value as text (``lines``), a table, or the items of a group."""

    key: str
    label: str
    lines: list[str] = field(default_factory=list)
    table: Table | None = None
    children: list[Item] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    long: bool = False  # free text: printed under its label, not beside it
    empty: bool = False
    # the fields printed on this one's line (``layout: beside_next``: the next field, then the ``below_beside``
    # ones stacked under it), as the template prints them: label | value | label | value
    beside: list[Item] = field(default_factory=list)

    @property
    def margin(self) -> list[Note]:
        """The notes of this field and of the fields beside it."""
        return [*self.notes, *(note for other in self.beside for note in other.notes)]


@dataclass
class Section:
    key: str
    label: str
    items: list[Item]
    warnings: int = 0


def text_of(value: Any) -> str:
    """A stored value as text: 是/否, numbers with thousands separators, lists joined with 、."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return value.strip()
    if number(value) is not None:
        return fmt(value)
    if isinstance(value, list):
        return "、".join(t for t in (text_of(v) for v in value) if t)
    if isinstance(value, dict):
        return "；".join(f"{k}：{text_of(v)}" for k, v in value.items() if text_of(v))
    return str(value)


def unit_of(item: FieldDef) -> str:
    """The unit printed beside a value: none when the label already names it (总投资（万元） 8,600)."""
    return "" if item.unit and f"（{item.unit}）" in item.label else item.unit


def amount(value: Any, unit: str) -> str:
    if number(value) is None:
        return text_of(value)
    text = fmt(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def date_text(value: Any) -> str:
    match = _DATE.match(value.strip()) if isinstance(value, str) else None
    if not match:
        return text_of(value)
    year, month, day = match.groups()
    return f"{year}年{int(month)}月" + (f"{int(day)}日" if day else "")


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def header_of(item: FieldDef) -> str:
    """A column heading with its unit when the label does not name it (合同额（万元）)."""
    if item.unit and item.unit != "%" and item.unit not in item.label and item.type in _NUMBER_TYPES:
        return f"{item.label}（{item.unit}）"
    return item.label


def cell_text(item: FieldDef, value: Any, siblings: dict[str, Any]) -> list[str]:
    """A value as lines of full text (never cut)."""
    kind = item.type
    if kind == "textarea" or kind == "text":
        return [line.rstrip() for line in text_of(value).splitlines() if line.strip()]
    if kind in _NUMBER_TYPES:
        return [amount(value, unit_of(item))] if text_of(value) else []
    if kind == "date":
        return [date_text(value)] if value else []
    if kind == "year_month_range":
        span = _dict(value)
        start, end = date_text(span.get("start")), date_text(span.get("end"))
        return [f"{start} 至 {end}"] if start or end else []
    if kind == "boolean":
        if value is None:
            return []
        line = "是" if value is True else "否"
        detail = text_of(siblings.get(item.detail_key)) if item.detail_key else ""
        return [f"{line}：{detail}" if value is True and detail else line]
    if kind == "yes_no_detail":
        data = _dict(value)
        answer, detail = data.get("answer"), text_of(data.get("detail"))
        if answer is None:
            return []
        return [("是" if answer else "否") + (f"：{detail}" if answer and detail else "")]
    if kind == "choice_with_other":
        other = text_of(siblings.get(item.other_key)) if item.other_key else ""
        if value == item.other_item and other:
            return [f"{item.other_item}：{other}"]
        return [text_of(value)] if value else []
    if kind == "multi_choice":
        texts = []
        for choice in value if isinstance(value, list) else []:
            blank = next((d for d in item.details if d.item == choice), None)
            extra = text_of(siblings.get(blank.key)) if blank is not None else ""
            if item.other_item and choice == item.other_item and item.other_key:
                extra = extra or text_of(siblings.get(item.other_key))
            texts.append(f"{text_of(choice)}（{extra}）" if extra else text_of(choice))
        return ["、".join(texts)] if texts else []
    if kind == "year_pair":
        data = _dict(value)
        last, current = data.get("last_year"), data.get("current_year")
        if not text_of(last) and not text_of(current):
            return []
        unit = unit_of(item)
        return [f"上年度 {amount(last, unit) or '—'}；申报当年度 {amount(current, unit) or '—'}"]
    if kind == "year_values":
        values = _dict(value)
        unit = unit_of(item)
        return ["；".join(f"{y}年 {amount(values.get(y), unit)}" for y in item.years if text_of(values.get(y)))]
    if kind == "group":
        data = _dict(value)
        lines = []
        for child in item.fields:
            child_lines = cell_text(child, data.get(child.key), data)
            if child_lines:
                lines.append(f"{child.label}：{child_lines[0]}")
                lines.extend(child_lines[1:])
        return lines
    if kind == "table":
        rows = value if isinstance(value, list) else []
        return [f"{len(rows)} 行"] if rows else []
    if kind == "file_list":
        return []
    return [line for line in text_of(value).splitlines() if line.strip()]


def _table(item: FieldDef, value: Any) -> Table:
    columns = [c for c in item.columns if c.type != "file_list"]
    rows = []
    for row in value if isinstance(value, list) else []:
        data = _dict(row)
        rows.append(["\n".join(cell_text(c, data.get(c.key), data)) for c in columns])
    headers = [header_of(c) for c in columns]
    numeric = [c.type in _NUMBER_TYPES for c in columns]
    if item.numbered:
        headers = ["序号", *headers]
        rows = [[str(index), *row] for index, row in enumerate(rows, start=1)]
        numeric = [True, *numeric]
    return Table(headers=headers, rows=rows, numeric=numeric)


def _notes_for(path: str, issues: Iterable[Issue]) -> list[Note]:
    return [Note("warning", issue.message) for issue in issues
            if issue.field_path == path or issue.field_path.startswith(path + ".")]


def _item(item: FieldDef, data: dict[str, Any], computed: dict[str, Any], issues: list[Issue]) -> Item | None:
    value = data.get(item.key)
    node = Item(key=item.path, label=item.label, notes=_notes_for(item.path, issues))
    if item.type == "computed":
        shown = amount(computed.get(item.path), unit_of(item))
        node.notes.insert(0, Note("computed", f"{item.label}：{shown or '—'}"))
        node.lines = []
        node.empty = True
        return node
    if item.type == "file_list":
        return None
    if item.type == "table":
        node.table = _table(item, value)
        node.long = True
        node.empty = not node.table.rows
        return node
    if item.type == "group" and item.layout.style in {"rows", "tables", "lines"} and any(
            child.type in {"table", "textarea", "group"} for child in item.fields):
        node.children = _items(item.fields, _dict(value), computed, issues)
        node.long = True
        node.notes = [n for n in node.notes if not any(n.text in [m.text for m in c.notes] for c in node.children)]
        return node
    node.lines = cell_text(item, value, data)
    if item.layout.intro and node.lines:
        node.lines = [item.layout.intro, *node.lines]
    node.long = item.type == "textarea" or sum(len(line) for line in node.lines) > 60
    node.empty = not node.lines
    return node


def _items(fields: tuple[FieldDef, ...], data: dict[str, Any], computed: dict[str, Any],
           issues: list[Issue]) -> list[Item]:
    """The items of ``fields`` in order, a ``beside_next`` field holding the next one (and the ``below_beside``
    ones after it) in ``beside``, as ``export_docx`` prints them on one row."""
    out: list[Item] = []
    index = 0
    while index < len(fields):
        item = fields[index]
        node = _item(item, data, computed, issues)
        index += 1
        if node is None:
            continue
        if item.layout.beside_next and index < len(fields):
            partners = [fields[index]]
            while index + len(partners) < len(fields) and fields[index + len(partners)].layout.below_beside:
                partners.append(fields[index + len(partners)])
            index += len(partners)
            node.beside = [p for p in (_item(f, data, computed, issues) for f in partners) if p is not None]
            node.long = False
            for other in node.beside:
                other.long = False
        out.append(node)
    return out


def document_sections(form: FormDef, answers: dict[str, Any], *, computed: dict[str, Any],
                      issues: list[Issue]) -> list[Section]:
    """Every section of the form but the evidence list (shown with its files) and the cover's repeats."""
    out = []
    for section in form.sections:
        if section.key == "evidence" or section.layout.style in {"cover", "evidence_list"}:
            continue
        data = _dict(answers.get(section.key))
        items = _items(section.fields, data, computed, issues)
        warnings = sum(1 for issue in issues if issue.section == section.key)
        out.append(Section(key=section.key, label=section.heading or section.label, items=items,
                           warnings=warnings))
    return out


__all__ = ["Item", "Note", "Section", "Table", "document_sections"]
