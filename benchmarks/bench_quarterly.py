"""Time the quarterly-update pages of the library at 2,500 platforms × 12 quarterly versions (issue 10 §3).

Creates a fresh database (a temporary SQLite file, or ``test_<name>`` on the PostgreSQL server of
``DATABASE_URL``), migrates it and stores ``--count`` active platforms over Hubei's districts, each with 13
data versions (the approved 申报书's, then 12 accepted quarterly updates 2024 Q1 … 2026 Q3, each with the
update row and its answers) and an update of 2026 Q4 in a varied state (50 % accepted, 15 % awaiting review,
10 % of them late, 10 % returned or draft, 25 % not started). Then, through Django's test client as the
province reviewer (in-process, no server), each page is requested twice to warm and ``--runs`` times; the
median is printed with its ratio to two baselines measured in the same run: ``/healthz`` (no database) and
the reviewer's ``/notifications/`` (a signed-in page of a few queries). The database is ANALYZEd after the
bulk load, as autovacuum would (without statistics PostgreSQL nests loops over the dashboard's semi-join). The field diff of two versions
(``diff_versions``, v1 → v13) is timed in-process against decoding the two versions' JSON.

    .venv/bin/python benchmarks/bench_quarterly.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zhongshi_bench .venv/bin/python benchmarks/bench_quarterly.py
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from datagen import in_fresh_database  # noqa: E402 - the shared helpers (benchmarks/datagen.py)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhongshi.config.django.test")

DISTRICTS = ("420171", "420111", "420115", "420102", "420106", "420502", "420503", "420602", "420606")
QUARTERS = [(year, quarter) for year in (2024, 2025, 2026) for quarter in (1, 2, 3, 4)][:12]  # through 2026 Q4
BATCH = 500


def version_data(rng: random.Random, n: int) -> dict[str, Any]:
    return {
        "service_revenue_wan": str(rng.randint(100, 3000)), "enterprises_served": rng.randint(1, 80),
        "equipment_value_wan": str(rng.randint(1000, 9000)), "fulltime_staff": rng.randint(10, 200),
        "clusters": ["光电子信息"],
        "services": [{"name": f"服务{k}·{rng.randint(1, 9)}", "kind": "产品性能测试", "description": "指标" * 20,
                      "keywords": []} for k in range(5)],
        "service_items": [{"kind": "性能测试", "products": f"产品{k}", "parameters": "指标" * 20} for k in range(5)],
        "equipment": [{"name": f"设备{k}", "model": f"M-{k}", "quantity": rng.randint(1, 9),
                       "value_wan": str(rng.randint(10, 900))} for k in range(10)],
        "load": {"operating_days": rng.randint(30, 90), "utilisation": rng.randint(30, 100),
                 "pilot_projects": rng.randint(1, 40)},
        "summary": f"第{n}版运行情况" * 5,
    }


def answers_of(data: dict[str, Any]) -> dict[str, Any]:
    return {"form": "library-quarterly-2026", "load": data["load"], "summary": {"text": data["summary"]},
            "capacity": {"service_revenue_wan": int(data["service_revenue_wan"]),
                         "service_items": data["service_items"]},
            "resources": {"equipment": data["equipment"], "fulltime_staff": data["fulltime_staff"]}}


def generate(count: int) -> Any:
    from django.utils import timezone

    from zhongshi.library.models import PilotPlatform, PlatformVersion, QuarterlyUpdate
    from zhongshi.organisations.models import Region

    rng = random.Random(2026)
    regions = {r.code: r for r in Region.objects.filter(code__in=DISTRICTS)}
    now = timezone.now()
    for start in range(0, count, BATCH):
        platforms = PilotPlatform.objects.bulk_create([
            PilotPlatform(name=f"基准中试平台{n:05d}", host_org_name=f"基准依托单位{n:05d}", credit_code=f"9142{n:014d}",
                          division=regions[DISTRICTS[n % len(DISTRICTS)]], tier=("provincial", "reserve", "key")[n % 3],
                          since=date(2023, 12, 1), version_count=13)
            for n in range(start, min(start + BATCH, count))])
        if not all(p.pk for p in platforms):  # SQLite before 3.35 returns no keys
            platforms = list(PilotPlatform.objects.filter(name__in=[p.name for p in platforms]).order_by("pk"))
        versions, updates = [], []
        for platform in platforms:
            for number in range(1, 14):
                versions.append(PlatformVersion(platform=platform, number=number,
                                                source="application" if number == 1 else "quarterly",
                                                data=version_data(rng, number)))
        PlatformVersion.objects.bulk_create(versions)
        by_key = {(v.platform_id, v.number): v.pk for v in PlatformVersion.objects.filter(
            platform__in=platforms).only("pk", "platform_id", "number")}
        for platform in platforms:
            for index, (year, quarter) in enumerate(QUARTERS[:-1]):
                number = index + 2
                updates.append(QuarterlyUpdate(
                    platform=platform, year=year, quarter=quarter, form_code="library-quarterly-2026",
                    answers=answers_of(version_data(rng, number)), status="accepted", submitted_at=now,
                    decided_at=now, version_id=by_key[(platform.pk, number)], late=rng.random() < 0.1))
            roll = rng.random()
            if roll < 0.75:
                status = ("accepted" if roll < 0.5 else "submitted" if roll < 0.65 else
                          "returned" if roll < 0.7 else "draft")
                updates.append(QuarterlyUpdate(
                    platform=platform, year=2026, quarter=4, form_code="library-quarterly-2026",
                    answers=answers_of(version_data(rng, 14)), status=status,
                    submitted_at=now if status in ("accepted", "submitted") else None, late=rng.random() < 0.1))
        QuarterlyUpdate.objects.bulk_create(updates)
    return PilotPlatform.objects.order_by("pk").first()


def timed(function: Any, runs: int) -> float:
    for _ in range(2):
        function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def run(count: int, runs: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from zhongshi.accounts.models import User
    from zhongshi.library.domain.queries.diff_versions import diff_versions
    from zhongshi.library.models import PlatformVersion
    from zhongshi.organisations.models import Authority

    started = time.perf_counter()
    platform = generate(count)
    with connection.cursor() as cursor:  # the statistics autovacuum would gather (a fresh bulk load has none)
        cursor.execute("ANALYZE")
    generated = time.perf_counter() - started
    user = User.objects.create(username="bench-hubei", role="authority", authority=Authority.objects.get(
        region__code="420000"), full_name="基准测试审核人")
    client = Client()
    client.force_login(user)

    def page(url: str) -> Any:
        def get() -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
        return get

    dashboard = reverse("library:update_dashboard") + "?period=2026-q4"
    wuhan = connection.cursor()
    wuhan.execute("SELECT id FROM organisations_region WHERE code = '420100'")
    wuhan_pk = wuhan.fetchone()[0]
    pages = {
        "/healthz": page("/healthz"),
        "signed in: /notifications/": page(reverse("notifications:notification_list")),
        "province dashboard, all (counts + 50 rows)": page(dashboard),
        "province dashboard, not submitted": page(dashboard + "&category=missing"),
        "province dashboard, 武汉市, reserve tier": page(dashboard + f"&division={wuhan_pk}&tier=reserve"),
        "province dashboard, page 40": page(dashboard + "&page=40"),
        "dashboard export .xlsx (all rows)": page(reverse("library:update_dashboard_export") + "?period=2026-q4"),
        "platform's update page (13 updates)": page(reverse("library:update_platform", args=[platform.pk])),
        "version history, diff v1 → v13": page(reverse("library:version_history", args=[platform.pk]) + "?a=1&b=13"),
    }
    results = {name: timed(get, runs) for name, get in pages.items()}
    v1, v13 = PlatformVersion.objects.get(platform=platform, number=1), PlatformVersion.objects.get(platform=platform,
                                                                                                     number=13)

    def decode() -> None:
        for pk in (v1.pk, v13.pk):
            PlatformVersion.objects.get(pk=pk).data  # noqa: B018

    def diff() -> None:
        diff_versions(PlatformVersion.objects.get(pk=v1.pk), PlatformVersion.objects.get(pk=v13.pk))

    raw = timed(decode, runs * 3)
    diffed = timed(diff, runs * 3)
    health, signed_in = results["/healthz"], results["signed in: /notifications/"]
    return {
        "database": connection.vendor, "platforms": count, "versions": count * 13, "generated_s": round(generated, 1),
        "changes_v1_v13": len(diff_versions(v1, v13)),
        "pages": {name: {"p50_s": round(value, 4), "x_healthz": round(value / health, 1),
                         "x_signed_in": round(value / signed_in, 1)} for name, value in results.items()},
        "diff_versions": {"p50_s": round(diffed, 5), "read_two_versions_s": round(raw, 5),
                          "x_read": round(diffed / raw, 1)},
        "at": datetime.now().isoformat(timespec="minutes"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2500)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    in_fresh_database(lambda: print(json.dumps(run(args.count, args.runs), ensure_ascii=False, indent=1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
