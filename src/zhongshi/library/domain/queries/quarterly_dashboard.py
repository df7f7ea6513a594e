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



def _period_updates(period: QuarterlyPeriod, *statuses: str, **extra: Any) -> QuerySet[Any]:
    return QuarterlyUpdate.objects.filter(year=period.year, quarter=period.quarter, realtime=False,
                                          status__in=statuses, **extra).values("platform_id")


def category_filter(period: QuarterlyPeriod, category: str) -> Q:
    """The platforms of ``category`` as a semi-join on the period's updates (a hash join on PostgreSQL, the
    partial unique index on SQLite), never a per-row subquery."""
    done = (UpdateStatus.SUBMITTED, UpdateStatus.ACCEPTED)
    if category == "updated":
        return Q(pk__in=_period_updates(period, UpdateStatus.ACCEPTED))
    if category == "awaiting":
        return Q(pk__in=_period_updates(period, UpdateStatus.SUBMITTED))
    if category == "late":
        return Q(pk__in=_period_updates(period, *done, late=True))
    if category == "missing":
        return ~Q(pk__in=_period_updates(period, *done))
    return Q()


@dataclass(frozen=True)
class DashboardFilter:
    division: Region | None = None
    tier: str = ""


def period_platforms(user: Any, period: QuarterlyPeriod, filters: DashboardFilter | None = None, *,
                     annotate: bool = True) -> QuerySet[Any]:
    """The active platforms the user sees, each annotated with its update of ``period`` (status, late, id)."""
    filters = filters or DashboardFilter()
    platforms = scope_queryset(user, PilotPlatform.objects.filter(status=PlatformStatus.ACTIVE))
    if filters.division is not None:
        platforms = platforms.filter(division__path__startswith=filters.division.path)
    if filters.tier:
        platforms = platforms.filter(tier=filters.tier)
    if not annotate:
        return platforms
    update = QuarterlyUpdate.objects.filter(platform=OuterRef("pk"), year=period.year, quarter=period.quarter,
                                            realtime=False)
    return platforms.annotate(
        update_status=Subquery(update.values("status")[:1]),
        update_late=Subquery(update.values("late")[:1]),
        update_id=Subquery(update.values("pk")[:1]),
        update_submitted_at=Subquery(update.values("submitted_at")[:1]),
    )


def dashboard_counts(platforms: QuerySet[Any], period: QuarterlyPeriod) -> dict[str, int]:
    """The number of platforms in each category: two queries (the platforms, the period's updates of those
    platforms by status and lateness)."""
    total = platforms.count()
    rows = (QuarterlyUpdate.objects.filter(year=period.year, quarter=period.quarter, realtime=False,
                                           platform__in=platforms.values("pk"),
                                           status__in=(UpdateStatus.SUBMITTED, UpdateStatus.ACCEPTED))
            .values_list("status", "late").annotate(n=Count("pk")).order_by())
    counts = {"all": total, "updated": 0, "awaiting": 0, "late": 0, "missing": total}
    for status, late, n in rows:
        counts["updated" if status == UpdateStatus.ACCEPTED else "awaiting"] += n
        counts["late"] += n if late else 0
        counts["missing"] -= n
    return counts


def dashboard_rows(platforms: QuerySet[Any], period: QuarterlyPeriod, category: str) -> QuerySet[Any]:
    return (platforms.filter(category_filter(period, category)).select_related("division")
            .order_by("division__path", "name", "pk"))


def division_choices(user: Any) -> QuerySet[Region]:
    """The cities and districts that hold platforms the user sees (the division filter)."""
    platforms = scope_queryset(user, PilotPlatform.objects.filter(status=PlatformStatus.ACTIVE))
    regions = Region.objects.filter(platforms__in=platforms.values("pk")).values("path")
    paths = {part for (path,) in regions.values_list("path") for part in _prefixes(path)}
    return Region.objects.filter(path__in=paths, level__in=("city", "district")).order_by("path")


def _prefixes(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/".join(parts[: n + 1]) + "/" for n in range(len(parts))]
