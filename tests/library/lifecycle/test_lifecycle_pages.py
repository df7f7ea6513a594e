"""The lifecycle pages: the removal page states the ban's last day before the ministry confirms; tier change,
change report, acknowledgement and policy support through their forms; the change-report list's queries."""

from __future__ import annotations

from datetime import date

import pytest

from tests.library.platform_rows import platform, spread_platforms
from tests.query_counts import assert_constant
from zhongshi.library.models import ChangeReport, PilotPlatform, PolicySupport, TierChange

pytestmark = pytest.mark.django_db


def test_the_removal_page_states_the_last_day_of_the_ban_before_confirming(roles, login) -> None:
    p = platform(host_org=roles["applicant"].host_org, name="光芯中试平台")
    client = login(roles["ministry"])
    html = client.get(f"/library/platforms/{p.pk}/remove/?on=2026-03-15").content.decode()
    assert f"移出后，该依托单位（{p.host_org_name}）在 2029年3月15日（含）之前不得再次申报。" in html
    unconfirmed = client.post(f"/library/platforms/{p.pk}/remove/", {
        "cause_code": "falsification", "details": "数据不实", "decided_on": "2026-03-15"})
    assert unconfirmed.status_code == 400
    assert "请确认移出后的限制申报期限。" in unconfirmed.content.decode()
    assert PilotPlatform.objects.get(pk=p.pk).status == "active"
    missing = client.post(f"/library/platforms/{p.pk}/remove/", {
        "cause_code": "", "details": "数据不实", "decided_on": "2026-03-15", "confirm": "on"})
    assert "请选择移出原因。" in missing.content.decode()
    done = client.post(f"/library/platforms/{p.pk}/remove/", {
        "cause_code": "falsification", "details": "数据不实", "decided_on": "2028-02-29", "confirm": "on"})
    assert done.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.removed_on, p.removal_cause) == ("removed", date(2028, 2, 29), "数据资料弄虚作假")
    html = client.get(f"/library/platforms/{p.pk}/").content.decode()
    assert "该依托单位在 2031年2月28日（含）之前不得再次申报。" in html


def test_the_tier_page_changes_the_tier(roles, login) -> None:
    p = platform(tier="reserve")
    client = login(roles["ministry"])
    refused = client.post(f"/library/platforms/{p.pk}/tier/", {"new_tier": "key", "reason": "", "decided_on": "2026-09-01"})
    assert refused.status_code == 400 and "请填写层级变更的理由。" in refused.content.decode()
    client.post(f"/library/platforms/{p.pk}/tier/", {"new_tier": "key", "reason": "遴选", "decided_on": "2026-09-01"})
    assert list(TierChange.objects.filter(platform=p).values_list("new_tier", flat=True)) == ["reserve", "key"]


def test_a_change_is_reported_and_acknowledged_through_the_pages(roles, login) -> None:
    p = platform(host_org=roles["applicant"].host_org)
    applicant = login(roles["applicant"])
    refused = applicant.post(f"/library/platforms/{p.pk}/changes/new/", {"kind": "rename", "description": "更名",
                                                                         "effective_on": "2026-07-01"})
    assert "请填写变更后的名称。" in refused.content.decode()
    applicant.post(f"/library/platforms/{p.pk}/changes/new/", {"kind": "rename", "description": "更名",
                                                               "new_name": "新名称有限公司", "effective_on": "2026-07-01"})
    report = ChangeReport.objects.get()
    province = login(roles["province"])
    page = province.get("/library/changes/?status=reported")
    assert [row["can_acknowledge"] for row in page.context["rows"]] == [True]
    province.post(f"/library/changes/{report.pk}/acknowledge/", {"remark": "已备案"})
    report.refresh_from_db()
    assert (report.status, report.province_remark) == ("acknowledged", "已备案")
    assert [r["report"].pk for r in applicant.get("/library/changes/").context["rows"]] == [report.pk]
    assert login(roles["other_applicant"]).get("/library/changes/").context["rows"] == []


def test_policy_support_through_its_form_and_list(roles, login) -> None:
    p = platform()
    client = login(roles["province"])
    refused = client.post(f"/library/platforms/{p.pk}/supports/new/", {"kind": "funds", "granted_on": "2026-06-30",
                                                                        "source": ""})
    assert "请填写支持来源。" in refused.content.decode()
    client.post(f"/library/platforms/{p.pk}/supports/new/", {"kind": "funds", "granted_on": "2026-06-30",
                                                              "amount_wan": "1200.5", "source": "省专项"})
    assert list(PolicySupport.objects.values_list("source", "amount_wan")) == [("省专项", 1200.5)]
    html = client.get(f"/library/platforms/{p.pk}/supports/").content.decode()
    assert "1,200.50 万元" in html and "省专项" in html


def test_the_change_report_list_makes_as_many_queries_for_50_rows_as_for_5(roles, login,
                                                                           django_assert_max_num_queries) -> None:
    assert_constant(login(roles["province"]), "/library/changes/", spread_platforms, 30,
                    django_assert_max_num_queries)


def test_the_support_list_makes_as_many_queries_for_50_rows_as_for_5(roles, login,
                                                                     django_assert_max_num_queries) -> None:
    p = platform()

    def grow(n: int) -> None:
        for _ in range(n):
            PolicySupport.objects.create(platform=p, kind="energy", granted_on=date(2026, 1, 1), source="电网",
                                         recorded_by=roles["city"])

    assert_constant(login(roles["province"]), f"/library/platforms/{p.pk}/supports/", grow, 25,
                    django_assert_max_num_queries)
