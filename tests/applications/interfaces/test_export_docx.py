from __future__ import annotations

import copy
import io
import itertools
import json
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from zhongshi.applications.interfaces.export_docx import render_docx, render_review_annex
from zhongshi.calls.domain.conditions import ConditionResult
from zhongshi.formversions.domain.check_answers import Issue
from zhongshi.formversions.domain.formdef import load_form

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "hubei-2026-complete.json"
HEADINGS = [
    "一、制造业中试平台基本信息",
    "二、平台具体信息",
    "1.基础能力",
    "2.技术优势",
    "3.服务成效",
    "4.运行机制",
    "5.未来潜力",
    "三、其他情况",
    "四、佐证材料清单",
    "五、承诺声明",
]
EQUIPMENT_HEADER = [
    "序号",
    "名称",
    "型号",
    "数量",
    "品牌",
    "产地",
    "原值合计（万元）",
    "自主可控能力⑤",
    "其核心技术指标及在国内、国际的地位情况",
]


@pytest.fixture(scope="module")
def form():
    return load_form("hubei-2026")


@pytest.fixture(scope="module")
def answers():
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def docx_bytes(form, answers):
    return render_docx(form, answers)


@pytest.fixture(scope="module")
def document(docx_bytes):
    return Document(io.BytesIO(docx_bytes))


def cells(row):
    """The row's cells, a merged cell once (python-docx repeats it for every grid column it spans)."""
    seen, out = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell)
    return out


def texts(row):
    return [cell.text for cell in cells(row)]


def all_rows(document):
    return [(table, index, row) for table in document.tables for index, row in enumerate(table.rows)]


def row_labelled(document, label):
    """The texts of the one row whose first cell is ``label``."""
    found = [texts(row) for _t, _i, row in all_rows(document) if texts(row)[0] == label]
    assert len(found) == 1, (label, found)
    return found[0]


def every_text(document):
    out = [p.text for p in document.paragraphs]
    out += [cell.text for table in document.tables for row in table.rows for cell in cells(row)]
    for section in document.sections:
        for part in (section.footer, section.first_page_footer, section.header, section.first_page_header):
            out += [p.text for p in part.paragraphs]
    return out


def amount(value):
    return f"{value:,}"


def test_the_cover_table_prints_the_platform_and_its_applicant(document, answers):
    cover = document.tables[0]
    rows = {texts(row)[0]: texts(row)[1] for row in cover.rows}
    assert list(rows) == [
        "平台名称：",
        "所属行业领域：",
        "推荐单位：",
        "申报单位：",
        "联系人及电话：",
        "通讯地址：",
        "填报日期：",
    ]
    assert rows["平台名称："] == answers["basic"]["platform_name"] == "高速光电子器件封装测试中试平台"
    assert rows["所属行业领域："] == "光电子信息、激光"
    assert rows["推荐单位："] == "武汉市经济和信息化局（盖章）"
    assert rows["申报单位："] == "武汉光芯精密制造有限公司（盖章）"
    assert rows["联系人及电话："] == "周文静  027-87651235"
    assert rows["通讯地址："] == answers["cover"]["address"]
    assert rows["填报日期："] == "2026年1月20日"
    titles = [p.text for p in document.paragraphs[:3]]
    assert titles[:2] == ["湖北省制造业中试平台", "申报书"]
    footer = [p.text for p in document.sections[0].first_page_footer.paragraphs if p.text]
    assert footer == ["湖北省经济和信息化厅", "2026年1月"]


def test_the_section_headings_follow_the_template_in_order(document):
    paragraphs = [p.text for p in document.paragraphs]
    positions = [paragraphs.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    assert [p.text for p in document.paragraphs if p.style.name.startswith("Heading")] == HEADINGS
    assert paragraphs.index("湖北省制造业中试平台") < positions[0]
    assert paragraphs.index("填表说明：") > positions[-1]
    instructions = paragraphs[paragraphs.index("填表说明：") + 1 :]
    assert [text[0] for text in instructions] == list("①②③④⑤⑥⑦⑧⑨")
    assert instructions[4].startswith("⑤自主可控能力分为 L1~L4 共 4 个等级。")


def test_the_equipment_table_has_the_template_header_and_one_row_per_item(document, answers):
    equipment = answers["foundation"]["equipment"]
    matches = [(table, index) for table, index, row in all_rows(document) if texts(row) == EQUIPMENT_HEADER]
    assert len(matches) == 1
    table, header = matches[0]
    assert texts(table.rows[header - 1]) == ["中试平台软硬件（装备、仪器、软件、配套公辅设施等）要素表"]
    for number, item in enumerate(equipment, 1):
        assert texts(table.rows[header + number]) == [
            str(number),
            item["name"],
            item["model"],
            str(item["quantity"]),
            item["brand"],
            item["origin"],
            amount(item["value_wan"]),
            item["autonomy_level"],
            item["core_indicators"],
        ]
    # the table is a Word table of its own: its caption and header repeat on every page it runs onto
    assert len(table.rows) == header + len(equipment) + 1
    assert [repeats(row) for row in table.rows[: header + 2]] == [True, True, False]
    assert row_labelled(document, "中试设备自主可控率（%）") == ["中试设备自主可控率（%）", "50"]


def repeats(row):
    return row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None


def whole(row):
    return row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_the_document_carries_no_system_notes_only_what_was_declared(document, docx_bytes):
    assert row_labelled(document, "中试设备设施（原值）") == ["中试设备设施（原值）", "3,280 万元"]
    # one row with the template's two numbered lines (the figures of the long one on a line of their own)
    assert row_labelled(document, "中试服务收入") == [
        "中试服务收入",
        ("1.上年度/申报当年度中试服务收入：860 / 138 万元\n"
        "2.上年度/申报当年度中试服务收入占依托单位主营业务收入总额的比例：\n5% / 5.1%"),
    ]
    assert not [row for _t, _i, row in all_rows(document) if texts(row)[0].startswith("中试服务收入占")]
    assert not [text for text in every_text(document) if "系统计算" in text or "填报 " in text]
    assert "系统计算".encode() not in zipfile.ZipFile(io.BytesIO(docx_bytes)).read("word/document.xml")


def test_a_unit_named_by_the_label_is_not_repeated_after_the_value(document):
    assert row_labelled(document, "总投资（万元）") == ["总投资（万元）", "8,600", "已完成投资（万元）", "8,600"]
    assert row_labelled(document, "平台关键试验设备联网率（%）")[1] == "86.5"
    for _t, _i, row in all_rows(document):
        cells_ = texts(row)
        for label, value in itertools.pairwise(cells_):
            unit = re.search(r"（(万元|%|人|天|条|平方米)）$", label)
            assert not (unit and unit.group(1) in value), (label, value)


def test_header_rows_repeat_and_rows_stay_whole_across_pages(document):
    headers = [
        EQUIPMENT_HEADER,
        ["序号", "项目名称", "实施周期（天）", "服务企业名称", "是否为中小企业"],
        ["序号", "平台名称", "依托单位", "所属行业领域", "现有基础", "服务事项", "联系人及电话"],
        ["标准制定", "序号", "标准名称（标准号）", "类型（国际/国家/行业/团体/地方/企业标准）", "牵头/参与", "发布日期"],
        ["知识产权", "序号", "专利名称", "授权日期"],
    ]
    for header in headers:
        found = [(table, index) for table, index, row in all_rows(document) if texts(row) == header]
        assert len(found) == 1, header
        table, index = found[0]
        # every row from the table's first down to its header repeats at the top of a new page, no other
        assert [repeats(row) for row in table.rows] == [n <= index for n in range(len(table.rows))], header
    assert sum(1 for table in document.tables for row in table.rows if repeats(row)) == 2 * len(headers)
    # rows never break across pages, except rows holding a long text (one that may fill most of a page)
    rows = [row for table in document.tables[1:] for row in table.rows]
    assert [texts(row) for row in rows if not whole(row) and max(len(t) for t in texts(row)) < 300] == []
    assert sum(1 for row in rows if whole(row)) > 0.9 * len(rows)
    # no orphan lines: widow control, headings and table captions kept with what follows
    normal = document.styles["Normal"].paragraph_format
    assert normal.widow_control is True
    assert all(document.styles[f"Heading {n}"].paragraph_format.keep_with_next for n in (1, 2))
    caption = next(cell for _t, _i, row in all_rows(document) for cell in cells(row)
                   if cell.text == "中试平台软硬件（装备、仪器、软件、配套公辅设施等）要素表")
    assert caption.paragraphs[0].paragraph_format.keep_with_next is True


def test_only_the_chosen_clusters_are_ticked_in_their_three_tiers(document, form, answers):
    cell = row_labelled(document, "所属行业领域")[1]
    chosen = answers["basic"]["industry_clusters"]
    assert re.findall(r"☑(\S+)", cell) == chosen
    unticked = re.findall(r"☐(\S+)", cell)
    assert sorted(unticked + chosen) == sorted(form.field("basic.industry_clusters").choices)
    assert len(unticked) == 35 - len(chosen)
    lines = cell.split("\n")
    tiers = [line for line in lines if line.endswith("产业集群：")]
    assert tiers == ["5个万亿级产业集群：", "10个5000亿级产业集群：", "20个千亿级产业集群："]
    # no item is broken across two lines: every line holds whole items
    assert all(re.fullmatch(r"([☐☑]\S+)(  [☐☑]\S+)*", line) for line in lines if line not in tiers)


def test_checkbox_questions_tick_the_answer(document):
    assert row_labelled(document, "单位类型")[1] == "☐高校  ☐科研机构  ☐央企  ☐国企  ☑民企  ☐其他________"
    progress = row_labelled(document, "建设进度")
    assert progress[:2] == ["建设进度", "☑建成  ☐在建"]
    assert progress[2:] == ["建设周期起止时间", "2022年3月至2025年6月"]
    mode = row_labelled(document, "建设模式②")
    assert mode[1].split("\n") == ["☐政府投资型", "☑企业投资型", "☐高校院所投资型"]
    honours = row_labelled(document, "依托单位资质荣誉")[1].split("\n")
    assert honours[0] == "☐国家科技创新平台基地，具体名称为 ________"
    assert "☑专精特新“小巨人”企业" in honours[2]
    assert honours[-1] == "☑其他：湖北省企业技术中心"
    violations = [row for _t, _i, row in all_rows(document) if texts(row)[0].startswith("依托单位近 3 年")]
    assert texts(violations[0])[0].endswith("违法、违规问题④")
    assert texts(violations[0])[1] == "☑否  ☐是，如是，具体为________"
    public = row_labelled(document, "是否具备公共属性")[1].split("\n")
    assert public[0] == "☑是  ☐否"
    assert public[1].startswith("平台具备公共属性")
    location = row_labelled(document, "区位优势")[1].split("\n")
    assert location[0] == "平台是否位于以下区域："
    assert location[1] == "☑国家高新技术产业开发区，名称：武汉东湖新技术开发区"
    assert location[2] == "☐国家级经济技术开发区，名称：________"
    difficulties = row_labelled(document, "平台存在的主要困难")[1]
    assert re.findall(r"☑(\S+)", difficulties) == ["资金困难", "人才短缺", "中试标准缺失"]


def test_year_values_and_year_pairs(document):
    years = [texts(row) for _t, _i, row in all_rows(document) if texts(row)[1:] == ["2025年", "2024年", "2023年"]]
    assert years == [["", "2025年", "2024年", "2023年"]]
    assert row_labelled(document, "近三年主营业务收入（万元）") == [
        "近三年主营业务收入（万元）",
        "17,200",
        "15,360",
        "13,480",
    ]
    assert row_labelled(document, "营业利润（万元）") == ["营业利润（万元）", "1,890", "1,620", "1,310"]
    assert row_labelled(document, "中试线年平均运行天数") == ["中试线年平均运行天数", "上年度/申报当年度：292 / 16 天"]
    assert row_labelled(document, "依托单位上年度运营情况")[1] == "资产总额 42,600 万元"  # as printed: no colon


def test_the_other_tables_are_word_tables_with_numbered_rows(document, answers):
    standards = [
        (t, i)
        for t, i, row in all_rows(document)
        if texts(row)[1:]
        == ["序号", "标准名称（标准号）", "类型（国际/国家/行业/团体/地方/企业标准）", "牵头/参与", "发布日期"]
    ]
    table, header = standards[0]
    assert texts(table.rows[header - 1]) == ["标准制定", "依托单位牵头或参与发布中试相关标准共计 3 项"]
    assert texts(table.rows[header + 1]) == [
        "标准制定",
        "1",
        "光通信器件自动耦合封装工艺规范（T/HBOE 012-2024）",
        "团体标准",
        "牵头",
        "2024-06-18",
    ]
    projects = [
        (t, i)
        for t, i, row in all_rows(document)
        if texts(row) == ["序号", "项目名称", "实施周期（天）", "服务企业名称", "是否为中小企业"]
    ]
    table, header = projects[0]
    rows = answers["service"]["service_projects"]
    assert [texts(table.rows[header + n]) for n in range(1, len(rows) + 1)] == [
        [str(n), row["name"], str(row["duration_days"]), row["enterprise_name"], "是" if row["is_sme"] else "否"]
        for n, row in enumerate(rows, 1)
    ]
    resources = [
        (t, i)
        for t, i, row in all_rows(document)
        if texts(row) == ["序号", "平台名称", "依托单位", "所属行业领域", "现有基础", "服务事项", "联系人及电话"]
    ]
    table, header = resources[0]
    row = texts(table.rows[header + 1])
    assert row[:4] == ["1", "高速光电子器件封装测试中试平台", "武汉光芯精密制造有限公司", "光电子信息、激光"]
    assert row[4] == answers["service"]["service_resource_list"]["existing_base"]
    assert row[5].split("\n")[:3] == ["1.工艺改进：", "（1）高速光通信激光器芯片及光器件：", "共晶贴片精度：±1.5微米；"]
    assert "4.可靠性试验：" in row[5].split("\n")
    assert row[6] == "王海涛\n027-87651236"
    cases = row_labelled(document, "典型案例")[1].split("\n")
    assert cases[0] == (
        "案例 1：100G EML激光器芯片封装工艺验证（合同额：186 万元；服务周期：2025年2月至2025年6月；"
        "服务单位名称：武汉芯耀光电科技有限公司）"
    )


def test_the_declaration_ticks_the_consent_and_keeps_the_signature_block(form, answers, document):
    def declaration(doc):
        found = [cell.text for _t, _i, row in all_rows(doc) for cell in cells(row) if "同意依据此材料" in cell.text]
        assert len(found) == 1
        return found[0]

    text = declaration(document)
    assert "我单位 (☑是  ☐否）同意依据此材料参与工业和信息化部重点培育中试平台遴选。" in text
    lines = [line for line in text.split("\n") if line]
    assert lines[-3:] == ["依托单位（公章）", "法人签字：", "日期：2026年1月20日"]
    refused = copy.deepcopy(answers)
    refused["declaration"] = {"consent_miit_selection": False}
    text = declaration(Document(io.BytesIO(render_docx(form, refused))))
    assert "我单位 (☐是  ☑否）同意" in text
    assert text.rstrip().endswith("日期：     年    月    日")


def test_the_evidence_list_names_each_requirement_and_its_files(form, answers, document):
    def evidence_text(doc):
        table = [t for t in doc.tables if t.rows[0].cells[0].text.startswith("1.信用中国查询结果")]
        return table[0].rows[0].cells[0].text.split("\n")

    # as 附件2 lists them, "XX 荣誉证书" named by the honours ticked (其他 by what was written in its blank);
    # the scans of this document itself (its stamped declaration and pages) are uploaded, not listed in it
    assert evidence_text(document) == [
        "1.信用中国查询结果",
        "2.专精特新“小巨人”企业、高新技术企业、瞪羚企业、湖北省企业技术中心荣誉证书扫描件",
        "3.中试服务证明",
        "…",
        "…",
        "…",
    ]
    evidence = [
        {"requirement_label": "荣誉证书扫描件", "name": "高新技术企业证书.pdf"},
        {"requirement_label": "信用中国查询结果", "name": "信用中国.pdf"},
        {"requirement_label": "荣誉证书扫描件", "name": "小巨人证书.pdf"},
        {"requirement_label": "骑缝处加盖依托单位公章的申报书扫描件", "name": "申报书盖章扫描件.pdf"},
        {"requirement_label": "承诺声明（加盖依托单位公章、法人手写签字）扫描件", "name": "承诺声明.pdf"},
        {"requirement_label": "其他佐证材料", "name": "用户评价.pdf"},
    ]
    lines = evidence_text(Document(io.BytesIO(render_docx(form, answers, evidence=evidence))))
    assert lines == [
        "1.信用中国查询结果",
        "信用中国.pdf",
        "2.专精特新“小巨人”企业、高新技术企业、瞪羚企业、湖北省企业技术中心荣誉证书扫描件",
        "高新技术企业证书.pdf",
        "小巨人证书.pdf",
        "3.中试服务证明",
        "4.其他佐证材料",
        "用户评价.pdf",
        "…",
        "…",
        "…",
    ]
    plain = copy.deepcopy(answers)
    plain["basic"]["host_honours"] = []
    assert evidence_text(Document(io.BytesIO(render_docx(form, plain)))) == [
        "1.信用中国查询结果", "2.中试服务证明", "…", "…", "…"]


def test_fonts_sizes_and_page(document):
    intro = row_labelled(document, "平台介绍")
    assert intro[1].startswith("高速光电子器件封装测试中试平台由")
    cell = next(c for _t, _i, row in all_rows(document) for c in cells(row) if c.text == intro[1])
    run = cell.paragraphs[0].runs[0]
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    assert run._element.rPr.rFonts.get(qn("w:ascii")) == "仿宋"
    assert run.font.size == Pt(10.5)
    heading = next(p for p in document.paragraphs if p.text == HEADINGS[0])
    assert heading.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert heading.runs[0].font.size == Pt(16)
    title = document.paragraphs[0].runs[0]
    assert title.font.size == Pt(22)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    assert {round(m.cm, 2) for m in (section.left_margin, section.right_margin, section.top_margin)} == {2.5}
    assert all(table.style.name == "Table Grid" for table in document.tables[1:])


def test_no_missing_value_prints_as_none(document, docx_bytes):
    assert not [text for text in every_text(document) if "None" in text]
    assert b"None" not in zipfile.ZipFile(io.BytesIO(docx_bytes)).read("word/document.xml")


def test_an_empty_application_renders_the_blank_form(form):
    data = render_docx(form, {"form": "hubei-2026"})
    document = Document(io.BytesIO(data))
    everything = every_text(document)
    assert not [text for text in everything if "None" in text]
    assert b"None" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert [p.text for p in document.paragraphs if p.style.name.startswith("Heading")] == HEADINGS
    assert not [text for text in everything if "☑" in text]
    assert not [text for text in everything if "系统计算" in text]
    cover = {texts(row)[0]: texts(row)[1] for row in document.tables[0].rows}
    assert set(cover.values()) == {""}
    assert row_labelled(document, "平台名称①") == ["平台名称①", ""]
    assert len(re.findall("☐", row_labelled(document, "所属行业领域")[1])) == 35
    assert row_labelled(document, "中试设备自主可控率（%）") == ["中试设备自主可控率（%）", ""]
    assert [texts(row) for _t, _i, row in all_rows(document) if texts(row) == EQUIPMENT_HEADER]


def test_values_of_the_wrong_type_do_not_stop_the_export(form):
    answers = {
        "form": "hubei-2026",
        "basic": {
            "platform_name": 12,
            "industry_clusters": "光电子信息",
            "main_revenue_wan": [1, 2],
            "violations_last_3_years": True,
            "host_org": "x",
            "introduction": "第一段\x0b\n\n第二段",
        },
        "foundation": {
            "equipment": [None, {"name": "设备", "quantity": "两台", "value_wan": None}],
            "line_operating_days": {"last_year": 300},
        },
        "service": {"service_resource_list": {"service_items": "x"}},
        "declaration": {"consent_miit_selection": "yes"},
    }
    document = Document(io.BytesIO(render_docx(form, answers)))
    assert not [text for text in every_text(document) if "None" in text]
    assert row_labelled(document, "平台介绍")[1] == "第一段\n第二段"
    assert row_labelled(document, "中试线年平均运行天数")[1] == "上年度/申报当年度：300 /  天"


def test_title_meta_sets_the_document_properties(form, answers):
    document = Document(
        io.BytesIO(render_docx(form, answers, title_meta={"title": "申报书 42", "reference": "HB-2026-042"}))
    )
    assert document.core_properties.title == "申报书 42"
    assert document.paragraphs[0].text == "编号：HB-2026-042"


def test_the_example_docx_is_what_the_renderer_prints_today(docx_bytes):
    """examples/hubei-2026-complete.docx is the example's print-out: every part but the dates of the document
    properties is byte-identical to a fresh rendering (regenerate with scripts/make_example_docx.py when a
    change to the example, the form or the renderer legitimately changes it)."""
    stored = zipfile.ZipFile(EXAMPLE.with_suffix(".docx"))
    fresh = zipfile.ZipFile(io.BytesIO(docx_bytes))
    assert sorted(stored.namelist()) == sorted(fresh.namelist())
    changed = [name for name in fresh.namelist()
               if name != "docProps/core.xml" and stored.read(name) != fresh.read(name)]
    assert changed == [], "run scripts/make_example_docx.py"


def test_a_violation_declared_prints_its_details_after_the_template_words(form, answers):
    declared = copy.deepcopy(answers)
    declared["basic"]["violations_last_3_years"] = True
    declared["basic"]["violations_detail"] = "2024年3月一般质量事故一起，已整改"
    document = Document(io.BytesIO(render_docx(form, declared)))
    row = next(texts(r) for _t, _i, r in all_rows(document) if texts(r)[0].startswith("依托单位近 3 年"))
    assert row[1] == "☐否  ☑是，如是，具体为：2024年3月一般质量事故一起，已整改"


def test_the_reviewers_annex_lists_computed_values_warnings_and_verdicts(form, answers):
    changed = copy.deepcopy(answers)
    changed["foundation"]["equipment_value_wan"] = 3300
    warnings = [Issue("foundation.equipment_value_wan", "inconsistent", "与要素表原值合计 3,280 万元不一致")]
    conditions = [
        ConditionResult("equipment_value", "一（一）", "中试设备原值不低于 1,000 万元", True, "3,300 万元"),
        ConditionResult("service_revenue", "一（二）", "中试服务收入不低于 500 万元", None, "未填写"),
    ]
    data = render_review_annex(form, changed, warnings=warnings, conditions=conditions)
    document = Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs if p.text]
    assert paragraphs[:2] == ["湖北省制造业中试平台申报书审核附件", paragraphs[1]]
    assert "不属于申报书" in paragraphs[1]
    assert paragraphs[2:] == ["一、系统计算值", "二、前后一致性提示", "三、申报条件核验"]
    rows = [texts(row) for _t, _i, row in all_rows(document)]
    assert rows[:2] == [["平台名称", "高速光电子器件封装测试中试平台"], ["依托单位", "武汉光芯精密制造有限公司"]]
    assert ["中试设备设施（原值）", "3,300 万元", "3,280 万元", "要素表各行“原值合计（万元）”之和"] in rows
    assert ["中试设备自主可控率（%）", "50%", "50%",
            "自主可控能力达到完全自主可控的软硬件设备数/总软硬件设备数"] in rows
    assert ["中试设备设施（原值）", "与要素表原值合计 3,280 万元不一致"] in rows
    assert rows[-3:] == [
        ["条款", "条件", "结论", "说明"],
        ["一（一）", "中试设备原值不低于 1,000 万元", "符合", "3,300 万元"],
        ["一（二）", "中试服务收入不低于 500 万元", "无法判断（数据缺失）", "未填写"],
    ]
    headers = [row for table in document.tables for row in table.rows if repeats(row)]
    assert [texts(row)[0] for row in headers] == ["项目", "位置", "条款"]
    empty = Document(io.BytesIO(render_review_annex(form, answers)))
    assert [texts(row) for _t, _i, row in all_rows(empty)][-2:] == [["条款", "条件", "结论", "说明"],
                                                                   ["无", "", "", ""]]


def test_the_staff_counts_stack_beside_the_total_as_printed(document):
    rows = [row for _t, _i, row in all_rows(document) if texts(row)[0] == "平台专职人员总数"]
    assert [texts(row)[1:] for row in rows] == [
        ["46 人", "平台专职院士、首席专家、领军人才、卓越工程师等高水平人才数量",
         "院士：0 人\n首席专家：2 人\n领军人才：3 人\n卓越工程师：5 人\n其他：4 人"],
        ["46 人", "具有副高级及以上专业技术职称的人数", "15 人"],
        ["46 人", "硕士及以上人数", "24 人"],
    ]
    # one label and one value down the left, merged over the three rows
    assert [[tc.vMerge for tc in row._tr.tc_lst[:2]] for row in rows] == [
        ["restart", "restart"], ["continue", "continue"], ["continue", "continue"]
    ]


def test_counts_and_their_lists_share_one_cell_as_printed(document):
    achievements = row_labelled(document, "国家级或省部级重大自主创新成果中试验证的数量")[1].split("\n")
    assert achievements[0] == "上年度/申报当年度数量：2 / 1 项"
    assert achievements[1] == "成果 1：高速光模块多通道自动耦合封装技术"
    verifications = row_labelled(document, "开展国产设备、材料、软件、工艺验证次数")[1].split("\n")
    assert verifications[0] == "上年度/申报当年度数量：12 / 3 次"
    assert verifications[1].startswith("2025年，平台开展国产设备、材料、软件、工艺验证12次")
    difficulties = row_labelled(document, "平台存在的主要困难")[1].split("\n")
    assert difficulties[-1].startswith("一是资金困难。")  # the explanation under the ticks, as printed
    labels = [texts(row)[0] for _t, _i, row in all_rows(document)]
    assert "主要困难简要说明及针对性政策支持建议" not in labels
    assert "国家级或省部级重大自主创新成果" not in labels
    assert "国产设备、材料、软件、工艺验证情况" not in labels
