"""Spreadsheets (.xlsx) of applications: the 推荐汇总表 (seed 000 附件3) and any filtered list.

The columns come from a registry (``COLUMNS``) of ``Column`` objects, each naming a key, the Chinese label
printed in the header, a width (in Excel's character units), the function that reads the value from a
``SheetRow`` and the number format. The 附件3 image is not among the seeds, so the column set is ours and
configurable per call: ``Call.summary_columns`` holds column keys, empty means ``DEFAULT_SUMMARY_COLUMNS``;
``columns_for(keys)`` resolves them (an unknown key is a ``ValueError`` naming it).

- ``render_summary_sheet(...)`` → bytes: the 推荐汇总表 of one authority for one call, in the style of a
  government summary table: a merged title row "{call_title}推荐汇总表", the 推荐单位（盖章）/填报日期 row, the
  header row, one row per recommended application in the given order; 宋体 11, thin borders, wrapped text,
  A4 landscape, one page wide, the header repeated on every printed page, page numbers in the footer.
- ``render_list_sheet(...)`` → bytes: the header and one row per application with an auto-filter.
- ``sheet_row(application, opinion=..., order=...)`` → the ``SheetRow`` of an ``Application``.

Amounts are numbers in 万元 with thousands separators (``#,##0.00``); percentages are numbers in percent
shown with the format ``0.00"%"`` (5 means 5 %, as in the application file, contracts.md §2); counts are
integers (``#,##0``). 序号 is the row's ``order``, by default its 1-based position in the sheet.
"""

from __future__ import annotations

import functools
import io
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from copy import copy
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from zhongshi.formversions.domain.check_answers import number
from zhongshi.formversions.domain.formdef import FormDef, UnknownFormError, load_form
from zhongshi.formversions.domain.paths import get_path

SUMMARY_SHEET_NAME = "推荐汇总表"
FONT_NAME = "宋体"  # SimSun; export_pdf maps it to Noto Serif CJK where it is not installed
FONT_SIZE = 11
GB2312_CHARSET = 134
AMOUNT_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = '0.00"%"'
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
ELIGIBILITY_LABELS = {"eligible": "符合", "ineligible": "不符合", "unknown": "待判断", "": "未判定"}

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill(fill_type="solid", start_color="FFDDEBF7", end_color="FFDDEBF7")
_BODY_FONT = Font(name=FONT_NAME, size=FONT_SIZE, charset=GB2312_CHARSET)
_BOLD_FONT = Font(name=FONT_NAME, size=FONT_SIZE, bold=True, charset=GB2312_CHARSET)
_TITLE_FONT = Font(name=FONT_NAME, size=18, bold=True, charset=GB2312_CHARSET)
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Heights in points: one line of 宋体 11, and the padding of a cell.
_LINE_HEIGHT = 14.5
_ROW_PADDING = 5.0


@dataclass(frozen=True)
class SheetRow:
    """What one row of a sheet needs: the application's answers and the facts kept beside them."""

    answers: dict[str, Any]
    host_org_name: str = ""
    credit_code: str = ""
    location: str = ""  # 所在地, e.g. 湖北省武汉市江夏区
    opinion: str = ""  # 推荐意见
    order: int | None = None  # 序号; None = the row's 1-based position in the sheet
    status_label: str = ""
    eligibility_label: str = ""
    submitted_at: datetime | None = None
    warnings: int = 0


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: float
    value: Callable[[SheetRow], Any]
    number_format: str | None = None
    # "left", "center" or "right"; None = numbers and dates right, text left.
    horizontal: str | None = None


# ---------------------------------------------------------------------------------------------- values


def _form(answers: dict[str, Any]) -> FormDef | None:
    """The form version the answers were written against (their ``form``); None when it is not known."""
    code = answers.get("form")
    try:
        return load_form(code) if isinstance(code, str) else None
    except UnknownFormError:
        return None


def _answer(answers: dict[str, Any], role: str) -> Any:
    """The answer of the field with ``role`` in the answers' form version (formversions/kinds.yaml)."""
    form = _form(answers)
    return form.answer_for_role(answers, role) if form is not None else None


def _text(row: SheetRow, role: str) -> str:
    value = _answer(row.answers, role)
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value).strip()


def _number(value: Any) -> int | float | None:
    """A JSON number as int (whole numbers) or float; None when it is missing or not a number."""
    dec = number(value)
    if dec is None or not dec.is_finite():
        return None
    return int(dec) if dec == dec.to_integral_value() else float(dec)


def _clusters(row: SheetRow) -> str:
    value = _answer(row.answers, "industry_clusters")
    if isinstance(value, list):
        return "、".join(str(v) for v in value if v not in (None, ""))
    return str(value) if isinstance(value, str) else ""


def _unit_type(row: SheetRow) -> str:
    """单位类型, with the text of its 其他 (``其他（事业单位）``), which is stored beside it (``other_key``)."""
    unit_type = _text(row, "host_org_unit_type")
    form = _form(row.answers)
    item = form.role_field("host_org_unit_type") if form is not None else None
    if item is None or not item.other_key or unit_type != item.other_item:
        return unit_type
    other = _value_text(get_path(row.answers, f"{item.path.rpartition('.')[0]}.{item.other_key}"))
    return f"{unit_type}（{other}）" if other else unit_type


def _value_text(value: Any) -> str:
    return "" if value is None or isinstance(value, dict | list | bool) else str(value).strip()


def _location(row: SheetRow) -> str:
    """所在地: the registered division when known, else the parts of the form's ``location`` group."""
    if row.location:
        return row.location
    value = _answer(row.answers, "location")
    form = _form(row.answers)
    item = form.role_field("location") if form is not None else None
    if not isinstance(value, dict) or item is None:
        return ""
    return "".join(_value_text(value.get(part.key)) for part in item.fields)


def service_revenue_ratio(answers: dict[str, Any]) -> float | None:
    """The last-year 中试服务收入 as a percentage of the last year's 主营业务收入, two decimals (contracts.md §3);
    the declared percentage when it cannot be computed; None when neither is there."""
    form = _form(answers)
    if form is None:
        return None
    revenue = number(form.answer_for_role(answers, "service_revenue.last_year"))
    main = number(form.answer_for_role(answers, f"main_revenue.{form.last_year}"))
    if revenue is not None and main is not None and main > 0:
        return float((revenue * 100 / main).quantize(Decimal("0.01")))
    return _number(form.answer_for_role(answers, "service_revenue_ratio.last_year"))


def _contact(row: SheetRow) -> str:
    name = _text(row, "contact_name")
    phone = _text(row, "contact_phone")
    return "\n".join(part for part in (name, phone) if part)


def _local(value: datetime | None) -> datetime | None:
    """A datetime Excel can hold: local time without a time zone."""
    if value is None:
        return None
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


COLUMNS: dict[str, Column] = {
    column.key: column
    for column in (
        Column("order", "序号", 5.5, lambda r: r.order, "0", "center"),
        Column("platform_name", "平台名称", 20, lambda r: _text(r, "platform_name")),
        Column("host_org", "依托单位", 18, lambda r: r.host_org_name or _text(r, "host_org_name")),
        Column(
            "credit_code", "统一社会信用代码", 20.5, lambda r: r.credit_code or _text(r, "host_org_credit_code")
        ),
        Column("location", "所在地", 13, _location),
        Column("clusters", "所属行业领域", 13, _clusters),
        Column("construction_mode", "建设模式", 9.5, lambda r: _text(r, "construction_mode"), None, "center"),
        Column("unit_type", "单位类型", 7.5, _unit_type, None, "center"),
        Column(
            "equipment_value",
            "中试设备设施原值（万元）",
            11.5,
            lambda r: _number(_answer(r.answers, "equipment_value")),
            AMOUNT_FORMAT,
        ),
        Column(
            "fulltime_staff",
            "专职人员数",
            7.5,
            lambda r: _number(_answer(r.answers, "fulltime_staff")),
            COUNT_FORMAT,
            "center",
        ),
        Column(
            "service_revenue_last_year",
            "上年度中试服务收入（万元）",
            11.5,
            lambda r: _number(_answer(r.answers, "service_revenue.last_year")),
            AMOUNT_FORMAT,
        ),
        Column(
            "service_revenue_ratio",
            "占主营业务收入比例",
            10,
            lambda r: service_revenue_ratio(r.answers),
            PERCENT_FORMAT,
            "center",
        ),
        Column(
            "enterprises_served",
            "服务企业数量",
            7.5,
            lambda r: _number(_answer(r.answers, "enterprises_served.last_year")),
            COUNT_FORMAT,
            "center",
        ),
        Column("opinion", "推荐意见", 20, lambda r: r.opinion),
        Column("contact", "联系人及电话", 13.5, _contact),
        # Extra columns for lists.
        Column("status", "状态", 10, lambda r: r.status_label, None, "center"),
        Column("eligibility", "申报条件", 9, lambda r: r.eligibility_label, None, "center"),
        Column("submitted_at", "提交时间", 17, lambda r: _local(r.submitted_at), DATETIME_FORMAT, "center"),
        Column("warnings", "一致性提醒", 8, lambda r: r.warnings, COUNT_FORMAT, "center"),
    )
}

DEFAULT_SUMMARY_COLUMNS: list[str] = [
    "order",
    "platform_name",
    "host_org",
    "credit_code",
    "location",
    "clusters",
    "construction_mode",
    "unit_type",
    "equipment_value",
    "fulltime_staff",
    "service_revenue_last_year",
    "service_revenue_ratio",
    "enterprises_served",
    "opinion",
    "contact",
]


def columns_for(keys: Iterable[str] | None) -> list[Column]:
    """The columns named by ``keys`` in that order; None or empty = ``DEFAULT_SUMMARY_COLUMNS``."""
    keys = list(keys or DEFAULT_SUMMARY_COLUMNS)
    unknown = [key for key in keys if key not in COLUMNS]
    if unknown:
        raise ValueError(f"unknown summary column {unknown[0]!r} (known: {', '.join(COLUMNS)})")
    return [COLUMNS[key] for key in keys]


# ---------------------------------------------------------------------------------------------- rows


def sheet_row(application: Any, *, opinion: str = "", order: int | None = None) -> SheetRow:
    """The row of an ``Application``: its answers, its host organisation and its status.

    The location is the host organisation's registered division with its parents (``Region.full_name``);
    select ``host_org__district__parent__parent__parent`` to read it without a query per row.
    """
    answers = application.answers if isinstance(application.answers, dict) else {}
    host_org = application.host_org
    district = getattr(host_org, "district", None)
    location = str(getattr(district, "full_name", "") or "")
    return SheetRow(
        answers=answers,
        host_org_name=host_org.name,
        credit_code=host_org.credit_code,
        location=location,
        opinion=opinion or "",
        order=order,
        status_label=str(application.get_status_display()),
        eligibility_label=ELIGIBILITY_LABELS.get(application.eligibility or "", application.eligibility),
        submitted_at=application.submitted_at,
        warnings=application.warning_count or 0,
    )


# ---------------------------------------------------------------------------------------------- cells
# The sheets are written streaming (openpyxl's write-only mode): each row goes to the file as it is made, so
# the memory stays flat whatever the number of rows.


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if value is None or isinstance(value, int | float | Decimal | datetime | date):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))  # lazy translations and the like


def _cell(ws: Any, value: Any, *, font: Font = _BODY_FONT, border: Border | None = None,
          alignment: Alignment | None = None, fill: PatternFill | None = None,
          number_format: str | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=_clean(value))
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"  # text, never a formula
    cell.font = font
    if border is not None:
        cell.border = border
    if alignment is not None:
        cell.alignment = alignment
    if fill is not None:
        cell.fill = fill
    if number_format:
        cell.number_format = number_format
    return cell


def _display(value: Any, number_format: str | None) -> str:
    """Roughly the text a cell shows, to estimate its height."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return "0000-00-00 00:00"
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        if number_format in (AMOUNT_FORMAT, PERCENT_FORMAT):
            return f"{value:,.2f}%"
        return f"{value:,}"
    return str(value)


def _text_width(text: str) -> float:
    """Width in Excel character units: a CJK character is about two."""
    return sum(2.1 if unicodedata.east_asian_width(ch) in "WF" else 1.05 for ch in text)


@functools.lru_cache(maxsize=8192)  # the same names, places and opinions recur from row to row
def _lines(text: str, width: float) -> int:
    usable = max(width - 2.2, 1.0)  # the cell's padding and indent
    return sum(max(1, math.ceil(_text_width(part) / usable)) for part in text.split("\n")) if text else 1


def _row_height(texts: Iterable[tuple[str, float]], minimum: float) -> float:
    lines = max((_lines(text, width) for text, width in texts), default=1)
    return max(minimum, lines * _LINE_HEIGHT + _ROW_PADDING)


_ALIGNMENTS = {horizontal: Alignment(horizontal=horizontal, vertical="center", wrap_text=True,
                                     indent=1 if horizontal == "right" else 0)
               for horizontal in ("left", "center", "right")}


def _write_header(ws: Any, row: int, columns: list[Column]) -> None:
    ws.row_dimensions[row].height = _row_height(((c.label, c.width / 1.05) for c in columns), 30)
    alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.append([_cell(ws, column.label, font=_BOLD_FONT, border=_BORDER, alignment=alignment, fill=_HEADER_FILL)
               for column in columns])


def _styles(ws: Any, columns: list[Column]) -> list[dict[bool, Any]]:
    """Per column, the style of its body cells (numeric or not), made once: setting a font, border and
    alignment on each cell costs far more than the cell (openpyxl hashes the style objects each time)."""
    styles = []
    for column in columns:
        by_kind = {}
        for numeric in (False, True):
            horizontal = column.horizontal or ("right" if numeric else "left")
            prototype = _cell(ws, None, border=_BORDER, alignment=_ALIGNMENTS[horizontal],
                              number_format=column.number_format if numeric else None)
            by_kind[numeric] = prototype._style
        styles.append(by_kind)
    return styles


def _write_rows(ws: Any, first: int, columns: list[Column], rows: Iterable[SheetRow],
                progress: Callable[[int], None] | None = None) -> int:
    """Append one row per ``SheetRow`` from row ``first`` on (序号 = position when not given); returns the
    number of rows. ``progress(n)`` is called every 500 rows."""
    styles = _styles(ws, columns)
    written = 0
    for position, sheet_row_ in enumerate(rows, start=1):
        if sheet_row_.order is None:
            sheet_row_ = replace(sheet_row_, order=position)
        cells, texts = [], []
        for column, style in zip(columns, styles, strict=True):
            value = _clean(column.value(sheet_row_))
            numeric = isinstance(value, int | float | Decimal | datetime) and not isinstance(value, bool)
            cell = WriteOnlyCell(ws, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            cell._style = copy(style[numeric])
            cells.append(cell)
            texts.append((_display(value, column.number_format), column.width))
        ws.row_dimensions[first + written].height = _row_height(texts, 24)
        ws.append(cells)
        written += 1
        if progress is not None and written % 500 == 0:
            progress(written)
    return written


def _widths(ws: Any, columns: list[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width


def _sheet_name(title: str) -> str:
    name = _SHEET_NAME_FORBIDDEN.sub("", title).strip("'") or "Sheet1"
    return name[:31]


def _chinese_date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _print_setup(ws: Any) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _bytes(write: Callable[[IO[bytes]], Any]) -> bytes:
    buffer = io.BytesIO()
    write(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------- sheets


def render_summary_sheet(
    *,
    title: str,
    authority: str,
    call_title: str,
    rows: Iterable[SheetRow],
    columns: list[Column] | None = None,
    generated_at: datetime | None = None,
) -> bytes:
    """The 推荐汇总表 (.xlsx) of ``authority`` for the call ``call_title``: ``rows`` in the given order.

    ``title`` is the document's title (its properties); the sheet is named 推荐汇总表. ``generated_at``
    (default now) gives the 填报日期.
    """
    return _bytes(lambda out: write_summary_sheet(out, title=title, authority=authority, call_title=call_title,
                                                  rows=rows, columns=columns, generated_at=generated_at))


def write_summary_sheet(
    out: IO[bytes] | str,
    *,
    title: str,
    authority: str,
    call_title: str,
    rows: Iterable[SheetRow],
    columns: list[Column] | None = None,
    generated_at: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """``render_summary_sheet`` streamed to ``out`` (a binary file or a path); returns the number of rows."""
    columns = columns or columns_for(None)
    generated = _local(generated_at) or _local(timezone.now())
    assert generated is not None
    last = get_column_letter(len(columns))
    workbook = Workbook(write_only=True)
    ws: Any = workbook.create_sheet(SUMMARY_SHEET_NAME)
    workbook.properties.title = str(title)
    workbook.properties.creator = "zhongshi"
    _widths(ws, columns)
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    _print_setup(ws)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.6
    ws.page_margins.bottom = 0.7
    ws.page_margins.header = 0.3
    ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.font = f"{FONT_NAME},Regular"
    ws.oddFooter.center.size = 10

    ws.row_dimensions[1].height = 40
    ws.append([_cell(ws, f"{call_title}推荐汇总表", font=_TITLE_FONT,
                     alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))])
    ws.merged_cells.add(f"A1:{last}1")
    ws.row_dimensions[2].height = 24
    ws.append([_cell(ws, f"推荐单位（盖章）：{authority}    填报日期：{_chinese_date(generated)}",
                     alignment=Alignment(horizontal="left", vertical="center"))])
    ws.merged_cells.add(f"A2:{last}2")
    _write_header(ws, 3, columns)
    count = _write_rows(ws, 4, columns, rows, progress)
    workbook.save(out)
    return count


def render_list_sheet(*, title: str, rows: Iterable[SheetRow], columns: list[Column]) -> bytes:
    """A list of applications (.xlsx): the header, one row each, an auto-filter; the sheet is named ``title``."""
    return _bytes(lambda out: write_list_sheet(out, title=title, rows=rows, columns=columns))


def write_list_sheet(out: IO[bytes] | str, *, title: str, rows: Iterable[SheetRow], columns: list[Column],
                     progress: Callable[[int], None] | None = None) -> int:
    """``render_list_sheet`` streamed to ``out`` (a binary file or a path); returns the number of rows."""
    workbook = Workbook(write_only=True)
    ws: Any = workbook.create_sheet(_sheet_name(str(title)))
    workbook.properties.title = str(title)
    workbook.properties.creator = "zhongshi"
    _widths(ws, columns)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    _print_setup(ws)
    _write_header(ws, 1, columns)
    count = _write_rows(ws, 2, columns, rows, progress)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    workbook.save(out)
    return count
