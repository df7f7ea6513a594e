"""Form versions as data (DESIGN.md "Forms are data").

A form version is a YAML file in ``formversions/definitions/`` (``hubei-2026.yaml`` is seed 000 附件2).
``load_form(code)`` reads it once into frozen dataclasses; one definition drives the web form, the
checks, the JSON Schema, JSON import/export and the .docx. Choices named by ``vocabulary`` are resolved
from the versioned reference file (``reference/data/vocabularies.yaml``) at load time, so a form version
and its choices need no database.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from zhongshi.core.yaml_files import load_yaml

DEFINITIONS_DIR = Path(__file__).resolve().parent.parent / "definitions"
VOCABULARIES_FILE = Path(__file__).resolve().parents[2] / "reference" / "data" / "vocabularies.yaml"

# Field types that hold a value the applicant enters (``computed`` is derived, never entered).
SCALAR_TYPES = frozenset({"text", "textarea", "integer", "decimal", "percent", "date", "choice", "boolean"})
ALL_TYPES = SCALAR_TYPES | frozenset({
    "year_month_range", "multi_choice", "yes_no_detail", "choice_with_other", "group", "year_values",
    "year_pair", "table", "file_list", "computed",
})


class UnknownFormError(LookupError):
    """No form version with this code ships with the system."""


@dataclass(frozen=True)
class Detail:
    """A blank printed after a checkbox item (“具体名称为____”), stored in the sibling key ``key``."""

    item: str
    key: str
    label: str


@dataclass(frozen=True)
class ChoiceGroup:
    """A printed group of choices (e.g. 5个万亿级产业集群) and the names in it."""

    name: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class FieldDef:
    key: str
    label: str
    type: str
    path: str  # dotted from the document root; inside a table, relative to the row
    required: bool = True
    required_if: dict[str, Any] | None = None
    help: str = ""
    note: str = ""
    unit: str = ""
    min: float | None = None
    max: float | None = None
    max_words: int | None = None
    detail_max_words: int | None = None
    detail_label: str = ""
    vocabulary: str = ""
    choices: tuple[str, ...] = ()
    choice_groups: tuple[ChoiceGroup, ...] = ()
    other_item: str = ""
    other_key: str = ""
    details: tuple[Detail, ...] = ()
    max_selected: int | None = None
    fields: tuple[FieldDef, ...] = ()  # group
    columns: tuple[FieldDef, ...] = ()  # table
    min_rows: int = 0
    max_rows: int | None = None
    row_label: str = ""
    row_max_words: int | None = None
    numbered: bool = False
    rules: tuple[str, ...] = ()
    years: tuple[str, ...] = ()  # year_values
    value_type: str = ""  # year_values / year_pair
    contact: bool = False
    published: bool = False
    example: Any = None
    formula: str = ""
    region_level: str = ""
    default: Any = None
    printed: tuple[str, ...] = ()  # the seed's printed caption, blanks and all
    in_table: bool = False

    @property
    def is_entered(self) -> bool:
        return self.type != "computed"

    @property
    def section(self) -> str:
        return self.path.split(".", 1)[0]


@dataclass(frozen=True)
class SectionDef:
    key: str
    label: str
    fields: tuple[FieldDef, ...]
    heading: str = ""
    help: str = ""
    note: str = ""
    footer: tuple[str, ...] = ()
    statement: str = ""
    signature_block: tuple[str, ...] = ()
    printed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Instruction:
    key: str
    text: str
    forbidden_terms: tuple[str, ...] = ()
    required_suffix: str = ""


@dataclass(frozen=True)
class FormDef:
    code: str
    title: str
    issuer: str
    version: int
    last_year: str
    current_year: str
    instructions: tuple[Instruction, ...]
    sections: tuple[SectionDef, ...]
    _index: dict[str, FieldDef] = field(default_factory=dict, compare=False, repr=False)

    def section(self, key: str) -> SectionDef:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    def field(self, path: str) -> FieldDef:
        """The field at a dotted path; table columns as ``section.table.column``."""
        return self._index[path]

    def has_field(self, path: str) -> bool:
        return path in self._index

    def iter_fields(self) -> Iterator[FieldDef]:
        """Every field, groups and tables before their children, in the order of the form."""
        yield from self._index.values()

    @property
    def year_labels(self) -> dict[str, str]:
        return {"last_year": f"上年度（{self.last_year}年）", "current_year": f"申报当年度（{self.current_year}年）"}


def _vocabularies() -> dict[str, dict[str, Any]]:
    data = load_yaml(VOCABULARIES_FILE.read_text(encoding="utf-8"))
    return {vocab["code"]: vocab for vocab in data["vocabularies"]}


def _build_field(raw: dict[str, Any], prefix: str, vocabularies: dict[str, dict[str, Any]], *,
                 in_table: bool = False) -> FieldDef:
    kind = raw["type"]
    if kind not in ALL_TYPES:
        raise ValueError(f"{prefix}{raw['key']}: unknown field type {kind!r}")
    path = f"{prefix}{raw['key']}"
    choices: tuple[str, ...] = tuple(raw.get("choices") or ())
    groups: tuple[ChoiceGroup, ...] = ()
    if raw.get("vocabulary"):
        vocab = vocabularies[raw["vocabulary"]]
        choices = tuple(item["name"] for item in vocab["items"] if item.get("active", True))
        groups = tuple(
            ChoiceGroup(group["name"], tuple(item["name"] for item in vocab["items"] if item.get("group") == group["code"]))
            for group in vocab.get("groups") or ()
        )
    children = tuple(_build_field(child, f"{path}.", vocabularies, in_table=in_table) for child in raw.get("fields") or ())
    columns = tuple(_build_field(column, f"{path}.", vocabularies, in_table=True) for column in raw.get("columns") or ())
    max_value = raw.get("max", 100 if kind == "percent" or raw.get("value_type") == "percent" else None)
    min_value = raw.get("min", 0 if kind == "percent" or raw.get("value_type") == "percent" else None)
    return FieldDef(
        key=raw["key"], label=raw["label"], type=kind, path=path,
        required=bool(raw.get("required", kind != "computed")),
        required_if=raw.get("required_if"),
        help=str(raw.get("help") or ""), note=str(raw.get("note") or ""), unit=str(raw.get("unit") or ""),
        min=min_value, max=max_value,
        max_words=raw.get("max_words"), detail_max_words=raw.get("detail_max_words"),
        detail_label=str(raw.get("detail_label") or ""),
        vocabulary=str(raw.get("vocabulary") or ""), choices=choices, choice_groups=groups,
        other_item=str(raw.get("other_item") or ""), other_key=str(raw.get("other_key") or ""),
        details=tuple(Detail(d["item"], d["key"], d["label"]) for d in raw.get("details") or ()),
        max_selected=raw.get("max_selected"),
        fields=children, columns=columns,
        min_rows=int(raw.get("min_rows", 0)), max_rows=raw.get("max_rows"),
        row_label=str(raw.get("row_label") or ""), row_max_words=raw.get("row_max_words"),
        numbered=bool(raw.get("numbered", False)), rules=tuple(raw.get("rules") or ()),
        years=tuple(str(y) for y in raw.get("years") or ()), value_type=str(raw.get("value_type") or ""),
        contact=bool(raw.get("contact", False)), published=bool(raw.get("published", False)),
        example=raw.get("example"), formula=str(raw.get("formula") or ""),
        region_level=str(raw.get("region_level") or ""), default=raw.get("default"),
        printed=tuple(raw.get("printed") or ()), in_table=in_table,
    )


def _index(fields: tuple[FieldDef, ...], index: dict[str, FieldDef]) -> None:
    for item in fields:
        index[item.path] = item
        _index(item.fields, index)
        _index(item.columns, index)


def parse_form(data: dict[str, Any]) -> FormDef:
    """Build a form definition from its parsed YAML."""
    vocabularies = _vocabularies()
    sections = tuple(
        SectionDef(
            key=raw["key"], label=raw["label"],
            fields=tuple(_build_field(f, f"{raw['key']}.", vocabularies) for f in raw.get("fields") or ()),
            heading=str(raw.get("heading") or ""), help=str(raw.get("help") or ""), note=str(raw.get("note") or ""),
            footer=tuple(raw.get("footer") or ()), statement=str(raw.get("statement") or ""),
            signature_block=tuple(raw.get("signature_block") or ()), printed=tuple(raw.get("printed") or ()),
        )
        for raw in data["sections"]
    )
    index: dict[str, FieldDef] = {}
    for section in sections:
        _index(section.fields, index)
    years = data.get("years") or {}
    return FormDef(
        code=data["form"], title=data["title"], issuer=str(data.get("issuer") or ""), version=int(data.get("version", 1)),
        last_year=str(years.get("last_year", "")), current_year=str(years.get("current_year", "")),
        instructions=tuple(
            Instruction(i["key"], i["text"], tuple(i.get("forbidden_terms") or ()), str(i.get("required_suffix") or ""))
            for i in data.get("instructions") or ()
        ),
        sections=sections, _index=index,
    )


def list_forms() -> list[str]:
    """Codes of the form versions that ship with the system."""
    return sorted(path.stem for path in DEFINITIONS_DIR.glob("*.yaml"))


@cache
def load_form(code: str) -> FormDef:
    """The form version ``code``; ``UnknownFormError`` when none ships with the system."""
    if code not in list_forms():
        raise UnknownFormError(code)
    return parse_form(load_yaml((DEFINITIONS_DIR / f"{code}.yaml").read_text(encoding="utf-8")))
