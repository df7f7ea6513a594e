"""Where an application goes along its call's review chain: which authority acts at each level, and when
each level's deadline falls.

A chain level is acted on by the authority of that level among the host organisation's ancestors (its
district's 经信部门, its city's 经信局, its province's 经信厅, the ministry). A level with no such authority
(the district level of a province-administered city without districts, 仙桃市 …) is skipped.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.dateparse import parse_datetime

from zhongshi.applications.models import Application
from zhongshi.calls.models import Call
from zhongshi.organisations.models import Authority, HostOrg


def in_call_area(call: Call, host_org: HostOrg) -> bool:
    """A call takes applications from its issuer's area only (a provincial call from its province)."""
    return call.issuer is None or host_org.district.path.startswith(call.issuer.path)


def ancestor_authorities(host_org: HostOrg) -> dict[str, Authority]:
    """The authorities above a host organisation, by level (one query, kept on the instance: a page that asks
    who acts, what the status is and whether the user holds it asks it once)."""
    cached: dict[str, Authority] | None = getattr(host_org, "_ancestor_authorities", None)
    if cached is None:
        codes = [code for code in host_org.district.path.strip("/").split("/") if code]
        cached = {a.level: a for a in Authority.objects.filter(region__code__in=codes).select_related("region")}
        host_org._ancestor_authorities = cached  # type: ignore[attr-defined]
    return cached


def acting_levels(call: Call, host_org: HostOrg) -> list[tuple[str, Authority]]:
    """The chain's levels that apply to this host organisation, in order, with their authority."""
    if not in_call_area(call, host_org):
        return []
    authorities = ancestor_authorities(host_org)
    return [(level, authorities[level]) for level in call.chain_levels() if level in authorities]


def acting_authority(application: Application, level: str | None = None) -> Authority | None:
    level = level or application.current_level
    return dict(acting_levels(application.call, application.host_org)).get(level)


def first_level(application: Application) -> str:
    levels = acting_levels(application.call, application.host_org)
    return levels[0][0] if levels else ""


def next_level(application: Application) -> str | None:
    """The level after the current one, or None when the current level decides."""
    levels = [level for level, _authority in acting_levels(application.call, application.host_org)]
    if application.current_level not in levels:
        return None
    index = levels.index(application.current_level)
    return levels[index + 1] if index + 1 < len(levels) else None


def is_deciding_level(application: Application) -> bool:
    return bool(application.current_level) and next_level(application) is None


def chain_deadline(call: Call, level: str) -> datetime | None:
    """The deadline the call sets for a level (before any extension)."""
    for step in call.chain or []:
        if step.get("level") == level and step.get("deadline"):
            return parse_datetime(str(step["deadline"]))
    return None
