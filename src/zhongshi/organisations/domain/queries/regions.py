"""Reads of the division tree."""

from __future__ import annotations

from django.db.models import QuerySet

from zhongshi.organisations.enums import RegionLevel
from zhongshi.organisations.models import Region


def location_regions() -> QuerySet[Region]:
    """Divisions an organisation can be located in: districts, counties and zones, and the
    province-administered cities that have none (仙桃市, 潜江市, 天门市, 神农架林区)."""
    return Region.objects.filter(
        level__in=[RegionLevel.CITY, RegionLevel.DISTRICT], children__isnull=True
    ).order_by("path")


def is_location(region: Region) -> bool:
    return region.level in {RegionLevel.CITY, RegionLevel.DISTRICT} and not region.children.exists()
