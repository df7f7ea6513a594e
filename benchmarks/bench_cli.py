"""Wall time of ``zhongshi check-application`` (start-up included), median of ``--runs`` runs.

    .venv/bin/python benchmarks/bench_cli.py
    ZHONGSHI_BENCH_SRC=/path/to/other/src .venv/bin/python benchmarks/bench_cli.py   # another checkout's code

Runs the command as a user does (a fresh process, the embedded SQLite database of a temporary data
directory, migrated by a first run that is not timed) on examples/hubei-2026-complete.json, and also times
``python -c "import django; django.setup()"`` (Django's start alone) for comparison. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _time(argv: list[str], env: dict[str, str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds of each run: on a shared machine the CPU time is the steadier."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if result.returncode not in (0, 1):
            raise SystemExit(result.stderr)
    return walls, cpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    src = os.environ.get("ZHONGSHI_BENCH_SRC", str(ROOT / "src"))
    with tempfile.TemporaryDirectory(prefix="zhongshi-cli-") as data:
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
        env.update(PYTHONPATH=src, ZHONGSHI_DATA_DIR=data)
        command = [sys.executable, "-c", "from zhongshi.cli import main; main()", "check-application", "--call",
                   "hubei-2026-provincial", str(ROOT / "examples" / "hubei-2026-complete.json")]
        _time(command, env, 1)  # migrates the fresh database
        check = _time(command, env, args.runs)
        setup_code = ("import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'zhongshi.config.django.base'; "
                      "import django; django.setup()")
        setup = _time([sys.executable, "-c", setup_code], env, args.runs)
    out = {"src": src}
    for label, index in (("wall", 0), ("cpu", 1)):
        out[f"check_application_{label}_p50"] = round(statistics.median(check[index]), 3)
        out[f"django_setup_{label}_p50"] = round(statistics.median(setup[index]), 3)
        out[f"beyond_setup_{label}"] = round(statistics.median(check[index]) - statistics.median(setup[index]), 3)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
