"""Benchmark data: submitted applications of ``hubei-2026-provincial`` with full answers, shared by the
benchmarks (bench_reevaluate.py, bench_pages.py).

As a command it fills the database of ``DATABASE_URL`` (migrated, the demo loaded) with ``--count``
applications of many host organisations over Hubei's districts, spread over the review chain as in the middle
of a round, each with its judgement row and the review steps that brought it where it is:

    DATABASE_URL=sqlite:////tmp/zhongshi-bench/pages.sqlite3 .venv/bin/python benchmarks/datagen.py --count 50000

- host organisations: one per 20 applications; 30 % in 东湖高新区 (420171), 30 % in Wuhan's other districts,
  40 % in the rest of Hubei;
- statuses: 25 % submitted at the district level, 20 % at the city level, 35 % at the province level, 5 %
  returned, 5 % not recommended, 10 % approved; the district's ``recommend`` and the city's ``forward`` steps
  (with their recommendation order) exist for every application that passed them;
- answers: the complete example (~25 KB of JSON) with varied figures (``varied``), seed 2026.

``--sessions hubei,wuhan,donghu`` instead prints a JSON object of signed-in session keys for those users
(the runner's cookies) and the id of a province-level application.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if "ZHONGSHI_BENCH_SRC" in os.environ:  # the code to measure (e.g. a snapshot of an earlier commit)
    sys.path.insert(0, os.environ["ZHONGSHI_BENCH_SRC"])
else:
    sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhongshi.config.django.base")

BATCH = 1000
STATUSES = (  # (status, current level, share)
    ("submitted", "district", 0.25),
    ("submitted", "city", 0.20),
    ("submitted", "province", 0.35),
    ("returned", "", 0.05),
    ("not_recommended", "", 0.05),
    ("approved", "", 0.10),
)


def in_fresh_database(run: Any) -> Any:
    """Set Django up, call ``run()`` in a fresh database (a temporary SQLite file, or ``test_<name>`` on the
    server of DATABASE_URL) and drop it afterwards: the benchmarks never touch a real database."""
    import tempfile

    import django

    django.setup()
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.mkdtemp(prefix="zhongshi-bench-")) / "db.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        return run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def example_answers() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "examples" / "hubei-2026-complete.json").read_text(encoding="utf-8"))
    return data


def varied(example: dict[str, Any], rng: random.Random, *, figures: bool = False) -> dict[str, Any]:
    """A copy of the example with its figures drawn at random (3 % lack the equipment value)."""
    from zhongshi.calls.domain.conditions import condition_figures

    data = copy.deepcopy(example)
    foundation, service, basic = data["foundation"], data["service"], data["basic"]
    foundation["equipment_value_wan"] = round(rng.uniform(800, 1800), 2)
    foundation["fulltime_staff"] = rng.randint(3, 60)
    service["enterprises_served"] = {"last_year": rng.randint(0, 12), "current_year": rng.randint(0, 12)}
    service["industrialized_products"] = {"last_year": rng.randint(0, 4), "current_year": rng.randint(0, 3)}
    service["service_revenue_wan"] = {"last_year": round(rng.uniform(50, 900), 2),
                                      "current_year": round(rng.uniform(20, 600), 2)}
    service["service_revenue_ratio_pct"] = {"last_year": 0, "current_year": round(rng.uniform(0, 8), 1)}
    basic["main_revenue_wan"]["2025"] = round(rng.uniform(0, 30000), 2)
    basic["violations_last_3_years"] = rng.random() < 0.05  # contracts.md §2: a boolean
    if rng.random() < 0.03:  # an unfinished draft: a figure not yet filled in
        del foundation["equipment_value_wan"]
    return condition_figures(data) if figures else data


def _host_orgs(count: int, rng: random.Random) -> list[Any]:
    from zhongshi.demo.domain.load_demo import make_credit_code
    from zhongshi.organisations.models import HostOrg, Region

    hubei = Region.objects.get(code="420000")
    wuhan = Region.objects.get(code="420100")
    districts = list(Region.objects.filter(path__startswith=hubei.path, level="district").order_by("path"))
    in_wuhan = [d for d in districts if d.path.startswith(wuhan.path) and d.code != "420171"]
    elsewhere = [d for d in districts if not d.path.startswith(wuhan.path)]
    donghu = Region.objects.get(code="420171")
    orgs = []
    for i in range(count):
        draw = rng.random()
        district = donghu if draw < 0.3 else rng.choice(in_wuhan) if draw < 0.6 else rng.choice(elsewhere)
        orgs.append(HostOrg(name=f"基准测试{i:05d}号中试科技有限公司", credit_code=make_credit_code(f"9142{i:07d}MA4B01"[:17]),
                            unit_type=rng.choice(["民企", "国企", "科研机构"]), district=district, status="approved",
                            contact_name="测试", contact_phone="027-80000000"))
    HostOrg.objects.bulk_create(orgs, batch_size=BATCH)
    return list(HostOrg.objects.filter(name__startswith="基准测试").select_related("district").order_by("pk"))


def populate(*, count: int, seed: int = 2026) -> dict[str, Any]:
    """Store ``count`` applications as the module's docstring says; returns what was made."""
    from django.db import connection, transaction
    from django.utils import timezone

    from zhongshi.applications.models import Application, ApplicationFigures
    from zhongshi.calls.domain.conditions import condition_figures, eligibility_of, evaluate_parsed, parse_conditions
    from zhongshi.calls.models import Call
    from zhongshi.organisations.models import Authority
    from zhongshi.reviews.models import ReviewStep

    rng = random.Random(seed)
    call = Call.objects.get(code="hubei-2026-provincial")
    conditions = parse_conditions(call.conditions)
    example = example_answers()
    orgs = _host_orgs(max(1, count // 20), rng)
    authorities = {a.region.code: a for a in Authority.objects.select_related("region")}
    province = authorities["420000"]
    now = timezone.now()
    order_by_city: dict[int, int] = {}
    made: dict[str, int] = {}
    for start in range(0, count, BATCH):
        apps, plans = [], []
        for _ in range(min(BATCH, count - start)):
            draw, status, level = rng.random(), STATUSES[-1][0], ""
            for candidate, candidate_level, share in STATUSES:
                if draw < share:
                    status, level = candidate, candidate_level
                    break
                draw -= share
            org = rng.choice(orgs)
            data = varied(example, rng)
            data["basic"]["platform_name"] = f"{org.name[:10]}中试平台{start + len(apps):05d}"
            data["basic"]["host_org"] = {"name": org.name, "credit_code": org.credit_code, "unit_type": org.unit_type}
            data["basic"]["location"]["district"] = org.district.name
            clusters = data["basic"].get("industry_clusters") or []
            apps.append(Application(call=call, host_org=org, form_code="hubei-2026", answers=data,
                                    platform_name=data["basic"]["platform_name"], status=status, current_level=level,
                                    round=1, warning_count=rng.randint(0, 2), clusters="、".join(clusters),
                                    submitted_at=now - timezone.timedelta(minutes=rng.randint(0, 60 * 24 * 60))))
            plans.append((org, status, level))
            made[f"{status}:{level}"] = made.get(f"{status}:{level}", 0) + 1
        with transaction.atomic():
            Application.objects.bulk_create(apps)
            ApplicationFigures.objects.bulk_create([
                ApplicationFigures(application=a, call=call, figures=condition_figures(a.answers),
                                   eligibility=eligibility_of(evaluate_parsed(conditions, a.answers))) for a in apps])
            steps = []
            for application, (org, status, level) in zip(apps, plans, strict=True):
                codes = [c for c in org.district.path.strip("/").split("/") if c]
                district, city = authorities.get(codes[-1]), authorities.get(codes[-2]) if len(codes) > 2 else None
                passed_district = level in ("city", "province") or status == "approved"
                passed_city = level == "province" or status == "approved"
                if district is not None and (passed_district or status in ("returned", "not_recommended")):
                    action = {"returned": "return", "not_recommended": "not_recommend"}.get(status, "recommend")
                    steps.append(ReviewStep(application=application, round=1, level="district", authority=district,
                                            action=action, opinion="材料齐全，同意推荐。", revision=1))
                if city is not None and passed_city:
                    order_by_city[city.pk] = order_by_city.get(city.pk, 0) + 1
                    steps.append(ReviewStep(application=application, round=1, level="city", authority=city,
                                            action="forward", opinion="经审核，同意推荐。", revision=1,
                                            order=order_by_city[city.pk]))
                    application.recommendation_order = order_by_city[city.pk]
                if status == "approved":
                    steps.append(ReviewStep(application=application, round=1, level="province", authority=province,
                                            action="approve", opinion="同意。", revision=1))
            ReviewStep.objects.bulk_create(steps)
            Application.objects.bulk_update([a for a in apps if a.recommendation_order], ["recommendation_order"])
    with connection.cursor() as cursor:  # the steady state of a database in use, not the load's aftermath
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"count": count, "host_orgs": len(orgs), "made": made, "database": connection.vendor}


def sessions(usernames: list[str]) -> dict[str, Any]:
    """Signed-in session keys for ``usernames`` (as a login would make), and a province-level application."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from zhongshi.accounts.models import User
    from zhongshi.applications.models import Application

    out: dict[str, Any] = {"cookie": settings.SESSION_COOKIE_NAME, "sessions": {}}
    for username in usernames:
        user = User.objects.get(username=username)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        out["sessions"][username] = store.session_key
    application = (Application.objects.filter(status="submitted", current_level="province",
                                              host_org__district__path__startswith="000000/420000/")
                   .order_by("pk").values_list("pk", flat=True).first())
    out["application"] = application
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=50_000)
    parser.add_argument("--sessions", default="", help="comma-separated usernames: print session keys instead")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    if args.sessions:
        print(json.dumps(sessions(args.sessions.split(","))))
        return 0
    call_command("migrate", interactive=False, verbosity=0)
    from zhongshi.demo.domain.load_demo import load_demo

    load_demo()
    started = time.perf_counter()
    result = populate(count=args.count)
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
