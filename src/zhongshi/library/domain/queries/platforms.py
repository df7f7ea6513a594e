"""Reads of the platform library: the scoped, filtered list (one path for the page and its .xlsx), one
platform with its history, and the public 名录 (active platforms, desensitised)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Cast

from zhongshi.core.permissions import scope_queryset
from zhongshi.library.enums import PlatformStatus, PlatformTier
from zhongshi.library.models import PilotPlatform
from zhongshi.organisations.models import Region
from zhongshi.reference.models import ReferenceItem

# A division's full name reads its parents up to the province (district → city → province → country).
DIVISION = "division__parent__parent__parent"
SORTS = {"name": ("name", "pk"), "-name": ("-name", "-pk"), "since": ("since", "pk"), "-since": ("-since", "-pk"),
         "tier": ("tier", "name", "pk"), "-tier": ("-tier", "name", "pk")}
DEFAULT_SORT = "name"


def with_cluster(queryset: QuerySet[PilotPlatform], cluster: str) -> QuerySet[PilotPlatform]:
    """Platforms whose clusters list holds ``cluster`` exactly (PostgreSQL: jsonb containment; SQLite: the
    stored JSON text holds the name as JSON encodes it, quotes included)."""
    if connection.vendor == "postgresql":
        return queryset.filter(clusters__contains=[cluster])
    return queryset.annotate(_clusters_text=Cast("clusters", TextField())).filter(
        _clusters_text__contains=json.dumps(cluster))


def filter_platforms(queryset: QuerySet[PilotPlatform], filters: dict[str, Any]) -> QuerySet[PilotPlatform]:
    if filters.get("tier"):
        queryset = queryset.filter(tier=filters["tier"])
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("division"):
        queryset = queryset.filter(division__path__contains=f"/{filters['division']}/")
    if filters.get("cluster"):
        queryset = with_cluster(queryset, filters["cluster"])
    if text := (filters.get("q") or "").strip():
        queryset = queryset.filter(Q(name__icontains=text) | Q(host_org_name__icontains=text))
    return queryset.order_by(*SORTS.get(filters.get("sort") or DEFAULT_SORT, SORTS[DEFAULT_SORT]))


def platform_list(*, user: Any, filters: dict[str, Any]) -> QuerySet[PilotPlatform]:
    """The platforms ``user`` may see (scoped once), filtered and sorted."""
    return filter_platforms(scope_queryset(user, PilotPlatform.objects.all()), filters)


def list_rows(queryset: QuerySet[PilotPlatform]) -> QuerySet[PilotPlatform]:
    """What a list row shows: the division's full name and the number of service items."""
    return queryset.select_related(DIVISION).annotate(service_total=Count("services")).defer(
        "verification_kinds")


def division_choices(user: Any) -> list[tuple[str, str]]:
    """The provinces and cities of the user's area (all for the ministry and the administrator)."""
    authority = getattr(user, "authority", None)
    regions = Region.objects.filter(level__in=["province", "city"])
    if authority is not None:
        regions = regions.filter(path__startswith=authority.path).exclude(code=authority.region.code)
    return [(r.code, ("" if r.level == "province" else "　") + r.name) for r in regions.order_by("path")]


def cluster_choices() -> list[str]:
    names = ReferenceItem.objects.filter(vocabulary__code__startswith="cluster", active=True).order_by(
        "vocabulary__code", "position", "pk").values_list("name", flat=True)
    return list(dict.fromkeys(names))


def platform_detail(pk: int) -> PilotPlatform:
    return (PilotPlatform.objects.select_related(DIVISION, "host_org", "source_application")
            .get(pk=pk))


@dataclass(frozen=True)
class PlatformHistory:
    services: list[Any]
    tier_changes: list[Any]
    versions: list[Any]
    removal: Any
    change_reports: list[Any]
    supports: list[Any]


def platform_history(platform: PilotPlatform) -> PlatformHistory:
    from zhongshi.library.models import ChangeReport, PlatformVersion, PolicySupport, Removal

    return PlatformHistory(
        services=list(platform.services.all()),
        tier_changes=list(platform.tier_changes.select_related("decided_by").order_by("decided_on", "pk")),
        versions=list(PlatformVersion.objects.filter(platform=platform).select_related("created_by")
                      .defer("data").order_by("-number")),
        removal=Removal.objects.filter(platform=platform).select_related("decided_by").first(),
        change_reports=list(ChangeReport._default_manager.filter(platform=platform).select_related(
            "reported_by", "acknowledged_by")),
        supports=list(PolicySupport._default_manager.filter(platform=platform).select_related("recorded_by")),
    )


# ---- the public 名录 (issue 10 §8) ----

def public_platforms(filters: dict[str, Any]) -> QuerySet[PilotPlatform]:
    """Active platforms, by tier (highest first) then region, for anyone: no contacts unless published."""
    queryset = PilotPlatform.objects.filter(status=PlatformStatus.ACTIVE)
    if filters.get("tier"):
        queryset = queryset.filter(tier=filters["tier"])
    region = filters.get("city") or filters.get("province")
    if region:
        queryset = queryset.filter(division__path__contains=f"/{region}/")
    if text := (filters.get("q") or "").strip():
        queryset = queryset.filter(Q(name__icontains=text) | Q(host_org_name__icontains=text))
    return with_tier_rank(queryset).order_by("tier_rank", "division__path", "name", "pk")


def with_tier_rank(queryset: QuerySet[PilotPlatform]) -> QuerySet[PilotPlatform]:
    """``tier_rank``: 0 for national, 1 key, 2 reserve, 3 provincial (highest tier first)."""
    rank = Case(*[When(tier=tier, then=Value(n)) for n, tier in enumerate(
        [PlatformTier.NATIONAL, PlatformTier.KEY, PlatformTier.RESERVE, PlatformTier.PROVINCIAL])],
        output_field=IntegerField())
    return queryset.annotate(tier_rank=rank)


def public_rows(queryset: QuerySet[PilotPlatform]) -> QuerySet[PilotPlatform]:
    return queryset.select_related(DIVISION).only(
        "name", "host_org_name", "clusters", "tier", "since", "contact_name", "contact_phone", "contact_public",
        "division__name", "division__level", "division__parent__name", "division__parent__level",
        "division__parent__parent__name", "division__parent__parent__level",
        "division__parent__parent__parent__name", "division__parent__parent__parent__level")


def tier_counts(queryset: QuerySet[PilotPlatform]) -> list[dict[str, Any]]:
    counts = dict(queryset.order_by().values_list("tier").annotate(n=Count("pk")))
    return [{"tier": tier, "label": tier.label, "count": counts.get(tier.value, 0)}
            for tier in (PlatformTier.NATIONAL, PlatformTier.KEY, PlatformTier.RESERVE, PlatformTier.PROVINCIAL)]


def province_choices() -> list[tuple[str, str]]:
    return list(Region.objects.filter(level="province").order_by("path").values_list("code", "name"))


def city_choices(province: str) -> list[tuple[str, str]]:
    if not province:
        return []
    return list(Region.objects.filter(level="city", parent__code=province).order_by("path")
                .values_list("code", "name"))
