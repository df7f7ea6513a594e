"""Check a 申报书's answers against its form version: structure, 填表说明 rules, computed values, 前后一致.

``check_answers(form, answers)`` walks the definition over the answers and returns

- ``errors``: what stops submission: a required field left empty (填表说明⑥), a wrong type, an unknown
  field, a choice that is not the form's, a number out of range, a word limit exceeded, a bad date,
  the platform name (填表说明①) or the credit code's check character;
- ``warnings``: what a reviewer must look at (前后一致): declared figures that disagree with the tables
  or with each other, and declared values that disagree with the computed ones;
- ``computed``: the values the system computes (自主可控率, the 要素表's sum, the last-year revenue share).

Every issue has a stable ``code``, a JSON ``path`` (``service.typical_cases[0].text``) and a Chinese message
naming the field. The desensitisation scan is separate (``scan_answers``); both run as the user types and
again on submit.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zhongshi.formversions.domain.check_platform_name import check_platform_name
from zhongshi.formversions.domain.count_words import count_words
from zhongshi.formversions.domain.formdef import FieldDef, FormDef
from zhongshi.formversions.domain.paths import field_path, get_path, is_empty
from zhongshi.organisations.validators import validate_credit_code

REGIONS_FILE = Path(__file__).resolve().parents[2] / "organisations" / "data" / "regions.csv"

# Hard caps on free text, so that a 20 MB paste is refused with a message instead of being stored.
MAX_TEXT_CHARS = 500
MAX_TEXTAREA_CHARS = 20_000
# Two declared and computed percentages further apart than this are inconsistent (issue 3 §5).
PERCENT_TOLERANCE = Decimal("0.5")
AMOUNT_TOLERANCE = Decimal("0.01")

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_MISSING = object()
_COMPOUND = frozenset({"group", "year_pair", "year_values", "year_month_range"})


@dataclass(frozen=True)
class Issue:
    path: str
    code: str
    message: str

    @property
    def section(self) -> str:
        return self.path.split(".", 1)[0].split("[", 1)[0]

    @property
    def field_path(self) -> str:
        """The path without row indices (``service.typical_cases.text``), to find the field's definition."""
        return field_path(self.path)

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "code": self.code, "message": self.message}


@dataclass
class CheckResult:
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    computed: dict[str, Any] = field(default_factory=dict)

    @property
    def submittable(self) -> bool:
        return not self.errors

    def for_section(self, key: str) -> tuple[list[Issue], list[Issue]]:
        return ([i for i in self.errors if i.section == key], [i for i in self.warnings if i.section == key])


def number(value: Any) -> Decimal | None:
    """A JSON number as Decimal (bools are not numbers); None otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    if isinstance(value, int) and abs(value) > 10**18:
        return None  # no figure of the form is this large: reported as not a number
    dec = Decimal(str(value))
    return dec if dec.is_finite() and abs(dec.adjusted()) <= 18 else None


def fmt(value: Decimal | int | float) -> str:
    """A number for a message: thousands separators, no trailing zeros (1,000 / 5.5)."""
    dec = Decimal(str(value))
    text = f"{dec:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


@cache
def _regions() -> dict[str, list[tuple[str, str, str]]]:
    """Region rows by level: (code, name, parent code)."""
    levels: dict[str, list[tuple[str, str, str]]] = {"province": [], "city": [], "district": []}
    with REGIONS_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["level"] in levels:
                levels[row["level"]].append((row["code"], row["name"], row["parent_code"]))
    return levels


def region_code(level: str, name: str, parent_code: str | None = None) -> str | None:
    for code, region_name, parent in _regions()[level]:
        if region_name == name and (parent_code is None or parent == parent_code):
            return code
    return None


def region_has_children(level: str, name: str) -> bool:
    code = region_code(level, name)
    child_level = {"province": "city", "city": "district"}.get(level)
    return bool(code and child_level and any(parent == code for _c, _n, parent in _regions()[child_level]))


# ---------------------------------------------------------------------------------------------- computed


def compute_values(form: FormDef, answers: dict[str, Any]) -> dict[str, Any]:
    """The computed fields' values by path (None where the data to compute them is missing)."""
    computed: dict[str, Any] = {}
    for item in form.iter_fields():
        if item.type == "computed" and not item.in_table:
            computed[item.path] = _compute(item.formula, answers)
    return computed


def _compute(formula: str, answers: dict[str, Any]) -> Any:
    kind, _sep, argument = formula.partition(":")
    if kind == "copy":
        return get_path(answers, argument)
    if kind == "join":
        value = get_path(answers, argument)
        return "、".join(str(v) for v in value) if isinstance(value, list) else None
    if kind == "share_of_rows":
        # share_of_rows:<table>.<column>=<value>: rows with that value ÷ all rows × 100, two decimals.
        table_path, _eq, wanted = argument.partition("=")
        table, _dot, column = table_path.rpartition(".")
        rows = get_path(answers, table)
        if not isinstance(rows, list) or not rows:
            return None
        hits = sum(1 for row in rows if isinstance(row, dict) and row.get(column) == wanted)
        return float((Decimal(100 * hits) / Decimal(len(rows))).quantize(Decimal("0.01")))
    if kind == "sum":
        table, _dot, column = argument.rpartition(".")
        rows = get_path(answers, table)
        if not isinstance(rows, list) or not rows:
            return None
        values = [number(row.get(column)) if isinstance(row, dict) else None for row in rows]
        if any(v is None for v in values):
            return None
        return float(sum(v for v in values if v is not None))
    if kind == "percent_of":
        numerator_path, _slash, denominator_path = argument.partition("/")
        numerator, denominator = number(get_path(answers, numerator_path)), number(get_path(answers, denominator_path))
        if numerator is None or denominator is None or denominator <= 0:
            return None
        return float((numerator * 100 / denominator).quantize(Decimal("0.01")))
    raise ValueError(f"unknown formula {formula!r}")


# ---------------------------------------------------------------------------------------------- the walk


class _Checker:
    def __init__(self, form: FormDef, answers: dict[str, Any], today: date) -> None:
        self.form = form
        self.answers = answers
        self.today = today
        self.result = CheckResult()

    def error(self, path: str, code: str, message: str) -> None:
        self.result.errors.append(Issue(path, code, message))

    def warning(self, path: str, code: str, message: str) -> None:
        self.result.warnings.append(Issue(path, code, message))

    # -- structure -----------------------------------------------------------------------------------

    def run(self) -> CheckResult:
        if not isinstance(self.answers, dict):
            self.error("", "invalid_type", _("The application must be a JSON object."))
            return self.result
        if self.answers.get("form") != self.form.code:
            self.error("form", "wrong_form", _("The application is not written for form version %(form)s.")
                       % {"form": self.form.code})
        sections = {s.key: s for s in self.form.sections if self._in_json(s.fields)}
        for key in self.answers:
            if key != "form" and key not in sections:
                self.error(key, "unknown_field", _("Unknown field “%(key)s”.") % {"key": key})
        self.result.computed = compute_values(self.form, self.answers)
        for key, section in sections.items():
            value = self.answers.get(key, _MISSING)
            if value is _MISSING or value is None:
                value = {}
            if not isinstance(value, dict):
                self.error(key, "invalid_type", _("“%(label)s” must be an object.") % {"label": section.label})
                continue
            self.walk(section.fields, value, f"{key}.")
        return self.result

    @staticmethod
    def _in_json(fields: tuple[FieldDef, ...]) -> bool:
        return any(f.type != "file_list" for f in fields)

    def walk(self, fields: tuple[FieldDef, ...], data: dict[str, Any], prefix: str) -> None:
        known: set[str] = set()
        for item in fields:
            known.add(item.key)
            known.update(d.key for d in item.details)
            if item.other_key:
                known.add(item.other_key)
        for key in data:
            if key not in known:
                self.error(f"{prefix}{key}", "unknown_field", _("Unknown field “%(key)s”.") % {"key": key})
        for item in fields:
            if item.type in ("computed", "file_list"):
                continue
            self.check_field(item, data, data.get(item.key), f"{prefix}{item.key}")

    def is_required(self, item: FieldDef, siblings: dict[str, Any]) -> bool:
        if item.required:
            return True
        condition = item.required_if
        if not condition:
            return False
        other = get_path(self.answers, condition["path"])
        if "includes" in condition:
            return isinstance(other, list) and condition["includes"] in other
        if condition.get("not_empty"):
            return not is_empty(other)
        if "equals" in condition:
            return other is condition["equals"] if isinstance(condition["equals"], bool) else other == condition["equals"]
        if condition.get("has_districts"):
            return isinstance(other, str) and region_has_children("city", other)
        return False

    def check_field(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        if is_empty(value):
            if not self.is_required(item, siblings):
                return
            if item.type not in _COMPOUND:
                self.error(path, "required", _("Please fill in “%(label)s”.") % {"label": item.label})
                return
            value = {}  # report each missing part at its own path
        handler = getattr(self, f"check_{item.type}")
        handler(item, siblings, value, path)
        if is_empty(value):
            return
        for rule in item.rules:
            self.apply_rule(rule, item, value, path)

    # -- field types -----------------------------------------------------------------------------------

    def _text(self, item: FieldDef, value: Any, path: str, limit: int | None, cap: int) -> bool:
        if not isinstance(value, str):
            self.error(path, "invalid_type", _("“%(label)s” must be text.") % {"label": item.label})
            return False
        if len(value) > cap:
            self.error(path, "too_long", _("“%(label)s” is too long: %(count)s characters, at most %(max)s.")
                       % {"label": item.label, "count": fmt(len(value)), "max": fmt(cap)})
            return False
        if limit is not None:
            words = count_words(value)
            if words > limit:
                self.error(path, "too_many_words",
                           _("“%(label)s” has %(count)s characters (字), more than the limit of %(max)s.")
                           % {"label": item.label, "count": fmt(words), "max": fmt(limit)})
        return True

    def check_text(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        if self._text(item, value, path, item.max_words, MAX_TEXT_CHARS) and item.region_level:
            self.check_region(item, siblings, value, path)

    def check_textarea(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        self._text(item, value, path, item.max_words, MAX_TEXTAREA_CHARS)

    def check_region(self, item: FieldDef, siblings: dict[str, Any], value: str, path: str) -> None:
        parent_level = {"city": "province", "district": "city"}.get(item.region_level)
        parent_code = None
        if parent_level:
            parent_name = siblings.get(parent_level)
            parent_code = region_code(parent_level, parent_name) if isinstance(parent_name, str) else None
            if parent_code is None:
                return  # the parent's own error says what is wrong
        if region_code(item.region_level, value, parent_code) is None:
            self.error(path, "invalid_region", _("“%(value)s” is not a %(label)s known to the system.")
                       % {"value": value, "label": item.label})

    def _number(self, item: FieldDef, value: Any, path: str, kind: str) -> Decimal | None:
        dec = number(value)
        if dec is None or (kind == "integer" and (not isinstance(value, int) or isinstance(value, bool))):
            message = (_("“%(label)s” must be a whole number.") if kind == "integer"
                       else _("“%(label)s” must be a number."))
            self.error(path, "invalid_number", message % {"label": item.label})
            return None
        if not dec.is_finite():
            self.error(path, "invalid_number", _("“%(label)s” must be a number.") % {"label": item.label})
            return None
        unit = item.unit if item.unit != "%" else "%"
        if item.min is not None and dec < Decimal(str(item.min)):
            self.error(path, "below_min", _("“%(label)s” must not be less than %(min)s%(unit)s.")
                       % {"label": item.label, "min": fmt(item.min), "unit": unit})
        elif item.max is not None and dec > Decimal(str(item.max)):
            self.error(path, "above_max", _("“%(label)s” must not be more than %(max)s%(unit)s.")
                       % {"label": item.label, "max": fmt(item.max), "unit": unit})
        return dec

    def check_integer(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        self._number(item, value, path, "integer")

    def check_decimal(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        self._number(item, value, path, "decimal")

    def check_percent(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        self._number(item, value, path, "decimal")

    def check_date(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        parsed = parse_date(value)
        if parsed is None:
            self.error(path, "invalid_date", _("“%(label)s” must be a valid date such as 2026-01-28.")
                       % {"label": item.label})

    def check_boolean(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        if not isinstance(value, bool):
            self.error(path, "invalid_type", _("“%(label)s” must be yes or no.") % {"label": item.label})

    def _choice(self, item: FieldDef, value: Any, path: str) -> bool:
        if not isinstance(value, str) or value not in item.choices:
            self.error(path, "invalid_choice", _("“%(value)s” is not one of the choices of “%(label)s”.")
                       % {"value": value if isinstance(value, str) else "?", "label": item.label})
            return False
        return True

    def check_choice(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        self._choice(item, value, path)

    def check_choice_with_other(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        if self._choice(item, value, path) and value == item.other_item:
            other = siblings.get(item.other_key)
            base = path.rsplit(".", 1)[0] if "." in path else ""
            other_path = f"{base}.{item.other_key}" if base else item.other_key
            if is_empty(other):
                self.error(other_path, "required", _("Please specify “%(label)s: %(item)s”.")
                           % {"label": item.label, "item": item.other_item})
            elif isinstance(other, str):
                self._text(item, other, other_path, None, MAX_TEXT_CHARS)

    def check_multi_choice(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        if not isinstance(value, list):
            self.error(path, "invalid_type", _("“%(label)s” must be a list of choices.") % {"label": item.label})
            return
        for index, entry in enumerate(value):
            if not isinstance(entry, str) or entry not in item.choices:
                self.error(f"{path}[{index}]", "invalid_choice",
                           _("“%(value)s” is not one of the choices of “%(label)s”.")
                           % {"value": entry if isinstance(entry, str) else "?", "label": item.label})
        if len(set(map(str, value))) != len(value):
            self.error(path, "duplicate_choice", _("“%(label)s” lists a choice twice.") % {"label": item.label})
        if item.max_selected is not None and len(value) > item.max_selected:
            self.error(path, "too_many_choices", _("Choose at most %(max)s items for “%(label)s”.")
                       % {"max": item.max_selected, "label": item.label})
        base = path.rsplit(".", 1)[0]
        for detail in item.details:
            detail_value = siblings.get(detail.key)
            detail_path = f"{base}.{detail.key}"
            if detail.item in value:
                if is_empty(detail_value):
                    self.error(detail_path, "required", _("Please fill in “%(item)s: %(label)s”.")
                               % {"item": detail.item, "label": detail.label})
                elif not isinstance(detail_value, str):
                    self.error(detail_path, "invalid_type", _("“%(label)s” must be text.") % {"label": detail.label})
            elif not is_empty(detail_value):
                self.error(detail_path, "detail_without_choice",
                           _("“%(label)s” is filled in but “%(item)s” is not ticked.")
                           % {"label": detail.label, "item": detail.item})

    def check_yes_no_detail(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        if not isinstance(value, dict) or not isinstance(value.get("answer"), bool):
            self.error(path, "invalid_type", _("Please answer “%(label)s” with yes or no.") % {"label": item.label})
            return
        for key in value:
            if key not in ("answer", "detail"):
                self.error(f"{path}.{key}", "unknown_field", _("Unknown field “%(key)s”.") % {"key": key})
        detail = value.get("detail", "")
        if value["answer"]:
            if is_empty(detail):
                self.error(f"{path}.detail", "required", _("“%(label)s”: you answered yes, please describe it.")
                           % {"label": item.label})
                return
        elif is_empty(detail):
            return
        label_item = FieldDef(key="detail", label=item.label, type="textarea", path=f"{path}.detail")
        self._text(label_item, detail, f"{path}.detail", item.detail_max_words, MAX_TEXTAREA_CHARS)

    def check_group(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        if not isinstance(value, dict):
            self.error(path, "invalid_type", _("“%(label)s” must be an object.") % {"label": item.label})
            return
        self.walk(item.fields, value, f"{path}.")

    def _pair(self, item: FieldDef, value: Any, path: str, keys: tuple[str, ...], labels: dict[str, str]) -> None:
        if not isinstance(value, dict):
            self.error(path, "invalid_type", _("“%(label)s” must be an object.") % {"label": item.label})
            return
        for key in value:
            if key not in keys:
                self.error(f"{path}.{key}", "unknown_field", _("Unknown field “%(key)s”.") % {"key": key})
        kind = item.value_type or "decimal"
        for key in keys:
            entry = value.get(key)
            sub = FieldDef(key=key, label=f"{item.label}（{labels[key]}）", type=kind, path=f"{path}.{key}",
                           min=item.min, max=item.max, unit=item.unit)
            if is_empty(entry):
                self.error(f"{path}.{key}", "required", _("Please fill in “%(label)s”.") % {"label": sub.label})
                continue
            self._number(sub, entry, f"{path}.{key}", "integer" if kind == "integer" else "decimal")

    def check_year_values(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        self._pair(item, value, path, item.years, {year: f"{year}年" for year in item.years})

    def check_year_pair(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        self._pair(item, value, path, ("last_year", "current_year"), self.form.year_labels)

    def check_year_month_range(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        if not isinstance(value, dict):
            self.error(path, "invalid_type", _("“%(label)s” must be an object.") % {"label": item.label})
            return
        parsed: dict[str, str] = {}
        for key, label in (("start", _("start")), ("end", _("end"))):
            entry = value.get(key)
            match = _YEAR_MONTH.match(entry) if isinstance(entry, str) else None
            if is_empty(entry):
                self.error(f"{path}.{key}", "required", _("Please fill in “%(label)s” (%(part)s).")
                           % {"label": item.label, "part": label})
            elif not match or not 1 <= int(match.group(2)) <= 12:
                self.error(f"{path}.{key}", "invalid_date", _("“%(label)s” must be a month such as 2026-01.")
                           % {"label": item.label})
            else:
                parsed[key] = str(entry)
        for key in value:
            if key not in ("start", "end"):
                self.error(f"{path}.{key}", "unknown_field", _("Unknown field “%(key)s”.") % {"key": key})
        if len(parsed) == 2 and parsed["start"] > parsed["end"]:
            self.error(path, "invalid_range", _("“%(label)s”: the start is later than the end.") % {"label": item.label})

    def check_table(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
            self.error(path, "invalid_type", _("“%(label)s” must be a list of rows.") % {"label": item.label})
            return
        if len(value) < item.min_rows:
            self.error(path, "too_few_rows", _("“%(label)s” needs at least %(min)s rows; it has %(count)s.")
                       % {"label": item.label, "min": item.min_rows, "count": len(value)})
        if item.max_rows is not None and len(value) > item.max_rows:
            self.error(path, "too_many_rows", _("“%(label)s” allows at most %(max)s rows; it has %(count)s.")
                       % {"label": item.label, "max": item.max_rows, "count": len(value)})
            value = value[:item.max_rows]  # rows past the limit are not walked: a crafted file costs nothing more
        for index, row in enumerate(value):
            row_path = f"{path}[{index}]"
            self.walk(item.columns, row, f"{row_path}.")
            if item.row_max_words is not None:
                words = sum(count_words(v) for v in row.values() if isinstance(v, str))
                if words > item.row_max_words:
                    self.error(row_path, "too_many_words",
                               _("“%(label)s” row %(n)s has %(count)s characters (字), more than the limit of %(max)s.")
                               % {"label": item.label, "n": index + 1, "count": fmt(words), "max": item.row_max_words})

    def check_computed(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        """Computed fields are ignored when present (exports include none)."""

    def check_file_list(self, item: FieldDef, siblings: dict[str, Any], value: Any, path: str) -> None:
        """Evidence files do not travel in the answers."""

    # -- rules ------------------------------------------------------------------------------------------

    def apply_rule(self, rule: str, item: FieldDef, value: Any, path: str) -> None:
        name, _sep, argument = rule.partition(":")
        getattr(self, f"rule_{name}")(item, value, path, argument)

    def rule_platform_name(self, item: FieldDef, value: Any, path: str, argument: str) -> None:
        if not isinstance(value, str):
            return
        for problem in check_platform_name(value):
            if problem.code == "name_suffix":
                self.error(path, problem.code, _("The platform name must end with “中试平台” (filling instruction ①)."))
            elif problem.warning:
                self.warning(path, problem.code,
                             _("The platform name contains “%(term)s”, the short name of a district or county: if it "
                               "names the place here, remove it (filling instruction ①).") % {"term": problem.term})
            elif problem.division:
                self.error(path, problem.code,
                           _("The platform name must not contain the name of the administrative division “%(term)s” "
                             "(filling instruction ①).") % {"term": problem.term})
            else:
                self.error(path, problem.code,
                           _("The platform name must not contain “%(term)s” (filling instruction ①).")
                           % {"term": problem.term})

    def rule_credit_code(self, item: FieldDef, value: Any, path: str, argument: str) -> None:
        if not isinstance(value, str):
            return
        try:
            validate_credit_code(value)
        except ValidationError as exc:
            self.error(path, exc.code or "credit_code", " ".join(str(m) for m in exc.messages))

    def rule_date_not_future(self, item: FieldDef, value: Any, path: str, argument: str) -> None:
        parsed = parse_date(value)
        if parsed is not None and parsed > self.today:
            self.error(path, "date_in_future", _("“%(label)s” must not be later than today.") % {"label": item.label})

    def rule_lte(self, item: FieldDef, value: Any, path: str, argument: str) -> None:
        other_field = self.form.field(argument)
        other = get_path(self.answers, argument)
        if isinstance(value, dict):
            for key, entry in value.items():
                mine, theirs = number(entry), number(other.get(key) if isinstance(other, dict) else None)
                if mine is not None and theirs is not None and mine > theirs:
                    label = self.form.year_labels.get(key, f"{key}年")
                    self.warning(f"{path}.{key}", "exceeds",
                                 _("“%(label)s” (%(year)s) is %(mine)s, more than “%(other)s” (%(theirs)s).")
                                 % {"label": item.label, "year": label, "mine": fmt(mine),
                                    "other": other_field.label, "theirs": fmt(theirs)})
            return
        mine, theirs = number(value), number(other)
        if mine is not None and theirs is not None and mine > theirs:
            self.warning(path, "exceeds", _("“%(label)s” is %(mine)s, more than “%(other)s” (%(theirs)s).")
                         % {"label": item.label, "mine": fmt(mine), "other": other_field.label, "theirs": fmt(theirs)})

    def rule_sum_lte(self, item: FieldDef, value: Any, path: str, argument: str) -> None:
        if not isinstance(value, dict):
            return
        values = [number(v) for v in value.values()]
        total = sum((v for v in values if v is not None), Decimal(0))
        limit = number(get_path(self.answers, argument))
        if limit is not None and total > limit:
            self.warning(path, "exceeds", _("“%(label)s” add up to %(mine)s, more than “%(other)s” (%(theirs)s).")
                         % {"label": item.label, "mine": fmt(total), "other": self.form.field(argument).label,
                            "theirs": fmt(limit)})

    def _declared_count(self, argument: str) -> tuple[Decimal | None, str]:
        declared = get_path(self.answers, argument)
        label = self.form.field(argument).label
        if isinstance(declared, dict):
            values = [number(declared.get(k)) for k in ("last_year", "current_year")]
            if any(v is None for v in values):
                return None, label
            return sum((v for v in values if v is not None), Decimal(0)), label
        return number(declared), label

    def rule_rows_match(self, item: FieldDef, value: Any, path: str, argument: str) -> None:
        """Rows of a table (or of several, joined by +) = a declared count (a year pair: both years added)."""
        declared, label = self._declared_count(argument)
        if declared is None or not isinstance(value, list):
            return
        if Decimal(len(value)) != declared:
            self.warning(path, "count_mismatch", _("“%(label)s” lists %(rows)s rows, but “%(other)s” declares %(count)s.")
                         % {"label": item.label, "rows": len(value), "other": label, "count": fmt(declared)})

    def rule_rows_equal(self, item: FieldDef, value: Any, path: str, argument: str) -> None:
        """A declared count = the rows of the tables named in ``argument`` (joined by +)."""
        declared = number(value)
        tables = argument.split("+")
        rows = [get_path(self.answers, table) for table in tables]
        if declared is None:
            return
        total = sum(len(r) if isinstance(r, list) else 0 for r in rows)
        if Decimal(total) != declared:
            labels = "、".join(self.form.field(t).label for t in tables)
            self.warning(path, "count_mismatch", _("“%(label)s” is %(count)s, but %(tables)s list %(rows)s rows.")
                         % {"label": item.label, "count": fmt(declared), "tables": labels, "rows": total})

    def rule_rows_at_least(self, item: FieldDef, value: Any, path: str, argument: str) -> None:
        declared = get_path(self.answers, argument)
        if not isinstance(declared, dict) or not isinstance(value, list):
            return
        values = [number(declared.get(k)) for k in ("last_year", "current_year")]
        most = max((v for v in values if v is not None), default=None)
        if most is not None and Decimal(len(value)) < most:
            self.warning(path, "count_mismatch", _("“%(label)s” lists %(rows)s rows, fewer than “%(other)s” (%(count)s).")
                         % {"label": item.label, "rows": len(value), "other": self.form.field(argument).label,
                            "count": fmt(most)})

    def rule_sme_rows(self, item: FieldDef, value: Any, path: str, argument: str) -> None:
        """Distinct enterprises marked SME in the project table vs the declared SME counts of both years.

        The table lists the projects of both years without a year column, and the same enterprise may be
        served in both years, so the table's SMEs must lie between the larger year and the two years' sum.
        """
        declared = get_path(self.answers, argument)
        if not isinstance(declared, dict) or not isinstance(value, list):
            return
        years = [number(declared.get(k)) for k in ("last_year", "current_year")]
        if any(v is None for v in years):
            return
        last, current = (v or Decimal(0) for v in years)
        names = {str(row.get("enterprise_name") or "").strip() for row in value
                 if isinstance(row, dict) and row.get("is_sme") is True}
        names.discard("")
        if not max(last, current) <= len(names) <= last + current:
            self.warning(path, "sme_mismatch",
                         _("“%(label)s” marks %(rows)s enterprises as SMEs, but “%(other)s” declares %(last)s (%(last_label)s) and %(current)s (%(current_label)s).")
                         % {"label": item.label, "rows": len(names), "other": self.form.field(argument).label,
                            "last": fmt(last), "current": fmt(current),
                            "last_label": self.form.year_labels["last_year"],
                            "current_label": self.form.year_labels["current_year"]})

    def rule_consistent_with(self, item: FieldDef, value: Any, path: str, argument: str) -> None:
        computed_path, _sep, tolerance_text = argument.partition(":")
        computed = self.result.computed.get(computed_path)
        declared = number(value)
        if computed is None or declared is None:
            return
        tolerance = Decimal(tolerance_text) if tolerance_text else PERCENT_TOLERANCE
        expected = Decimal(str(computed))
        if abs(declared - expected) > tolerance:
            unit = item.unit
            self.warning(path, "computed_mismatch",
                         _("“%(label)s” is declared as %(declared)s%(unit)s, but the system computes %(computed)s%(unit)s from %(source)s.")
                         % {"label": item.label, "declared": fmt(declared), "computed": fmt(expected), "unit": unit,
                            "source": _source(self.form.field(computed_path))})

    def rule_share_of(self, item: FieldDef, value: Any, path: str, argument: str) -> None:
        """A year pair's ``last_year`` entry vs a computed percentage (the other year is declared only)."""
        key, _sep, computed_path = argument.partition("=")
        if not isinstance(value, dict):
            return
        computed = self.result.computed.get(computed_path)
        declared = number(value.get(key))
        if computed is None or declared is None:
            return
        expected = Decimal(str(computed))
        if abs(declared - expected) > PERCENT_TOLERANCE:
            self.warning(f"{path}.{key}", "computed_mismatch",
                         _("“%(label)s” (%(year)s) is declared as %(declared)s%%, but %(source)s gives %(computed)s%%.")
                         % {"label": item.label, "year": self.form.year_labels.get(key, key), "declared": fmt(declared),
                            "computed": fmt(expected), "source": _source(self.form.field(computed_path))})


def _source(computed: FieldDef) -> str:
    """How a computed value is computed, for a message (its help without the printed brackets)."""
    return (computed.help or computed.label).strip("（）() ")


def parse_date(value: Any) -> date | None:
    if not isinstance(value, str) or not _DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def check_answers(form: FormDef, answers: Any, *, today: date | None = None) -> CheckResult:
    """Every error and consistency warning of ``answers`` against ``form``, with the computed values."""
    from django.utils import timezone

    return _Checker(form, answers, today or timezone.localdate()).run()
