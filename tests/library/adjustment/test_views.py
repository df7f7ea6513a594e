"""The adjustment pages: the province's round, the ministry's list and decisions; queries at 5 and 50 rows."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from tests.library.adjustment.conftest import make_platform, pdf_upload
from tests.query_counts import assert_constant
from zhongshi.library.domain.adjustment import open_round, propose_exit, submit_round, upload_summary_sheet
from zhongshi.library.models import AdjustmentProposal, AdjustmentRound

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_province_proposes_an_exit_uploads_and_submits_on_its_page(roles) -> None:
    round_ = open_round(user=roles["province"], today=date(2026, 12, 1))
    platform = make_platform()
    client = client_for(roles["province"])
    url = reverse("library:adjustment_round", args=[round_.pk])
    page = client.get(url).content.decode()
    assert "2026年12月25日至2026年12月31日（当月最后5个工作日）" in page
    refused = client.post(url, {"action": "exit", "platform": platform.pk, "cause_code": "", "reasons": "x"})
    assert refused.status_code == 400 and "请选择退出原因。" in refused.content.decode()
    client.post(url, {"action": "exit", "platform": platform.pk, "cause_code": "falsification", "reasons": "核实"})
    assert AdjustmentProposal.objects.get().platform == platform
    refused = client.post(url, {"action": "submit"})
    assert refused.status_code == 400 and "请先上传汇总表盖章扫描件，再提交。" in refused.content.decode()
    client.post(url, {"action": "upload", "summary_sheet": pdf_upload()})
    assert client.post(url, {"action": "submit"}).status_code == 302
    round_.refresh_from_db()
    assert (round_.status, round_.summary_sheet_name) == ("submitted", "汇总表盖章扫描件.pdf")
    sheet = client_for(roles["ministry"]).get(reverse("library:adjustment_sheet", args=[round_.pk]))
    assert sheet.status_code == 200 and b"".join(sheet.streaming_content).startswith(b"%PDF")


def test_another_province_cannot_change_the_round(roles) -> None:
    round_ = open_round(user=roles["province"], today=date(2026, 6, 1))
    response = client_for(roles["other_province"]).post(
        reverse("library:adjustment_round", args=[round_.pk]), {"action": "submit"})
    assert response.status_code == 403


def test_the_ministry_decides_on_the_round_page(roles) -> None:
    round_ = open_round(user=roles["province"], today=date(2026, 12, 1))
    proposal = propose_exit(user=roles["province"], round=round_, platform=make_platform(),
                            cause_code="safety_accident", reasons="发生较大安全事故")
    upload_summary_sheet(user=roles["province"], round=round_, upload=pdf_upload())
    submit_round(user=roles["province"], round=round_)
    client = client_for(roles["ministry"])
    page = client.get(reverse("library:adjustment_round", args=[round_.pk])).content.decode()
    assert f'data-testid="accept-{proposal.pk}"' in page
    listing = client.get(reverse("library:adjustment_rounds")).content.decode()
    assert "2026年12月动态调整" in listing and round_.authority.name in listing
    client.post(reverse("library:adjustment_decide", args=[proposal.pk]), {"decision": "accept"})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.platform.status) == ("done", "removed")


def _grow_proposals(province):
    def grow(count: int) -> None:
        round_ = AdjustmentRound.objects.first() or open_round(user=province, today=date(2026, 12, 1))
        start = AdjustmentProposal.objects.count()
        for n in range(start, start + count):
            platform = make_platform(name=f"调整平台{n}", district=("420171", "420502", "420602")[n % 3])
            AdjustmentProposal.objects.create(round=round_, action="exit", platform=platform,
                                              cause_code="falsification", cause="数据资料弄虚作假", reasons=f"理由{n}")
    return grow


@pytest.mark.parametrize("role", ["province", "ministry"])
def test_the_round_page_queries_do_not_grow(roles, role, django_assert_max_num_queries) -> None:
    grow = _grow_proposals(roles["province"])
    assert_constant(client_for(roles[role]),
                    lambda: reverse("library:adjustment_round", args=[AdjustmentRound.objects.get().pk]),
                    grow, 40, django_assert_max_num_queries)


def test_the_round_list_queries_do_not_grow(roles, django_assert_max_num_queries) -> None:
    from zhongshi.organisations.models import Authority

    provinces = list(Authority.objects.filter(level="province").order_by("path")[:10])
    slots = [(a, year, half) for year in range(2026, 2056) for half in (6, 12) for a in provinces]

    def grow(count: int) -> None:
        start = AdjustmentRound.objects.count()
        for authority, year, half in slots[start:start + count]:
            AdjustmentRound.objects.create(authority=authority, year=year, half=half, window_opens=date(year, half, 24),
                                           window_closes=date(year, half, 30))

    assert len(slots) >= 50
    assert_constant(client_for(roles["ministry"]), reverse("library:adjustment_rounds"), grow, 30,
                    django_assert_max_num_queries)
