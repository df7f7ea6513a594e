"""The 申报书 against the registration: 依托单位, 统一社会信用代码 and 所在地 are the registered organisation's,
and 所在地 lies in the call's area (a Hubei call refuses 浙江省杭州市西湖区).

The web form fills these fields from the registration and shows them read-only (``fill_registration``);
saving, importing and submitting refuse answers that disagree (``check_registration``), each issue at its
field's path with a Chinese message; ``check-application`` judges them as an import would when an
organisation with the file's credit code is registered, and otherwise judges only the call's area.
The paths are the ones contracts.md §2 fixes for every application file.
"""

from __future__ import annotations

import copy
from typing import Any

from django.utils.translation import gettext as _

from zhongshi.calls.models import Call
from zhongshi.core.errors import DomainError
from zhongshi.formversions.domain.check_answers import Issue, is_empty
from zhongshi.formversions.domain.paths import get_path
from zhongshi.organisations.enums import RegionLevel
from zhongshi.organisations.models import HostOrg, Region

LOCATION_PARTS = ("province", "city", "district")
HOST_NAME = "basic.host_org.name"
HOST_CREDIT_CODE = "basic.host_org.credit_code"
LOCATION = "basic.location"
# Inputs the web form shows read-only: the registration decides them.
REGISTERED_PATHS = frozenset({HOST_NAME, HOST_CREDIT_CODE, *(f"{LOCATION}.{part}" for part in LOCATION_PARTS)})


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


def fill_registration(answers: dict[str, Any], host_org: HostOrg) -> dict[str, Any]:
    """The answers with 依托单位, its credit code and 所在地 taken from the registration (a copy)."""
    filled = copy.deepcopy(answers)
    basic = filled.get("basic")
    if not isinstance(basic, dict):
        basic = filled["basic"] = {}
    host = basic.get("host_org")
    host = {**host} if isinstance(host, dict) else {}
    host.update({"name": host_org.name, "credit_code": host_org.credit_code})
    basic["host_org"] = host
    basic["location"] = registered_location(host_org)
    return filled


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _identity_issues(host_org: HostOrg, answers: Any) -> list[Issue]:
    issues = []
    for path, registered, label in ((HOST_NAME, host_org.name, _("host organisation")),
                                    (HOST_CREDIT_CODE, host_org.credit_code, _("unified social credit code"))):
        given = get_path(answers, path)
        if is_empty(given):
            continue  # the form's own check says it is required
        if _text(given).upper() != registered.upper():
            issues.append(Issue(path, "host_org_mismatch",
                                _("“%(label)s” must be the registered organisation's: %(registered)s "
                                  "(the application says “%(given)s”).")
                                % {"label": label, "registered": registered, "given": str(given)[:200]}))
    return issues


def _location_issues(host_org: HostOrg, answers: Any) -> list[Issue]:
    registered = registered_location(host_org)
    given = get_path(answers, LOCATION)
    given = given if isinstance(given, dict) else {}
    if all(is_empty(given.get(part)) for part in LOCATION_PARTS):
        return []  # required: the form's own check
    for part in LOCATION_PARTS:
        if _text(given.get(part)) != registered.get(part, ""):
            return [Issue(f"{LOCATION}.{part}", "location_mismatch",
                          _("The location must be the host organisation's registered division, %(registered)s "
                            "(the application says “%(given)s”).")
                          % {"registered": "".join(registered.values()),
                             "given": "".join(_text(given.get(p)) for p in LOCATION_PARTS)[:200]})]
    return []


def _area_issues(call: Call, answers: Any) -> list[Issue]:
    """所在地 outside the call's area (its issuer's division), at the first part that leaves it."""
    if call.issuer_id is None:
        return []
    area = call.issuer.region if call.issuer is not None else None
    given = get_path(answers, LOCATION)
    if area is None or not isinstance(given, dict):
        return []
    parent: Region | None = None
    for part in LOCATION_PARTS:
        name = _text(given.get(part))
        if not name:
            return []
        query = Region.objects.filter(name=name, level=part)
        region = (query.filter(parent=parent) if parent is not None else query).order_by("path").first()
        if region is None:
            return []  # not a division of that level: the form's own check (invalid_region)
        if not (region.path.startswith(area.path) or area.path.startswith(region.path)):
            return [Issue(f"{LOCATION}.{part}", "outside_call_area",
                          _("This call takes applications from %(area)s only; the location “%(given)s” lies outside it.")
                          % {"area": area.name, "given": "".join(_text(given.get(p)) for p in LOCATION_PARTS)[:200]})]
        if region.path.startswith(area.path):
            return []  # inside the area: its parts below are the form's and the registration's concern
        parent = region
    return []


def check_registration(*, call: Call, host_org: HostOrg | None, answers: Any) -> list[Issue]:
    """Where the answers disagree with the registration (when ``host_org`` is given) or leave the call's area."""
    issues: list[Issue] = []
    if host_org is not None:
        issues += _identity_issues(host_org, answers)
        issues += _location_issues(host_org, answers)
    return issues + _area_issues(call, answers)


def refuse_mismatch(*, call: Call, host_org: HostOrg, answers: Any) -> None:
    """``RegistrationMismatchError`` when the answers disagree with the registration or leave the call's area."""
    issues = check_registration(call=call, host_org=host_org, answers=answers)
    if issues:
        raise RegistrationMismatchError(issues)


def registered_host_org(answers: Any) -> HostOrg | None:
    """The registered organisation with the file's credit code, if any."""
    code = get_path(answers, HOST_CREDIT_CODE)
    if not isinstance(code, str) or not code.strip():
        return None
    return HostOrg.objects.select_related("district__parent__parent").filter(credit_code=code.strip().upper()).first()
