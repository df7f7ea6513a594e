"""One export, in this process, on the database of ``DATABASE_URL`` filled by datagen.py (bench_pages.py
runs it): seconds, peak memory and the ratio to reading the same rows.

    --export summary   the 推荐汇总表 of 武汉市经济和信息化局 (user ``wuhan``) for hubei-2026-provincial
    --export queue     the filtered-list .xlsx of 东湖高新区 (user ``donghu``), every stage (``?stage=all``)

The export is requested through Django's test client as the user (following the background job's redirects
until the file arrives, when there is a job). "Raw reading" is iterating over the same applications through
the ORM with their host organisation and district (answers decoded, nothing written), measured first.
Peak memory is the growth of the process's maximum resident set during the export.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import resource
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, os.environ.get("ZHONGSHI_BENCH_SRC", str(ROOT / "src")))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhongshi.config.django.base")


def _rss_mb() -> float:
    with Path("/proc/self/statm").open() as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--export", choices=["summary", "queue"], required=True)
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from zhongshi.accounts.models import User
    from zhongshi.applications.models import Application

    settings.ALLOWED_HOSTS = ["*"]
    if args.export == "summary":
        user = User.objects.get(username="wuhan")
        url = "/reviews/summary/hubei-2026-provincial.xlsx"
        from zhongshi.reviews.models import ReviewStep

        recommended = ReviewStep.objects.filter(authority=user.authority, action__in=["recommend", "forward", "approve"],
                                                application__call__code="hubei-2026-provincial")
        rows = Application.objects.filter(pk__in=recommended.values("application_id"))
    else:
        user = User.objects.get(username="donghu")
        url = "/reviews/export.xlsx?stage=all"
        rows = Application.objects.filter(host_org__district__path__startswith=user.authority.path).exclude(
            status="draft")
    started = time.perf_counter()
    read = sum(1 for _a in rows.select_related("host_org__district").iterator(chunk_size=2000))
    raw = time.perf_counter() - started

    client = Client()
    client.force_login(user)
    before_rss = _rss_mb()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        for _ in range(100000):  # a background job: follow its pages until the file comes
            kind = response.get("Content-Type", "")
            if response.status_code == 200 and "spreadsheetml" in kind:
                break
            if response.status_code in (301, 302):
                response = client.get(response["Location"])
                continue
            match = re.search(rb'data-download="([^"]+)"', response.content)
            if match:
                response = client.get(match.group(1).decode())
                continue
            time.sleep(0.2)
            response = client.get(response.request["PATH_INFO"])
        content = b"".join(response.streaming_content) if response.streaming else response.content
    seconds = time.perf_counter() - started
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        sheet = next(n for n in book.namelist() if n.startswith("xl/worksheets/sheet"))
        sheet_rows = book.read(sheet).count(b"<row ")
    print(json.dumps({"export": args.export, "rows_read": read, "sheet_rows": sheet_rows, "seconds": round(seconds, 2),
                      "raw_seconds": round(raw, 2), "ratio": round(seconds / raw, 2) if raw else None,
                      "peak_mb": round(max(_maxrss_mb() - before_rss, 0.0), 1),
                      "queries": len(queries), "bytes": len(content), "database": connection.vendor}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
