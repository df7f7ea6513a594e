"""The review page shows the 申报书 as a document: a table of contents, full text (the 要素表's cells whole),
units beside numbers, computed values and warnings in the margin, evidence previewed inline."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests import factories
from zhongshi.formversions.domain.check_answers import check_answers
from zhongshi.formversions.domain.formdef import load_form
from zhongshi.reviews.domain.queries.document import document_sections


def _section(sections, key):
    return next(s for s in sections if s.key == key)


def _item(section, key):
    items = [*section.items, *(other for i in section.items for other in i.beside)]
    return next(i for i in items if i.key.endswith("." + key))


def _pair(item):
    return [(item.label, item.lines), *((other.label, other.lines) for other in item.beside)]


def test_fields_beside_the_next_share_its_line_as_the_template_prints_them() -> None:
    form = load_form("hubei-2026")
    answers = factories.example_answers()
    result = check_answers(form, answers)
    sections = document_sections(form, answers, computed=result.computed, issues=result.warnings)
    basic = _section(sections, "basic")
    rows = [i.key for i in basic.items]
    assert "basic.leader_title" not in rows  # printed on 平台负责人's line, not a row of its own
    assert _pair(next(i for i in basic.items if i.key == "basic.leader_name")) == [
        ("平台负责人", ["李振华"]), ("职务/职称", ["平台主任/正高级工程师"])]
    assert _pair(next(i for i in basic.items if i.key == "basic.total_investment_wan")) == [
        ("总投资（万元）", ["8,600"]), ("已完成投资（万元）", ["8,600"])]
    assert _pair(next(i for i in basic.items if i.key == "basic.construction_mode")) == [
        ("建设模式", ["企业投资型"]), ("联合单位", ["江城光电技术研究院、湖北楚光半导体材料有限公司"])]
    assert rows[rows.index("basic.leader_name") + 1] == "basic.leader_contact"
    foundation = _section(sections, "foundation")
    staff = next(i for i in foundation.items if i.key == "foundation.fulltime_staff")
    # the 高水平人才 beside the total, the two counts marked below_beside stacked under it
    assert _pair(staff) == [
        ("平台专职人员总数", ["46 人"]),
        ("平台专职院士、首席专家、领军人才、卓越工程师等高水平人才数量",
         ["院士：0 人", "首席专家：2 人", "领军人才：3 人", "卓越工程师：5 人", "其他：4 人"]),
        ("具有副高级及以上专业技术职称的人数", ["15 人"]),
        ("硕士及以上人数", ["24 人"]),
    ]
    service = _section(sections, "service")
    assert _pair(next(i for i in service.items if i.key == "service.enterprises_served")) == [
        ("中试服务企业总数量", ["上年度 5 家；申报当年度 3 家"]), ("服务中小企业数量", ["上年度 3 家；申报当年度 2 家"])]
    paired = sum(len(i.beside) for s in sections for i in s.items)
    assert paired == 13  # 11 pairs in the form, 2 more stacked under the staff total


def test_the_document_holds_full_text_units_and_computed_values_in_the_margin() -> None:
    form = load_form("hubei-2026")
    answers = factories.example_answers()
    answers["foundation"]["autonomy_rate_pct"] = 10  # far from the computed share: a consistency warning
    result = check_answers(form, answers)
    sections = document_sections(form, answers, computed=result.computed, issues=result.warnings)
    assert [s.key for s in sections][:2] == ["basic", "foundation"]
    assert "evidence" not in [s.key for s in sections]
    basic = _section(sections, "basic")
    assert _item(basic, "total_investment_wan").lines == ["8,600"]  # 总投资（万元）: the label names the unit
    assert _item(basic, "main_revenue_wan").lines == ["2025年 17,200；2024年 15,360；2023年 13,480"]
    foundation = _section(sections, "foundation")
    equipment = _item(foundation, "equipment").table
    assert "自主可控能力" in equipment.headers
    first = equipment.rows[0]
    assert first[equipment.headers.index("自主可控能力")] == "L4"  # whole, not "L‹"
    assert first[-1] == answers["foundation"]["equipment"][0]["core_indicators"]  # the whole text, not cut
    rate = _item(foundation, "autonomy_rate_computed")
    assert rate.notes[0].kind == "computed"
    assert rate.notes[0].text == "中试设备自主可控率（%）：50"  # 1 of the 2 rows is L4; the label names the unit
    declared = _item(foundation, "autonomy_rate_pct")
    assert declared.lines == ["10"]  # its label names the unit (%)
    assert [n.kind for n in declared.notes] == ["warning"]
    assert foundation.warnings >= 1


@pytest.mark.django_db
def test_the_review_page_shows_the_document_the_toc_and_the_evidence_preview(roles, login, submitted) -> None:
    client = login(roles["district"])
    page = client.get(reverse("reviews:review", args=[submitted.pk])).content.decode()
    toc = re.search(r'<nav class="doc-toc panel".*?</nav>', page, re.S).group(0)
    assert re.findall(r'<a href="#doc-([a-z_]+)">', toc)[:3] == ["basic", "foundation", "technology"]
    assert 'id="doc-foundation"' in page
    core = submitted.answers["foundation"]["equipment"][0]["core_indicators"]
    assert f"<td>{core}</td>" in page
    assert "<input" not in re.search(r'<div class="doc".*?<section class="panel doc-section" id="doc-evidence"',
                                     page, re.S).group(0)  # a document, not disabled inputs
    evidence = submitted.evidence_files.first()
    preview = reverse("reviews:evidence_preview", args=[submitted.pk, evidence.pk])
    assert f'<iframe src="{preview}"' in page
    response = client.get(preview)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # The opinion panel is on the same page, with the draft key of this application and revision.
    assert f'data-draft-key="zhongshi:opinion:{submitted.pk}:{submitted.revision}"' in page
    assert 'data-confirm-values="not_recommend"' in page
    # fields beside the next share its line: label | value | label | value
    leader = re.search(r'<div class="doc-row doc-pair" data-field="basic.leader_name">.*?</div>\s*</div>\s*</div>',
                       page, re.S).group(0)
    texts = [t.strip() for t in re.split(r"<[^>]+>", leader) if t.strip()]
    assert texts == ["平台负责人", "李振华", "职务/职称", "平台主任/正高级工程师"]


@pytest.mark.django_db
def test_the_preview_refuses_other_types_and_other_reviewers(roles, login, submitted) -> None:
    evidence = factories.evidence_file(submitted, requirement="service_proofs", name="说明.pdf")
    evidence.content_type = "application/zip"
    evidence.save()
    url = reverse("reviews:evidence_preview", args=[submitted.pk, evidence.pk])
    assert login(roles["district"]).get(url).status_code == 404
    pdf = submitted.evidence_files.exclude(pk=evidence.pk).first()
    url = reverse("reviews:evidence_preview", args=[submitted.pk, pdf.pk])
    assert login(roles["other_district"]).get(url).status_code == 403
    other = factories.application(roles["other_applicant"].host_org, status="submitted")
    assert login(roles["district"]).get(
        reverse("reviews:evidence_preview", args=[other.pk, pdf.pk])).status_code in (403, 404)


@pytest.mark.django_db
def test_the_success_message_names_the_application(roles, login, submitted) -> None:
    client = login(roles["district"])
    response = client.post(reverse("reviews:review", args=[submitted.pk]), {
        "action": "recommend", "opinion": "同意推荐", "checklist": ["completeness", "conformity", "authenticity"],
        "revision": submitted.revision}, follow=True)
    [text] = [str(m) for m in response.context["messages"]]
    assert text.startswith(f"已推荐：{submitted.platform_name}。")
    assert "武汉" in text  # where it is now: with the city
