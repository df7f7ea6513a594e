"""The 申报书 against the registration: 依托单位, 统一社会信用代码 and 所在地 are the registered organisation's,
and 所在地 lies in the call's area (a Hubei call refuses 浙江省杭州市西湖区).

The web form fills these fields from the registration and shows them read-only (``fill_registration``);
saving, importing and submitting refuse answers that disagree (``check_registration``), each issue at its
field's path with a Chinese message; ``check-application`` judges them as an import would when an
organisation with the file's credit code is registered, and otherwise judges only the call's area.
The fields are found by their role in the form definition (``host_org_name``, ``host_org_credit_code`` and
``location`` with its parts by ``region_level``: formversions/kinds.yaml), so any form version is judged; a form
that declares none of these roles is left as it is.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from zhongshi.applications.domain.barriers import find_barriers
from zhongshi.calls.models import Call
from zhongshi.core.errors import DomainError
from zhongshi.formversions.domain.check_answers import Issue
from zhongshi.formversions.domain.formdef import FieldDef, FormDef, load_form
from zhongshi.formversions.domain.paths import get_path, is_empty
from zhongshi.organisations.enums import HostOrgStatus, RegionLevel
from zhongshi.organisations.models import HostOrg, Region

LOCATION_PARTS = ("province", "city", "district")


def _location_parts(form: FormDef) -> tuple[FieldDef | None, dict[str, str]]:
    """The ``location`` group and the key of each of its parts by region level (province, city, district)."""
    group = form.role_field("location")
    if group is None:
        return None, {}
    return group, {part.region_level: part.key for part in group.fields if part.region_level in LOCATION_PARTS}


def registered_paths(form: FormDef) -> frozenset[str]:
    """The inputs the web form shows read-only: the registration decides them."""
    group, parts = _location_parts(form)
    paths = {*form.role_paths("host_org_name"), *form.role_paths("host_org_credit_code")}
    if group is not None:
        paths |= {f"{group.path}.{key}" for key in parts.values()}
    return frozenset(paths)


class RegistrationMismatchError(DomainError):
    """The answers name another organisation or place than the registration; ``issues`` say where."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(issues[0].message, code=issues[0].code, field=issues[0].path)
        self.issues = issues


def registered_location(host_org: HostOrg) -> dict[str, str]:
    """所在地 as registered: province, city and (where the city has them) district names."""
    district = host_org.district
    city = district.parent if district.level == RegionLevel.DISTRICT else district
    province = city.parent if city is not None and city.level == RegionLevel.CITY else None
    location = {"province": province.name if province else "", "city": city.name if city else ""}
    if district.level == RegionLevel.DISTRICT:
        location["district"] = district.name
    return location


def fill_registration(answers: dict[str, Any], host_org: HostOrg, form: FormDef) -> dict[str, Any]:
    """The answers with 依托单位, its credit code and 所在地 taken from the registration (a copy)."""
    filled = copy.deepcopy(answers)
    values: list[tuple[str, str | None]] = [(path, host_org.name) for path in form.role_paths("host_org_name")]
    values += [(path, host_org.credit_code) for path in form.role_paths("host_org_credit_code")]
    group, parts = _location_parts(form)
    if group is not None:
        registered = registered_location(host_org)
        values += [(f"{group.path}.{key}", registered.get(level)) for level, key in parts.items()]
    for path, value in values:
        *parents, key = path.split(".")
        target = filled
        for part in parents:
            if not isinstance(target.get(part), dict):
                target[part] = {}
            target = target[part]
        if value is None:
            target.pop(key, None)  # a city without districts has no 区
        else:
            target[key] = value
    return filled


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _identity_issues(form: FormDef, host_org: HostOrg, answers: Any) -> list[Issue]:
    issues = []
    for role, registered, label in (("host_org_name", host_org.name, _("host organisation")),
                                    ("host_org_credit_code", host_org.credit_code, _("unified social credit code"))):
        for path in form.role_paths(role):
            given = get_path(answers, path)
            if is_empty(given):
                continue  # the form's own check says it is required
            if _text(given).upper() != registered.upper():  # a credit code typed in lower case is the same
                issues.append(Issue(path, "host_org_mismatch",
                                    _("“%(label)s” must be the registered organisation's: %(registered)s "
                                      "(the application says “%(given)s”).")
                                    % {"label": label, "registered": registered, "given": str(given)[:200]}))
    return issues


def _given_location(form: FormDef, answers: Any) -> tuple[str, dict[str, str]]:
    """The location group's path and its answered parts by region level."""
    group, parts = _location_parts(form)
    if group is None:
        return "", {}
    given = get_path(answers, group.path)
    given = given if isinstance(given, dict) else {}
    return group.path, {level: _text(given.get(key)) for level, key in parts.items()}


def _location_issues(form: FormDef, host_org: HostOrg, answers: Any) -> list[Issue]:
    path, given = _given_location(form, answers)
    _group, parts = _location_parts(form)
    if not path or not any(given.values()):
        return []  # required: the form's own check
    registered = registered_location(host_org)
    for level in LOCATION_PARTS:
        if level in parts and given.get(level, "") != registered.get(level, ""):
            return [Issue(f"{path}.{parts[level]}", "location_mismatch",
                          _("The location must be the host organisation's registered division, %(registered)s "
                            "(the application says “%(given)s”).")
                          % {"registered": "".join(registered.values()), "given": "".join(given.values())[:200]})]
    return []


def _area_issues(form: FormDef, call: Call, answers: Any) -> list[Issue]:
    """所在地 outside the call's area (its issuer's division), at the first part that leaves it."""
    if call.issuer_id is None:
        return []
    area = call.issuer.region if call.issuer is not None else None
    path, given = _given_location(form, answers)
    _group, parts = _location_parts(form)
    if area is None or not path:
        return []
    parent: Region | None = None
    for level in LOCATION_PARTS:
        name = given.get(level, "")
        if not name:
            return []
        query = Region.objects.filter(name=name, level=level)
        region = (query.filter(parent=parent) if parent is not None else query).order_by("path").first()
        if region is None:
            return []  # not a division of that level: the form's own check (invalid_region)
        if not (region.path.startswith(area.path) or area.path.startswith(region.path)):
            return [Issue(f"{path}.{parts[level]}", "outside_call_area",
                          _("This call takes applications from %(area)s only; the location “%(given)s” lies outside it.")
                          % {"area": area.name, "given": "".join(given.values())[:200]})]
        if region.path.startswith(area.path):
            return []  # inside the area: its parts below are the form's and the registration's concern
        parent = region
    return []


def _approval_issues(form: FormDef, host_org: HostOrg) -> list[Issue]:
    if host_org.status == HostOrgStatus.APPROVED:
        return []
    path = form.role_path("host_org_credit_code") or "form"
    return [Issue(path, "host_org_not_approved",
                  _("%(org)s (%(code)s) has not been approved by its district yet; only an approved host organisation "
                    "may apply.") % {"org": host_org.name, "code": host_org.credit_code})]


def _barrier_issues(form: FormDef, host_org: HostOrg | None, answers: Any, on: date | None,
                    call: Call | None = None) -> list[Issue]:
    """A barrier a later app registered (the library's ban) on the organisation's credit code: the registered
    one, or the file's when the organisation is not registered."""
    code = host_org.credit_code if host_org is not None else form.answer_for_role(answers, "host_org_credit_code")
    if not isinstance(code, str):
        return []
    path = form.role_path("host_org_credit_code") or "form"
    return [Issue(path, barrier, reason) for barrier, reason in find_barriers(code, on=on, call=call)]


def check_registration(*, call: Call, host_org: HostOrg | None, answers: Any, on: date | None = None) -> list[Issue]:
    """Where the answers disagree with the registration (when ``host_org`` is given: its approval, identity and
    location), leave the call's area, or come from an organisation a barrier holds on ``on`` (default: today),
    such as the ban after a removal. The fields are read by role from the call's form."""
    form = load_form(call.form_code)
    issues: list[Issue] = []
    if host_org is not None:
        issues += _approval_issues(form, host_org)
        issues += _identity_issues(form, host_org, answers)
        issues += _location_issues(form, host_org, answers)
    return _barrier_issues(form, host_org, answers, on, call) + issues + _area_issues(form, call, answers)


def refuse_mismatch(*, call: Call, host_org: HostOrg, answers: Any) -> None:
    """``RegistrationMismatchError`` when the answers disagree with the registration or leave the call's area."""
    issues = [i for i in check_registration(call=call, host_org=host_org, answers=answers)
              if i.code != "host_org_not_approved"]  # approval is refused before saving (refuse_unapproved)
    if issues:
        raise RegistrationMismatchError(issues)


def registered_host_org(form: FormDef, answers: Any) -> HostOrg | None:
    """The registered organisation with the file's credit code (read by role), if any."""
    code = form.answer_for_role(answers, "host_org_credit_code")
    if not isinstance(code, str) or not code.strip():
        return None
    return HostOrg.objects.select_related("district__parent__parent").filter(credit_code=code.strip().upper()).first()
