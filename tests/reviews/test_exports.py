"""The 推荐汇总表 and the filtered-list .xlsx: scoped once, every row the filter holds, streamed, and a
background job with a progress page when large (issue 8 §3)."""

from __future__ import annotations

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.query_counts import spread_applications
from zhongshi.reviews.models import ExportJob, ReviewStep

SUMMARY = reverse("reviews:summary_sheet", args=["hubei-2026-provincial"])


def _sheet(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return load_workbook(io.BytesIO(content)).active


def _forwarded_by(user) -> list[int]:
    return list(ReviewStep.objects.filter(authority=user.authority, action="forward")
                .order_by("order", "acted_at", "pk").values_list("application_id", flat=True))


def test_the_summary_sheet_costs_the_same_queries_at_any_size(roles, login):
    client = login(roles["city"])
    counts = []
    for grow in (5, 45):
        spread_applications(grow)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(SUMMARY)
        assert response.status_code == 200
        ws = _sheet(response)
        forwarded = _forwarded_by(roles["city"])
        assert ws.max_row == 3 + len(forwarded) and len(forwarded) >= (2 if grow == 5 else 10)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12


def test_the_list_export_holds_every_row_of_the_filter_not_one_page(roles, login):
    spread_applications(70)
    client = login(roles["province"])
    page = client.get(reverse("reviews:queue") + "?stage=all")
    total = page.context["paginator"].count
    assert total == 70 and len(page.context["rows"]) == 50
    ws = _sheet(client.get(reverse("reviews:queue_export") + "?stage=all"))
    assert ws.max_row == 1 + total
    assert [ws.cell(row=r, column=1).value for r in (2, 71)] == [1, 70]
    filtered = _sheet(client.get(reverse("reviews:queue_export") + "?stage=approved"))
    assert filtered.max_row == 1 + page.context["paginator"].object_list.filter(status="approved").count()


def test_a_large_export_is_a_background_job_with_progress_for_its_requester_only(roles, login, monkeypatch):
    monkeypatch.setattr("zhongshi.reviews.domain.exports.INLINE_ROWS", 10)
    spread_applications(40)
    client = login(roles["province"])
    response = client.get(reverse("reviews:queue_export") + "?stage=all&sort=platform_name")
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reviews:export_job", args=[job.pk])
    # Without a broker the job ran inline: done, every row written, the file in storage.
    assert (job.status, job.total, job.done, job.user) == ("done", 40, 40, roles["province"])
    assert job.filters["stage"] == "all" and job.filters["sort"] == "platform_name"
    page = client.get(response["Location"])
    assert page.status_code == 200 and "表格已生成，共40行。" in page.content.decode()
    fragment = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<section id="export-progress"') and "hx-trigger" not in fragment
    download = client.get(reverse("reviews:export_download", args=[job.pk]))
    ws = _sheet(download)
    assert ws.max_row == 41
    names = [ws.cell(row=r, column=2).value for r in range(2, 42)]
    assert names == sorted(names)
    for other in ("city", "other_province", "district"):
        stranger = login(roles[other])
        assert stranger.get(reverse("reviews:export_job", args=[job.pk])).status_code == 403
        assert stranger.get(reverse("reviews:export_download", args=[job.pk])).status_code == 403


def test_a_running_job_shows_its_progress_and_polls(roles, login):
    job = ExportJob.objects.create(user=roles["province"], kind="list", filename="申报书列表.xlsx", status="running",
                                   total=10000, done=2500)
    client = login(roles["province"])
    page = client.get(reverse("reviews:export_job", args=[job.pk])).content.decode()
    assert "正在生成表格：已写入2500行，共10000行。" in page
    assert 'hx-trigger="every 1s"' in page and 'value="25"' in page
    assert client.get(reverse("reviews:export_download", args=[job.pk])).status_code == 404


def test_a_summary_job_writes_the_summary_sheet(roles, login, monkeypatch):
    monkeypatch.setattr("zhongshi.reviews.domain.exports.INLINE_ROWS", 2)
    spread_applications(21)
    client = login(roles["city"])
    response = client.get(SUMMARY)
    job = ExportJob.objects.get()
    assert response.status_code == 302 and job.kind == "summary" and job.status == "done"
    ws = _sheet(client.get(reverse("reviews:export_download", args=[job.pk])))
    assert ws["A1"].value.endswith("推荐汇总表")
    assert ws.max_row == 3 + len(_forwarded_by(roles["city"])) == 3 + job.done
