"""The recommendation letter (推荐函) as a .docx for the authority to complete, stamp and upload when it
forwards: its name, the applications in the order it recommends them, and a stamp area."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils import timezone


def render_letter_template(*, authority_name: str, addressee: str, call_title: str,
                           applications: Sequence[Any]) -> bytes:
    """A 推荐函 template: ``applications`` (each with platform_name and host_org) listed in order."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(14)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(f"关于推荐{call_title}项目的函")
    run.bold = True
    run.font.size = Pt(20)
    document.add_paragraph(f"{addressee}：")
    document.add_paragraph(
        f"　　根据《{call_title}》通知要求，经我单位组织审核，现推荐以下 {len(applications)} 个平台申报，"
        "排名分先后。我单位已对申报材料的完整性、规范性、真实性进行审核，特此推荐。")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("序号", "平台名称", "依托单位", "所在地"), strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for index, application in enumerate(applications, start=1):
        district = getattr(application.host_org, "district", None)
        cells = table.add_row().cells
        for cell, text in zip(cells, (str(index), application.platform_name or str(application),
                                      application.host_org.name, getattr(district, "name", "") or ""), strict=True):
            cell.text = text
    document.add_paragraph()
    document.add_paragraph("　　联系人：__________　　联系电话：__________")
    document.add_paragraph()
    for text in (f"{authority_name}（盖章）", timezone.localdate().strftime("%Y年%m月%d日").replace("年0", "年")
                 .replace("月0", "月")):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    stamp = document.add_paragraph("（盖章处）")
    stamp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
