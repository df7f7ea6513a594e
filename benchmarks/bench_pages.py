"""Time the reviewers' pages under gunicorn (2 workers) as ratios to ``/healthz``, and the two exports.

    .venv/bin/python benchmarks/bench_pages.py --count 50000                       # SQLite (a file in --workdir)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zhongshi_bench .venv/bin/python benchmarks/bench_pages.py

1. Unless ``--reuse``, makes a fresh database (deletes the SQLite file, or drops and creates the PostgreSQL
   database named in DATABASE_URL), migrates it, loads the demo and ``--count`` applications (datagen.py).
   With ``--reuse`` it only migrates (so the same data are measured before and after a change of code).
2. Starts ``gunicorn -w 2`` (installed into ``--workdir``/deps when missing: ``gunicorn==27.0.1``, the pin
   of the ``bench`` extra) on 127.0.0.1 with the settings of ``zhongshi.config.django.base``.
3. Signs in as 湖北 (province), 武汉 (city) and 东湖 (district) reviewers (sessions made as a login makes them),
   warms each page up twice, then requests each ``--requests`` times in turn, one client, and prints p50
   and its ratio to the p50 of ``/healthz`` measured in the same run.
4. Runs each export in a fresh process (bench_export.py): seconds, peak memory (max RSS growth) and the
   ratio to reading the same rows.

``ZHONGSHI_BENCH_SRC=/path/to/src`` measures another checkout's code (e.g. a snapshot of an earlier commit).
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = "gunicorn==27.0.1"


def _env(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    src = os.environ.get("ZHONGSHI_BENCH_SRC", str(ROOT / "src"))
    deps = str(Path(args.workdir) / "deps")
    env["PYTHONPATH"] = os.pathsep.join([src, deps])
    env["ZHONGSHI_BENCH_SRC"] = src
    env["DJANGO_SETTINGS_MODULE"] = "zhongshi.config.django.base"
    env["ZHONGSHI_DATA_DIR"] = str(Path(args.workdir) / "data")
    env.setdefault("DATABASE_URL", f"sqlite:///{Path(args.workdir) / f'pages-{args.count}.sqlite3'}")
    env["DEBUG"] = "false"
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    env.pop("CELERY_BROKER_URL", None)
    return env


def _fresh_database(env: dict[str, str]) -> None:
    url = urlparse(env["DATABASE_URL"])
    if url.scheme.startswith("sqlite"):
        path = Path(url.path)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    name = url.path.lstrip("/")
    admin = env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def _run(env: dict[str, str], *argv: str) -> str:
    result = subprocess.run([sys.executable, *argv], env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"failed: {' '.join(argv)}")
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, path: str, cookie: str = "") -> tuple[int, float, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    started = time.perf_counter()
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return response.status, elapsed, len(body)


def _time(port: int, path: str, cookie: str, requests: int) -> dict[str, Any]:
    for _ in range(2):
        status, _elapsed, _size = _get(port, path, cookie)
        if status != 200:
            raise SystemExit(f"{path}: HTTP {status}")
    times, size = [], 0
    for _ in range(requests):
        _status, elapsed, size = _get(port, path, cookie)
        times.append(elapsed)
    return {"p50": statistics.median(times), "bytes": size}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "zhongshi-bench"))
    parser.add_argument("--reuse", action="store_true", help="keep the database; only migrate it")
    parser.add_argument("--no-exports", action="store_true")
    parser.add_argument("--only-exports", action="store_true")
    args = parser.parse_args()
    env = _env(args)
    Path(args.workdir).mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run([sys.executable, "-c", "import gunicorn"], env=env, check=True, capture_output=True)
    except subprocess.CalledProcessError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--target", str(Path(args.workdir) / "deps"),
                        GUNICORN], check=True)
    result: dict[str, Any] = {"count": args.count, "database": urlparse(env["DATABASE_URL"]).scheme,
                              "src": env["ZHONGSHI_BENCH_SRC"]}
    if args.reuse:
        _run(env, "-c", "import django; django.setup(); from django.core.management import call_command; "
                        "call_command('migrate', interactive=False, verbosity=0); print('migrated')")
    else:
        _fresh_database(env)
        result["generated"] = json.loads(_run(env, "benchmarks/datagen.py", "--count", str(args.count)))
    signed = json.loads(_run(env, "benchmarks/datagen.py", "--sessions", "hubei,wuhan,donghu"))
    cookies = {user: f"{signed['cookie']}={key}" for user, key in signed["sessions"].items()}
    if not args.only_exports:
        result["pages"] = _pages(args, env, cookies, signed["application"])
    if not args.no_exports:
        result["exports"] = {
            name: json.loads(_run(env, "benchmarks/bench_export.py", "--export", name))
            for name in ("summary", "queue")
        }
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


def _pages(args: argparse.Namespace, env: dict[str, str], cookies: dict[str, str], application: int) -> dict[str, Any]:
    port = _free_port()
    log = (Path(args.workdir) / "gunicorn.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout",
                               "600", "zhongshi.wsgi"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log,
                              start_new_session=True)
    try:
        for _ in range(300):
            try:
                if _get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        pages = {
            "healthz": ("/healthz", ""),
            "healthz, signed in": ("/healthz", cookies["hubei"]),
            "province queue": ("/reviews/", cookies["hubei"]),
            "city queue": ("/reviews/", cookies["wuhan"]),
            "district queue": ("/reviews/", cookies["donghu"]),
            "province queue, all stages": ("/reviews/?stage=all", cookies["hubei"]),
            "province home": ("/", cookies["hubei"]),
            "application detail": (f"/applications/{application}/", cookies["hubei"]),
            "review page": (f"/reviews/application/{application}/", cookies["hubei"]),
            "application list": ("/applications/", cookies["hubei"]),
            "call list": ("/calls/", cookies["hubei"]),
        }
        out = {name: _time(port, path, cookie, args.requests) for name, (path, cookie) in pages.items()}
        base, signed_in = out["healthz"]["p50"], out["healthz, signed in"]["p50"]
        for figures in out.values():
            figures["ratio"] = round(figures["p50"] / base, 1)
            figures["ratio_signed_in"] = round(figures["p50"] / signed_in, 1)
            figures["p50"] = round(figures["p50"], 4)
        return out
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


if __name__ == "__main__":
    raise SystemExit(main())
