"""The platform list file of contracts §4, as the system writes it (``zhongshi export-platforms``, the export
download): the same format that ``import-platforms`` reads, so that export → import → export gives the same
bytes.

Order (stable, documented in README): by division code, then credit code, then platform name; services in
their position. Keys in the order of contracts §4. JSON with ``ensure_ascii=False``, indented by 2, one
trailing newline.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from zhongshi.library.enums import PlatformStatus, PlatformTier
from zhongshi.library.models import PilotPlatform, PlatformService
from zhongshi.organisations.models import Region

CHUNK = 500


def platform_record(platform: PilotPlatform, division_code: str, services: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """One platform as a list file entry (contracts §4)."""
    removed = platform.status == PlatformStatus.REMOVED
    return {
        "name": platform.name,
        "host_org": {"name": platform.host_org_name, "credit_code": platform.credit_code},
        "division": division_code,
        "clusters": list(platform.clusters or []),
        "verification_kinds": list(platform.verification_kinds or []),
        "tier": platform.tier,
        "since": platform.since.isoformat(),
        "status": platform.status,
        "removed_on": platform.removed_on.isoformat() if removed and platform.removed_on else None,
        "removal_cause": (platform.removal_cause or None) if removed else None,
        "services": [service_record(s) for s in services],
    }


def service_record(service: dict[str, Any]) -> dict[str, Any]:
    return {"name": service["name"], "kind": service["kind"], "description": service["description"] or "",
            "keywords": list(service["keywords"] or [])}


def services_by_platform(platform_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The services of these platforms, in position order (one query per CHUNK platforms)."""
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for start in range(0, len(platform_ids), CHUNK):
        rows = (PlatformService.objects.filter(platform_id__in=platform_ids[start:start + CHUNK])
                .order_by("platform_id", "position", "pk")
                .values("platform_id", "name", "kind", "description", "keywords"))
        for row in rows:
            found[row["platform_id"]].append(dict(row))
    return found


def select_platforms(queryset: QuerySet[PilotPlatform] | None = None, *, area: Region | None = None,
                     tier: str | None = None) -> QuerySet[PilotPlatform]:
    """The platforms the filters select (removed ones included), in the file's order."""
    queryset = PilotPlatform.objects.all() if queryset is None else queryset
    if area is not None:
        queryset = queryset.filter(division__path__startswith=area.path)
    if tier:
        queryset = queryset.filter(tier=tier)
    return queryset.select_related("division").order_by("division__code", "credit_code", "name", "pk")


def platform_records(queryset: QuerySet[PilotPlatform]) -> list[dict[str, Any]]:
    platforms = list(queryset)
    services = services_by_platform([p.pk for p in platforms])
    return [platform_record(p, p.division.code, services.get(p.pk, [])) for p in platforms]


def dump_platform_file(records: list[dict[str, Any]]) -> str:
    return json.dumps({"platforms": records}, ensure_ascii=False, indent=2) + "\n"


def export_platforms_text(queryset: QuerySet[PilotPlatform]) -> str:
    return dump_platform_file(platform_records(queryset))


TIERS = [value for value, _label in PlatformTier.choices]
