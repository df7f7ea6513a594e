"""Every row of the fixed-path table of contracts.md §2 holds in the JSON Schema (``zhongshi form-schema``) and in
examples/hubei-2026-complete.json: the path exists and has the type the row says (amounts and percentages are
numbers, counts integers, the rest as the row states: a boolean, a list of rows, an object of years, text).

The contract lives beside the checkout (``../shared/spec/contracts.md``); without it the test is skipped, as the
label-coverage test is."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_CANDIDATES = (ROOT.parent / "shared" / "spec" / "contracts.md", Path("/work/shared/spec/contracts.md"))
EXAMPLE = ROOT / "examples" / "hubei-2026-complete.json"
_ROW = re.compile(r"^\|\s*(`[^|]+`(?:\s*/\s*`[^|]+`)*)\s*\|\s*(.+?)\s*\|\s*$")
_SCHEMA_TYPES = {"number": "number", "integer": "integer", "string": "string", "boolean": "boolean",
                 "list": "array", "object": "object"}


def contract_text() -> str:
    for candidate in CONTRACT_CANDIDATES:
        if candidate.exists():
            return candidate.read_text(encoding="utf-8")
    pytest.skip("the shared contract is not beside this checkout")


def fixed_paths(text: str) -> list[tuple[str, str]]:
    """(path, the row's description) for every row of §2's table; ``a.b.c`` / ``.d`` expands to a.b.c and a.b.d."""
    section = text[text.index("## 2."):text.index("## 3.")]
    rows = []
    for line in section.splitlines():
        match = _ROW.match(line)
        if not match:
            continue
        paths = re.findall(r"`([^`]+)`", match.group(1))
        first = paths[0]
        rows.append((first, match.group(2)))
        for alternative in paths[1:]:
            rows.append((first.rsplit(".", 1)[0] + alternative, match.group(2)))
    return rows


def expected_type(path: str, description: str) -> str:
    """What the row says the value is (contracts.md §2: amounts 万元 and percentages are numbers, counts
    integers, years strings)."""
    if "list" in description or "rows" in description:
        return "list"
    if "boolean" in description:
        return "boolean"
    if "`{" in description:
        return "object"
    if re.search(r"_(wan|pct)(\.|$)", path):
        return "number"
    if "数" in description:  # 总数 / 数量: a count
        return "integer"
    return "string"


def row_columns(description: str) -> dict[str, str]:
    """The columns a list row names, with their types (``value_wan`` a number, ``is_sme`` a bool, the rest text)."""
    columns = {}
    for name in re.findall(r"`([a-z_]+)`", description):
        columns[name] = "number" if name.endswith("_wan") else "boolean" if name.startswith("is_") else "string"
    return columns


def is_type(value: Any, kind: str) -> bool:
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, {"string": str, "boolean": bool, "list": list, "object": dict}[kind])


def schema_at(schema: dict[str, Any], path: str) -> dict[str, Any]:
    node = schema
    for part in path.split("."):
        assert node.get("type") == "object" and part in node.get("properties", {}), f"{path}: no {part} in the schema"
        node = node["properties"][part]
    return node


def example_at(example: dict[str, Any], path: str) -> Any:
    node: Any = example
    for part in path.split("."):
        assert isinstance(node, dict) and part in node, f"{path}: no {part} in the example"
        node = node[part]
    return node


@pytest.fixture(scope="module")
def rows() -> list[tuple[str, str]]:
    found = fixed_paths(contract_text())
    assert len(found) >= 29  # the table's 21 rows, alternatives expanded
    return found


@pytest.fixture
def schema(db) -> dict[str, Any]:
    out = io.StringIO()
    call_command("form_schema", "hubei-2026", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_table_is_read_as_the_contract_states_it(rows) -> None:
    types = {path: expected_type(path, text) for path, text in rows}
    assert types["form"] == "string"
    assert types["basic.violations_last_3_years"] == "boolean"
    assert types["basic.main_revenue_wan"] == "object"
    assert types["basic.location.district"] == "string"
    assert types["foundation.equipment"] == "list"
    assert types["service.smes_served.current_year"] == "integer"
    assert types["service.service_revenue_ratio_pct.last_year"] == "number"


def test_every_fixed_path_is_in_the_json_schema_with_its_type(rows, schema) -> None:
    for path, description in rows:
        kind = expected_type(path, description)
        node = schema_at(schema, path)
        if path == "form":
            assert node == {"const": "hubei-2026", "title": "表单版本"}
            continue
        assert node["type"] == _SCHEMA_TYPES[kind], path
        if kind == "list":
            for column, column_kind in row_columns(description).items():
                assert node["items"]["properties"][column]["type"] == _SCHEMA_TYPES[column_kind], (path, column)
        if kind == "object":
            years = re.findall(r'"(\d{4})"', description)
            assert sorted(node["properties"]) == sorted(years), path
            assert all(node["properties"][year]["type"] == "number" for year in years), path


def test_every_fixed_path_is_in_the_example_with_its_type(rows) -> None:
    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for path, description in rows:
        kind = expected_type(path, description)
        value = example_at(example, path)
        assert is_type(value, kind), (path, kind, value)
        if kind == "list":
            assert value, path
            for row in value:
                for column, column_kind in row_columns(description).items():
                    assert is_type(row.get(column), column_kind), (path, column, row.get(column))
        if kind == "object":
            years = re.findall(r'"(\d{4})"', description)
            assert sorted(value) == sorted(years) and all(is_type(value[y], "number") for y in years), path
    assert example["form"] == "hubei-2026"
