"""Compare two submission rounds of an application: every answer that changed, with both values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zhongshi.formversions.domain.formdef import FormDef


@dataclass(frozen=True)
class Change:
    path: str
    label: str
    before: str
    after: str


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list) and any(isinstance(item, dict) for item in value):
        out = {}
        for index, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{index}]"))
        return out
    return {prefix: value}


def _label(form: FormDef, path: str) -> str:
    import re

    plain = re.sub(r"\[\d+\]", "", path)
    parts = plain.split(".")
    while parts:
        candidate = ".".join(parts)
        if form.has_field(candidate):
            rows = re.findall(r"\[(\d+)\]", path)
            suffix = f"（第 {int(rows[-1]) + 1} 行）" if rows else ""
            return form.field(candidate).label + suffix
        parts.pop()
    return path


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def compare_answers(form: FormDef, before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    old, new = flatten(before), flatten(after)
    changes = []
    for path in [*old, *[p for p in new if p not in old]]:
        if old.get(path) != new.get(path):
            changes.append(Change(path, _label(form, path), _show(old.get(path)), _show(new.get(path))))
    return changes
