"""Time ``zhongshi import-platforms`` (library/domain/import_platforms.py) on 2,500 platforms × 20 services.

Creates a fresh database (a temporary SQLite file, or ``test_<name>`` on the PostgreSQL server of
``DATABASE_URL``), migrates it, writes a platform list file of ``--count`` platforms with ``--services``
service items each (seed 2026: valid credit codes, Hubei districts, clusters, kinds, 5 % removed), then times,
each reading the file from disk and parsing it:

- ``baseline``: json.loads + bulk_create of the same platform and service rows, no validation (rolled back);
- ``fresh``: the import into the empty library (all created);
- ``again``: the same file again (nothing changes: validation and comparison only);
- ``changed``: the file with 10 % of the platforms changed (a tier, a service), all of the updates' work;
- ``export``: export-platforms of the whole library (the file's text).

Prints JSON: seconds of each step (the median of ``--runs`` for baseline, again, export) and its ratio to the
baseline measured in the same run.

    DJANGO_SETTINGS_MODULE=zhongshi.config.django.test .venv/bin/python benchmarks/bench_import_platforms.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zhongshi_bench \
      DJANGO_SETTINGS_MODULE=zhongshi.config.django.test .venv/bin/python benchmarks/bench_import_platforms.py
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from datagen import in_fresh_database  # noqa: E402 - the shared helpers (benchmarks/datagen.py)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhongshi.config.django.test")

DISTRICTS = ("420102", "420106", "420111", "420115", "420171", "420502", "420503", "420602", "420606")
CLUSTERS = ("光电子信息", "汽车制造与服务", "现代化工", "大健康", "高端装备", "新材料", "集成电路", "原材料工业")
KINDS = ("设计验证", "功能性能验证", "工艺验证", "适配验证", "生产验证")
SERVICE_KINDS = ("技术研发转化", "性能工艺改进", "工艺放大熟化", "产品型式试验", "产品性能测试", "小批量试生产",
                 "仪器设备共享", "设备应用验证")


def credit_code(n: int) -> str:
    from stdnum.cn import uscc

    body = f"91420100MA{n:07d}"
    return body + uscc.calc_check_digit(body)


def make_file(count: int, services: int) -> dict[str, Any]:
    rng = random.Random(2026)
    platforms = []
    for n in range(count):
        removed = rng.random() < 0.05
        platforms.append({
            "name": f"基准中试平台{n:05d}",
            "host_org": {"name": f"基准依托单位{n:05d}有限公司", "credit_code": credit_code(n)},
            "division": rng.choice(DISTRICTS),
            "clusters": rng.sample(CLUSTERS, 2),
            "verification_kinds": sorted(rng.sample(KINDS, 2)),
            "tier": rng.choice(("provincial", "reserve", "key", "national")),
            "since": f"2024-{rng.randint(1, 12):02d}-15",
            "status": "removed" if removed else "active",
            "removed_on": "2025-12-31" if removed else None,
            "removal_cause": "不再满足基本条件" if removed else None,
            "services": [{"name": f"服务事项{k}", "kind": rng.choice(SERVICE_KINDS),
                          "description": "最大载荷 50 kN，温度范围 -40～150 ℃，支持 CNAS 报告" * 2,
                          "keywords": ["振动", "冲击", f"关键词{k}"]} for k in range(services)],
        })
    return {"platforms": platforms}


def timed(function: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2500)
    parser.add_argument("--services", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    return in_fresh_database(lambda: run(args.count, args.services, args.runs))


def run(count: int, services: int, runs: int) -> int:
    from django.db import connection, transaction

    from zhongshi.library.domain.import_platforms import import_platforms
    from zhongshi.library.domain.queries.export_platforms import export_platforms_text, select_platforms
    from zhongshi.library.models import PilotPlatform, PlatformService
    from zhongshi.organisations.models import Region

    workdir = Path(tempfile.mkdtemp(prefix="zhongshi-bench-import-"))
    data = make_file(count, services)
    path = workdir / "platforms.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    changed = json.loads(path.read_text(encoding="utf-8"))
    rng = random.Random(7)
    for entry in rng.sample(changed["platforms"], count // 10):
        entry["tier"] = "national" if entry["tier"] != "national" else "key"
        if entry["services"]:
            entry["services"][0]["description"] += "（已更新）"
    changed_path = workdir / "changed.json"
    changed_path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    regions = {r.code: r for r in Region.objects.filter(code__in=DISTRICTS)}

    def baseline() -> None:
        with transaction.atomic():
            parsed = json.loads(path.read_text(encoding="utf-8"))
            rows = [PilotPlatform(name=p["name"], host_org_name=p["host_org"]["name"],
                                  credit_code=p["host_org"]["credit_code"], division=regions[p["division"]],
                                  clusters=p["clusters"], verification_kinds=p["verification_kinds"], tier=p["tier"],
                                  status=p["status"], since=p["since"], removed_on=p["removed_on"],
                                  removal_cause=p["removal_cause"] or "") for p in parsed["platforms"]]
            PilotPlatform.objects.bulk_create(rows, batch_size=1000)
            PlatformService.objects.bulk_create(
                [PlatformService(platform=row, position=k, name=s["name"], kind=s["kind"],
                                 description=s["description"], keywords=s["keywords"])
                 for row, p in zip(rows, parsed["platforms"], strict=True)
                 for k, s in enumerate(p["services"], start=1)], batch_size=1000)
            transaction.set_rollback(True)

    def importing(file: Path) -> Any:
        return import_platforms(data=json.loads(file.read_text(encoding="utf-8")), source_name=file.name)

    baseline()  # warm
    base = statistics.median(timed(baseline)[0] for _ in range(runs))
    fresh, result = timed(lambda: importing(path))
    assert (result.created, result.errors) == (count, []), result.errors[:3]
    again_times = []
    for _ in range(runs):
        seconds, again = timed(lambda: importing(path))
        assert (again.created, again.updated) == (0, 0)
        again_times.append(seconds)
    update, updated = timed(lambda: importing(changed_path))
    assert (updated.created, updated.updated) == (0, count // 10), updated.as_dict()
    export = statistics.median(timed(lambda: export_platforms_text(select_platforms()))[0] for _ in range(runs))
    again_s = statistics.median(again_times)
    print(json.dumps({
        "database": connection.vendor, "platforms": count, "services_each": services,
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "seconds": {"baseline": round(base, 3), "fresh": round(fresh, 3), "again": round(again_s, 3),
                    "changed_10pct": round(update, 3), "export": round(export, 3)},
        "ratio_to_baseline": {"fresh": round(fresh / base, 1), "again": round(again_s / base, 1),
                              "changed_10pct": round(update / base, 1), "export": round(export / base, 1)},
    }, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
