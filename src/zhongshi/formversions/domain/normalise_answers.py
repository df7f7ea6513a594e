"""Canonical form of a 申报书's answers: keys in the order of the form, computed values left out.

Stored answers, JSON exports and imports all go through ``normalise_answers``, so export → import → export
gives the same JSON byte for byte.
"""

from __future__ import annotations

from typing import Any

from zhongshi.formversions.domain.formdef import FieldDef, FormDef


def _order(fields: tuple[FieldDef, ...], data: dict[str, Any]) -> dict[str, Any]:
    ordered: dict[str, Any] = {}
    for item in fields:
        if item.type in ("computed", "file_list"):
            continue
        if item.key in data:
            ordered[item.key] = _value(item, data[item.key])
        for extra in [d.key for d in item.details] + ([item.other_key] if item.other_key else []):
            if extra in data:
                ordered[extra] = data[extra]
    computed = {f.key for f in fields if f.type in ("computed", "file_list")}
    for key, value in data.items():  # unknown keys stay, at the end, for the checker to report
        if key not in ordered and key not in computed:
            ordered[key] = value
    return ordered


def _value(item: FieldDef, value: Any) -> Any:
    if item.type == "group" and isinstance(value, dict):
        return _order(item.fields, value)
    if item.type == "table" and isinstance(value, list):
        return [_order(item.columns, row) if isinstance(row, dict) else row for row in value]
    if item.type == "year_pair" and isinstance(value, dict):
        return {k: value[k] for k in ("last_year", "current_year") if k in value} | value
    if item.type == "year_values" and isinstance(value, dict):
        return {k: value[k] for k in item.years if k in value} | value
    if item.type == "yes_no_detail" and isinstance(value, dict):
        return {k: value[k] for k in ("answer", "detail") if k in value} | value
    if item.type == "year_month_range" and isinstance(value, dict):
        return {k: value[k] for k in ("start", "end") if k in value} | value
    return value


def normalise_answers(form: FormDef, answers: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {"form": form.code}
    for section in form.sections:
        if section.key in answers and isinstance(answers[section.key], dict):
            result[section.key] = _order(section.fields, answers[section.key])
        elif section.key in answers and any(f.type != "file_list" for f in section.fields):
            result[section.key] = answers[section.key]
    for key, value in answers.items():
        if key not in result and key != "form":
            result[key] = value
    return result
