"""The audit log as people read it: Chinese field labels, formatted values, a 申报书's changes by label.

``entry_changes(entry)`` → the rows "label: old → new" of one entry. Model fields are labelled with their
``verbose_name`` (the model is found by the entry's ``target_type``); the answers' changes carry the labels
of the form definition they were recorded with (audit/domain/diff_answers.py). Values: dates and times in
the project's time zone (Asia/Shanghai) as ``2026-01-28 12:00``, booleans 是/否, choices by their label,
numbers with a unit (``8,600 万元``), empty values as "—".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhongshi.audit.models import AuditEntry
from zhongshi.audit.signals import is_audited

EMPTY = "—"
MAX_SHOWN_CHARS = 200
# An application's state is recorded as ``status@level`` (applications/domain/transitions.py); the levels'
# names are organisations' AuthorityLevel labels, repeated here because audit comes before organisations.
LEVEL_LABELS = {"ministry": gettext_lazy("Ministry"), "province": gettext_lazy("Provincial authority"),
                "city": gettext_lazy("City authority"), "district": gettext_lazy("District authority")}


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@cache
def _model(target_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(target_type)
    except (LookupError, ValueError):
        return None


def _field(target_type: str, key: str) -> models.Field[Any, Any] | None:
    model = _model(target_type)
    if model is None:
        return None
    for field in model._meta.concrete_fields:
        if key in (field.name, field.attname):
            return field
    return None


def field_label(target_type: str, key: str) -> str:
    """The Chinese label of a model field (its ``verbose_name``), else the key itself. A field that names
    no verbose_name (Django's default, ``host org``) is looked up in the catalogue all the same, and so is the
    key of an event about no one record (an import's counts: ``created``, ``updated`` …)."""
    field = _field(target_type, key)
    if field is None:
        return _(key) if key else key
    label = field.verbose_name
    return str(label) if isinstance(label, Promise) else _(str(label))


def model_label(target_type: str) -> str:
    model = _model(target_type)
    return str(model._meta.verbose_name) if model is not None else target_type


def _number(value: Any) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = f"{number:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_value(value: Any, *, field: models.Field[Any, Any] | None = None, unit: str = "") -> str:
    """One value as a person reads it (see the module's description)."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field is not None and field.choices:
        choices = dict(field.flatchoices)
        status, at, level = str(value).partition("@")
        if at and status in choices:
            return f"{choices[status]}（{LEVEL_LABELS.get(level, level)}）"
        return str(choices.get(value, value))
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.UTC)
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (int, float, Decimal)) or (unit and isinstance(value, str) and _is_number(value)):
        text = _number(value)
        return f"{text} {unit}" if unit else text
    if isinstance(value, list) and all(not isinstance(item, (dict, list)) for item in value):
        return "、".join(str(LEVEL_LABELS.get(item, item)) if isinstance(item, str) else str(item)
                        for item in value)
    text = _structured(value) if isinstance(value, (dict, list)) else str(value)
    return text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS] + "…"


def _structured(value: dict[str, Any] | list[Any]) -> str:
    """Structured data as a person reads it: the labels (or names) of its items, never its JSON keys."""
    items = value if isinstance(value, list) else [value]
    shown = []
    for item in items:
        if isinstance(item, dict):
            label = next((item[key] for key in ("label", "name", "title") if item.get(key)), None)
            shown.append(str(label) if label is not None else "、".join(
                str(LEVEL_LABELS.get(inner, inner)) if isinstance(inner, str) else str(inner) for inner in item.values() if isinstance(inner, (str, int, float, Decimal))
                and not isinstance(inner, bool)))
        elif isinstance(item, list):
            shown.append(_structured(item))
        else:
            shown.append(str(item))
    return "、".join(text for text in shown if text)


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except InvalidOperation:
        return False
    return True


def _in_field_order(target_type: str, keys: set[str]) -> list[str]:
    """The keys in the order of the model's fields (PostgreSQL's jsonb keeps no order), others last by name."""
    model = _model(target_type)
    order = {}
    if model is not None:
        for index, field in enumerate(model._meta.concrete_fields):
            order[field.name] = order[field.attname] = index
    return sorted(keys, key=lambda key: (order.get(key, len(order)), key))


def related_names(entries: Iterable[AuditEntry]) -> dict[tuple[str, str], str]:
    """The names of the objects the entries' foreign keys point to (``authority: 116`` → 江夏区经信部门), keyed
    by (model label, primary key as text): one query per kind of related object, however many entries. An
    object that may be its author's draft (``audit_private``: an application, whose name may be a draft's)
    keeps its key: its name today is not for whoever reads the entry."""
    wanted: dict[type[models.Model], set[Any]] = {}
    for entry in entries:
        for side in (entry.before, entry.after):
            for key, value in (side.items() if isinstance(side, dict) else ()):
                field = _field(entry.target_type, key)
                if (isinstance(field, models.ForeignKey) and isinstance(value, (int, str)) and value != ""
                        and not hasattr(field.related_model, "audit_private")):
                    wanted.setdefault(field.related_model, set()).add(value)  # type: ignore[arg-type]
    names: dict[tuple[str, str], str] = {}
    for model, keys in wanted.items():
        for pk, obj in model._default_manager.in_bulk(sorted(keys, key=str)).items():
            names[(model._meta.label, str(pk))] = str(obj)
    return names


def entry_changes(entry: AuditEntry, names: dict[tuple[str, str], str] | None = None) -> list[Change]:
    """The rows "label: old → new" of ``entry``: its model fields, then its answers' changes by label.

    A field recorded as a digest (``sha256:…``) is not shown: the entry's changes say what changed in it. A
    foreign key shows the name of its object from ``names`` (``related_names``), its key when that is gone.
    """
    before = entry.before if isinstance(entry.before, dict) else {}
    after = entry.after if isinstance(entry.after, dict) else {}
    rows = []
    for key in _in_field_order(entry.target_type, {*after, *before}):
        old, new = before.get(key), after.get(key)
        if any(isinstance(v, str) and v.startswith("sha256:") for v in (old, new)):
            continue  # a fingerprint is for integrity checks, not for people: its changes say what changed
        field = _field(entry.target_type, key)
        if getattr(field, "auto_now", False):
            continue  # "updated at" changes with every save: the entry's own time says when
        if key.endswith("level") and field is not None and not field.choices:
            old, new = (str(LEVEL_LABELS.get(v, v)) if isinstance(v, str) else v for v in (old, new))
        if isinstance(field, models.ForeignKey) and names is not None:
            label = field.related_model._meta.label  # type: ignore[union-attr]
            old, new = (names.get((label, str(v)), v) if isinstance(v, (int, str)) else v for v in (old, new))
        rows.append(Change(field_label(entry.target_type, key), format_value(old, field=field),
                           format_value(new, field=field)))
    for change in entry.changes or []:
        unit = str(change.get("unit") or "")
        rows.append(Change(str(change.get("label") or change.get("path")),
                           format_value(change.get("old"), unit=unit), format_value(change.get("new"), unit=unit)))
    return rows


def target_types() -> list[tuple[str, str]]:
    """(``app.Model``, Chinese name) of every audited model, by name, for the filter."""
    found = [(model._meta.label, str(model._meta.verbose_name)) for model in apps.get_models() if is_audited(model)]
    return sorted(found, key=lambda item: item[1])
