"""The authority's dashboard of a quarterly period (issue 10 §3): how many platforms of its subtree updated,
await review, were late or are missing, and the list of each, filtered by division and tier.

One query for the counts and one for a page of rows, whatever the number of platforms: the period's update
of each platform is a subquery on (platform, year, quarter) — the partial unique index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from zhongshi.core.permissions import scope_queryset
from zhongshi.library.domain.periods import QuarterlyPeriod
from zhongshi.library.enums import PlatformStatus, UpdateStatus
from zhongshi.library.models import PilotPlatform, QuarterlyUpdate
from zhongshi.organisations.models import Region

CATEGORIES = ("all", "updated", "awaiting", "late", "missing")

CATEGORY_FILTERS: dict[str, Q] = {
    "all": Q(),
    "updated": Q(update_status=UpdateStatus.ACCEPTED),
    "awaiting": Q(update_status=UpdateStatus.SUBMITTED),
    "late": Q(update_late=True, update_status__in=(UpdateStatus.SUBMITTED, UpdateStatus.ACCEPTED)),
    "missing": Q(update_status__isnull=True) | Q(update_status__in=(UpdateStatus.DRAFT, UpdateStatus.RETURNED)),
}


@dataclass(frozen=True)
class DashboardFilter:
    division: Region | None = None
    tier: str = ""


def period_platforms(user: Any, period: QuarterlyPeriod, filters: DashboardFilter | None = None) -> QuerySet[Any]:
    """The active platforms the user sees, each annotated with its update of ``period`` (status, late, id)."""
    filters = filters or DashboardFilter()
    platforms = scope_queryset(user, PilotPlatform.objects.filter(status=PlatformStatus.ACTIVE))
    if filters.division is not None:
        platforms = platforms.filter(division__path__startswith=filters.division.path)
    if filters.tier:
        platforms = platforms.filter(tier=filters.tier)
    update = QuarterlyUpdate.objects.filter(platform=OuterRef("pk"), year=period.year, quarter=period.quarter,
                                            realtime=False)
    return platforms.annotate(
        update_status=Subquery(update.values("status")[:1]),
        update_late=Subquery(update.values("late")[:1]),
        update_id=Subquery(update.values("pk")[:1]),
        update_submitted_at=Subquery(update.values("submitted_at")[:1]),
    )


def dashboard_counts(platforms: QuerySet[Any]) -> dict[str, int]:
    """The number of platforms in each category, in one query."""
    counts = platforms.aggregate(**{key: Count("pk", filter=condition) for key, condition in CATEGORY_FILTERS.items()})
    return {key: int(counts[key] or 0) for key in CATEGORIES}


def dashboard_rows(platforms: QuerySet[Any], category: str) -> QuerySet[Any]:
    condition = CATEGORY_FILTERS.get(category, Q())
    return platforms.filter(condition).select_related("division").order_by("division__path", "name", "pk")


def division_choices(user: Any) -> QuerySet[Region]:
    """The cities and districts that hold platforms the user sees (the division filter)."""
    platforms = scope_queryset(user, PilotPlatform.objects.filter(status=PlatformStatus.ACTIVE))
    regions = Region.objects.filter(platforms__in=platforms.values("pk")).values("path")
    paths = {part for (path,) in regions.values_list("path") for part in _prefixes(path)}
    return Region.objects.filter(path__in=paths, level__in=("city", "district")).order_by("path")


def _prefixes(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/".join(parts[: n + 1]) + "/" for n in range(len(parts))]
