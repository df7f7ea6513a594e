"""build_json_schema: the JSON Schema (draft 2020-12) of hubei-2026, checked with the jsonschema library
against the complete example and its broken variants (examples/broken/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from zhongshi.formversions.domain.build_json_schema import SCHEMA_DIALECT, build_json_schema
from zhongshi.formversions.domain.formdef import load_form

ROOT = Path(__file__).resolve().parents[3]
COMPLETE = ROOT / "examples" / "hubei-2026-complete.json"
BROKEN = ROOT / "examples" / "broken"
JSON_SECTIONS = [
    "cover",
    "basic",
    "foundation",
    "technology",
    "service",
    "operation",
    "potential",
    "other",
    "declaration",
]


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return build_json_schema(load_form("hubei-2026"))


@pytest.fixture(scope="module")
def validator(schema) -> Draft202012Validator:
    return Draft202012Validator(schema)


def example() -> dict[str, Any]:
    return json.loads(COMPLETE.read_text(encoding="utf-8"))


def errors(validator: Draft202012Validator, data: Any) -> list[tuple[list[str | int], str]]:
    return sorted(((list(e.absolute_path), e.validator) for e in validator.iter_errors(data)), key=repr)


def test_the_schema_is_a_valid_draft_2020_12_schema(schema):
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == SCHEMA_DIALECT == "https://json-schema.org/draft/2020-12/schema"


def test_the_top_level_is_form_and_the_json_sections(schema):
    assert list(schema["properties"]) == ["form", *JSON_SECTIONS]
    assert schema["required"] == ["form", *JSON_SECTIONS]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["form"]["const"] == "hubei-2026"
    assert "evidence" not in schema["properties"]  # files, not JSON


def test_the_complete_example_is_valid(validator):
    assert errors(validator, example()) == []


@pytest.mark.parametrize(
    ("variant", "path", "keyword"),
    [
        ("wrong-type", ["foundation", "fulltime_staff"], "type"),
        ("unknown-field", ["basic"], "additionalProperties"),
        ("unknown-cluster", ["basic", "industry_clusters", 1], "enum"),
        ("construction-mode", ["basic", "construction_mode"], "enum"),
        ("percent-over-100", ["foundation", "networking_rate_pct"], "maximum"),
        ("negative-amount", ["basic", "total_investment_wan"], "minimum"),
        ("four-difficulties", ["other", "difficulties"], "maxItems"),
        ("one-typical-case", ["service", "typical_cases"], "minItems"),
    ],
)
def test_a_broken_variant_fails_exactly_at_its_place(validator, variant, path, keyword):
    data = json.loads((BROKEN / f"{variant}.json").read_text(encoding="utf-8"))

    assert errors(validator, data) == [(path, keyword)]


def test_an_unknown_field_is_named(validator):
    data = json.loads((BROKEN / "unknown-field.json").read_text(encoding="utf-8"))

    (error,) = validator.iter_errors(data)
    assert "nickname" in error.message


def test_a_missing_required_field_fails_at_its_object(validator):
    data = json.loads((BROKEN / "missing-required.json").read_text(encoding="utf-8"))

    assert errors(validator, data) == [(["basic"], "required"), (["foundation"], "required")]


def test_required_lists(schema):
    basic = schema["properties"]["basic"]

    assert "platform_name" in basic["required"]
    assert "industry_clusters" in basic["required"]
    assert "partner_orgs" in basic["properties"]
    assert "partner_orgs" not in basic["required"]


def test_the_cluster_enum_has_the_35_names_of_the_form(schema):
    clusters = schema["properties"]["basic"]["properties"]["industry_clusters"]
    names = clusters["items"]["enum"]

    assert clusters["type"] == "array"
    assert clusters["uniqueItems"] is True
    assert clusters["minItems"] == 1
    assert len(names) == 35
    assert len(set(names)) == 35
    assert "光电子信息" in names
    assert "区块链" not in names
    field = next(f for f in load_form("hubei-2026").section("basic").fields if f.key == "industry_clusters")
    assert names == list(field.choices)


def test_multi_choice_detail_keys_are_allowed(schema, validator):
    basic = schema["properties"]["basic"]["properties"]
    assert basic["host_honour_national_platform_name"]["type"] == "string"
    assert basic["host_honour_ministerial_platform_name"]["type"] == "string"
    assert basic["host_honour_other_name"]["type"] == "string"

    data = example()
    data["basic"]["host_honours"].append("国家科技创新平台基地")
    data["basic"]["host_honour_national_platform_name"] = "国家光电子器件工程技术研究中心"

    assert errors(validator, data) == []


def test_the_introduction_carries_its_word_limit(schema):
    introduction = schema["properties"]["basic"]["properties"]["introduction"]

    assert introduction["type"] == "string"
    assert introduction["minLength"] == 1
    assert introduction["x-max-words"] == 1000


def test_violations_are_a_boolean_and_yes_needs_the_detail(schema, validator):
    basic = schema["properties"]["basic"]
    assert basic["properties"]["violations_last_3_years"]["type"] == "boolean"
    assert basic["properties"]["violations_detail"]["type"] == "string"
    assert "violations_detail" not in basic["required"]
    data = example()
    assert errors(validator, data) == []
    data["basic"]["violations_last_3_years"] = True
    assert [(list(e.absolute_path), e.validator) for e in validator.iter_errors(data)] == [(["basic"], "required")]
    data["basic"]["violations_detail"] = ""
    assert [(list(e.absolute_path), e.validator) for e in validator.iter_errors(data)] == [
        (["basic", "violations_detail"], "minLength")]
    data["basic"]["violations_detail"] = "2024年受到行政处罚"
    assert errors(validator, data) == []
    data["basic"]["violations_last_3_years"] = {"answer": True, "detail": "旧格式"}
    assert [(list(e.absolute_path), e.validator) for e in validator.iter_errors(data)] == [
        (["basic", "violations_last_3_years"], "type")]
