"""The pages of the quarterly update: the applicant's form (the 申报书's widgets and autosave), the review,
the version history, the dashboard with its export and reminders, and their query counts."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.library.quarterly.conftest import Q1_LATE, Q1_OPEN, filled, make_platform
from tests.query_counts import assert_constant
from zhongshi.library.domain.periods import period_for
from zhongshi.library.domain.quarterly_update import accept_update, save_update, start_update, submit_update
from zhongshi.library.models import QuarterlyUpdate


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def submitted(roles, platform, day=Q1_OPEN):
    update = start_update(user=roles["applicant"], platform=platform, period=period_for(year=2026, quarter=1),
                          today=day)
    update = save_update(user=roles["applicant"], update=update, answers=filled(update), base_revision=0)
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return submit_update(user=roles["applicant"], update=update,
                         now=datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai")))


@pytest.mark.django_db
def test_the_applicant_fills_and_submits_a_realtime_update_on_the_web(roles, platform) -> None:
    client = client_for(roles["applicant"])
    page = client.get(reverse("library:update_platform", args=[platform.pk])).content.decode()
    assert "高速光电子器件封装测试中试平台 · 本季度更新" in page
    response = client.post(reverse("library:update_platform", args=[platform.pk]), {"kind": "realtime"})
    update = QuarterlyUpdate.objects.get()
    assert response["Location"] == reverse("library:update_edit", args=[update.pk])
    form = client.get(response["Location"]).content.decode()
    assert 'name="capacity.service_revenue_wan"' in form and 'value="860"' in form
    assert 'id="application-form"' in form and "五、本季度运行情况" in form
    post = {"_revision": "0", "platform.name": "x", "load.operating_days": "61", "load.utilisation_pct": "80",
            "load.projects": "9", "capacity.service_revenue_wan": "1,020.5", "capacity.enterprises_served": "8",
            "capacity.service_items[0].kind": "性能测试", "capacity.service_items[0].products": "800G光模块",
            "capacity.service_items[0].parameters": "速率：800G", "resources.equipment_value_wan": "3300",
            "resources.fulltime_staff": "47", "resources.equipment[0].name": "共晶贴片机",
            "resources.equipment[0].model": "FC-300", "resources.equipment[0].quantity": "2",
            "resources.equipment[0].value_wan": "480", "summary.text": "新增一条测试线。"}
    autosave = client.post(reverse("library:update_edit", args=[update.pk]), post, HTTP_X_AUTOSAVE="1").json()
    assert (autosave["ok"], autosave["revision"], autosave["messages"]) == (True, 1, [])
    update.refresh_from_db()
    assert update.answers["capacity"]["service_revenue_wan"] == 1020.5
    assert update.answers["platform"]["name"] == "高速光电子器件封装测试中试平台"  # locked
    stale = client.post(reverse("library:update_edit", args=[update.pk]), post, HTTP_X_AUTOSAVE="1")
    assert stale.status_code == 409
    response = client.post(reverse("library:update_edit", args=[update.pk]), {**post, "_revision": "1",
                                                                              "_goto": "_submit"})
    assert response["Location"] == update.get_absolute_url()
    update.refresh_from_db()
    assert (update.status, update.realtime) == ("submitted", True)


@pytest.mark.django_db
def test_an_error_shows_beside_the_field_and_nothing_is_submitted(roles, platform) -> None:
    update = start_update(user=roles["applicant"], platform=platform, realtime=True)
    client = client_for(roles["applicant"])
    response = client.post(reverse("library:update_edit", args=[update.pk]),
                           {"_revision": "0", "load.operating_days": "120", "_goto": "_submit"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "更新表还有" in page
    assert "不能大于 92" in page or "最大" in page
    update.refresh_from_db()
    assert update.status == "draft"


@pytest.mark.django_db
def test_the_province_returns_then_accepts_on_the_review_page(roles, platform) -> None:
    update = submitted(roles, platform, day=Q1_LATE)
    province = client_for(roles["province"])
    page = province.get(update.get_absolute_url()).content.decode()
    assert 'data-testid="accept"' in page and 'data-testid="late"' in page
    assert "审核通过后将发生的变化" in page and "800G光模块性能测试" in page
    url = reverse("library:update_decide", args=[update.pk])
    province.post(url, {"action": "return", "reasons": ""})
    update.refresh_from_db()
    assert update.status == "submitted"
    province.post(url, {"action": "return", "reasons": "收入口径有误"})
    update.refresh_from_db()
    assert (update.status, update.return_reasons) == ("returned", "收入口径有误")
    assert client_for(roles["other_province"]).post(url, {"action": "accept"}).status_code == 403
    update = submit_update(user=roles["applicant"], update=update)
    province.post(url, {"action": "accept"})
    update.refresh_from_db()
    assert (update.status, update.version.number) == ("accepted", 2)
    history = province.get(reverse("library:version_history", args=[platform.pk]) + "?a=1&b=2").content.decode()
    assert "本季度中试线运行天数" in history and "60 天" in history


@pytest.mark.django_db
def test_the_dashboard_counts_lists_filters_and_exports(roles, platform) -> None:
    late = make_platform(roles["applicant"].host_org, name="逾期平台")
    awaiting = make_platform(roles["applicant"].host_org, name="待审平台", tier="reserve")
    make_platform(roles["other_applicant"].host_org, division="420111", name="洪山平台")
    make_platform(None, division="330106", name="浙江平台", number=3)
    accept_update(user=roles["province"], update=submitted(roles, platform))
    submitted(roles, late, day=Q1_LATE)
    submitted(roles, awaiting)
    client = client_for(roles["province"])
    url = reverse("library:update_dashboard") + "?period=2026-q1"
    response = client.get(url)
    assert response.context["counts"] == {"all": 4, "updated": 1, "awaiting": 2, "late": 1, "missing": 1}
    missing = client.get(url + "&category=missing").context["rows"]
    assert [p.name for p in missing] == ["洪山平台"]
    assert [p.name for p in client.get(url + "&tier=reserve").context["rows"]] == ["待审平台"]
    donghu = client.get(url).context["divisions"].get(code="420171")
    assert client.get(url + f"&division={donghu.pk}").context["counts"]["all"] == 3
    export = client.get(reverse("library:update_dashboard_export") + "?period=2026-q1&category=awaiting")
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("平台", "依托单位", "所在地", "层级", "更新状态", "提交时间", "逾期")
    assert [(r[0], r[4], r[6]) for r in rows[1:]] == [("待审平台", "待审核", None), ("逾期平台", "待审核", "是")]
    reminded = client.post(reverse("library:update_remind"), {"period": "2026-q1", "next": url})
    assert reminded["Location"] == url
    assert client_for(roles["other_province"]).get(url).context["counts"]["all"] == 1


def _grow(owner):
    state = {"n": 0}

    def grow(count: int) -> None:
        for _ in range(count):
            state["n"] += 1
            platform = make_platform(None, name=f"平台{state['n']:03d}", number=state["n"],
                                     division=("420171", "420111", "420106")[state["n"] % 3])
            QuarterlyUpdate.objects.create(platform=platform, year=2026, quarter=1, status="submitted",
                                           form_code="library-quarterly-2026", late=state["n"] % 2 == 0)
    return grow


@pytest.mark.django_db
@pytest.mark.parametrize("category", ["all", "awaiting", "missing"])
def test_the_dashboard_makes_the_same_queries_for_5_and_50_platforms(roles, category,
                                                                     django_assert_max_num_queries) -> None:
    client = client_for(roles["province"])
    url = reverse("library:update_dashboard") + f"?period=2026-q1&category={category}"
    assert_constant(client, url, _grow(roles), 30, django_assert_max_num_queries)


@pytest.mark.django_db
def test_the_platform_page_and_history_make_the_same_queries_for_5_and_50_rows(roles, platform,
                                                                                 django_assert_max_num_queries) -> None:
    from tests.library.quarterly.conftest import V1_DATA
    from zhongshi.library.domain.enter_library import add_version

    made = {"n": 0}

    def grow(count: int) -> None:
        for _ in range(count):
            n = made["n"] = made["n"] + 1
            QuarterlyUpdate.objects.create(platform=platform, year=1900 + n, quarter=n % 4 + 1, status="accepted",
                                           realtime=n % 3 == 0,
                                           form_code="library-quarterly-2026",
                                           version=add_version(platform=platform, data=dict(V1_DATA), source="quarterly"))

    client = client_for(roles["applicant"])
    assert_constant(client, reverse("library:update_platform", args=[platform.pk]), grow, 20,
                    django_assert_max_num_queries)
    assert_constant(client, reverse("library:version_history", args=[platform.pk]), grow, 20,
                    django_assert_max_num_queries)
