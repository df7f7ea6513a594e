"""A field-level diff of two JSON documents (a 申报书's answers), for the audit log.

Each change names its path (``basic.platform_name``, ``service.cases[0].text``), the label the object gives
that path (``基本信息 › 平台名称``), the unit of a number, and the old and new value of the leaf. A table row
added or removed shows as the changes of its cells. At most ``MAX_CHANGES`` changes are kept; the entry's
``after`` keeps the digest of the whole document for integrity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

MAX_CHANGES = 200
MAX_VALUE_CHARS = 500

Labeller = Callable[[str], tuple[str, str]]


def _leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key in value:
            yield from _leaves(value[key], f"{path}.{key}" if path else str(key))
    elif isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{path}[{index}]")
    else:  # a scalar, or a list of scalars (a multiple choice) compared whole
        yield path, value


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
        return value[:MAX_VALUE_CHARS] + "…"
    return value


def diff_answers(old: Any, new: Any, *, labeller: Labeller | None = None) -> list[dict[str, Any]]:
    """The changed leaves of ``old`` → ``new`` in the order of ``new`` (removed leaves last)."""
    before = dict(_leaves(old or {}))
    after = dict(_leaves(new or {}))
    paths = [p for p in after if before.get(p) != after[p]] + [p for p in before if p not in after]
    changes: list[dict[str, Any]] = []
    for path in paths:
        if before.get(path) in (None, "", []) and after.get(path) in (None, "", []):
            continue
        label, unit = path, ""
        if labeller is not None:
            try:
                label, unit = labeller(path)
            except (LookupError, ValueError):
                label, unit = path, ""
        changes.append({"path": path, "label": label, "unit": unit,
                        "old": _short(before.get(path)), "new": _short(after.get(path))})
        if len(changes) == MAX_CHANGES:
            break
    return changes
