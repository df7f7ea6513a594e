"""The platform list as an .xlsx (the library's upload and download): the same data as the JSON file of
contracts §4, laid out for people who fill it in a spreadsheet.

Sheet “平台”: one row per platform, columns as the JSON keys (lists separated by 、). Sheet “服务事项”: one row
per service item, tied to its platform by the credit code and the platform's name (the platform's identity).
Tier and status may be written as the JSON values or as their Chinese names (省级 / 储备 / 重点培育 / 国家级,
在库 / 已移出); the download writes the Chinese names. Sheet “填写说明” lists the allowed values.

``read_platform_workbook`` turns a workbook into the JSON data and a map from each JSON path to its cell, so
that an import error (reported by JSON path) is shown with its sheet, row and column.
"""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from zhongshi.core.errors import DomainError

PLATFORM_SHEET = "平台"
SERVICE_SHEET = "服务事项"
HELP_SHEET = "填写说明"
PLATFORM_COLUMNS = [
    ("name", "平台名称"), ("host_org.name", "依托单位名称"), ("host_org.credit_code", "统一社会信用代码"),
    ("division", "所在地行政区划代码"), ("clusters", "所属行业领域"), ("verification_kinds", "中试验证类型"),
    ("tier", "平台层级"), ("since", "入库日期"), ("status", "状态"), ("removed_on", "移出日期"),
    ("removal_cause", "移出原因"),
]
SERVICE_COLUMNS = [
    ("credit_code", "统一社会信用代码"), ("platform", "平台名称"), ("name", "服务名称"), ("kind", "服务类型"),
    ("description", "服务说明"), ("keywords", "关键词"),
]
LIST_KEYS = {"clusters", "verification_kinds", "keywords"}
TIER_NAMES = {"provincial": "省级", "reserve": "储备", "key": "重点培育", "national": "国家级"}
STATUS_NAMES = {"active": "在库", "removed": "已移出"}
SEPARATORS = re.compile(r"[、,，;；\n]+")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXAMPLE_PLATFORM = ["武汉光电子器件中试平台", "武汉某某光电股份有限公司", "91420111MA4K0001AN", "420111", "光电子信息",
                    "工艺验证、生产验证", "省级", "2025-06-30", "在库", "", ""]
EXAMPLE_SERVICE = ["91420111MA4K0001AN", "武汉光电子器件中试平台", "振动冲击测试", "产品性能测试", "最大加速度 100g",
                   "振动、冲击"]


class WorkbookUnusableError(DomainError):
    """The upload is not a platform list workbook (no sheet, wrong headers): nothing can be checked."""


@dataclass(frozen=True)
class Cell:
    sheet: str
    row: int
    column: str = ""  # the header (Chinese), "" for the whole row
    letter: str = ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _headers(sheet: Any, columns: list[tuple[str, str]]) -> dict[str, int]:
    first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    found = {_text(v): n for n, v in enumerate(first)}
    missing = [title for _key, title in columns if title not in found]
    if missing:
        raise WorkbookUnusableError(_("The sheet “%(sheet)s” lacks the columns %(columns)s (use the import "
                                      "template).") % {"sheet": sheet.title, "columns": "、".join(missing)},
                                    code="missing_columns")
    return {key: found[title] for key, title in columns}


def _value(key: str, text: str) -> Any:
    leaf = key.rsplit(".", 1)[-1]
    if leaf in LIST_KEYS:
        return [part.strip() for part in SEPARATORS.split(text) if part.strip()]
    if not text:
        return None
    if leaf == "tier":
        return {name: code for code, name in TIER_NAMES.items()}.get(text, text)
    if leaf == "status":
        return {name: code for code, name in STATUS_NAMES.items()}.get(text, text)
    return text


def read_platform_workbook(file: IO[bytes]) -> tuple[dict[str, Any], dict[str, Cell]]:
    """The JSON data of contracts §4 and where each path came from."""
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not an .xlsx
        raise WorkbookUnusableError(_("The file cannot be read: it is not a valid .xlsx workbook."),
                                    code="unreadable") from exc
    if PLATFORM_SHEET not in book.sheetnames:
        raise WorkbookUnusableError(_("The workbook has no sheet “%(sheet)s” (use the import template).")
                                    % {"sheet": PLATFORM_SHEET}, code="missing_sheet")
    sheet = book[PLATFORM_SHEET]
    columns = _headers(sheet, PLATFORM_COLUMNS)
    titles = dict(PLATFORM_COLUMNS)
    platforms: list[dict[str, Any]] = []
    cells: dict[str, Cell] = {}
    by_identity: dict[tuple[str, str], int] = {}
    for row_number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        texts = {key: _text(row[n]) if n < len(row) else "" for key, n in columns.items()}
        if not any(texts.values()):
            continue
        index = len(platforms)
        base = f"platforms[{index}]"
        entry: dict[str, Any] = {"host_org": {}, "services": []}
        cells[base] = Cell(PLATFORM_SHEET, row_number)
        for key, text in texts.items():
            value = _value(key, text)
            if key.startswith("host_org."):
                entry["host_org"][key.split(".", 1)[1]] = value
            else:
                entry[key] = value
            cells[f"{base}.{key}"] = Cell(PLATFORM_SHEET, row_number, titles[key],
                                          get_column_letter(columns[key] + 1))
        platforms.append(entry)
        by_identity.setdefault((texts["host_org.credit_code"].upper(), texts["name"]), index)
    if SERVICE_SHEET in book.sheetnames:
        _read_services(book[SERVICE_SHEET], platforms, by_identity, cells)
    book.close()
    return {"platforms": platforms}, cells


def _read_services(sheet: Any, platforms: list[dict[str, Any]], by_identity: dict[tuple[str, str], int],
                   cells: dict[str, Cell]) -> None:
    columns = _headers(sheet, SERVICE_COLUMNS)
    titles = dict(SERVICE_COLUMNS)
    for row_number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        texts = {key: _text(row[n]) if n < len(row) else "" for key, n in columns.items()}
        if not any(texts.values()):
            continue
        index = by_identity.get((texts["credit_code"].upper(), texts["platform"]))
        if index is None:
            raise WorkbookUnusableError(
                _("Sheet “%(services)s”, row %(row)s: the sheet “%(platforms)s” has no platform named “%(name)s” "
                  "with the credit code %(code)s.") % {
                    "services": SERVICE_SHEET, "row": row_number, "platforms": PLATFORM_SHEET,
                    "name": texts["platform"], "code": texts["credit_code"]}, code="unknown_platform")
        services = platforms[index]["services"]
        base = f"platforms[{index}].services[{len(services)}]"
        services.append({key: _value(key, texts[key]) if key != "description" else texts[key]
                         for key in ("name", "kind", "description", "keywords")})
        cells[base] = Cell(SERVICE_SHEET, row_number)
        for key in ("name", "kind", "description", "keywords"):
            cells[f"{base}.{key}"] = Cell(SERVICE_SHEET, row_number, titles[key], get_column_letter(columns[key] + 1))


def locate(path: str, cells: dict[str, Cell]) -> Cell | None:
    """The cell an error path points to: the path itself, else without its list index, else its parent."""
    while path:
        if path in cells:
            return cells[path]
        trimmed = re.sub(r"\[\d+\]$", "", path)
        path = trimmed if trimmed != path else path.rpartition(".")[0]
    return None


def _clean(value: Any) -> Any:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def platform_rows(record: dict[str, Any]) -> list[Any]:
    return [record["name"], record["host_org"]["name"], record["host_org"]["credit_code"], record["division"],
            "、".join(record["clusters"]), "、".join(record["verification_kinds"]),
            TIER_NAMES.get(record["tier"], record["tier"]), record["since"],
            STATUS_NAMES.get(record["status"], record["status"]), record["removed_on"] or "",
            record["removal_cause"] or ""]


def write_platform_workbook(records: list[dict[str, Any]], *, help_rows: list[list[str]] | None = None) -> bytes:
    """The workbook of these list file entries (write-only: rows go out as they are made)."""
    book = Workbook(write_only=True)
    platforms = book.create_sheet(PLATFORM_SHEET)
    services = book.create_sheet(SERVICE_SHEET)
    platforms.append([title for _key, title in PLATFORM_COLUMNS])
    services.append([title for _key, title in SERVICE_COLUMNS])
    for record in records:
        platforms.append([_clean(v) for v in platform_rows(record)])
        for service in record["services"]:
            services.append([_clean(v) for v in (
                record["host_org"]["credit_code"], record["name"], service["name"], service["kind"],
                service["description"], "、".join(service["keywords"]))])
    if help_rows:
        sheet = book.create_sheet(HELP_SHEET)
        for row in help_rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template_workbook(*, clusters: list[str], verification_kinds: list[str], service_kinds: list[str],
                      removal_causes: list[str]) -> bytes:
    """The import template: the headers in Chinese, one example row on each sheet, the allowed values."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = PLATFORM_SHEET
    sheet.append([title for _key, title in PLATFORM_COLUMNS])
    sheet.append(EXAMPLE_PLATFORM)
    services = book.create_sheet(SERVICE_SHEET)
    services.append([title for _key, title in SERVICE_COLUMNS])
    services.append(EXAMPLE_SERVICE)
    for ws in (sheet, services):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for n in range(1, ws.max_column + 1):
            ws.column_dimensions[get_column_letter(n)].width = 22
    help_sheet = book.create_sheet(HELP_SHEET)
    help_sheet.append(["项目", "可填写的值"])
    help_sheet.append(["所在地行政区划代码", "GB/T 2260 市级或区县级代码，如 420111"])
    help_sheet.append(["所属行业领域（可多项，用“、”分隔）", "、".join(clusters)])
    help_sheet.append(["中试验证类型（可多项，用“、”分隔）", "、".join(verification_kinds)])
    help_sheet.append(["服务类型", "、".join(service_kinds)])
    help_sheet.append(["平台层级", "、".join(TIER_NAMES.values())])
    help_sheet.append(["状态", "、".join(STATUS_NAMES.values())])
    help_sheet.append(["日期", "YYYY-MM-DD，如 2025-06-30"])
    help_sheet.append(["移出日期、移出原因", "状态为“已移出”时必填，否则留空；移出原因如：" + "、".join(removal_causes)])
    help_sheet.append(["服务事项", "每行一个服务事项，以统一社会信用代码和平台名称对应“平台”工作表中的平台"])
    help_sheet.column_dimensions["A"].width = 36
    help_sheet.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
