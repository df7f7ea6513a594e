"""Time ``reevaluate_call`` (applications/domain/reevaluate_call.py) after a threshold change.

Creates a fresh database (a temporary SQLite file, or ``test_<name>`` on the PostgreSQL server of
``DATABASE_URL``), migrates it, stores ``--count`` applications of hubei-2026-provincial with their verdicts
(bulk_create; the figures vary so that the verdicts differ), then three times moves the equipment threshold
(1000 → 1300 → 1000 → 1300 万元) and times ``reevaluate_call``. Prints JSON:
``{"count", "seconds" (median of the runs), "counts" (of the last run), "runs", "changed", "database", "answers"}``.

    DJANGO_SETTINGS_MODULE=zhongshi.config.django.test .venv/bin/python benchmarks/bench_reevaluate.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zhongshi_bench … benchmarks/bench_reevaluate.py --count 50000

Each application holds full answers (the complete example, ~25 KB of JSON, as a real 申报书) and, as every
save does, its judgement row (``ApplicationFigures``: the ~1.7 KB of figures the conditions read, and the
verdict), which is all ``reevaluate_call`` reads and writes. ``--answers figures`` stores only the figures in
the answers too (the answers' size then does not matter, which this option shows).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhongshi.config.django.test")

from datagen import example_answers, in_fresh_database, varied  # noqa: E402 - the shared generator (benchmarks/datagen.py)

THRESHOLDS = (1300, 1000, 1300)
BATCH = 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=50_000)
    parser.add_argument("--answers", choices=["full", "figures"], default="full")
    args = parser.parse_args()

    return in_fresh_database(lambda: run(args.count, figures=args.answers == "figures", answers=args.answers))


def run(count: int, *, figures: bool, answers: str) -> int:
    from django.db import connection

    from zhongshi.applications.domain.reevaluate_call import reevaluate_call
    from zhongshi.applications.models import Application, ApplicationFigures
    from zhongshi.calls.domain.conditions import condition_figures, eligibility_of, evaluate_parsed, parse_conditions
    from zhongshi.calls.models import Call
    from zhongshi.organisations.models import HostOrg, Region

    call = Call.objects.get(code="hubei-2026-provincial")
    host_org = HostOrg.objects.create(name="基准测试依托单位有限公司", credit_code="91420100MA4KQ7T8XT", unit_type="民企",
                                      district=Region.objects.get(code="420171"), status="approved")
    example = example_answers()
    conditions = parse_conditions(call.conditions)
    rng = random.Random(2026)
    for start in range(0, count, BATCH):
        batch = []
        for _ in range(min(BATCH, count - start)):
            data = varied(example, rng, figures=figures)
            batch.append(Application(call=call, host_org=host_org, form_code="hubei-2026", answers=data,
                                     platform_name=example["basic"]["platform_name"]))
        Application.objects.bulk_create(batch)
        ApplicationFigures.objects.bulk_create([
            ApplicationFigures(application=a, call=call, figures=condition_figures(a.answers),
                               eligibility=eligibility_of(evaluate_parsed(conditions, a.answers))) for a in batch])
    with connection.cursor() as cursor:  # the steady state of a database in use, not the load's aftermath
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE applications_application")
            cursor.execute("VACUUM ANALYZE applications_applicationfigures")
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    runs, changed = [], []
    counts: dict[str, int] = {}
    for threshold in THRESHOLDS:
        edited = copy.deepcopy(call.conditions)
        edited[0]["test"]["value"] = threshold
        call.conditions = edited
        call.save(update_fields=["conditions"])
        before = dict(Application.objects.filter(call=call).values_list("pk", "eligibility_record__eligibility"))
        started = time.perf_counter()
        counts = reevaluate_call(call)
        runs.append(round(time.perf_counter() - started, 3))
        after = dict(Application.objects.filter(call=call).values_list("pk", "eligibility_record__eligibility"))
        changed.append(sum(1 for pk, verdict in after.items() if before[pk] != verdict))
    print(json.dumps({"count": count, "seconds": statistics.median(runs), "counts": counts, "runs": runs,
                      "changed": changed, "database": connection.vendor, "answers": answers}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
