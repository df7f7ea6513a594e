"""The JSON Schema (draft 2020-12) of a form version's application file (contracts.md §1 ``form-schema``).

The schema describes a complete application: required fields are required, unknown keys are refused,
choices are enums, numbers carry their ranges and texts their printed limits (in ``x-max-words``, as
JSON Schema has no notion of 字数). Cross-field rules (前后一致) are the checker's, not the schema's.
"""

from __future__ import annotations

from typing import Any

from zhongshi.formversions.domain.formdef import FieldDef, FormDef

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _number(item: FieldDef, kind: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "integer" if kind == "integer" else "number"}
    if item.min is not None:
        schema["minimum"] = item.min
    if item.max is not None:
        schema["maximum"] = item.max
    if item.unit:
        schema["x-unit"] = item.unit
    return schema


def _object(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def _fields(fields: tuple[FieldDef, ...]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    conditional: list[dict[str, Any]] = []
    for item in fields:
        if item.type in ("computed", "file_list"):
            continue
        properties[item.key] = field_schema(item)
        if item.required:
            required.append(item.key)
        condition = item.required_if or {}
        parent, _dot, sibling = str(condition.get("path", "")).rpartition(".")
        if "equals" in condition and parent == item.path.rpartition(".")[0]:
            # required when a sibling holds a value (如是，具体为): if/then, as JSON Schema says it
            conditional.append({"if": {"properties": {sibling: {"const": condition["equals"]}}, "required": [sibling]},
                                "then": {"required": [item.key], "properties": {item.key: {"minLength": 1}}}})
        for detail in item.details:
            properties[detail.key] = {"type": "string", "title": f"{detail.item}：{detail.label}"}
        if item.other_key:
            properties[item.other_key] = {"type": "string", "title": f"{item.label}：{item.other_item}"}
    schema = _object(properties, required)
    if conditional:
        schema["allOf"] = conditional
    return schema


def field_schema(item: FieldDef) -> dict[str, Any]:
    schema: dict[str, Any]
    kind = item.type
    if kind in ("text", "textarea"):
        schema = {"type": "string", "minLength": 1 if item.required else 0}
        if item.max_words:
            schema["x-max-words"] = item.max_words
    elif kind in ("integer", "decimal", "percent"):
        schema = _number(item, kind)
    elif kind == "date":
        schema = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    elif kind in ("choice", "choice_with_other"):
        schema = {"type": "string", "enum": list(item.choices)}
    elif kind == "multi_choice":
        schema = {"type": "array", "items": {"type": "string", "enum": list(item.choices)}, "uniqueItems": True}
        if item.required:
            schema["minItems"] = 1
        if item.max_selected is not None:
            schema["maxItems"] = item.max_selected
    elif kind == "boolean":
        schema = {"type": "boolean"}
    elif kind == "yes_no_detail":
        detail: dict[str, Any] = {"type": "string"}
        if item.detail_max_words:
            detail["x-max-words"] = item.detail_max_words
        schema = _object({"answer": {"type": "boolean"}, "detail": detail}, ["answer"])
    elif kind == "year_month_range":
        month = {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}
        schema = _object({"start": month, "end": month}, ["start", "end"])
    elif kind in ("year_values", "year_pair"):
        keys = list(item.years) if kind == "year_values" else ["last_year", "current_year"]
        value_kind = "integer" if item.value_type == "integer" else "number"
        schema = _object({key: _number(item, value_kind) for key in keys}, keys)
    elif kind == "group":
        schema = _fields(item.fields)
    elif kind == "table":
        schema = {"type": "array", "items": _fields(item.columns), "minItems": item.min_rows}
        if item.max_rows is not None:
            schema["maxItems"] = item.max_rows
    else:  # pragma: no cover - formdef refuses unknown types
        raise ValueError(kind)
    schema["title"] = item.label
    if item.help:
        schema["description"] = item.help
    return schema


def build_json_schema(form: FormDef) -> dict[str, Any]:
    properties: dict[str, Any] = {"form": {"const": form.code, "title": "表单版本"}}
    required = ["form"]
    for section in form.sections:
        body = _fields(section.fields)
        if not body["properties"]:
            continue  # evidence: files, not JSON
        body["title"] = section.label
        properties[section.key] = body
        required.append(section.key)
    schema = _object(properties, required)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://zhongshi.example/forms/{form.code}.schema.json",
        "title": form.title,
        "x-form-version": form.version,
        **schema,
    }
