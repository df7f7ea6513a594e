"""Check an application file against a call (``zhongshi check-application``): writes nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from zhongshi.applications.domain.check_registration import check_registration, registered_host_org
from zhongshi.calls.domain.conditions import evaluate_call
from zhongshi.calls.models import Call
from zhongshi.core.errors import DomainError
from zhongshi.formversions.domain.check_answers import check_answers
from zhongshi.formversions.domain.formdef import UnknownFormError, load_form
from zhongshi.formversions.domain.scan_answers import scan_answers


class InputUnusableError(DomainError):
    """The file or the call cannot be used at all (exit code 2)."""


def read_application_file(path: str) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")  # WPS and Notepad write a BOM
    except (OSError, UnicodeDecodeError) as exc:
        raise InputUnusableError(_("Cannot read %(path)s: %(error)s") % {"path": path, "error": exc},
                                 code="unreadable") from exc
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except ValueError as exc:
        if not isinstance(exc, json.JSONDecodeError):
            raise InputUnusableError(_("%(path)s is not valid JSON: %(error)s") % {"path": path, "error": exc},
                                     code="malformed_json") from exc
        raise InputUnusableError(_("%(path)s is not valid JSON: line %(line)s, column %(col)s: %(msg)s")
                                 % {"path": path, "line": exc.lineno, "col": exc.colno, "msg": exc.msg},
                                 code="malformed_json") from exc
    except RecursionError as exc:
        raise InputUnusableError(_("%(path)s is not valid JSON: %(error)s") % {"path": path,
                                 "error": "nested too deep"}, code="malformed_json") from exc


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number in JSON")


def parse_day(text: str) -> date:
    """A ``--on YYYY-MM-DD`` argument."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InputUnusableError(_("“%(text)s” is not a date of the form YYYY-MM-DD.") % {"text": text[:40]},
                                 code="invalid_date") from exc


def get_call(code: str) -> Call:
    call = Call.objects.filter(code=code).first()
    if call is None:
        known = ", ".join(Call.objects.order_by("code").values_list("code", flat=True))
        raise InputUnusableError(_("Unknown call %(code)s (known: %(known)s).") % {"code": code, "known": known},
                            code="unknown_call")
    try:
        load_form(call.form_code)
    except UnknownFormError as exc:
        raise InputUnusableError(_("Unknown form version %(form)s.") % {"form": call.form_code},
                            code="unknown_form") from exc
    return call


def check_application_data(call: Call, data: Any, *, on: date | None = None) -> dict[str, Any]:
    form = load_form(call.form_code)
    result = check_answers(form, data)
    # As an import would judge it when the organisation is registered; otherwise only the call's area.
    errors = result.errors + check_registration(call=call, host_org=registered_host_org(form, data), answers=data,
                                                 on=on)
    warnings = list(result.warnings)
    if isinstance(data, dict):
        warnings += scan_answers(form, data)
    conditions = [r.as_dict() for r in evaluate_call(call, data if isinstance(data, dict) else {})]
    return {
        "call": call.code,
        "form": form.code,
        "submittable": not errors,
        "eligible": all(c["passed"] is True for c in conditions),
        "errors": [i.as_dict() for i in errors],
        "warnings": [i.as_dict() for i in warnings],
        "conditions": conditions,
    }
