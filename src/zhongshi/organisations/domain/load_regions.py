"""Load administrative divisions (GB/T 2260 codes) from a CSV file and build the authority tree."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from zhongshi.core.errors import DomainError
from zhongshi.organisations.enums import REGION_TO_AUTHORITY_LEVEL, RegionKind, RegionLevel
from zhongshi.organisations.models import Authority, Region
from zhongshi.organisations.models.authority import ROOT_CODE

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "regions.csv"
COLUMNS = ["code", "name", "level", "parent_code", "kind"]
MINISTRY_NAME = "工业和信息化部（科技司）"


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    level: str
    parent_code: str
    kind: str


def authority_name(region: Region) -> str:
    """The default name of a division's authority; an administrator may rename it."""
    if region.level == RegionLevel.COUNTRY:
        return MINISTRY_NAME
    if region.level == RegionLevel.PROVINCE:
        return f"{region.name}经济和信息化厅"
    if region.level == RegionLevel.CITY:
        return f"{region.name}经济和信息化局"
    return f"{region.name}经信部门"


def read_region_rows(path: Path) -> list[RegionRow]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or [f.strip() for f in reader.fieldnames] != COLUMNS:
                raise DomainError(_("The region file's header must be: %(columns)s") % {"columns": ",".join(COLUMNS)}, code="regions_header")
            rows = [RegionRow(**{k: (v or "").strip() for k, v in raw.items() if k}) for raw in reader]
    except (OSError, UnicodeDecodeError) as exc:
        raise DomainError(_("Cannot read the region file %(path)s: %(error)s") % {"path": path, "error": exc}, code="regions_unreadable") from exc
    for number, row in enumerate(rows, start=2):
        if not (row.code.isdigit() and len(row.code) == 6):
            raise DomainError(_("Line %(line)d: the division code “%(code)s” must have 6 digits") % {"line": number, "code": row.code}, code="regions_code")
        if row.level not in {RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.DISTRICT}:
            raise DomainError(_("Line %(line)d: the level “%(value)s” is invalid") % {"line": number, "value": row.level}, code="regions_level")
        if row.kind not in RegionKind.values:
            raise DomainError(_("Line %(line)d: the kind “%(value)s” is invalid") % {"line": number, "value": row.kind}, code="regions_kind")
        if not row.name:
            raise DomainError(_("Line %(line)d: the name is empty") % {"line": number}, code="regions_name")
    return rows


def ensure_root() -> Region:
    root, _ = Region.objects.get_or_create(
        code=ROOT_CODE,
        defaults={"name": "全国", "level": RegionLevel.COUNTRY, "path": f"{ROOT_CODE}/"},
    )
    Authority.objects.get_or_create(
        region=root,
        defaults={"name": MINISTRY_NAME, "level": REGION_TO_AUTHORITY_LEVEL[RegionLevel.COUNTRY],
                  "path": root.path},
    )
    return root


@transaction.atomic
def load_regions(*, rows: Iterable[RegionRow]) -> int:
    """Create or update each division and its authority; parents must come before children."""
    root = ensure_root()
    by_code = {r.code: r for r in Region.objects.all()}
    authorities = {a.region_id: a for a in Authority.objects.all()}
    count = 0
    for row in rows:
        parent = root if not row.parent_code else by_code.get(row.parent_code)
        if parent is None:
            raise DomainError(_("The parent %(parent)s of “%(name)s” (%(code)s) does not exist") % {"parent": row.parent_code, "name": row.name, "code": row.code}, code="regions_parent")
        path = f"{parent.path}{row.code}/"
        region = by_code.get(row.code)
        values = {"name": row.name, "level": row.level, "kind": row.kind, "parent": parent, "path": path}
        if region is None:
            region = Region.objects.create(code=row.code, **values)
            by_code[row.code] = region
        elif any(getattr(region, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(region, key, value)
            region.save()
        if region.pk not in authorities:
            authorities[region.pk] = Authority.objects.create(
                region=region,
                name=authority_name(region),
                level=REGION_TO_AUTHORITY_LEVEL[RegionLevel(region.level)],
                parent=authorities[parent.pk],
                path=path,
            )
        elif authorities[region.pk].path != path:
            authority = authorities[region.pk]
            authority.path, authority.parent = path, authorities[parent.pk]
            authority.save()
        count += 1
    return count


def load_region_file(*, path: Path = DATA_FILE) -> int:
    return load_regions(rows=read_region_rows(path))
