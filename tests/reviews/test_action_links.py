"""No action link that ends in 403: the queue and the review page show an action only where can() allows it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests import factories
from zhongshi.core.permissions import can

CHECKED = ["completeness", "conformity", "authenticity"]
ROLES = ["ministry", "province", "other_province", "city", "district", "other_district"]


def _links(page: str) -> list[str]:
    return re.findall(r'href="(/reviews/[^"]*)"', page)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_review_link_of_the_queue_opens_for_its_role(roles, login, submitted, role) -> None:
    client = login(roles[role])
    page = client.get(reverse("reviews:queue") + "?stage=all").content.decode()
    links = _links(page)
    for href in links:
        assert client.get(href.replace("&amp;", "&")).status_code in (200, 302), (role, href)


@pytest.mark.django_db
def test_each_authority_sees_exactly_the_call_actions_it_may_take(roles, login, open_call) -> None:
    extensions = reverse("reviews:extensions", args=[open_call.code])
    notice = reverse("reviews:notice_create", args=[open_call.code])
    seen = {}
    for role in ROLES:
        page = login(roles[role]).get(reverse("reviews:queue")).content.decode()
        seen[role] = (extensions in page, notice in page)
        assert seen[role] == (can(roles[role], "reviews.grant_extension", open_call),
                              can(roles[role], "reviews.publish_notice", open_call)), role
    assert seen == {
        "ministry": (False, False),  # Hubei's call: the ministry is not in its chain's area
        "province": (True, True),  # the issuer extends every level and decides
        "other_province": (False, False),  # zhejiang saw both links to Hubei's call before issue 9
        "city": (True, False),  # extends its districts
        "district": (False, False),
        "other_district": (False, False),
    }
    # Zhejiang is not in the call's area: the call and its deadline are not in its queue at all.
    assert open_call.title not in login(roles["other_province"]).get(reverse("reviews:queue")).content.decode()
    assert login(roles["other_province"]).get(extensions).status_code == 403
    assert login(roles["other_province"]).get(notice).status_code == 403


@pytest.mark.django_db
def test_a_district_sees_no_link_to_the_citys_recommendation_letter(roles, login, submitted) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(roles["district"]).post(reverse("reviews:review", args=[submitted.pk]), {
        "action": "recommend", "opinion": "同意", "checklist": CHECKED, "revision": submitted.revision})
    login(roles["city"]).post(reverse("reviews:forward"), {
        "application": [submitted.pk], f"order_{submitted.pk}": "1", "opinion": "同意报送",
        "letter": SimpleUploadedFile("推荐文件.pdf", factories.pdf_bytes())})
    url = reverse("reviews:review", args=[submitted.pk])
    for role, shown in [("district", False), ("city", True), ("province", True)]:
        client = login(roles[role])
        page = client.get(url).content.decode()
        assert ('data-testid="letter-link"' in page) is shown, role
        for href in re.findall(r'href="(/reviews/letters/[^"]*)"', page):
            assert client.get(href).status_code == 200
