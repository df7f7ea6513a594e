"""The field-level difference of two data versions of a platform (issue 10 §3: history of versions).

Both versions are first brought to one comparable shape — the figures, the load, the clusters, the service
items (name, kind, description), the equipment (the update form's columns) and the summary — so a version
made from the 申报书 compares with one made by an update. The diff itself is the audit log's
(audit/domain/diff_answers.py); the labels come from the update form's fields (by role) and the models'
verbose names, so no label is written here.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from zhongshi.audit.domain.diff_answers import diff_answers
from zhongshi.formversions.domain.formdef import FormDef, load_form
from zhongshi.library.domain.quarterly_update import EQUIPMENT_COLUMNS, LOAD_ROLES, update_form_code
from zhongshi.library.models import PilotPlatform, PlatformService, PlatformVersion

FIGURES = {"service_revenue_wan": "service_revenue", "enterprises_served": "enterprises_served",
           "equipment_value_wan": "equipment_value", "fulltime_staff": "fulltime_staff"}
SERVICE_KEYS = ("name", "kind", "description")
_ROW = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)$")


def _figure(value: Any) -> Any:
    """A decimal figure as its shortest text (860 and "860.00" are the same figure)."""
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return value
    return format(number.normalize(), "f")


def comparable(data: dict[str, Any]) -> dict[str, Any]:
    load: dict[str, Any] = data["load"] if isinstance(data.get("load"), dict) else {}
    return {
        **{key: _figure(data.get(key)) for key in FIGURES},
        "load": {role: _figure(load.get(role)) for role in LOAD_ROLES},
        "clusters": list(data.get("clusters") or []),
        "services": [{key: service.get(key) or "" for key in SERVICE_KEYS}
                     for service in data.get("services") or [] if isinstance(service, dict)],
        "equipment": [{key: _figure(row.get(key)) if key in ("quantity", "value_wan") else row.get(key)
                       for key in EQUIPMENT_COLUMNS}
                      for row in data.get("equipment") or [] if isinstance(row, dict)],
        "summary": data.get("summary") or "",
    }


class _Labeller:
    def __init__(self, form: FormDef) -> None:
        self.form = form

    def role(self, role: str) -> tuple[str, str]:
        item = self.form.role_field(role)
        if item is None:
            raise LookupError(role)
        return item.label, item.unit

    def __call__(self, path: str) -> tuple[str, str]:
        if path in FIGURES:
            return self.role(FIGURES[path])
        if path.startswith("load."):
            return self.role(path.removeprefix("load."))
        if path == "summary":
            return self.role("update_summary")
        if path == "clusters":
            return str(PilotPlatform._meta.get_field("clusters").verbose_name), ""
        match = _ROW.match(path)
        if match is None:
            raise LookupError(path)
        table, index, key = match.group(1), int(match.group(2)) + 1, match.group(3)
        row = _("row %(n)s") % {"n": index}
        if table == "services":
            field = PlatformService._meta.get_field(key)
            return f"{PlatformService._meta.verbose_name} › {row} › {getattr(field, 'verbose_name', key)}", ""
        if table == "equipment":
            equipment = self.form.role_field("equipment")
            if equipment is None:
                raise LookupError(path)
            column = next(c for c in equipment.columns if c.key == key)
            return f"{equipment.label} › {row} › {column.label}", column.unit
        raise LookupError(path)


def diff_versions(old: PlatformVersion | None, new: PlatformVersion) -> list[dict[str, Any]]:
    """The changes from ``old`` to ``new`` (``old`` None: everything ``new`` holds), each with its path,
    its label, its unit and its old and new value."""
    labeller = _Labeller(load_form(update_form_code()))
    return diff_answers(comparable(old.data) if old is not None else {}, comparable(new.data), labeller=labeller)
