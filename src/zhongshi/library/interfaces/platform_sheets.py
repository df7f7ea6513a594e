"""Spreadsheets of the platform library: the filtered list of the platforms page, and the 名录 in the style
of seed 002 附件3 (名录及储备建设情况) with a per-province summary. Both are scoped once by the caller (the
queryset arrives filtered), read in chunks and written streaming (openpyxl write-only). Column headings are
the documents' Chinese headings, as the seeds' sheets have them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import IO, Any

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from zhongshi.library.enums import PlatformStatus, PlatformTier
from zhongshi.library.models import PilotPlatform

CHUNK = 500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TIERS = [PlatformTier.NATIONAL, PlatformTier.KEY, PlatformTier.RESERVE, PlatformTier.PROVINCIAL]


def region_names(platform: PilotPlatform) -> tuple[str, str]:
    """(province, city) of the platform's division, read from its select_related parents."""
    province = city = ""
    region: Any = platform.division
    while region is not None and region.level != "country":
        if region.level == "province":
            province = region.name
        elif region.level == "city":
            city = region.name
        region = region.parent
    return province, city


def _header(ws: Any, labels: list[str], widths: list[float]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    for n, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width
    cells = []
    for label in labels:
        cell = WriteOnlyCell(ws, value=label)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cells.append(cell)
    ws.append(cells)


def _amount(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _chunks(queryset: QuerySet[PilotPlatform]) -> Iterable[PilotPlatform]:
    return queryset.iterator(chunk_size=CHUNK)


LIST_HEADINGS = ["序号", "平台名称", "依托单位", "统一社会信用代码", "所在地", "所属领域", "层级", "状态", "入库时间",
                 "服务事项数", "服务收入（万元）", "服务企业数（家）", "设备原值（万元）", "专职人员（人）", "移出日期",
                 "移出原因"]
LIST_WIDTHS = [6, 30, 28, 21, 22, 20, 26, 8, 12, 10, 14, 14, 14, 14, 12, 24]


def write_platform_list(out: IO[bytes], *, rows: QuerySet[PilotPlatform]) -> int:
    """The platforms page's filtered list, every page of it, in its order; returns the number of rows."""
    workbook = Workbook(write_only=True)
    ws: Any = workbook.create_sheet("中试平台清单")
    _header(ws, LIST_HEADINGS, LIST_WIDTHS)
    ws.freeze_panes = "A2"
    count = 0
    for count, p in enumerate(_chunks(rows), start=1):
        ws.append([count, p.name, p.host_org_name, p.credit_code, p.division.full_name, "、".join(p.clusters),
                   str(PlatformTier(p.tier).label), str(PlatformStatus(p.status).label), p.since,
                   getattr(p, "service_total", None), _amount(p.service_revenue_wan), p.enterprises_served,
                   _amount(p.equipment_value_wan), p.fulltime_staff, p.removed_on, p.removal_cause])
    workbook.save(out)
    return count


DIRECTORY_HEADINGS = ["序号", "省份", "城市", "平台名称", "依托单位", "所属领域", "层级", "入库时间", "服务事项数"]
DIRECTORY_WIDTHS = [6, 12, 12, 32, 30, 22, 28, 12, 10]


def write_directory(out: IO[bytes], *, rows: QuerySet[PilotPlatform], title: str, on: date) -> int:
    """名录及储备建设情况 (seed 002 附件3): one row per active platform (no contacts), highest tier first, then
    by region; a second sheet counts the platforms of each province by tier."""
    workbook = Workbook(write_only=True)
    ws: Any = workbook.create_sheet("名录")
    workbook.properties.title = title
    ws.append([f"{title}（截至{on.year}年{on.month}月{on.day}日）"])
    _header(ws, DIRECTORY_HEADINGS, DIRECTORY_WIDTHS)
    ws.freeze_panes = "A3"
    by_province: dict[str, Counter[str]] = {}
    count = 0
    for count, p in enumerate(_chunks(rows), start=1):
        province, city = region_names(p)
        by_province.setdefault(province, Counter())[p.tier] += 1
        ws.append([count, province, city, p.name, p.host_org_name, "、".join(p.clusters), str(PlatformTier(p.tier).label),
                   p.since, getattr(p, "service_total", None)])
    summary: Any = workbook.create_sheet("分省汇总")
    _header(summary, ["省份", *[str(t.label) for t in TIERS], "合计"], [14, 18, 18, 18, 18, 10])
    totals: Counter[str] = Counter()
    for province in by_province:  # the rows come by region, so the provinces in their official order
        counts = by_province[province]
        totals.update(counts)
        summary.append([province, *[counts.get(t.value, 0) for t in TIERS], sum(counts.values())])
    summary.append(["合计", *[totals.get(t.value, 0) for t in TIERS], sum(totals.values())])
    workbook.save(out)
    return count
