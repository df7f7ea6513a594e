"""Time expert assignment and aggregation (issue 11 "Performance"), each as a ratio to a baseline in the same run.

Creates a fresh database (a temporary SQLite file, or ``test_<name>`` on the PostgreSQL server of
``DATABASE_URL``), migrates it and stores: ``--applications`` submitted applications of hubei-2026-provincial
(full answers, ~25 KB each, figures varied by ``datagen.varied``), each of its own host organisation over
Hubei's districts (``datagen._host_orgs``) with one registered partner organisation and the 联合单位 answer
naming another; ``--experts`` experts over the same districts, with 1–3 of 10 clusters, of whom 10 % work for
an applicant's host organisation, 10 % for a partner and 10 % declare a conflict with an applicant. Then:

- **assign**: ``assign_experts`` on a provincial round of all applications, ``--per-item`` (7) experts each, same
  district excluded (it also writes the assignments and notifies each expert). Baseline: a naive loop reading the
  same rows (the items with their application, host and district, the 联合单位 answers, the partners, the
  experts with their profiles and clusters, the round's assignments), deciding and writing nothing.
- **aggregate**: every assignment accepted and its sheet submitted (bulk, random scores), then ``round_results``
  (weighted totals, mean, trimmed mean, deviations, outliers, ranking). Baseline: the same sheet rows read in a
  loop, summing each item's totals.

Each timing is the median of three runs (the assignments deleted between runs). Prints JSON.

    .venv/bin/python benchmarks/bench_experts.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zhongshi_bench_experts .venv/bin/python benchmarks/bench_experts.py
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhongshi.config.django.test")

from datagen import _host_orgs, example_answers, in_fresh_database, varied  # noqa: E402 - the shared generator

CLUSTERS = ["光电子信息", "激光", "汽车", "生物医药", "高端装备", "新材料", "集成电路", "北斗", "节能环保", "数字创意"]
RUNS = 3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--applications", type=int, default=500)
    parser.add_argument("--experts", type=int, default=200)
    parser.add_argument("--per-item", type=int, default=7)
    args = parser.parse_args()

    return in_fresh_database(lambda: run(args.applications, args.experts, args.per_item))


def timed(function: Any) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def populate(count: int, expert_count: int, per_item: int, rng: random.Random) -> Any:
    from zhongshi.accounts.models import User
    from zhongshi.applications.models import Application
    from zhongshi.calls.models import Call
    from zhongshi.experts.domain.indicator_systems import install_example_systems
    from zhongshi.experts.models import EvaluationRound, ExpertProfile, RoundItem
    from zhongshi.organisations.models import Authority, Expert, PartnerOrg, Region
    from zhongshi.reference.models import ReferenceItem, Vocabulary

    call = Call.objects.get(code="hubei-2026-provincial")
    hosts = _host_orgs(count, rng)
    PartnerOrg.objects.bulk_create([PartnerOrg(host_org=h, name=f"基准联合单位{i:05d}研究院") for i, h in enumerate(hosts)])
    example = example_answers()
    applications = []
    for i, host in enumerate(hosts):
        data = varied(example, rng)
        clusters = rng.sample(CLUSTERS, rng.randint(1, 2))
        data["basic"].update(platform_name=f"基准平台{i:05d}", industry_clusters=clusters,
                             partner_orgs=f"基准合作{i:05d}有限公司、基准联合单位{i:05d}研究院")
        applications.append(Application(call=call, host_org=host, form_code="hubei-2026", answers=data,
                                        platform_name=data["basic"]["platform_name"], clusters="、".join(clusters),
                                        status="submitted", current_level="province"))
    Application.objects.bulk_create(applications, batch_size=200)
    applications = list(Application.objects.order_by("pk"))

    vocabulary, _ = Vocabulary.objects.get_or_create(code="cluster_hubei_51020", defaults={"name": "产业集群"})
    items = {}
    for name in CLUSTERS:
        item = ReferenceItem.objects.filter(vocabulary=vocabulary, name=name).first()
        items[name] = item or ReferenceItem.objects.create(vocabulary=vocabulary, code=name, name=name)
    districts = sorted({h.district_id for h in hosts})
    regions = Region.objects.in_bulk(districts)
    users = User.objects.bulk_create([User(username=f"bench_expert{i}", full_name=f"专家{i}", role="expert")
                                      for i in range(expert_count)])
    experts = []
    for i, user in enumerate(users):
        kind = i % 10
        organisation, host_org = f"基准大学{i}", None
        if kind == 1:  # works for an applicant
            host_org = rng.choice(hosts)
            organisation = host_org.name
        elif kind == 2:  # works for a partner
            organisation = f"基准联合单位{rng.randrange(count):05d}研究院"
        experts.append(Expert(user=user, name=user.full_name, title="教授", organisation=organisation,
                              host_org=host_org, region=regions[rng.choice(districts)]))
    experts = Expert.objects.bulk_create(experts)
    Expert.clusters.through.objects.bulk_create([
        Expert.clusters.through(expert_id=e.pk, referenceitem_id=items[name].pk)
        for e in experts for name in rng.sample(CLUSTERS, rng.randint(1, 3))])
    ExpertProfile.objects.bulk_create([ExpertProfile(expert=e, declared_conflicts=[rng.choice(hosts).credit_code])
                                       for i, e in enumerate(experts) if i % 10 == 3])
    organiser = Authority.objects.get(region__code="420000")
    actor = User.objects.create(username="bench_hubei", role="authority", authority=organiser, full_name="湖北")
    evaluation_round = EvaluationRound.objects.create(
        title="基准评审", organiser=organiser, kind="application_review", call=call,
        system=install_example_systems()[0], experts_per_item=per_item, exclude_same_district=True, chair=actor)
    RoundItem.objects.bulk_create([RoundItem(round=evaluation_round, application=a) for a in applications])
    return evaluation_round, actor


def baseline_assign(evaluation_round: Any) -> int:
    """Read what assignment reads (the items with their application, host and district, the 联合单位 answers,
    the partners, the experts with their profiles and clusters, the round's assignments), decide nothing."""
    from zhongshi.applications.models import Application
    from zhongshi.experts.models import Assignment, RoundItem
    from zhongshi.organisations.models import Expert, PartnerOrg

    seen = 0
    items = RoundItem.objects.filter(round=evaluation_round).select_related(
        "application__host_org__district", "platform__division").defer(
        "application__answers", "application__confirmed_sensitive").order_by("pk")
    for item in items:
        seen += len(item.application.host_org.name) + len(item.application.host_org.district.name)
    seen += sum(1 for _ in Application.objects.values_list("pk", "answers__basic__partner_orgs"))
    seen += sum(1 for _ in PartnerOrg.objects.values_list("host_org_id", "name", "credit_code"))
    for expert in Expert.objects.select_related("host_org", "profile").order_by("pk"):
        seen += len(expert.organisation)
    seen += sum(1 for _ in Expert.clusters.through.objects.values_list("expert_id", "referenceitem__name"))
    seen += sum(1 for _ in Assignment.objects.filter(item__round=evaluation_round).values_list(
        "item_id", "expert_id", "status"))
    return seen


def baseline_aggregate(evaluation_round: Any) -> int:
    from collections import defaultdict

    from zhongshi.experts.models import ScoreSheet

    sums: dict[int, Decimal] = defaultdict(Decimal)
    for _pk, item_id, _expert, scores, total in ScoreSheet.objects.filter(
            assignment__item__round=evaluation_round, status="submitted").values_list(
            "pk", "assignment__item_id", "assignment__expert_id", "scores", "total"):
        sums[item_id] += total + len(scores)
    return len(sums)


def run(count: int, expert_count: int, per_item: int) -> int:
    from django.db import connection
    from django.utils import timezone

    from zhongshi.experts.domain.assign_experts import assign_experts
    from zhongshi.experts.domain.indicator_systems import system_of
    from zhongshi.experts.domain.queries.aggregate import round_results
    from zhongshi.experts.domain.score_sheets import weighted_total
    from zhongshi.experts.models import Assignment, ScoreSheet
    from zhongshi.notifications.models import Notification

    rng = random.Random(2026)
    started = time.perf_counter()
    evaluation_round, actor = populate(count, expert_count, per_item, rng)
    setup = time.perf_counter() - started

    assign_runs, assign_base = [], []
    created = 0
    for run_number in range(RUNS):
        if run_number:
            Assignment.objects.all().delete()
            Notification.objects.all().delete()
        assign_base.append(timed(lambda: baseline_assign(evaluation_round)))
        started = time.perf_counter()
        created = len(assign_experts(evaluation_round=evaluation_round, actor=actor))
        assign_runs.append(time.perf_counter() - started)
    loads = list(Assignment.objects.values_list("expert_id", flat=True))
    per_expert = [loads.count(pk) for pk in set(loads)]

    system = system_of(evaluation_round.system)
    Assignment.objects.update(status="accepted")
    now = timezone.now()
    sheets = []
    for assignment_id in Assignment.objects.order_by("pk").values_list("pk", flat=True):
        scores = {i.code: {"score": str(rng.randint(4, 10)), "comment": ""} for i in system.indicators}
        sheets.append(ScoreSheet(assignment_id=assignment_id, scores=scores, total=weighted_total(scores, system),
                                 status="submitted", submitted_at=now, revision=2))
    ScoreSheet.objects.bulk_create(sheets, batch_size=500)
    aggregate_runs, aggregate_base = [], []
    flagged = 0
    for _ in range(RUNS):
        aggregate_base.append(timed(lambda: baseline_aggregate(evaluation_round)))
        started = time.perf_counter()
        results = round_results(evaluation_round)
        aggregate_runs.append(time.perf_counter() - started)
        flagged = sum(1 for r in results if r.has_outlier)

    assign_s, assign_b = statistics.median(assign_runs), statistics.median(assign_base)
    aggregate_s, aggregate_b = statistics.median(aggregate_runs), statistics.median(aggregate_base)
    print(json.dumps({
        "database": connection.vendor, "applications": count, "experts": expert_count, "per_item": per_item,
        "setup_seconds": round(setup, 1),
        "assign": {"seconds": round(assign_s, 3), "baseline": round(assign_b, 3), "ratio": round(assign_s / assign_b, 1),
                   "assignments": created, "max_load": max(per_expert), "min_load": min(per_expert)},
        "aggregate": {"seconds": round(aggregate_s, 3), "baseline": round(aggregate_b, 3),
                      "ratio": round(aggregate_s / aggregate_b, 1), "sheets": len(sheets),
                      "items_with_outlier": flagged},
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
