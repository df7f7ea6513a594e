"""Form versions as data (DESIGN.md "Forms are data").

A form version is a YAML file in ``formversions/definitions/`` (``hubei-2026.yaml`` is seed 000 附件2).
``load_form(code)`` reads it once into frozen dataclasses; one definition drives the web form, the
checks, the JSON Schema, JSON import/export and the .docx. Choices named by ``vocabulary`` are resolved
from the versioned reference file (``reference/data/vocabularies.yaml``) at load time, so a form version
and its choices need no database.

Forms of every kind (the 申报书, a platform's quarterly update, an expert's score sheet …) share this one
machinery. A definition declares its ``kind`` (``formversions/kinds.yaml`` says which roles each kind
needs) and marks fields with a ``role`` (``platform_name``, ``host_org_credit_code``, ``location`` …):
code that needs "the platform's name" asks ``form.answer_for_role(answers, "platform_name")`` instead of
naming a path of one form version. How a field or section prints in the .docx is a ``layout`` hint
(``Layout``), with defaults by type, so a new form version is a YAML file and no new Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from zhongshi.core.yaml_files import load_yaml
from zhongshi.formversions.domain.paths import get_path, is_empty

DEFINITIONS_DIR = Path(__file__).resolve().parent.parent / "definitions"
KINDS_FILE = Path(__file__).resolve().parent.parent / "kinds.yaml"
VOCABULARIES_FILE = Path(__file__).resolve().parents[2] / "reference" / "data" / "vocabularies.yaml"

# Field types that hold a value the applicant enters (``computed`` is derived, never entered).
SCALAR_TYPES = frozenset({"text", "textarea", "integer", "decimal", "percent", "date", "choice", "boolean"})
ALL_TYPES = SCALAR_TYPES | frozenset({
    "year_month_range", "multi_choice", "yes_no_detail", "choice_with_other", "group", "year_values",
    "year_pair", "table", "file_list", "computed",
})


# How a field may print in the .docx (``layout.style``), by field type; the first is the default
# (a table with a ``row_label`` defaults to ``paragraphs``, a group holding a grid table to ``tables``).
FIELD_STYLES: dict[str, tuple[str, ...]] = {
    "group": ("lines", "inline", "rows", "tables", "published_row"),
    "table": ("grid", "paragraphs", "grouped"),
    "year_values": ("year_table", "inline"),
    "choice": ("checkboxes", "value"),
    "choice_with_other": ("checkboxes", "value"),
    "multi_choice": ("checkboxes", "value"),
    "boolean": ("checkboxes", "value"),
}
# How a section prints: a key-value table of its fields (default), the cover, the evidence list or a
# statement with its signature block.
SECTION_STYLES = ("key_value", "cover", "evidence_list", "declaration")
# When an evidence item is listed in the document (``layout.print_when``).
PRINT_WHEN = ("always", "answered", "never")
# ``{path}`` in a layout caption: replaced by the answer at path when printed.
CAPTION_PLACEHOLDER = re.compile(r"\{([a-z0-9_.]+)\}")
_ROLE = re.compile(r"^[a-z][a-z0-9_]*$")


class UnknownFormError(LookupError):
    """No form version with this code ships with the system."""


class FormDefinitionError(ValueError):
    """A form definition that cannot be used (an unknown type, kind, role or layout); the message says where."""


@dataclass(frozen=True)
class Layout:
    """How a field or a section prints in the .docx (a hint; the answers and checks do not depend on it).

    ``style``: one of ``FIELD_STYLES[type]`` or ``SECTION_STYLES``. ``widths_cm``: a grid table's column
    widths in cm (序号 first when numbered), scaled to the page. ``separator``: between the parts of an
    ``inline`` group. ``beside_next``: the field shares its row with the next one (label | value | label | value).
    ``below_beside``: the field prints in the right half of a row of its own under such a pair, the left half
    merged with the pair's first field (平台专职人员总数 | 46 | 具有副高级及以上专业技术职称的人数 | 15).
    ``with_previous``: the field prints as further lines in the value cell of the field before it, without a
    label of its own (中试服务收入's two numbered lines).
    ``intro``: the template's own words printed before the value in its cell ("平台是否位于以下区域："; not a
    fill-in instruction, which 填表说明⑦ says to delete). ``caption``: a year pair's printed lead instead of
    "上年度/申报当年度：", or the printed caption of an evidence item instead of its label; ``{path}`` in it is replaced by the answer at ``path`` ("{basic.host_honours}荣誉证书
    扫描件"). ``print_when``: ``always`` (default), ``answered`` (only when files were uploaded or every
    ``{path}`` of the caption is answered) or ``never`` (not listed in the document, e.g. its own stamped scan).
    """

    style: str = ""
    widths_cm: tuple[float, ...] = ()
    separator: str = "  "
    beside_next: bool = False
    below_beside: bool = False
    with_previous: bool = False
    intro: str = ""
    caption: str = ""
    print_when: str = "always"


@dataclass(frozen=True)
class FormKind:
    """A kind of form (``formversions/kinds.yaml``): its label and the roles (with their field types) that
    every form of the kind must declare, because the code that handles the kind reads them."""

    code: str
    label: str
    roles: dict[str, str]


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
    detail_key: str = ""  # boolean: the sibling field that holds its 如是，具体为 text
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
    role: str = ""  # what the field means to code that reads any form (see FormDef.answer_for_role)
    layout: Layout = Layout()

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
    layout: Layout = Layout()


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
    kind: str = "application"
    _index: dict[str, FieldDef] = field(default_factory=dict, compare=False, repr=False)
    # role → the paths of the fields that declare it, in the order of the form (the first is the primary)
    _roles: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

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
    def roles(self) -> dict[str, tuple[str, ...]]:
        """Every declared role and the paths of its fields, in the order of the form."""
        return dict(self._roles)

    def has_role(self, role: str) -> bool:
        return role.split(".", 1)[0] in self._roles

    def role_paths(self, role: str) -> tuple[str, ...]:
        """The paths of the fields with ``role``, in the order of the form; a suffix after the role's name
        (``service_revenue.last_year``) is appended to each. Empty when the form declares no such role."""
        name, dot, rest = role.partition(".")
        return tuple(f"{path}{dot}{rest}" for path in self._roles.get(name, ()))

    def role_path(self, role: str) -> str | None:
        """The path of the (first) field with ``role`` (``platform_name`` → ``basic.platform_name``), or None."""
        paths = self.role_paths(role)
        return paths[0] if paths else None

    def role_field(self, role: str) -> FieldDef | None:
        """The definition of the (first) field with ``role``, or None."""
        paths = self._roles.get(role.split(".", 1)[0])
        return self._index[paths[0]] if paths else None

    def answer_for_role(self, answers: Any, role: str) -> Any:
        """The answer of the field with ``role`` (with an optional ``.suffix`` into it); when several fields
        declare the role, the first that is answered. None when the form has no such role or it is empty."""
        for path in self.role_paths(role):
            value = get_path(answers, path)
            if not is_empty(value):
                return value
        return None

    @property
    def year_labels(self) -> dict[str, str]:
        return {"last_year": f"上年度（{self.last_year}年）", "current_year": f"申报当年度（{self.current_year}年）"}


@cache
def form_kinds() -> dict[str, FormKind]:
    """The kinds of form the system knows (``formversions/kinds.yaml``)."""
    data = load_yaml(KINDS_FILE.read_text(encoding="utf-8"))
    return {code: FormKind(code, str(raw["label"]), {str(k): str(v) for k, v in (raw.get("roles") or {}).items()})
            for code, raw in data["kinds"].items()}


def _layout(raw: Any, where: str, styles: tuple[str, ...]) -> Layout:
    if raw is None:
        return Layout()
    if isinstance(raw, str):
        raw = {"style": raw}
    if not isinstance(raw, dict):
        raise FormDefinitionError(f"{where}: layout must be a style name or a mapping")
    unknown = set(raw) - {"style", "widths_cm", "separator", "beside_next", "below_beside", "with_previous", "intro",
                          "caption", "print_when"}
    if unknown:
        raise FormDefinitionError(f"{where}: unknown layout key {sorted(unknown)[0]!r}")
    style = str(raw.get("style") or "")
    if style and style not in styles:
        allowed = ", ".join(styles) or "none"
        raise FormDefinitionError(f"{where}: layout style {style!r} is not one of: {allowed}")
    widths = tuple(float(w) for w in raw.get("widths_cm") or ())
    if any(w <= 0 for w in widths):
        raise FormDefinitionError(f"{where}: layout widths_cm must be positive")
    separator = raw.get("separator", "  ")
    print_when = str(raw.get("print_when") or "always")
    if print_when not in PRINT_WHEN:
        raise FormDefinitionError(f"{where}: layout print_when {print_when!r} is not one of: {', '.join(PRINT_WHEN)}")
    return Layout(style=style, widths_cm=widths, separator=str(separator), beside_next=bool(raw.get("beside_next")),
                  below_beside=bool(raw.get("below_beside")), with_previous=bool(raw.get("with_previous")),
                  intro=str(raw.get("intro") or ""), caption=str(raw.get("caption") or ""), print_when=print_when)


def _default_style(item: FieldDef) -> str:
    styles = FIELD_STYLES.get(item.type, ())
    if not styles:
        return ""
    if item.type == "table" and item.row_label:
        return "paragraphs"
    if item.type == "group" and any(c.type == "table" and not c.row_label and c.layout.style == "grid"
                                    for c in item.fields):
        return "tables"  # a Word table cannot sit inside a cell of the part's table
    return styles[0]


def _default_section_style(section: SectionDef) -> str:
    if section.footer:
        return "cover"
    if section.statement:
        return "declaration"
    if section.fields and all(item.type == "file_list" for item in section.fields):
        return "evidence_list"
    return "key_value"


def _vocabularies() -> dict[str, dict[str, Any]]:
    data = load_yaml(VOCABULARIES_FILE.read_text(encoding="utf-8"))
    return {vocab["code"]: vocab for vocab in data["vocabularies"]}


def _build_field(raw: dict[str, Any], prefix: str, vocabularies: dict[str, dict[str, Any]], *,
                 in_table: bool = False) -> FieldDef:
    kind = raw["type"]
    if kind not in ALL_TYPES:
        raise FormDefinitionError(f"{prefix}{raw['key']}: unknown field type {kind!r}")
    path = f"{prefix}{raw['key']}"
    role = str(raw.get("role") or "")
    if role and (not _ROLE.match(role) or in_table):
        raise FormDefinitionError(f"{path}: a role is a lower-case name ({role!r}) and not on a table column")
    if kind == "table" and not isinstance(raw.get("max_rows"), int):
        raise FormDefinitionError(f"{path}: a table states its max_rows")  # 19,000 rows made a 74 MB page (issue 8)
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
    item = FieldDef(
        key=raw["key"], label=raw["label"], type=kind, path=path,
        required=bool(raw.get("required", kind != "computed")),
        required_if=raw.get("required_if"),
        help=str(raw.get("help") or ""), note=str(raw.get("note") or ""), unit=str(raw.get("unit") or ""),
        min=min_value, max=max_value,
        max_words=raw.get("max_words"), detail_max_words=raw.get("detail_max_words"),
        detail_label=str(raw.get("detail_label") or ""), detail_key=str(raw.get("detail_key") or ""),
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
        role=role, layout=_layout(raw.get("layout"), path, FIELD_STYLES.get(kind, ())),
    )
    layout = item.layout
    if not layout.style and FIELD_STYLES.get(kind):
        layout = replace(layout, style=_default_style(item))
    if layout.widths_cm:
        expected = len(item.columns) + int(item.numbered) if kind == "table" else len(item.fields) + 1
        if len(layout.widths_cm) != expected:
            raise FormDefinitionError(f"{path}: layout widths_cm has {len(layout.widths_cm)} widths, "
                                      f"the table prints {expected} columns")
    return replace(item, layout=layout) if layout != item.layout else item


def _index(fields: tuple[FieldDef, ...], index: dict[str, FieldDef]) -> None:
    for item in fields:
        index[item.path] = item
        _index(item.fields, index)
        _index(item.columns, index)


def _roles(form_code: str, kind: str, index: dict[str, FieldDef]) -> dict[str, tuple[str, ...]]:
    roles: dict[str, list[str]] = {}
    for item in index.values():
        if item.role:
            roles.setdefault(item.role, []).append(item.path)
    kinds = form_kinds()
    if kind not in kinds:
        raise FormDefinitionError(f"{form_code}: unknown kind {kind!r} (known: {', '.join(kinds)})")
    for role, wanted in kinds[kind].roles.items():
        if role not in roles:
            raise FormDefinitionError(f"{form_code}: a form of kind {kind!r} needs a field with role {role!r}")
        for path in roles[role]:
            if index[path].type != wanted:
                raise FormDefinitionError(f"{path}: role {role!r} needs a field of type {wanted!r}, "
                                          f"not {index[path].type!r}")
    return {role: tuple(paths) for role, paths in roles.items()}


def parse_form(data: dict[str, Any]) -> FormDef:
    """Build a form definition from its parsed YAML; ``FormDefinitionError`` says what cannot be used."""
    vocabularies = _vocabularies()
    sections = tuple(
        _section(SectionDef(
            key=raw["key"], label=raw["label"],
            fields=tuple(_build_field(f, f"{raw['key']}.", vocabularies) for f in raw.get("fields") or ()),
            heading=str(raw.get("heading") or ""), help=str(raw.get("help") or ""), note=str(raw.get("note") or ""),
            footer=tuple(raw.get("footer") or ()), statement=str(raw.get("statement") or ""),
            signature_block=tuple(raw.get("signature_block") or ()), printed=tuple(raw.get("printed") or ()),
            layout=_layout(raw.get("layout"), raw["key"], SECTION_STYLES),
        ))
        for raw in data["sections"]
    )
    index: dict[str, FieldDef] = {}
    for section in sections:
        _index(section.fields, index)
    years = data.get("years") or {}
    kind = str(data.get("kind") or "application")
    if not years.get("last_year") and any(item.type == "year_pair" for item in index.values()):
        raise FormDefinitionError(f"{data['form']}: a form with year pairs needs years: {{last_year, current_year}}")
    for item in index.values():
        for path in CAPTION_PLACEHOLDER.findall(item.layout.caption):
            if path not in index:
                raise FormDefinitionError(f"{item.path}: layout caption names {{{path}}}, which is not a field")
    return FormDef(
        code=data["form"], title=data["title"], issuer=str(data.get("issuer") or ""), version=int(data.get("version", 1)),
        last_year=str(years.get("last_year", "")), current_year=str(years.get("current_year", "")),
        instructions=tuple(
            Instruction(i["key"], i["text"], tuple(i.get("forbidden_terms") or ()), str(i.get("required_suffix") or ""))
            for i in data.get("instructions") or ()
        ),
        sections=sections, kind=kind, _index=index, _roles=_roles(str(data["form"]), kind, index),
    )


def _section(section: SectionDef) -> SectionDef:
    if section.layout.style:
        return section
    return replace(section, layout=replace(section.layout, style=_default_section_style(section)))


def list_forms(kind: str | None = None) -> list[str]:
    """Codes of the form versions that ship with the system (of one kind when ``kind`` is given)."""
    codes = sorted(path.stem for path in DEFINITIONS_DIR.glob("*.yaml"))
    return codes if kind is None else [code for code in codes if load_form(code).kind == kind]


def load_form_file(path: Path) -> FormDef:
    """A form definition from a YAML file anywhere (a form version being prepared, a test's form)."""
    return parse_form(load_yaml(Path(path).read_text(encoding="utf-8")))


@cache
def load_form(code: str) -> FormDef:
    """The form version ``code``; ``UnknownFormError`` when none ships with the system."""
    if code not in list_forms():
        raise UnknownFormError(code)
    return parse_form(load_yaml((DEFINITIONS_DIR / f"{code}.yaml").read_text(encoding="utf-8")))
