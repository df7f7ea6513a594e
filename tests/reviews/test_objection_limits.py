"""Anonymous objections are limited per address and per session (5 in 10 minutes), with a clear message and 429."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from zhongshi.reviews.domain.limit_objections import OBJECTION_LIMIT, allow_objection
from zhongshi.reviews.models import Notice


@pytest.fixture
def notice(roles, submitted):
    submitted.status = "approved"
    submitted.save()
    now = timezone.now()
    notice = Notice.objects.create(call=submitted.call, authority=roles["province"].authority, title="公示",
                                   starts_at=now - timedelta(hours=1), ends_at=now + timedelta(days=5),
                                   published_by=roles["province"])
    notice.applications.set([submitted])
    return notice


def _object(client: Client, notice: Notice, text: str, **extra):
    application = notice.applications.get()
    return client.post(notice.get_absolute_url(), {"application": application.pk, "name": "张三",
                                                   "contact": "027-1234567", "text": text}, **extra)


@pytest.mark.django_db
def test_a_sixth_objection_from_one_session_is_refused_with_429(notice) -> None:
    client = Client()
    for n in range(OBJECTION_LIMIT):
        assert _object(client, notice, f"异议{n}").status_code == 302
    response = _object(client, notice, "第六条")
    assert response.status_code == 429
    assert "本机提交的异议过于频繁：10 分钟内最多 5 条。" in response.content.decode()
    assert "第六条" in response.content.decode()  # the text typed is kept
    assert notice.objections.count() == OBJECTION_LIMIT


@pytest.mark.django_db
def test_new_sessions_from_one_address_are_limited_too_and_other_addresses_are_not(notice) -> None:
    for n in range(OBJECTION_LIMIT):
        assert _object(Client(), notice, f"异议{n}", REMOTE_ADDR="10.0.0.7").status_code == 302
    assert _object(Client(), notice, "换个会话", REMOTE_ADDR="10.0.0.7").status_code == 429
    assert _object(Client(), notice, "另一地址", REMOTE_ADDR="10.0.0.8").status_code == 302
    assert notice.objections.count() == OBJECTION_LIMIT + 1


@pytest.mark.django_db
def test_the_limit_counts_per_window() -> None:
    from django.core.cache import cache

    assert all(allow_objection(address="1.2.3.4", session_key="s") for _ in range(OBJECTION_LIMIT))
    assert not allow_objection(address="1.2.3.4", session_key="t")  # the address is over
    assert not allow_objection(address="5.6.7.8", session_key="s")  # the session is over
    cache.clear()  # the window ends
    assert allow_objection(address="1.2.3.4", session_key="s")


@pytest.mark.django_db
def test_an_invalid_objection_does_not_count(notice) -> None:
    client = Client()
    for _ in range(OBJECTION_LIMIT + 2):
        assert client.post(notice.get_absolute_url(), {"application": notice.applications.get().pk,
                                                        "name": "", "contact": "", "text": ""}).status_code == 400
    assert _object(client, notice, "有效异议").status_code == 302


@pytest.mark.django_db
def test_the_publisher_dismisses_several_objections_with_one_response(roles, login, notice) -> None:
    from django.urls import reverse

    for n in range(3):
        _object(Client(), notice, f"异议{n}", REMOTE_ADDR=f"10.0.1.{n}")
    first, second, third = notice.objections.order_by("pk")
    client = login(roles["province"])
    page = client.get(notice.get_absolute_url()).content.decode()
    assert page.count('name="objection" value=') == 3
    url = reverse("reviews:objection_dismiss", args=[notice.pk])
    # Without a response: nothing is handled.
    response = client.post(url, {"objection": [first.pk, second.pk], "response": " "}, follow=True)
    assert "请填写处理意见。" in response.content.decode()
    assert set(notice.objections.values_list("status", flat=True)) == {"open"}
    response = client.post(url, {"objection": [first.pk, second.pk], "response": "经核查，数据真实。"}, follow=True)
    assert "已驳回 2 条异议。" in response.content.decode()
    assert dict(notice.objections.values_list("pk", "status")) == {first.pk: "dismissed", second.pk: "dismissed",
                                                                  third.pk: "open"}
    assert notice.objections.get(pk=first.pk).response == "经核查，数据真实。"
    # Another authority cannot.
    assert login(roles["other_province"]).post(url, {"objection": [third.pk], "response": "x"}).status_code == 403
    # An objection of another notice, or none: refused with a message, nothing handled.
    response = client.post(url, {"response": "x"}, follow=True)
    assert "请选择要驳回的异议。" in response.content.decode()
    assert notice.objections.get(pk=third.pk).status == "open"
