"""JSON paths into a 申报书's answers: the one home of reading, writing and parsing them.

A path is what an Issue carries and what a web input is named: dotted keys with row indices in brackets,
``service.typical_cases[0].text``. A dotted-only path (``basic.main_revenue_wan.2025``) reads objects only,
as conditions and form rules use it. Parsing refuses what no form can hold (a path deeper than
``MAX_DEPTH``, an index of more than ``MAX_INDEX_DIGITS`` digits), so a crafted path costs nothing.
"""

from __future__ import annotations

import re
from typing import Any

MAX_DEPTH = 12  # the deepest path of a form is 4 parts (section.group.table[n].column)
MAX_INDEX_DIGITS = 6
MAX_PATH_CHARS = 300

_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]|(\.)")
_INDEX = re.compile(r"\[\d+\]")
_ROW_PATH = re.compile(r"^(?P<table>[^\[\]]+)\[(?P<index>\d{1,%d})\]$" % MAX_INDEX_DIGITS)

PathPart = str | int


class BadPathError(ValueError):
    """A path that no form version can hold (too long, too deep, malformed, a huge index)."""


def get_path(data: Any, path: str) -> Any:
    """The value at a dotted path (``basic.main_revenue_wan.2025``), or None."""
    current = data
    for part in path.split("."):
        if not isinstance(current, dict) or part not in current:
            return None
        current = current[part]
    return current


def is_empty(value: Any) -> bool:
    """An unanswered value: None, blank text, an empty list or object."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict):
        return not value
    return False


def parse_path(path: str) -> list[PathPart]:
    """``a.b[2].c`` → ``["a", "b", 2, "c"]``; ``BadPathError`` for what no form can hold."""
    if not path or len(path) > MAX_PATH_CHARS:
        raise BadPathError(path[:40])
    parts: list[PathPart] = []
    position = 0
    expect_key = True
    while position < len(path):
        match = _TOKEN.match(path, position)
        if match is None:
            raise BadPathError(path[:40])
        key, index, _dot = match.groups()
        if key is not None:
            if not expect_key:
                raise BadPathError(path[:40])
            parts.append(key)
            expect_key = False
        elif index is not None:
            if expect_key or len(index) > MAX_INDEX_DIGITS:
                raise BadPathError(path[:40])
            parts.append(int(index))
        else:
            if expect_key:
                raise BadPathError(path[:40])
            expect_key = True
        if len(parts) > MAX_DEPTH:
            raise BadPathError(path[:40])
        position = match.end()
    if expect_key:
        raise BadPathError(path[:40])
    return parts


def get_parts(data: Any, parts: list[PathPart]) -> Any:
    """The value at parsed path parts (objects and lists), or None."""
    current = data
    for part in parts:
        if isinstance(part, int):
            if not isinstance(current, list) or part >= len(current):
                return None
        elif not isinstance(current, dict) or part not in current:
            return None
        current = current[part]
    return current


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set the value at a dotted path, creating the objects on the way (``BadPathError`` past a non-object)."""
    parts = path.split(".")
    if len(parts) > MAX_DEPTH:
        raise BadPathError(path[:40])
    current: Any = data
    for part in parts[:-1]:
        if not isinstance(current, dict):
            raise BadPathError(path[:40])
        current = current.setdefault(part, {})
    if not isinstance(current, dict):
        raise BadPathError(path[:40])
    current[parts[-1]] = value


def field_path(path: str) -> str:
    """The path without row indices (``service.typical_cases.text``), to find the field's definition."""
    return _INDEX.sub("", path)


def split_row_path(path: str) -> tuple[str, int] | None:
    """``a.b[3]`` → ``("a.b", 3)``; None when ``path`` does not name one row (or its index is absurd)."""
    match = _ROW_PATH.match(path)
    return (match.group("table"), int(match.group("index"))) if match else None
