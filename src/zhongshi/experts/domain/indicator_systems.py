"""Indicator systems as data: parse and validate a definition, install the shipped examples, copy one for an
authority and edit the copy (a JSON document edited through a form, validated here), and read the computed
figures shown beside an indicator."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from zhongshi.audit.domain.record_event import record_event
from zhongshi.audit.models import AuditAction
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can
from zhongshi.experts.enums import SystemUse
from zhongshi.experts.models import IndicatorSystem

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
EXAMPLE_FILES = ("indicators-provincial-example.yaml", "indicators-library-example.yaml")
TOTAL_WEIGHT = Decimal(100)


class InvalidSystemError(DomainError):
    """A definition that cannot be used; ``errors`` maps a path (``dimensions.0.indicators.1.weight``) to
    its Chinese message."""

    def __init__(self, errors: dict[str, str]) -> None:
        first_path, first = next(iter(errors.items()))
        super().__init__(first, code="invalid_system", field=first_path)
        self.errors = errors


@dataclass(frozen=True)
class Computed:
    role: str
    label: str


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    dimension: str
    weight: Decimal
    max: Decimal
    guidance: str
    computed: tuple[Computed, ...]


@dataclass(frozen=True)
class System:
    name: str
    dimensions: tuple[str, ...]
    indicators: tuple[Indicator, ...]

    def indicator(self, code: str) -> Indicator:
        return next(i for i in self.indicators if i.code == code)


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_definition(definition: Any) -> System:
    """The system a definition describes, or ``InvalidSystemError`` with every problem at its path: each indicator
    needs a unique code, a name, a weight ≥ 0 and a maximum > 0; the weights sum to 100."""
    errors: dict[str, str] = {}
    if not isinstance(definition, dict):
        raise InvalidSystemError({"": _("The indicator system must be a mapping with a name and dimensions.")})
    name = str(definition.get("name") or "").strip()
    if not name:
        errors["name"] = _("Give the indicator system a name.")
    dimensions = definition.get("dimensions")
    if not isinstance(dimensions, list) or not dimensions:
        errors["dimensions"] = _("List at least one dimension.")
        raise InvalidSystemError(errors)
    indicators: list[Indicator] = []
    dimension_names: list[str] = []
    seen: set[str] = set()
    for d, dimension in enumerate(dimensions):
        where = f"dimensions.{d}"
        if not isinstance(dimension, dict) or not str(dimension.get("name") or "").strip():
            errors[f"{where}.name"] = _("Give dimension %(number)s a name.") % {"number": d + 1}
            continue
        dimension_name = str(dimension["name"]).strip()
        dimension_names.append(dimension_name)
        items = dimension.get("indicators")
        if not isinstance(items, list) or not items:
            errors[f"{where}.indicators"] = _("Dimension “%(name)s” has no indicator.") % {"name": dimension_name}
            continue
        for i, raw in enumerate(items):
            path = f"{where}.indicators.{i}"
            if not isinstance(raw, dict):
                errors[path] = _("Indicator %(number)s of “%(name)s” is not a mapping.") % {
                    "number": i + 1, "name": dimension_name}
                continue
            code = str(raw.get("code") or "").strip()
            label = str(raw.get("name") or "").strip() or code
            if not code:
                errors[f"{path}.code"] = _("Indicator “%(name)s” needs a code.") % {"name": label}
            elif code in seen:
                errors[f"{path}.code"] = _("The code “%(code)s” is used twice.") % {"code": code}
            seen.add(code)
            if not str(raw.get("name") or "").strip():
                errors[f"{path}.name"] = _("Indicator “%(code)s” needs a name.") % {"code": code}
            weight = _number(raw.get("weight"))
            if weight is None or weight < 0:
                errors[f"{path}.weight"] = _("The weight of “%(name)s” must be a number of 0 or more.") % {
                    "name": label}
            maximum = _number(raw.get("max"))
            if maximum is None or maximum <= 0:
                errors[f"{path}.max"] = _("The maximum score of “%(name)s” must be greater than 0.") % {
                    "name": label}
            computed = []
            for c, entry in enumerate(raw.get("computed") or []):
                if not isinstance(entry, dict) or not entry.get("role"):
                    errors[f"{path}.computed.{c}"] = _("A computed figure needs a role.")
                    continue
                computed.append(Computed(role=str(entry["role"]), label=str(entry.get("label") or entry["role"])))
            indicators.append(Indicator(code=code, name=label, dimension=dimension_name, weight=weight or Decimal(0),
                                        max=maximum or Decimal(1), guidance=str(raw.get("guidance") or ""),
                                        computed=tuple(computed)))
    if not errors:
        total = sum((i.weight for i in indicators), Decimal(0))
        if total != TOTAL_WEIGHT:
            errors["dimensions"] = _("The weights must sum to 100; they sum to %(total)s.") % {
                "total": f"{total.normalize():f}"}
    if errors:
        raise InvalidSystemError(errors)
    return System(name=name, dimensions=tuple(dimension_names), indicators=tuple(indicators))


def system_of(system: IndicatorSystem) -> System:
    """The parsed definition of a stored system (cached on the row)."""
    cached = getattr(system, "_parsed", None)
    if cached is None:
        cached = parse_definition(system.definition)
        system._parsed = cached  # type: ignore[attr-defined]
    return cached


def load_example(filename: str) -> dict[str, Any]:
    data = yaml.safe_load((DATA_DIR / filename).read_text(encoding="utf-8"))
    parse_definition(data)  # a shipped example is valid (tested)
    return dict(data)


def install_example_systems() -> list[IndicatorSystem]:
    """The shipped example systems as rows (created once per code and version; never overwritten)."""
    systems = []
    for filename in EXAMPLE_FILES:
        data = load_example(filename)
        system, _created = IndicatorSystem.objects.get_or_create(
            code=data["code"], version=int(data["version"]),
            defaults={"name": data["name"], "notice": data.get("notice", ""), "use": SystemUse(data["use"]),
                      "definition": data})
        systems.append(system)
    return systems


@transaction.atomic
def copy_indicator_system(*, system: IndicatorSystem, actor: Any) -> IndicatorSystem:
    """A copy of ``system`` owned by the actor's authority, as the next version of its code, to be edited."""
    if not can(actor, "experts.edit_system"):
        raise NotAllowed(_("Only an authority may copy an indicator system."))
    latest = IndicatorSystem.objects.filter(code=system.code).order_by("-version").values_list(
        "version", flat=True).first() or system.version
    definition = dict(system.definition)
    definition.pop("notice", None)
    return IndicatorSystem.objects.create(
        code=system.code, version=latest + 1, name=system.name, notice="", use=system.use, definition=definition,
        owner=getattr(actor, "authority", None), based_on=system, created_by=actor)


@transaction.atomic
def update_indicator_system(*, system: IndicatorSystem, definition: Any, actor: Any) -> IndicatorSystem:
    """Replace the definition of the actor's own copy with ``definition`` (validated; nothing saved when it is
    invalid). The shipped examples and a system a round already uses are never edited."""
    if not can(actor, "experts.edit_system") or system.owner_id is None or (
            system.owner_id != getattr(actor, "authority_id", None)):
        raise NotAllowed(_("Only the authority that owns this copy may edit it; copy an example first."))
    if system.rounds.exists():
        raise DomainError(_("A round already uses this indicator system: copy it and edit the copy."),
                          code="in_use")
    parsed = parse_definition(definition)
    system.definition = definition
    system.name = parsed.name
    system.save(update_fields=["definition", "name"])
    record_event(action=AuditAction.UPDATE, target=system, actor=actor, message=_("Indicator system edited"))
    return system


PLATFORM_FIGURES = {  # role → the library's narrow figure of the platform's current data version
    "service_revenue": "service_revenue_wan",
    "enterprises_served": "enterprises_served",
    "equipment_value": "equipment_value_wan",
    "fulltime_staff": "fulltime_staff",
}


def computed_figures(system: System, *, answers: dict[str, Any] | None = None, form: Any = None,
                     platform: Any = None) -> dict[str, list[tuple[str, Any]]]:
    """For each indicator with computed figures: [(label, value)], read from an application's answers by role
    (``form`` is its FormDef) or from a platform's current figures. None where the source has no value."""
    figures: dict[str, list[tuple[str, Any]]] = {}
    for indicator in system.indicators:
        if not indicator.computed:
            continue
        values = []
        for entry in indicator.computed:
            value: Any = None
            if form is not None and answers is not None:
                value = form.answer_for_role(answers, entry.role)
            elif platform is not None:
                attribute = PLATFORM_FIGURES.get(entry.role.split(".", 1)[0])
                value = getattr(platform, attribute) if attribute else None
            values.append((entry.label, value))
        figures[indicator.code] = values
    return figures
