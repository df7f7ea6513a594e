"""The reviewers' annex: a .docx of what the system computed and checked, downloaded from the review page by
authorities in whose area the application lies, never by the applicant or another area."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document


def _rows(document) -> list[list[str]]:
    out = []
    for table in document.tables:
        for row in table.rows:
            seen: list[object] = []
            out.append([c.text for c in row.cells if not (c._tc in seen or seen.append(c._tc))])
    return out


@pytest.mark.django_db
def test_the_district_downloads_the_annex_from_the_review_page(roles, login, submitted) -> None:
    client = login(roles["district"])
    url = reverse("reviews:review_annex", args=[submitted.pk])
    page = client.get(reverse("reviews:review", args=[submitted.pk])).content.decode()
    assert f'href="{url}"' in page
    assert "审核附件（DOCX）" in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "%E5%AE%A1%E6%A0%B8%E9%99%84%E4%BB%B6.docx" in response["Content-Disposition"]  # …-审核附件.docx
    document = Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == "湖北省制造业中试平台申报书审核附件"
    rows = _rows(document)
    assert ["中试设备设施（原值）", "3,280 万元", "3,280 万元", "要素表各行“原值合计（万元）”之和"] in rows
    verdicts = rows[rows.index(["条款", "条件", "结论", "说明"]) + 1:]
    assert verdicts and all(row[2] == "符合" for row in verdicts)


@pytest.mark.django_db
def test_the_applicant_and_another_district_get_no_annex(roles, login, submitted) -> None:
    url = reverse("reviews:review_annex", args=[submitted.pk])
    applicant = login(roles["applicant"])
    assert applicant.get(url).status_code == 403
    review = applicant.get(reverse("reviews:review", args=[submitted.pk]))
    assert url not in review.content.decode()
    assert login(roles["other_district"]).get(url).status_code in {403, 404}
