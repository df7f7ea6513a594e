"""Any form as a Word document, laid out like its printed template (for hubei-2026: seed 000 附件2).

``render_docx(form, answers)`` walks the form definition (``formversions/definitions/<form>.yaml``) and
prints the answers in its order. How each part prints is the definition's ``layout`` hint (``formdef.Layout``,
by type when absent), never a path of one form version: a ``cover`` section, then one bordered
label | value table per ``key_value`` section, an ``evidence_list`` (captions and what is listed from the
hints), a ``declaration`` with its signature block, and the 填表说明. Checkbox questions print every choice
with ☑/☐, ``grid`` tables are Word tables of their own (``widths_cm`` as printed) whose caption and header
rows repeat on every page, rows do not break across pages (but a long text's), fields marked
``beside_next`` share a row with the next one (``below_beside`` ones stack under it), consecutive
``year_table`` fields share a header of years, and a unit the label names is not repeated after the value.
The document holds only what was declared: what the system computes and checks is the reviewers'
(``render_review_annex``, a second .docx). Pure: no database, no files; the caller passes the answers and
the evidence file names.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Cm, Mm, Pt, RGBColor, Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from zhongshi.formversions.domain.check_answers import compute_values, fmt, number
from zhongshi.formversions.domain.formdef import CAPTION_PLACEHOLDER, FieldDef, FormDef, SectionDef

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
TITLE_PT = 22.0  # 二号
HEADING_PT = 16.0  # 三号
SUBHEADING_PT = 14.0  # 四号
COVER_PT = 16.0  # 三号
BODY_PT = 12.0  # 小四
TABLE_PT = 10.5  # 五号
SMALL_PT = 9.0  # 小五
CHECKED, UNCHECKED = "☑", "☐"
BLANK = "________"
TABLE_TEXT_STYLE = "Form Table Text"

TWIPS_PER_CM = 1440 / 2.54
MARGIN_CM = 2.5
# A row that would fill more lines than this may break across pages (a 1,500-字 text); shorter rows never do,
# so that no label is parted from its value and no page ends with a torn row.
MAX_WHOLE_ROW_LINES = 22
# A data table this short (in lines) is kept on one page, its header never alone at the foot of a page.
MAX_TOGETHER_LINES = 30


def _tw(cm: float) -> int:
    return round(cm * TWIPS_PER_CM)


TOTAL = _tw(21.0 - 2 * MARGIN_CM)  # the text width of an A4 page
LABEL = _tw(3.6)  # the label column of every part's table
PAIR_LABEL = _tw(3.4)  # the second label of a row that holds two fields
NUMBER_COLUMN = _tw(1.15)  # 序号
CELL_PADDING = 2 * 108  # left + right cell margins of "Table Grid"

# Tables without ``widths_cm`` in their layout are sized by the types of their columns.
_TYPE_WEIGHT = {
    "textarea": 4.0,
    "text": 2.5,
    "date": 2.0,
    "choice": 1.6,
    "choice_with_other": 2.0,
    "boolean": 1.4,
    "integer": 1.2,
    "decimal": 1.4,
    "percent": 1.2,
}
_CENTERED_TYPES = frozenset({"integer", "decimal", "percent", "date", "choice", "boolean"})
_NUMBER_TYPES = frozenset({"integer", "decimal", "percent"})
_CHOICE_TYPES = frozenset({"choice", "choice_with_other", "multi_choice", "boolean"})
_CORE_PROPERTIES = ("title", "subject", "author", "keywords", "comments", "category", "identifier")
_NOTE_MARK = re.compile(r"填表说明([①-⑳])")
_UNIT_SUFFIX = re.compile(r"（[^（）]*）$")
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# ---------------------------------------------------------------------------------------------- layout model


@dataclass(frozen=True)
class _P:
    """One paragraph of a cell: text (after an optional bold lead) and its formatting."""

    text: str
    lead: str = ""
    bold: bool = False
    align: str = ""  # "" = the cell's default, "left", "center", "right"
    indent: bool = False  # first line indented by two characters
    left_cm: float = 0.0
    size: float | None = None


@dataclass(frozen=True)
class _C:
    """One cell: its paragraphs, width in twips, kind (label, value, header, centre, caption) and vertical merge."""

    paras: Sequence[_P]
    width: int
    kind: str = "value"
    vmerge: str = ""  # "", "restart", "continue"
    size: float | None = None


@dataclass
class _Grid:
    """The rows of one part: bordered tables whose cells need not line up (each table's grid is their union).

    A data table (要素表, 中试项目实施情况表 …) is a Word table of its own (``start_table``), so that its caption
    and header rows (``mark_header``) repeat at the top of every page it runs onto.
    """

    rows: list[list[_C]] = field(default_factory=list)
    size: float = TABLE_PT
    keep_rows_whole: bool = False  # every row stays whole, however long (承诺声明)
    breaks: list[int] = field(default_factory=list)  # row indices where a new Word table starts
    headers: set[int] = field(default_factory=set)  # row indices repeated at the top of each page
    kept: set[int] = field(default_factory=set)  # row indices kept on the page of the row after them

    def add(self, *cells: _C) -> None:
        self.rows.append(list(cells))

    def start_table(self) -> None:
        if self.rows and (not self.breaks or self.breaks[-1] != len(self.rows)):
            self.breaks.append(len(self.rows))

    def mark_header(self) -> None:
        self.headers.add(len(self.rows) - 1)

    def keep_with_next(self) -> None:
        self.kept.add(len(self.rows) - 1)

    def tables(self) -> list[tuple[list[list[_C]], int, set[int]]]:
        """The rows of each Word table, how many of its first rows repeat as its header and which of its rows
        stay with the next one."""
        out = []
        for start, end in zip([0, *self.breaks], [*self.breaks, len(self.rows)], strict=True):
            repeat = 0
            while start + repeat < end and start + repeat in self.headers:
                repeat += 1
            out.append((self.rows[start:end], repeat, {i - start for i in self.kept if start <= i < end}))
        return [(rows, repeat, kept) for rows, repeat, kept in out if rows]


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


def _split(total: int, weights: Sequence[float]) -> list[int]:
    """``total`` twips in parts proportional to ``weights``, summing exactly to ``total``."""
    scale = sum(weights) or 1.0
    parts = [round(total * w / scale) for w in weights[:-1]]
    return [*parts, total - sum(parts)]


# ---------------------------------------------------------------------------------------------- values as text


def _text(value: Any) -> str:
    """A stored value as plain text; empty for None and for anything that is not a simple value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return _clean(value)
    if number(value) is not None:
        return fmt(value)
    if isinstance(value, list):
        return "、".join(t for t in (_text(v) for v in value) if t)
    return ""


def _amount(value: Any, unit: str = "") -> str:
    """A number with thousands separators and its unit (``3,280 万元``, ``86.5%``); text as is; empty if missing."""
    if number(value) is None:
        return _text(value)
    text = fmt(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _date(value: Any) -> str:
    """``2026-01-20`` → ``2026年1月20日``; ``2025-06`` → ``2025年6月``; anything else as text."""
    match = _DATE.match(value.strip()) if isinstance(value, str) else None
    if not match:
        return _text(value)
    year, month, day = match.groups()
    return f"{year}年{int(month)}月" + (f"{int(day)}日" if day else "")


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _rows(value: Any) -> list[dict[str, Any]]:
    return [_dict(row) for row in value] if isinstance(value, list) else []


def _lines(value: Any, *, indent: bool = False) -> list[_P]:
    """Free text as paragraphs, one per line; empty lines dropped."""
    text = _text(value)
    lines = [line.strip().lstrip("\u3000") if indent else line.rstrip() for line in text.splitlines()]
    return [_P(line, indent=indent) for line in lines if line.strip()]


def _label(item: FieldDef) -> str:
    """The printed label, with the mark of its 填表说明 (平台名称①)."""
    match = _NOTE_MARK.search(item.note)
    return item.label + (match.group(1) if match else "")


def _header(item: FieldDef) -> str:
    """A table column heading, with its unit when the label does not name it (合同额（万元）) and the mark
    of its 填表说明 (自主可控能力⑤)."""
    label = _label(item)
    if item.unit and item.unit != "%" and item.unit not in item.label and item.type in _NUMBER_TYPES:
        return f"{label}（{item.unit}）"
    return label


def _without_unit(label: str) -> str:
    return _UNIT_SUFFIX.sub("", label)


def _unit(item: FieldDef) -> str:
    """The unit printed after a value: none when the label already names it (总投资（万元） 8,600)."""
    return "" if item.unit and f"（{item.unit}）" in item.label else item.unit


def _ticks(items: Iterable[str], chosen: set[str]) -> list[str]:
    return [f"{CHECKED if item in chosen else UNCHECKED}{item}" for item in items]


def _em(text: str) -> float:
    """The printed width of ``text`` in em: CJK characters, ☐ and full-width marks 1, Latin letters and digits ~0.6."""
    return sum(1.0 if ord(ch) >= 0x2000 else 0.6 for ch in text)


def _capacity(width: int, size: float) -> float:
    """How many em fit on one line of a cell ``width`` twips wide (with a margin for font differences)."""
    return (width - CELL_PADDING) / (size * 20) * 0.94


def _pack(items: Sequence[str], width: int, size: float) -> list[_P]:
    """Checkbox items in lines that fit the cell, so that no item is broken across two lines."""
    capacity = _capacity(width, size)
    lines: list[list[str]] = []
    used = 0.0
    for item in items:
        cost = _em(item)
        if lines and used + 0.7 + cost <= capacity:
            lines[-1].append(item)
            used += 0.7 + cost
        else:
            lines.append([item])
            used = cost
    return [_P("  ".join(line)) for line in lines]


def _checks(form: FormDef) -> dict[str, list[tuple[str, str]]]:
    """Declared path → [(year key or "", computed path)]: the computed values that check a declared value."""
    out: dict[str, list[tuple[str, str]]] = {}
    for item in form.iter_fields():
        for rule in item.rules:
            name, _sep, argument = rule.partition(":")
            if name == "consistent_with":
                out.setdefault(item.path, []).append(("", argument.split(":", 1)[0]))
            elif name == "share_of":
                key, _eq, target = argument.partition("=")
                out.setdefault(item.path, []).append((key, target))
    return out




# ---------------------------------------------------------------------------------------------- the renderer


class _Renderer:
    def __init__(
        self,
        form: FormDef,
        answers: dict[str, Any],
        computed: dict[str, Any],
        evidence: list[dict[str, Any]] | None,
        title_meta: dict[str, str],
    ) -> None:
        self.form = form
        self.answers = answers if isinstance(answers, dict) else {}
        self.computed = computed
        self.evidence = evidence
        self.title_meta = title_meta
        self.doc = Document()
        self.first_heading = True
        # computed values that check a declared one: the reviewers' (render_review_annex), not printed here
        self.shown_beside = {target for pairs in _checks(form).values() for _key, target in pairs}

    # ------------------------------------------------------------------------------------- document set-up

    def render(self) -> bytes:
        self._setup()
        if not any(section.layout.style == "cover" for section in self.form.sections):
            self._title()  # a form without a cover starts with its title, on the first page
        for section in self.form.sections:
            style = section.layout.style
            if style == "cover":
                self._cover(section)
            elif style == "declaration":
                self._declaration(section)
            elif style == "evidence_list":
                self._evidence(section)
            else:
                self._part(section)
        self._instructions()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def _setup(self) -> None:
        doc = self.doc
        page = doc.sections[0]
        page.page_width, page.page_height = Mm(210), Mm(297)
        page.left_margin = page.right_margin = page.top_margin = page.bottom_margin = Cm(MARGIN_CM)
        page.header_distance = page.footer_distance = Cm(1.5)
        page.different_first_page_header_footer = True
        self._page_number(page.footer.paragraphs[0])

        styles = doc.styles
        # The default template names theme fonts, which would win over the fonts set here: drop them.
        defaults = doc.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            for fonts in defaults.iter(qn("w:rFonts")):
                self._fonts(fonts, BODY_FONT)
            for lang in defaults.iter(qn("w:lang")):
                lang.set(qn("w:eastAsia"), "zh-CN")
        normal = styles["Normal"]
        normal.font.size = Pt(BODY_PT)
        self._style_fonts(normal, BODY_FONT)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        normal.paragraph_format.widow_control = True  # no single line of a paragraph alone on a page
        table_text = styles.add_style(TABLE_TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        table_text.base_style = normal
        table_text.font.size = Pt(TABLE_PT)
        table_text.paragraph_format.space_before = table_text.paragraph_format.space_after = Pt(0)
        table_text.paragraph_format.line_spacing = 1.0
        self.table_text = table_text
        for name, size, before in (("Heading 1", HEADING_PT, 12), ("Heading 2", SUBHEADING_PT, 8)):
            style = styles[name]
            style.font.size = Pt(size)
            style.font.bold = False
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
            self._style_fonts(style, HEADING_FONT)
            style.paragraph_format.space_before = Pt(before)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True

        core = doc.core_properties
        platform = _text(self.form.answer_for_role(self.answers, "platform_name"))
        core.title = self.title_meta.get("title") or " ".join(t for t in (self.form.title, platform) if t)
        core.subject = self.form.title
        core.author = core.last_modified_by = self.form.issuer or ""
        core.comments = core.keywords = ""
        core.revision = 1
        core.created = core.modified = datetime.now(UTC)
        for key in _CORE_PROPERTIES:
            if self.title_meta.get(key):
                setattr(core, key, _clean(self.title_meta[key]))

    @staticmethod
    def _fonts(fonts: Any, name: str) -> None:
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), name)

    def _style_fonts(self, style: Any, name: str) -> None:
        rpr = style.element.get_or_add_rPr()
        self._fonts(rpr.get_or_add_rFonts(), name)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:eastAsia"), "zh-CN")

    def _run(self, paragraph: Paragraph, text: str, *, size: float, bold: bool = False, font: str = BODY_FONT) -> None:
        run = paragraph.add_run(_clean(text))
        run.font.size = Pt(size)
        if bold:
            run.font.bold = True
        rpr = run._element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        fonts.set(qn("w:ascii"), font)
        fonts.set(qn("w:hAnsi"), font)
        fonts.set(qn("w:eastAsia"), font)

    def _page_number(self, paragraph: Paragraph) -> None:
        """``— 2 —``: a PAGE field, one run per field part as Word writes it."""
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(paragraph, "— ", size=TABLE_PT)
        for kind, text in (("begin", ""), ("", " PAGE "), ("separate", ""), ("", "1"), ("end", "")):
            run = paragraph.add_run()
            run.font.size = Pt(TABLE_PT)
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._element.append(element)
        self._run(paragraph, " —", size=TABLE_PT)

    def _paragraph(
        self,
        text: str = "",
        *,
        size: float = BODY_PT,
        bold: bool = False,
        font: str = BODY_FONT,
        align: WD_ALIGN_PARAGRAPH | None = None,
        before: float = 0,
        after: float = 0,
        style: str | None = None,
        line_spacing: float | None = None,
    ) -> Paragraph:
        paragraph = self.doc.add_paragraph(style=style)
        if align is not None:
            paragraph.alignment = align
        fmt_ = paragraph.paragraph_format
        fmt_.space_before, fmt_.space_after = Pt(before), Pt(after)
        if line_spacing:
            fmt_.line_spacing = line_spacing
        if text:
            self._run(paragraph, text, size=size, bold=bold, font=font)
        return paragraph

    def _heading(self, text: str, level: int) -> None:
        paragraph = self._paragraph(style=f"Heading {level}", before=12 if level == 1 else 8, after=6)
        self._run(paragraph, text, size=HEADING_PT if level == 1 else SUBHEADING_PT, font=HEADING_FONT)
        if self.first_heading:
            paragraph.paragraph_format.page_break_before = True
            self.first_heading = False

    # ------------------------------------------------------------------------------------- tables

    def _emit(self, grid: _Grid) -> None:
        for index, (rows, repeat, kept) in enumerate(grid.tables()):
            if index:
                self._spacer()  # Word joins two tables that touch; a 1 pt paragraph keeps them apart
            self._emit_table(rows, repeat, grid, kept)

    def _spacer(self) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.line_spacing = Pt(1)
        paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run().font.size = Pt(1)

    @staticmethod
    def _row_lines(cells: Sequence[_C], size: float) -> int:
        """About how many lines the tallest cell of a row prints."""
        tallest = 0
        for cell in cells:
            capacity = max(_capacity(cell.width, cell.size or size), 1.0)
            lines = sum(max(1, -(-int(_em(p.lead + p.text) + 2 * p.indent) // int(capacity))) for p in cell.paras)
            tallest = max(tallest, lines)
        return tallest

    def _emit_table(self, rows: list[list[_C]], repeat: int, grid: _Grid, kept: set[int]) -> Table:
        bounds = sorted({0} | {sum(c.width for c in row[: i + 1]) for row in rows for i in range(len(row))})
        column = {pos: index for index, pos in enumerate(bounds)}
        table = self.doc.add_table(rows=0, cols=len(bounds) - 1)
        table.style = self.doc.styles["Table Grid"]
        self._frame(table, bounds)
        tbl: CT_Tbl = table._tbl
        heights = [self._row_lines(cells, grid.size) for cells in rows]
        together = repeat > 0 and sum(heights) <= MAX_TOGETHER_LINES
        for number_, cells in enumerate(rows):
            tr = tbl.add_tr()
            if grid.keep_rows_whole or self._row_lines(cells, grid.size) <= MAX_WHOLE_ROW_LINES:
                tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            if number_ < repeat:  # the caption and header rows repeat on every page the table runs onto
                tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
            start = 0
            for spec in cells:
                end = start + spec.width
                tc = tr.add_tc()
                tc.width = Twips(spec.width)
                span = column[end] - column[start]
                if span > 1:
                    tc.grid_span = span
                if spec.vmerge:
                    tc.vMerge = spec.vmerge
                start = end
                if spec.vmerge != "continue":
                    self._fill(_Cell(tc, table), spec, grid.size)
            if (together or number_ in kept) and number_ < len(rows) - 1:  # keep-with-next: the rows move as one
                for p in tr.iter(qn("w:p")):
                    Paragraph(p, None).paragraph_format.keep_with_next = True
        return table

    def _frame(self, table: Table, bounds: list[int]) -> None:
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for index, col in enumerate(table.columns):
            col.width = Twips(bounds[index + 1] - bounds[index])
        width = table._tbl.tblPr.find(qn("w:tblW"))
        if width is not None:
            width.set(qn("w:type"), "dxa")
            width.set(qn("w:w"), str(bounds[-1]))

    def _fill(self, cell: _Cell, spec: _C, size: float) -> None:
        centred = spec.kind in {"label", "header", "centre", "caption"}
        # Short values sit in the middle of their row, as labels do; long text starts at the top.
        if centred or sum(len(p.lead) + len(p.text) for p in spec.paras) <= 120:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        for index, para in enumerate(spec.paras or [_P("")]):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            paragraph.style = self.table_text
            align = para.align or ("center" if centred else "left")
            if align != "left":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.RIGHT
            run_size = para.size or spec.size or size
            if para.indent:
                paragraph.paragraph_format.first_line_indent = Pt(2 * run_size)
            if para.left_cm:
                paragraph.paragraph_format.left_indent = Cm(para.left_cm)
            if spec.kind in {"header", "caption"}:  # never the last line of a page, parted from its rows
                paragraph.paragraph_format.keep_with_next = True
            bold = para.bold or spec.kind in {"header", "caption"}
            if para.lead:
                self._run(paragraph, para.lead, size=run_size, bold=True)
            if para.text:
                self._run(paragraph, para.text, size=run_size, bold=bold)

    # ------------------------------------------------------------------------------------- cover

    def _cover(self, section: SectionDef) -> None:
        data = _dict(self.answers.get(section.key))
        if self.title_meta.get("reference"):
            self._paragraph(f"编号：{self.title_meta['reference']}", align=WD_ALIGN_PARAGRAPH.RIGHT)
        title = self.form.title
        lines = [title[: -len("申报书")], "申报书"] if title.endswith("申报书") and len(title) > 3 else [title]
        for index, line in enumerate(lines):
            self._paragraph(
                line,
                size=TITLE_PT if index == 0 else TITLE_PT + 4,
                bold=True,
                font=HEADING_FONT,
                align=WD_ALIGN_PARAGRAPH.CENTER,
                before=96 if index == 0 else 18,
                line_spacing=1.2,
            )
        self._paragraph(before=72)
        table = self.doc.add_table(rows=0, cols=2)
        widths = [_tw(4.6), _tw(9.8)]
        self._frame(table, [0, widths[0], sum(widths)])
        for item in section.fields:
            row = table.add_row()
            label, value = row.cells
            label.width, value.width = Twips(widths[0]), Twips(widths[1])
            row.height = Cm(1.25)
            self._bottom_border(value)  # before w:vAlign, in the schema's order
            for cell in (label, value):
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            paragraph = label.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.DISTRIBUTE
            self._run(paragraph, f"{item.label}：", size=COVER_PT, font=HEADING_FONT)
            paragraph = value.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            text = self._cover_value(item, data)
            if text:
                self._run(paragraph, text, size=COVER_PT)
        # The issuer and date sit at the foot of the cover (its own first-page footer), as printed.
        footer = self.doc.sections[0].first_page_footer
        for index, line in enumerate(section.footer):
            paragraph = footer.paragraphs[0] if index == 0 else footer.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(6)
            self._run(paragraph, line, size=COVER_PT, bold=True, font=HEADING_FONT)
        footer.add_paragraph()

    def _title(self) -> None:
        if self.title_meta.get("reference"):
            self._paragraph(f"编号：{self.title_meta['reference']}", align=WD_ALIGN_PARAGRAPH.RIGHT)
        self._paragraph(self.form.title, size=HEADING_PT + 2, bold=True, font=HEADING_FONT,
                        align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=12, line_spacing=1.2)
        self.first_heading = False  # no page break: nothing precedes the first part

    def _cover_value(self, item: FieldDef, data: dict[str, Any]) -> str:
        if item.type == "computed":
            text = _text(self.computed.get(item.path))
        elif item.type == "group":
            value = _dict(data.get(item.key))
            separator = item.layout.separator if item.layout.style == "inline" else "  "
            text = separator.join(t for t in (_text(value.get(child.key)) for child in item.fields) if t)
        elif item.type == "date":
            text = _date(data.get(item.key))
        else:
            text = _text(data.get(item.key))
        if text and item.help.endswith("（盖章）") and not text.endswith("（盖章）"):
            text += "（盖章）"
        return text

    @staticmethod
    def _bottom_border(cell: _Cell) -> None:
        tcpr = cell._tc.get_or_add_tcPr()
        borders = OxmlElement("w:tcBorders")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "0"), ("w:color", "000000")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        tcpr.append(borders)

    # ------------------------------------------------------------------------------------- the parts

    def _part(self, section: SectionDef) -> None:
        if section.heading:
            self._heading(section.heading, 1)
        self._heading(section.label, 2 if section.heading or section.label[:1].isdigit() else 1)
        grid = _Grid()
        self._field_rows(grid, section.fields, _dict(self.answers.get(section.key)))
        self._emit(grid)

    def _field_rows(self, grid: _Grid, fields: tuple[FieldDef, ...], data: dict[str, Any]) -> None:
        index = 0
        inline = {f.detail_key for f in fields if f.detail_key}  # printed in their yes/no's row
        while index < len(fields):
            item = fields[index]
            value = data.get(item.key)
            if item.type == "file_list" or (item.type == "computed" and item.path in self.shown_beside) or item.key in inline:
                index += 1
                continue
            if item.type == "year_values" and item.layout.style == "year_table":
                run = [item]
                while (
                    index + len(run) < len(fields)
                    and fields[index + len(run)].type == "year_values"
                    and fields[index + len(run)].layout.style == "year_table"
                    and fields[index + len(run)].years == item.years
                ):
                    run.append(fields[index + len(run)])
                self._year_rows(grid, run, data)
                index += len(run)
                continue
            partner = fields[index + 1] if index + 1 < len(fields) else None
            if partner is not None and item.layout.beside_next:
                value_width = (TOTAL - LABEL - PAIR_LABEL) // 2
                right = TOTAL - LABEL - PAIR_LABEL - value_width
                below: list[FieldDef] = []
                while index + 2 + len(below) < len(fields) and fields[index + 2 + len(below)].layout.below_beside:
                    below.append(fields[index + 2 + len(below)])
                merge = "restart" if below else ""
                grid.add(
                    _C([_P(_label(item))], LABEL, "label", vmerge=merge),
                    _C(self._value(item, value, data, value_width), value_width, vmerge=merge),
                    _C([_P(_label(partner))], PAIR_LABEL, "label"),
                    _C(self._value(partner, data.get(partner.key), data, right), right),
                )
                for under in below:  # the left half continues the first field's cells, on the same page
                    grid.keep_with_next()
                    grid.add(
                        _C([], LABEL, "label", vmerge="continue"),
                        _C([], value_width, vmerge="continue"),
                        _C([_P(_label(under))], PAIR_LABEL, "label"),
                        _C(self._value(under, data.get(under.key), data, right), right),
                    )
                index += 2 + len(below)
                continue
            style = item.layout.style
            if item.type == "group" and style == "rows":
                self._field_rows(grid, item.fields, _dict(value))  # 依托单位: its parts are rows of their own
            elif item.type == "group" and style == "published_row":
                self._published_table(grid, item, _dict(value))
            elif item.type == "group" and style == "tables":
                self._labelled_tables(grid, item, _dict(value))
            elif item.type == "table" and style == "grid":
                self._data_table(grid, item, _rows(value), TOTAL)
            else:
                paras = self._value(item, value, data)
                while index + 1 < len(fields) and fields[index + 1].layout.with_previous:  # lines of one cell
                    index += 1
                    paras += self._value(fields[index], data.get(fields[index].key), data)
                grid.add(_C([_P(_label(item))], LABEL, "label"), _C(paras, TOTAL - LABEL))
            index += 1

    def _year_rows(self, grid: _Grid, items: list[FieldDef], data: dict[str, Any]) -> None:
        years = items[0].years
        widths = _split(TOTAL - LABEL, [1.0] * len(years))
        grid.add(_C([], LABEL, "label"), *(_C([_P(f"{y}年")], w, "header") for y, w in zip(years, widths, strict=True)))
        for item in items:
            values = _dict(data.get(item.key))
            unit = _unit(item)
            grid.add(
                _C([_P(_label(item))], LABEL, "label"),
                *(_C([_P(_amount(values.get(y), unit))], w, "centre") for y, w in zip(years, widths, strict=True)),
            )

    # ------------------------------------------------------------------------------------- one value

    def _value(self, item: FieldDef, value: Any, siblings: dict[str, Any], width: int = TOTAL - LABEL) -> list[_P]:
        kind = item.type
        paras: list[_P]
        if kind == "textarea":
            paras = _lines(value, indent=True)
        elif kind in _NUMBER_TYPES:
            paras = [_P(_amount(value, _unit(item)))]
        elif kind == "date":
            paras = [_P(_date(value))]
        elif kind == "year_month_range":
            span = _dict(value)
            start, end = _date(span.get("start")), _date(span.get("end"))
            paras = [_P(f"{start}至{end}" if start or end else "")]
        elif kind in _CHOICE_TYPES and item.layout.style == "value":
            paras = self._chosen(item, value, siblings)
        elif kind == "boolean" and item.detail_key:  # ☐否 ☐是，如是，具体为 (the text in its sibling field)
            paras = self._yes_no(item, {"answer": value, "detail": siblings.get(item.detail_key)})
        elif kind == "boolean":
            paras = [
                _P("  ".join(_ticks(("是", "否"), {"是"} if value is True else {"否"} if value is False else set())))
            ]
        elif kind == "choice":
            paras = _pack(self._choice_items(item, value), width, TABLE_PT)
        elif kind == "choice_with_other":
            paras = _pack(self._choice_items(item, value, siblings.get(item.other_key)), width, TABLE_PT)
        elif kind == "multi_choice":
            paras = self._multi_choice(item, value, siblings, width)
        elif kind == "yes_no_detail":
            paras = self._yes_no(item, value)
        elif kind == "year_pair":
            text = self._pair_text(item, value)
            head, colon, figures = text.partition("：")
            narrow = bool(colon) and _em(text) > _capacity(width, TABLE_PT)  # the figures on a line of their own
            paras = [_P(head + colon), _P(figures)] if narrow else [_P(text)]
        elif kind == "year_values":
            values = _dict(value)
            paras = [
                _P("；".join(f"{y}年：{_amount(values.get(y), _unit(item))}" for y in item.years if _text(values.get(y))))
            ]
        elif kind == "group":
            paras = self._group(item, _dict(value), width)
        elif kind == "table":  # inside a cell: a grid prints grouped (a Word table cannot sit in a cell)
            rows = _rows(value)
            paras = self._row_label_table(item, rows) if item.layout.style == "paragraphs" else self._grouped(item, rows)
        elif kind == "computed":
            paras = [_P(_amount(self.computed.get(item.path), _unit(item)))]
        else:
            paras = _lines(value)
        # Only what the applicant declared: the system's computed values and checks are the reviewers'
        # (the screen and render_review_annex), never notes inside the official document.
        paras = [p for p in paras if p.text or p.lead]
        return [_P(item.layout.intro), *paras] if item.layout.intro else paras

    def _chosen(self, item: FieldDef, value: Any, siblings: dict[str, Any]) -> list[_P]:
        """Only what was chosen, as text (layout ``value``): 放大熟化, 其他：振动冲击测试, 是."""
        other = _text(siblings.get(item.other_key)) if item.other_key else ""
        if item.type == "choice_with_other" and value == item.other_item and other:
            return [_P(f"{item.other_item}：{other}")]
        if item.type == "multi_choice" and isinstance(value, list):
            texts = []
            for choice in value:
                detail = next((d for d in item.details if d.item == choice), None)
                extra = _text(siblings.get(detail.key)).strip() if detail else ""
                texts.append(f"{_text(choice)}：{extra}" if extra else _text(choice))
            return [_P("、".join(t for t in texts if t))]
        return [_P(_text(value))]

    def _choice_items(self, item: FieldDef, value: Any, other: Any = None) -> list[str]:
        chosen = _text(value) if isinstance(value, str) else ""
        parts = []
        for choice in item.choices:
            box = CHECKED if choice == chosen else UNCHECKED
            if item.other_item and choice == item.other_item:
                other_text = _text(other)
                parts.append(f"{box}{choice}" + (f"：{other_text}" if other_text and choice == chosen else BLANK))
            else:
                parts.append(f"{box}{choice}")
        if chosen and chosen not in item.choices:
            parts.append(f"{CHECKED}{chosen}")
        return parts

    def _multi_choice(self, item: FieldDef, value: Any, siblings: dict[str, Any], width: int) -> list[_P]:
        chosen = {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()
        details = {d.item: d for d in item.details}

        def mark(choice: str) -> str:
            box = CHECKED if choice in chosen else UNCHECKED
            detail = details.get(choice)
            if detail is None:
                return f"{box}{choice}"
            text = _text(siblings.get(detail.key)).strip() if choice in chosen else ""
            if detail.label.startswith(choice):  # the blank is the item itself (其他 …)
                if text:
                    return f"{box}{choice}：{text}"
                return f"{box}{detail.label}" if detail.label != choice else f"{box}{choice}{BLANK}"
            separator = " " if detail.label.endswith("为") else "："
            return f"{box}{choice}，{detail.label}{separator}{text or BLANK}"

        paras: list[_P] = []
        if item.choice_groups:
            grouped: set[str] = set()
            for group in item.choice_groups:
                paras.append(_P(f"{group.name}：", bold=True))
                paras.extend(_pack([mark(c) for c in group.items], width, TABLE_PT))
                grouped.update(group.items)
            rest = [c for c in item.choices if c not in grouped]
            if rest:
                paras.extend(_pack([mark(c) for c in rest], width, TABLE_PT))
        else:
            inline: list[str] = []
            for choice in item.choices:
                if choice in details:
                    paras.extend(_pack(inline, width, TABLE_PT))
                    inline = []
                    paras.append(_P(mark(choice)))
                else:
                    inline.append(mark(choice))
            paras.extend(_pack(inline, width, TABLE_PT))
        unknown = [v for v in value if isinstance(v, str) and v not in item.choices] if isinstance(value, list) else []
        paras.extend(_pack([f"{CHECKED}{v}" for v in unknown], width, TABLE_PT))
        return paras

    def _yes_no(self, item: FieldDef, value: Any) -> list[_P]:
        data = _dict(value)
        answer = data.get("answer")
        yes, no = f"{CHECKED if answer is True else UNCHECKED}是", f"{CHECKED if answer is False else UNCHECKED}否"
        yes_first = "☐是" in item.help and "☐否" in item.help and item.help.index("☐是") < item.help.index("☐否")
        line = "  ".join((yes, no) if yes_first else (no, yes))
        detail = _text(data.get("detail")).strip()
        if answer is not True or not detail:  # the template's blank stays printed: ☑否 ☐是，如是，具体为____
            return [_P(f"{line}，如是，{item.detail_label}{BLANK}" if item.detail_label else line)]
        if item.detail_label and "\n" not in detail:
            return [_P(f"{line}，如是，{item.detail_label}：{detail}")]
        return [_P(f"{line}，如是，{item.detail_label}：" if item.detail_label else line), *_lines(detail, indent=True)]

    def _pair_text(self, item: FieldDef, value: Any) -> str:
        data = _dict(value)
        last, current = data.get("last_year"), data.get("current_year")
        if not _text(last) and not _text(current):
            return ""
        head = item.layout.caption or "上年度/申报当年度："
        if item.unit == "%":
            return f"{head}{_amount(last, '%')} / {_amount(current, '%')}"
        unit = f" {item.unit}" if item.unit else ""
        return f"{head}{_amount(last)} / {_amount(current)}{unit}"

    def _group(self, item: FieldDef, data: dict[str, Any], width: int = TOTAL - LABEL) -> list[_P]:
        children = item.fields
        texts = [_text(data.get(child.key)) for child in children]
        if not any(texts) and not any(isinstance(data.get(c.key), dict | list) and data.get(c.key) for c in children):
            return []
        if item.layout.style == "inline":  # 所在地: 湖北省 武汉市 武汉东湖新技术开发区
            return [_P(item.layout.separator.join(t for t in texts if t))]
        paras: list[_P] = []
        for child in children:
            value = data.get(child.key)
            if child.type == "table":
                paras.extend(self._value(child, value, data, width))
            elif child.type in {"textarea", "group", "multi_choice", "yes_no_detail"}:
                inner = self._value(child, value, data, width)
                paras.append(_P("", lead=f"{child.label}："))
                paras.extend(inner)
            else:
                inner = self._value(child, value, data, width)
                text = inner[0].text if inner else ""
                separator = _separator(child)
                paras.append(_P(f"{child.label}{separator}{text}"))
        return paras

    # ------------------------------------------------------------------------------------- tables of rows

    def _cell_paras(self, column: FieldDef, row: dict[str, Any]) -> list[_P]:
        value = row.get(column.key)
        if column.type in _NUMBER_TYPES:
            return [_P(_amount(value))]
        if column.type == "date":  # 2024-06-18: a narrow column keeps it on one line
            return [_P(_text(value))]
        if column.type == "choice_with_other" and value == column.other_item and _text(row.get(column.other_key)):
            return [_P(_text(row.get(column.other_key)))]
        return _lines(value)

    def _column_widths(self, table: FieldDef, total: int, count: int) -> list[int]:
        fixed = table.layout.widths_cm
        if fixed and len(fixed) == count:
            return _split(total, fixed)
        weights = [_TYPE_WEIGHT.get(c.type, 2.0) for c in table.columns]
        if table.numbered:
            return [NUMBER_COLUMN, *_split(total - NUMBER_COLUMN, weights)]
        return _split(total, weights)

    def _table_rows(self, table: FieldDef, rows: list[dict[str, Any]], total: int) -> list[list[_C]]:
        """The header row and data rows of a table field (序号 first when numbered), ``total`` twips wide."""
        count = len(table.columns) + (1 if table.numbered else 0)
        widths = self._column_widths(table, total, count)
        headers = (["序号"] if table.numbered else []) + [_header(c) for c in table.columns]
        out = [[_C([_P(h)], w, "header") for h, w in zip(headers, widths, strict=True)]]
        for number_, row in enumerate(rows or [{}], 1):
            cells = [_C([_P(str(number_) if rows else "")], widths[0], "centre")] if table.numbered else []
            offset = len(cells)
            for column, width in zip(table.columns, widths[offset:], strict=True):
                kind = "centre" if column.type in _CENTERED_TYPES else "value"
                cells.append(_C(self._cell_paras(column, row), width, kind))
            out.append(cells)
        return out

    def _data_table(self, grid: _Grid, item: FieldDef, rows: list[dict[str, Any]], total: int) -> None:
        grid.start_table()
        grid.add(_C([_P(_label(item))], total, "caption"))
        grid.mark_header()
        for index, cells in enumerate(self._table_rows(item, rows, total)):
            grid.add(*cells)
            if index == 0:
                grid.mark_header()
        grid.start_table()

    def _labelled_tables(self, grid: _Grid, item: FieldDef, data: dict[str, Any]) -> None:
        """A group holding tables (标准制定, 知识产权): its label down the left, its count and tables to the right."""
        right = TOTAL - LABEL
        blocks: list[list[_C]] = []
        intro = [c for c in item.fields if c.type != "table"]
        if intro:
            paras = self._group(
                FieldDef(key=item.key, label=item.label, type="group", path=item.path, fields=tuple(intro)), data
            )
            blocks.append([_C(paras, right)])
        for child in item.fields:
            if child.type != "table":
                continue
            if child.layout.style != "grid":
                blocks.append([_C(self._value(child, data.get(child.key), data, right), right)])
            else:
                blocks.extend(self._table_rows(child, _rows(data.get(child.key)), right))
        grid.start_table()  # its count and first header repeat on a new page (a second table's header cannot)
        first_header = next((i for i, cells in enumerate(blocks) if cells and cells[0].kind == "header"), -1)
        for index, cells in enumerate(blocks):
            if len(blocks) == 1:
                label = _C([_P(_label(item))], LABEL, "label")
            else:
                label = _C(
                    [_P(_label(item))] if index == 0 else [],
                    LABEL,
                    "label",
                    vmerge="restart" if index == 0 else "continue",
                )
            grid.add(label, *cells)
            if index <= first_header:
                grid.mark_header()
        grid.start_table()

    def _row_label_table(self, item: FieldDef, rows: list[dict[str, Any]]) -> list[_P]:
        """Rows printed as numbered paragraphs (项目 1：…, 成果 1：…, 案例 1：…)."""
        paras: list[_P] = []
        short = [c for c in item.columns if c.type != "textarea"]
        long = [c for c in item.columns if c.type == "textarea"]
        for number_, row in enumerate(rows, 1):
            lead = item.row_label.replace("{n}", str(number_))
            texts = [(c, _date(row.get(c.key)) if c.type == "date" else _amount(row.get(c.key), _unit(c))) for c in short]
            texts = [(c, t) for c, t in texts if t]
            head = texts[0][1] if texts else ""
            details = "；".join(f"{c.label}：{t}" for c, t in texts[1:])
            body = [p for c in long for p in _lines(row.get(c.key), indent=True)]
            if head or details:
                paras.append(_P(head + (f"（{details}）" if details else ""), lead=lead))
                paras.extend(body)
            elif body:
                paras.append(_P(body[0].text, lead=lead))
                paras.extend(body[1:])
            else:
                paras.append(_P("", lead=lead))
        return paras

    def _grouped(self, item: FieldDef, rows: list[dict[str, Any]]) -> list[_P]:
        """A table inside a cell (服务事项), as the template's example prints it: by its first column,
        ``1.放大熟化：`` / ``（1）湿敏材料：`` / one line per parameter."""
        if not item.columns:
            return []
        first, second, rest = item.columns[0], item.columns[1:2], item.columns[2:]
        groups: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            key = " ".join(p.text for p in self._cell_paras(first, row))
            groups.setdefault(key, []).append(row)
        paras: list[_P] = []
        for number_, (key, members) in enumerate(groups.items(), 1):
            paras.append(_P(f"{number_}.{key}" + ("：" if second else ""), bold=bool(second)))
            for index, row in enumerate(members, 1):
                if second:
                    name = " ".join(p.text for p in self._cell_paras(second[0], row))
                    paras.append(_P(f"（{index}）{name}" + ("：" if rest else "")))
                for column in rest:
                    for para in self._cell_paras(column, row):
                        pieces = [p for p in re.split(r"(?<=；)", para.text) if p.strip()]
                        paras.extend(_P(piece.strip()) for piece in pieces)
        return paras

    def _published_table(self, grid: _Grid, item: FieldDef, data: dict[str, Any]) -> None:
        """中试服务资源清单: its caption and notice, a header row and the one row that is published."""
        grid.start_table()
        grid.add(
            _C([_P(_label(item), bold=True), *([_P(item.help, size=SMALL_PT)] if item.help else [])], TOTAL, "caption")
        )
        columns = item.fields
        widths = _split(TOTAL, item.layout.widths_cm or [0.8] + [2.0] * len(columns))
        if len(widths) != len(columns) + 1:
            widths = [NUMBER_COLUMN, *_split(TOTAL - NUMBER_COLUMN, [2.0] * len(columns))]
        grid.mark_header()
        grid.add(
            *(_C([_P(h)], w, "header") for h, w in zip(["序号", *(c.label for c in columns)], widths, strict=True))
        )
        grid.mark_header()
        cells = [_C([_P("1")], widths[0], "centre")]
        for column, width in zip(columns, widths[1:], strict=True):
            value = data.get(column.key)
            if column.type == "computed":
                paras = [_P(_text(self.computed.get(column.path)))]
            elif column.type == "textarea":
                paras = _lines(value)
            elif column.type == "group":
                values = _dict(value)
                paras = [_P(_text(values.get(c.key))) for c in column.fields]
            else:
                paras = self._value(column, value, data)
            cells.append(_C([p for p in paras if p.text or p.lead], width, "value", size=TABLE_PT))
        grid.add(*cells)
        grid.start_table()

    # ------------------------------------------------------------------------------------- 四 and 五

    def _evidence(self, section: SectionDef) -> None:
        self._heading(section.label, 1)
        files: dict[str, list[str]] = {}
        for entry in self.evidence or []:
            if isinstance(entry, dict):
                files.setdefault(_text(entry.get("requirement_label")), []).append(_text(entry.get("name")))
        paras: list[_P] = []
        number_ = 0
        for item in section.fields:
            names = [n for n in files.pop(item.label, []) + files.pop(item.key, []) if n]
            caption, answered = self._evidence_caption(item)
            when = item.layout.print_when
            if when == "never" or (when == "answered" and not names and not answered):
                continue
            number_ += 1
            paras.append(_P(f"{number_}.{caption}", size=BODY_PT))
            paras.extend(_P(name, left_cm=0.74, size=TABLE_PT) for name in names)
        for label, names in files.items():  # files of a requirement this form does not name
            number_ += 1
            paras.append(_P(f"{number_}.{label or '其他'}", size=BODY_PT))
            paras.extend(_P(name, left_cm=0.74, size=TABLE_PT) for name in names if name)
        paras.extend(_P(line, size=BODY_PT) for line in _trailing_ellipses(section.printed))  # as printed: …
        grid = _Grid()
        grid.add(_C(paras, TOTAL))
        self._emit(grid)

    def _evidence_caption(self, item: FieldDef) -> tuple[str, bool]:
        """The printed caption of an evidence item ("{basic.host_honours}荣誉证书扫描件" → "高新技术企业荣誉证书
        扫描件") and whether its caption has a placeholder and every one of them is answered."""
        caption = item.layout.caption or item.label
        paths = CAPTION_PLACEHOLDER.findall(caption)
        texts = {path: self._answer_text(path) for path in paths}
        return CAPTION_PLACEHOLDER.sub(lambda m: texts[m.group(1)], caption), bool(paths) and all(texts.values())

    def _answer_text(self, path: str) -> str:
        """The answer at ``path`` as printed in a caption: a choice's name, the ticked items joined by 、 (an
        item whose blank names it, 其他, replaced by what was written in the blank)."""
        if not self.form.has_field(path):
            return ""
        item = self.form.field(path)
        parent = self.answers
        for key in path.split(".")[:-1]:
            parent = _dict(parent.get(key))
        value = parent.get(item.key)
        if isinstance(value, list):
            texts = []
            for choice in value:
                detail = next((d for d in item.details if d.item == choice and d.label.startswith(choice)), None)
                written = _text(parent.get(detail.key)).strip() if detail else ""
                texts.append(written or _text(choice))
            return "、".join(t for t in texts if t)
        return _text(value)

    def _declaration(self, section: SectionDef) -> None:
        self._heading(section.label, 1)
        data = _dict(self.answers.get(section.key))
        statement = section.statement
        for item in section.fields:
            if item.type == "boolean" and data.get(item.key) is True:
                statement = statement.replace(f"{UNCHECKED}是", f"{CHECKED}是", 1)
            elif item.type == "boolean" and data.get(item.key) is False:
                statement = statement.replace(f"{UNCHECKED}否", f"{CHECKED}否", 1)
        dates = {item.label: _date(data.get(item.key)) for item in section.fields if item.type == "date"}
        paras = [_P("")]
        paras.extend(_P(line.strip(), indent=True, size=BODY_PT) for line in statement.splitlines() if line.strip())
        paras.extend([_P("")] * 4)  # room for the seal
        for line in section.signature_block:
            name = line.split("：", 1)[0]
            text = f"{name}：{dates[name]}" if "：" in line and dates.get(name) else line
            paras.append(_P(text, left_cm=8.5, size=BODY_PT))
        paras.append(_P(""))
        grid = _Grid(keep_rows_whole=True)
        grid.add(_C(paras, TOTAL))
        self._emit(grid)

    def _instructions(self) -> None:
        if not self.form.instructions:
            return
        title = self._paragraph("填表说明：", size=BODY_PT, font=HEADING_FONT, before=12, after=3)
        title.paragraph_format.keep_with_next = True
        for instruction in self.form.instructions:
            paragraph = self._paragraph(f"{instruction.key}{instruction.text}", size=TABLE_PT, line_spacing=1.15)
            paragraph.paragraph_format.left_indent = Pt(TABLE_PT)
            paragraph.paragraph_format.first_line_indent = Pt(-TABLE_PT)


def _trailing_ellipses(printed: tuple[str, ...]) -> list[str]:
    """The "…" lines that end a printed list (附件2's 佐证材料清单 ends with three): the template's room for more."""
    lines: list[str] = []
    for line in reversed(printed):
        if line.strip() != "…":
            break
        lines.append(line.strip())
    return lines


def _separator(item: FieldDef) -> str:
    """What the template prints between a group's line label and its value: a colon only where it prints one
    ("资产总额         万元" and "…共计____项" have a blank after the label, "院士：____人" a colon)."""
    if item.printed:
        return "：" if item.printed[0].startswith(f"{item.label}：") else " "
    return " " if item.label.endswith("共计") else "："


def render_docx(
    form: FormDef,
    answers: dict[str, Any],
    *,
    computed: dict[str, Any] | None = None,
    evidence: list[dict[str, Any]] | None = None,
    title_meta: dict[str, str] | None = None,
) -> bytes:
    """The 申报书 as .docx bytes, laid out like the printed template of ``form``.

    ``answers`` is the application's JSON (missing parts print as empty cells); ``computed`` the values of
    ``compute_values(form, answers)`` (computed here when not given; only copies such as the cover's
    platform name print, never a check of a declared value); ``evidence`` the uploaded 佐证材料 as ``{"requirement_label", "name"}``, listed under their
    requirement in 四、佐证材料清单; ``title_meta`` sets the document properties (title, subject, author,
    keywords, comments, category, identifier) and, with ``reference``, prints ``编号：…`` on the cover.
    """
    if computed is None:
        computed = compute_values(form, answers if isinstance(answers, dict) else {})
    return _Renderer(form, answers, computed, evidence, dict(title_meta or {})).render()


# ---------------------------------------------------------------------------------------------- reviewers' annex

ANNEX_NOTICE = (
    "本附件由系统生成，列出系统计算值、前后一致性提示和申报条件核验结论，仅供审核部门审核时参考，"
    "不属于申报书，不随申报书报送或公开。"
)
_VERDICTS = {True: "符合", False: "不符合", None: "无法判断（数据缺失）"}


def _get(item: Any, key: str) -> Any:
    """An attribute of an Issue / ConditionResult, or the key of its dict form."""
    return item.get(key) if isinstance(item, dict) else getattr(item, key, None)


class _AnnexRenderer(_Renderer):
    """The reviewers' annex: what the system computed and checked, kept out of the official 申报书."""

    def __init__(
        self,
        form: FormDef,
        answers: dict[str, Any],
        computed: dict[str, Any],
        warnings: Sequence[Any],
        conditions: Sequence[Any],
        title_meta: dict[str, str],
    ) -> None:
        super().__init__(form, answers, computed, None, title_meta)
        self.warnings = warnings
        self.conditions = conditions

    def render(self) -> bytes:
        self.title_meta.setdefault("title", f"{self.form.title}审核附件")
        self._setup()
        if self.title_meta.get("reference"):
            self._paragraph(f"编号：{self.title_meta['reference']}", align=WD_ALIGN_PARAGRAPH.RIGHT)
        self._paragraph(f"{self.form.title}审核附件", size=HEADING_PT + 2, bold=True, font=HEADING_FONT,
                        align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=6, line_spacing=1.2)
        self._paragraph(ANNEX_NOTICE, size=TABLE_PT, after=6, line_spacing=1.15)
        self.first_heading = False
        grid = _Grid()
        for role, name in (("platform_name", "平台名称"), ("host_org_name", "依托单位")):
            text = _text(self.form.answer_for_role(self.answers, role)) if self.form.role_path(role) else ""
            if text:
                grid.add(_C([_P(name)], LABEL, "label"), _C([_P(text)], TOTAL - LABEL))
        self._emit(grid)
        self._computed_table()
        self._warnings_table()
        self._conditions_table()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def _table(self, heading: str, headers: Sequence[str], weights: Sequence[float], rows: list[list[str]]) -> None:
        self._heading(heading, 2)
        widths = _split(TOTAL, weights)
        grid = _Grid()
        grid.add(*(_C([_P(h)], w, "header") for h, w in zip(headers, widths, strict=True)))
        grid.mark_header()
        for row in rows or [["无"] + [""] * (len(headers) - 1)]:
            grid.add(*(_C([_P(line) for line in text.splitlines()] or [_P("")], w) for text, w in
                       zip(row, widths, strict=True)))
        self._emit(grid)

    def _computed_table(self) -> None:
        rows = []
        for path, pairs in _checks(self.form).items():
            declared_field = self.form.field(path)
            declared = self._answer(path)
            for key, target in pairs:
                if not self.form.has_field(target):
                    continue
                value = declared.get(key) if key and isinstance(declared, dict) else declared
                target_field = self.form.field(target)
                label = declared_field.label + (f"（{'上年度' if key == 'last_year' else '申报当年度'}）" if key else "")
                unit = target_field.unit or declared_field.unit
                computed = self.computed.get(target)
                rows.append([label, _amount(value, unit), _amount(computed, unit),
                             (target_field.help or _without_unit(target_field.label)).strip("（） ")])
        self._table("一、系统计算值", ["项目", "填报值", "系统计算值", "计算方法"], [3.2, 1.6, 1.6, 3.6], rows)

    def _answer(self, path: str) -> Any:
        node: Any = self.answers
        for key in path.split("."):
            node = _dict(node).get(key)
        return node

    def _warnings_table(self) -> None:
        rows = []
        for issue in self.warnings:
            path = _text(_get(issue, "path"))
            plain = re.sub(r"\[\d+\]", "", path)
            label = self.form.field(plain).label if self.form.has_field(plain) else path
            rows.append([label, _text(_get(issue, "message"))])
        self._table("二、前后一致性提示", ["位置", "提示"], [3.0, 7.0], rows)

    def _conditions_table(self) -> None:
        rows = []
        for result in self.conditions:
            passed = _get(result, "passed")
            rows.append([_text(_get(result, "clause")), _text(_get(result, "label")),
                         _VERDICTS.get(passed if passed in (True, False) else None, ""), _text(_get(result, "message"))])
        self._table("三、申报条件核验", ["条款", "条件", "结论", "说明"], [1.3, 3.6, 1.7, 3.4], rows)


def render_review_annex(
    form: FormDef,
    answers: dict[str, Any],
    *,
    computed: dict[str, Any] | None = None,
    warnings: Sequence[Any] = (),
    conditions: Sequence[Any] = (),
    title_meta: dict[str, str] | None = None,
) -> bytes:
    """The reviewers' annex to a 申报书 as .docx bytes: the values the system computed beside the declared
    ones they check, the consistency warnings (``Issue``s or their dicts) and the eligibility verdicts
    (``ConditionResult``s or their dicts). Offered to authorities only; the 申报书 itself carries none of it."""
    if computed is None:
        computed = compute_values(form, answers if isinstance(answers, dict) else {})
    return _AnnexRenderer(
        form, answers if isinstance(answers, dict) else {}, computed, warnings, conditions, dict(title_meta or {})
    ).render()
