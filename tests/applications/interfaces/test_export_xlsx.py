from __future__ import annotations

import io
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests import factories
from zhongshi.applications.interfaces.export_pdf import convert_to_pdf
from zhongshi.applications.interfaces.export_xlsx import (
    DEFAULT_SUMMARY_COLUMNS,
    SheetRow,
    columns_for,
    render_list_sheet,
    render_summary_sheet,
    service_revenue_ratio,
    sheet_row,
)

DEFAULT_LABELS = [
    "序号",
    "平台名称",
    "依托单位",
    "统一社会信用代码",
    "所在地",
    "所属行业领域",
    "建设模式",
    "单位类型",
    "中试设备设施原值（万元）",
    "专职人员数",
    "上年度中试服务收入（万元）",
    "占主营业务收入比例",
    "服务企业数量",
    "推荐意见",
    "联系人及电话",
]
CALL_TITLE = "湖北省第二批省级制造业中试平台"
# Short enough to stay on one line of the PDF, so that pdftotext -layout prints each name in one piece.
NAMES = ["光器件封装中试平台", "动力电池中试平台", "制剂工艺放大中试平台"]
CODES = ["91420100MA4KQ7T8XT", "91420100MA4KQ7T9XU", "91420100MA4KQ7TAXV"]
OPINIONS = ["同意推荐。", "材料齐全，同意推荐。", "基础条件较好，建议支持。"]
PNG_DIR = Path("/tmp/zhongshi-xlsx")


def three_rows() -> list[SheetRow]:
    rows = []
    for i, (name, code, opinion) in enumerate(zip(NAMES, CODES, OPINIONS, strict=True)):
        answers = factories.example_answers()
        answers["basic"]["platform_name"] = name
        answers["basic"]["host_org"]["name"] = f"示例依托单位{i + 1}有限公司"
        answers["basic"]["host_org"]["credit_code"] = code
        answers["foundation"]["fulltime_staff"] = 46 + i
        answers["service"]["enterprises_served"]["last_year"] = 5 + i
        rows.append(
            SheetRow(
                answers=answers,
                host_org_name=f"示例依托单位{i + 1}有限公司",
                credit_code=code,
                location="湖北省武汉市东湖新技术开发区",
                opinion=opinion,
            )
        )
    return rows


def summary(rows: list[SheetRow] | None = None, **kwargs) -> bytes:
    return render_summary_sheet(
        title="推荐汇总表",
        authority="武汉市经济和信息化局",
        call_title=CALL_TITLE,
        rows=three_rows() if rows is None else rows,
        generated_at=datetime(2026, 1, 28, 9, 30),
        **kwargs,
    )


def test_the_summary_sheet_has_the_title_the_default_header_and_one_row_per_application():
    workbook = load_workbook(io.BytesIO(summary()))
    assert workbook.sheetnames == ["推荐汇总表"]
    ws = workbook["推荐汇总表"]
    assert ws["A1"].value == f"{CALL_TITLE}推荐汇总表"
    assert ws["A2"].value == "推荐单位（盖章）：武汉市经济和信息化局    填报日期：2026年1月28日"
    assert [c.value for c in ws[3]] == DEFAULT_LABELS
    assert [c.label for c in columns_for(None)] == DEFAULT_LABELS == [c.label for c in columns_for([])]
    assert [c.key for c in columns_for(None)] == DEFAULT_SUMMARY_COLUMNS
    assert ws.max_row == 6
    for i, row in enumerate(ws.iter_rows(min_row=4, max_row=6)):
        values = {label: cell.value for label, cell in zip(DEFAULT_LABELS, row, strict=True)}
        assert values["序号"] == i + 1
        assert values["平台名称"] == NAMES[i]
        assert values["依托单位"] == f"示例依托单位{i + 1}有限公司"
        assert values["统一社会信用代码"] == CODES[i]
        assert values["所在地"] == "湖北省武汉市东湖新技术开发区"
        assert values["所属行业领域"] == "光电子信息、激光"
        assert values["建设模式"] == "企业投资型"
        assert values["单位类型"] == "民企"
        assert values["中试设备设施原值（万元）"] == 3280
        assert values["专职人员数"] == 46 + i
        assert values["上年度中试服务收入（万元）"] == 860
        assert values["占主营业务收入比例"] == 5.0  # 860 ÷ 17,200 × 100, a number in percent
        assert values["服务企业数量"] == 5 + i
        assert values["推荐意见"] == OPINIONS[i]
        assert values["联系人及电话"] == "周文静\n027-87651235"
        assert row[8].number_format == "#,##0.00"
        assert row[11].number_format == '0.00"%"'
        assert row[9].number_format == "#,##0"


def test_the_summary_sheet_prints_like_a_government_table():
    ws = load_workbook(io.BytesIO(summary()))["推荐汇总表"]
    assert "A1:O1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$3:$3"
    assert "&P" in ws.oddFooter.center.text
    header = ws["B3"]
    assert header.font.b and header.alignment.wrap_text and header.fill.fgColor.rgb == "FFDDEBF7"
    for row in ws.iter_rows(min_row=3, max_row=6):
        for cell in row:
            assert cell.border.left.style == cell.border.bottom.style == "thin"
            assert cell.font.name == "宋体" and cell.font.sz == 11
            assert cell.alignment.wrap_text
    assert ws.column_dimensions["B"].width >= 15


def test_the_declared_percentage_is_the_fallback_and_the_order_can_be_given():
    answers = factories.example_answers()
    answers["basic"]["main_revenue_wan"]["2025"] = None
    assert service_revenue_ratio(answers) == 5.0  # the declared one
    answers["service"]["service_revenue_ratio_pct"]["last_year"] = None
    assert service_revenue_ratio(answers) is None
    rows = [SheetRow(answers=answers, order=7, opinion="=1+1")]
    ws = load_workbook(io.BytesIO(summary(rows)))["推荐汇总表"]
    assert ws["A4"].value == 7
    assert ws["L4"].value is None
    assert ws["N4"].value == "=1+1" and ws["N4"].data_type == "s"  # text, never a formula


def test_a_custom_column_list_and_an_unknown_key():
    columns = columns_for(["platform_name", "service_revenue_ratio", "status", "eligibility", "warnings"])
    rows = [SheetRow(answers=factories.example_answers(), status_label="审核中", eligibility_label="符合", warnings=2)]
    ws = load_workbook(io.BytesIO(summary(rows, columns=columns)))["推荐汇总表"]
    assert [c.value for c in ws[3]] == ["平台名称", "占主营业务收入比例", "状态", "申报条件", "一致性提醒"]
    assert [c.value for c in ws[4]] == ["高速光电子器件封装测试中试平台", 5.0, "审核中", "符合", 2]
    with pytest.raises(ValueError, match="no_such_column"):
        columns_for(["platform_name", "no_such_column"])


def test_the_list_sheet_has_an_auto_filter_on_its_header():
    columns = columns_for(["order", "platform_name", "status", "submitted_at"])
    submitted = timezone.make_aware(datetime(2026, 1, 20, 10, 5))
    rows = [replace_name(r, submitted) for r in three_rows()]
    ws = load_workbook(io.BytesIO(render_list_sheet(title="申报书列表", rows=rows, columns=columns))).active
    assert ws.title == "申报书列表"
    assert ws.auto_filter.ref == "A1:D4"
    assert [c.value for c in ws[1]] == ["序号", "平台名称", "状态", "提交时间"]
    assert [ws.cell(row=r, column=2).value for r in (2, 3, 4)] == NAMES
    assert ws["D2"].value == datetime(2026, 1, 20, 10, 5)  # local time, without a time zone
    assert ws.freeze_panes == "A2"


def replace_name(row: SheetRow, submitted: datetime) -> SheetRow:
    from dataclasses import replace

    return replace(row, submitted_at=submitted, status_label="审核中")


@pytest.mark.django_db
def test_sheet_row_reads_an_application():
    host_org = factories.HostOrgFactory(district=factories.region("420171"), name="武汉光芯精密制造有限公司")
    application = factories.application(host_org, status="submitted")  # judged eligible by the factory
    row = sheet_row(application, opinion="同意推荐。", order=2)
    assert row.host_org_name == "武汉光芯精密制造有限公司"
    assert row.credit_code == host_org.credit_code
    assert row.location == host_org.district.full_name
    assert row.location.startswith("湖北省武汉市")
    assert (row.opinion, row.order, row.eligibility_label, row.warnings) == ("同意推荐。", 2, "符合", 0)
    assert row.status_label == str(application.get_status_display())
    application.eligibility_record.delete()
    application = type(application).objects.get(pk=application.pk)
    assert sheet_row(application).eligibility_label == "未判定"


def test_the_summary_sheet_converts_to_a_one_page_wide_pdf():
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    pdf = convert_to_pdf(summary(), suffix=".xlsx")
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        return
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    flat = "".join(text.split())
    assert f"{CALL_TITLE}推荐汇总表" in flat
    positions = [flat.find(name) for name in NAMES]
    assert -1 not in positions and positions == sorted(positions)
    assert "第1页" in flat
    if shutil.which("pdftoppm") is not None:
        PNG_DIR.mkdir(parents=True, exist_ok=True)
        (PNG_DIR / "summary.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", str(PNG_DIR / "summary.pdf"), str(PNG_DIR / "summary")], check=True
        )


def test_the_columns_read_the_answers_by_role():
    """The values come from the fields with the columns' roles (formversions/kinds.yaml), in the answers' own
    form version; 联系人 falls back to 填表人, 单位类型 shows its 其他 text, an unknown form gives empty cells."""
    answers = factories.example_answers()
    answers["cover"]["contact"] = {"name": "", "phone": ""}
    answers["basic"]["filler_name"], answers["basic"]["filler_contact"] = "王填表", "027-87654321"
    answers["basic"]["host_org"]["unit_type"] = "其他"
    answers["basic"]["host_org"]["unit_type_other"] = "事业单位"
    keys = ["platform_name", "credit_code", "location", "unit_type", "equipment_value", "service_revenue_last_year",
            "enterprises_served", "contact"]
    columns = columns_for(keys)
    row = SheetRow(answers=answers)
    assert [column.value(row) for column in columns] == [
        "高速光电子器件封装测试中试平台",
        answers["basic"]["host_org"]["credit_code"],
        "湖北省武汉市武汉东湖新技术开发区",
        "其他（事业单位）",
        answers["foundation"]["equipment_value_wan"],
        answers["service"]["service_revenue_wan"]["last_year"],
        answers["service"]["enterprises_served"]["last_year"],
        "王填表\n027-87654321",
    ]
    unknown = SheetRow(answers={**answers, "form": "no-such-form"})
    assert [column.value(unknown) for column in columns] == ["", "", "", "", None, None, None, ""]
    assert service_revenue_ratio({**answers, "form": "no-such-form"}) is None
