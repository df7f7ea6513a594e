"""The platform pages: the scoped list with its filters and .xlsx, the detail with its history, the public
名录 (no contacts without consent) and its 附件3-style sheet; query counts at 5 and 50 rows."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from tests.library.platform_rows import grow_history, platform, spread_platforms
from tests.query_counts import assert_constant
from zhongshi.library.models import PilotPlatform

pytestmark = pytest.mark.django_db


def _rows(response) -> list[list]:
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def test_an_authority_sees_its_subtree_filtered_and_exports_exactly_that(roles, login) -> None:
    a = platform(name="东湖光电中试平台", district="420171", tier="provincial", clusters=["光电子信息"])
    platform(name="宜昌化工中试平台", district="420502", tier="reserve", clusters=["现代化工"])
    platform(name="杭州中试平台", district="330106", tier="key")
    client = login(roles["city"])
    page = client.get("/library/platforms/")
    assert [p.name for p in page.context["object_list"]] == ["东湖光电中试平台"]
    client = login(roles["province"])
    names = [p.name for p in client.get("/library/platforms/?sort=name").context["object_list"]]
    assert sorted(names) == ["东湖光电中试平台", "宜昌化工中试平台"]
    filtered = client.get("/library/platforms/?cluster=光电子信息&tier=provincial&q=光电")
    assert [p.pk for p in filtered.context["object_list"]] == [a.pk]
    assert [p.name for p in client.get("/library/platforms/?division=420500").context["object_list"]] == [
        "宜昌化工中试平台"]
    rows = _rows(client.get("/library/platforms/export/?cluster=光电子信息"))
    assert rows[0][:9] == ["序号", "平台名称", "依托单位", "统一社会信用代码", "所在地", "所属领域", "层级", "状态", "入库时间"]
    assert rows[1][:2] == [1, "东湖光电中试平台"]
    assert rows[1][4:10] == ["湖北省武汉市武汉东湖新技术开发区", "光电子信息", "省级制造业中试平台", "正常",
                             datetime(2026, 1, 20), 1]
    assert rows[1][10:14] == [1234.5, 1200, 5600, 35]
    assert len(rows) == 2
    everything = _rows(login(roles["ministry"]).get("/library/platforms/export/"))
    assert len(everything) == 4


def test_an_applicant_sees_only_its_own_platforms(roles, login) -> None:
    mine = platform(host_org=roles["applicant"].host_org, name="光芯中试平台")
    platform(host_org=roles["other_applicant"].host_org, name="别家中试平台")
    page = login(roles["applicant"]).get("/library/mine/")
    assert [p.pk for p in page.context["object_list"]] == [mine.pk]
    assert "我的平台" in page.content.decode()


def test_the_detail_shows_the_history_and_one_action_per_role(roles, login) -> None:
    p = platform(host_org=roles["applicant"].host_org, name="光芯中试平台", tier="reserve")
    html = login(roles["ministry"]).get(f"/library/platforms/{p.pk}/").content.decode()
    assert "储备中试平台" in html and "1,234.50 万元" in html and "1,200 家" in html
    assert 'data-testid="change-tier"' in html and 'data-testid="record-support"' not in html
    html = login(roles["applicant"]).get(f"/library/platforms/{p.pk}/").content.decode()
    assert 'data-testid="report-change"' in html and 'data-testid="change-tier"' not in html
    html = login(roles["city"]).get(f"/library/platforms/{p.pk}/").content.decode()
    assert 'data-testid="record-support"' in html


def test_the_public_list_hides_contacts_without_consent(client) -> None:
    platform(name="公开联系方式平台", contact_public=True, contact_name="王工", contact_phone="027-11112222",
             tier="national")
    platform(name="不公开联系方式平台", contact_name="李工", contact_phone="027-33334444")
    platform(name="已移出平台", status="removed", removed_on=date(2026, 3, 1))
    response = client.get("/library/list/")
    html = response.content.decode()
    assert [p.name for p in response.context["object_list"]] == ["公开联系方式平台", "不公开联系方式平台"]
    assert "王工（027-11112222）" in html and "李工" not in html and "027-33334444" not in html
    assert [(t["tier"].value, t["count"]) for t in response.context["tiers"]] == [
        ("national", 1), ("key", 0), ("reserve", 0), ("provincial", 1)]
    assert [p.name for p in client.get("/library/list/?tier=provincial").context["object_list"]] == ["不公开联系方式平台"]


def test_the_directory_sheet_lists_a_provinces_platforms_and_sums_them(roles, login) -> None:
    platform(name="湖北国家级平台", district="420171", tier="national")
    platform(name="湖北省级平台", district="420502", tier="provincial")
    platform(name="浙江重点平台", district="330106", tier="key")
    response = login(roles["ministry"]).get("/library/list/export/")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook["名录"].iter_rows(values_only=True))
    assert rows[1] == ("序号", "省份", "城市", "平台名称", "依托单位", "所属领域", "层级", "入库时间", "服务事项数")
    assert [r[:4] for r in rows[2:]] == [(1, "浙江省", "杭州市", "浙江重点平台"), (2, "湖北省", "武汉市", "湖北国家级平台"),
                                         (3, "湖北省", "宜昌市", "湖北省级平台")]
    summary = list(workbook["分省汇总"].iter_rows(values_only=True))
    assert summary == [("省份", "国家制造业中试平台", "工业和信息化部重点培育中试平台", "储备中试平台", "省级制造业中试平台", "合计"),
                       ("浙江省", 0, 1, 0, 0, 1), ("湖北省", 1, 0, 0, 1, 2), ("合计", 1, 1, 0, 1, 3)]
    province_rows = list(load_workbook(io.BytesIO(b"".join(
        login(roles["province"]).get("/library/list/export/").streaming_content)))["名录"].iter_rows(values_only=True))
    assert [r[3] for r in province_rows[2:]] == ["湖北国家级平台", "湖北省级平台"]


def test_the_list_makes_as_many_queries_for_50_rows_as_for_5(roles, login, django_assert_max_num_queries) -> None:
    client = login(roles["ministry"])
    assert_constant(client, "/library/platforms/", spread_platforms, 25, django_assert_max_num_queries)


def test_the_public_list_makes_as_many_queries_for_50_rows_as_for_5(client, django_assert_max_num_queries) -> None:
    assert_constant(client, "/library/list/", spread_platforms, 20, django_assert_max_num_queries)


def test_the_detail_makes_as_many_queries_for_50_rows_as_for_5(roles, login, django_assert_max_num_queries) -> None:
    p = platform(host_org=roles["applicant"].host_org)
    assert_constant(login(roles["ministry"]), f"/library/platforms/{p.pk}/",
                    lambda n: grow_history(PilotPlatform.objects.get(pk=p.pk), n), 35,
                    django_assert_max_num_queries)


def test_home_pages_mention_the_platforms(roles, login) -> None:
    platform(host_org=roles["applicant"].host_org)
    platform(district="420502", status="removed", removed_on=date(2026, 1, 5))
    applicant = login(roles["applicant"]).get("/").context["page"]
    assert [(i.title, i.count, i.url) for i in applicant.facts if i.url.startswith("/library/")] == [
        ("本单位在库平台", 1, "/library/mine/")]
    province = login(roles["province"]).get("/").context["page"]
    assert [(i.title, i.count, i.url) for i in province.facts if i.url.startswith("/library/")] == [
        ("辖区在库平台", 1, "/library/platforms/")]
