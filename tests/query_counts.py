"""Query-count helpers: a page must make the same number of queries with 5 rows as with 50 (issue 8 §3).

``spread_applications(n)`` adds ``n`` applications of the Hubei call, each of its own host organisation in
one of several Hubei districts, along the whole chain: submitted at the district, city and province levels,
returned, not recommended, approved in a public notice, approved and final, each with the review steps that
brought it there, and a deadline extension for the call. The first seven (one of each kind) are in 东湖高新区,
so that 5 rows already show each reviewer of the chain some of each kind of row.

``assert_constant(client, url, grow, ceiling)`` grows the data to 5 rows, counts the page's queries, grows it
to 50, counts again under ``django_assert_max_num_queries(ceiling)`` and asserts both counts are equal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories

# Districts of Wuhan and of two other Hubei cities (宜昌, 襄阳), so that the ancestors differ per row.
DISTRICTS = ("420171", "420111", "420115", "420102", "420106", "420502", "420503", "420602", "420606")
PLAN = (  # (status, current level, levels passed)
    ("submitted", "district", ()),
    ("submitted", "city", ("district",)),
    ("submitted", "province", ("district", "city")),
    ("approved", "", ("district", "city", "province")),
    ("returned", "", ("district",)),
    ("approved_final", "", ("district", "city", "province")),
    ("not_recommended", "", ("district",)),
)


def _district_codes() -> list[str]:
    from zhongshi.organisations.models import Region

    known = set(Region.objects.filter(code__in=DISTRICTS).values_list("code", flat=True))
    return [code for code in DISTRICTS if code in known]


def spread_applications(count: int) -> list:
    from zhongshi.calls.models import DeadlineExtension
    from zhongshi.organisations.models import Authority
    from zhongshi.reviews.models import Notice, ReviewStep

    call = factories.call()
    if not DeadlineExtension.objects.filter(call=call).exists():
        DeadlineExtension.objects.create(call=call, level="district", deadline=timezone.now() + timedelta(days=30),
                                         area_path=factories.authority("420000").path, reason="测试延期")
    notice = Notice.objects.filter(title="测试公示").first()
    if notice is None:
        notice = Notice.objects.create(call=call, authority=factories.authority("420000"), title="测试公示",
                                       starts_at=timezone.now() - timedelta(days=1),
                                       ends_at=timezone.now() + timedelta(days=6))
    from zhongshi.applications.models import Application

    codes = _district_codes()
    made = []
    first = Application.objects.count()
    for serial in range(first, first + count):
        status, level, passed = PLAN[serial % len(PLAN)]
        org = factories.HostOrgFactory(district=factories.region(codes[(serial // len(PLAN)) % len(codes)]))
        final = status == "approved_final"
        application = factories.application(org, status="approved" if final else status, current_level=level,
                                            round=1, submitted_at=timezone.now() - timedelta(minutes=serial),
                                            final_at=timezone.now() if final else None)
        path = [c for c in org.district.path.strip("/").split("/") if c]
        authorities = {a.level: a for a in Authority.objects.filter(region__code__in=path)}
        actions = {"district": "return" if status == "returned" else
                   "not_recommend" if status == "not_recommended" else "recommend",
                   "city": "forward", "province": "approve"}
        for step_level in passed:
            if step_level in authorities:
                ReviewStep.objects.create(application=application, round=1, level=step_level,
                                          authority=authorities[step_level], action=actions[step_level],
                                          opinion="同意。", revision=1, order=serial if step_level == "city" else None)
        if status == "approved":
            notice.applications.add(application)
        made.append(application)
    return made


def _counted(sql: str) -> bool:
    """The page's own queries: not the session's refresh (saved now and then, whatever the page) nor the
    savepoints around it."""
    return not (sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))
                or (sql.startswith("UPDATE") and "django_session" in sql[:40]))


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return sum(1 for query in queries.captured_queries if _counted(query["sql"]))


def assert_constant(client, url: str | Callable[[], str], grow: Callable[[int], object], ceiling: int,
                    django_assert_max_num_queries) -> int:
    """Same number of queries for ``url`` after ``grow(5)`` as after ``grow(45)`` more, at most ``ceiling``."""
    resolve = url if callable(url) else (lambda: url)
    grow(5)
    count_queries(client, resolve())  # warm the caches of the process (form definitions, content types …)
    small = count_queries(client, resolve())
    grow(45)
    with django_assert_max_num_queries(ceiling):
        large = count_queries(client, resolve())
    assert small == large, f"{resolve()}: {small} queries with 5 rows, {large} with 50"
    return large
