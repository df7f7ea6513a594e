"""The queue opens on something useful: the empty "waiting for me" list says what is at the levels below;
columns sort by clicking their header."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.query_counts import assert_constant, spread_applications
from zhongshi.reviews.domain.queries.queue import pending_below


@pytest.mark.django_db
def test_an_empty_queue_says_what_is_below_and_how_many(roles, login) -> None:
    spread_applications(14)  # two of each kind: 2 at the district, 2 at the city, 2 at the province
    # The ministry's area is the country: everything still under review is below it.
    assert pending_below(user=roles["ministry"]) == [("district", 2), ("city", 2), ("province", 2)]
    assert pending_below(user=roles["other_province"]) == []  # none in Zhejiang
    page = login(roles["city"]).get(reverse("reviews:queue") + "?stage=mine")
    assert page.context["rows"]  # the city has its own: no empty state
    assert 'data-testid="queue-empty"' not in page.content.decode()
    # The province after deciding all of its own: what is at the district and the city.
    from zhongshi.applications.models import Application

    Application.objects.filter(current_level="province", status="submitted").update(current_level="city")
    page = login(roles["province"]).get(reverse("reviews:queue")).content.decode()
    assert 'data-testid="queue-empty"' in page
    below = re.search(r'<ul data-testid="pending-below">(.*?)</ul>', page, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", below) == ["区级审核中 2 件", "市级审核中 4 件"]
    assert 'href="?stage=all"' in page
    # The district has nothing below it.
    Application.objects.filter(current_level="district").update(current_level="city")
    page = login(roles["district"]).get(reverse("reviews:queue")).content.decode()
    assert 'data-testid="queue-empty"' in page and "pending-below" not in page


@pytest.mark.django_db
def test_a_filtered_empty_list_keeps_the_plain_message(roles, login) -> None:
    spread_applications(7)
    page = login(roles["province"]).get(reverse("reviews:queue") + "?stage=all&q=不存在的平台").content.decode()
    assert "没有符合条件的申报书" in page
    assert 'data-testid="queue-empty"' not in page


@pytest.mark.django_db
def test_clicking_a_header_sorts_and_clicking_again_reverses(roles, login) -> None:
    spread_applications(7)
    client = login(roles["province"])
    page = client.get(reverse("reviews:queue") + "?stage=all&warnings=without").content.decode()
    link = re.search(r'<a class="sort" href="([^"]*)" data-testid="sort-platform_name"', page).group(1)
    assert link == "?stage=all&amp;warnings=without&amp;sort=platform_name"
    response = client.get(reverse("reviews:queue") + link.replace("&amp;", "&"))
    names = [row.application.platform_name for row in response.context["rows"]]
    assert names == sorted(names) and len(names) == 7
    page = response.content.decode()
    sorted_header = ('<th scope="col" aria-sort="ascending"><a class="sort" href="?stage=all&amp;warnings=without'
                     '&amp;sort=platform_name" data-testid="sort-platform_name">')
    assert sorted_header in page
    # submitted: newest first by default; clicking it gives the oldest first.
    default = client.get(reverse("reviews:queue") + "?stage=all").content.decode()
    link = re.search(r'aria-sort="descending"><a class="sort" href="([^"]*)" data-testid="sort-submitted_at"',
                     default).group(1)
    assert link == "?stage=all&amp;sort=submitted_at"
    rows = client.get(reverse("reviews:queue") + "?stage=all&sort=submitted_at").context["rows"]
    times = [row.application.submitted_at for row in rows if row.application.submitted_at]
    assert times == sorted(times)


def test_the_empty_queue_costs_the_same_at_any_size(roles, login, django_assert_max_num_queries) -> None:
    from zhongshi.applications.models import Application

    def grow(count: int) -> None:
        spread_applications(count)
        Application.objects.filter(current_level="province", status="submitted").update(current_level="city")

    assert_constant(login(roles["province"]), reverse("reviews:queue"), grow, 20, django_assert_max_num_queries)
