"""The city downloads a recommendation-letter template listing what it may forward, in order, to stamp and upload."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

CHECKED = ["completeness", "conformity", "authenticity"]


@pytest.mark.django_db
def test_the_letter_template_lists_the_applications_with_the_authority_and_a_stamp_area(roles, login,
                                                                                        submitted) -> None:
    login(roles["district"]).post(reverse("reviews:review", args=[submitted.pk]), {
        "action": "recommend", "opinion": "同意", "checklist": CHECKED, "revision": submitted.revision})
    client = login(roles["city"])
    assert 'data-testid="letter-template"' in client.get(reverse("reviews:queue")).content.decode()
    response = client.get(reverse("reviews:letter_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    city = roles["city"].authority.name
    assert f"{city}（盖章）" in text and "（盖章处）" in text
    assert f"{roles['province'].authority.name}：" in text  # addressed to the level above
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows == [["序号", "平台名称", "依托单位", "所在地"],
                    ["1", submitted.platform_name, submitted.host_org.name, submitted.host_org.district.name]]
    # The district holds nothing it forwards with a letter: an empty list, never an error.
    empty = Document(io.BytesIO(login(roles["district"]).get(reverse("reviews:letter_template")).content))
    assert len(empty.tables[0].rows) == 1


@pytest.mark.django_db
def test_the_city_forwards_from_the_review_page(roles, login, submitted) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests import factories

    login(roles["district"]).post(reverse("reviews:review", args=[submitted.pk]), {
        "action": "recommend", "opinion": "同意", "checklist": CHECKED, "revision": submitted.revision})
    client = login(roles["city"])
    page = client.get(reverse("reviews:review", args=[submitted.pk])).content.decode()
    assert 'data-testid="forward-here"' in page
    assert f'href="/reviews/letter-template.docx?application={submitted.pk}"' in page
    assert 'data-testid="forward-here"' not in login(roles["district"]).get(
        reverse("reviews:review", args=[submitted.pk])).content.decode()  # the district recommends, not forwards
    response = client.post(reverse("reviews:forward"), {
        "application": [submitted.pk], f"order_{submitted.pk}": "1", "opinion": "同意报送",
        "letter": SimpleUploadedFile("推荐函.pdf", factories.pdf_bytes())}, follow=True)
    assert "已报送 1 份申报书" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.current_level == "province"


def test_the_letter_template_costs_the_same_at_any_size(roles, login, django_assert_max_num_queries) -> None:
    from tests.query_counts import assert_constant, spread_applications

    assert_constant(login(roles["city"]), reverse("reviews:letter_template"), spread_applications, 25,
                    django_assert_max_num_queries)
