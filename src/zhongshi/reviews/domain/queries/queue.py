"""The review queue's reads: the filtered list of an authority's area, and what each row of a page shows,
in a fixed number of queries whatever the number of rows.

- ``queue_applications(user=…, filters=…)``: the applications of the user's area as the queue's filters say
  (one query path for the page, the export and the counts); the wide ``answers`` are deferred.
- ``prefetch_chain(applications)``: loads, in one query each, what the chain questions of a page ask per row
  (the ancestor authorities of every host organisation, the deadline extensions of the calls, the last
  step and the published notice of each decided application), so that ``describe_status``, ``can(…,
  "reviews.review_application", …)``, ``first_level`` and ``is_deciding_level`` read no more rows.
- ``queue_rows(user=…, applications=…)``: the rows of a queue page (status line, whether the user holds
  it, whether its level decides).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from zhongshi.applications.enums import ApplicationStatus
from zhongshi.applications.models import Application
from zhongshi.calls.domain.chain import deadline_and_text, is_deciding_level, prefetch_ancestor_authorities
from zhongshi.calls.models import Call, DeadlineExtension
from zhongshi.core.permissions import can, scope_queryset
from zhongshi.organisations.models import Authority
from zhongshi.reviews.domain.queries.status import StatusLine, describe_status
from zhongshi.reviews.enums import NoticeStatus
from zhongshi.reviews.models import Notice, ReviewStep

SORTS = {"-submitted_at", "submitted_at", "recommendation_order", "platform_name", "-warning_count"}
# What a list never shows: the answers (tens of KB each) and the confirmed desensitisation warnings.
WIDE_FIELDS = ("answers", "confirmed_sensitive")


def queue_applications(*, user: Any, filters: dict[str, Any]) -> QuerySet[Application]:
    """The applications of ``user``'s area filtered as the queue's form says (``filters`` is its cleaned data:
    stage, q, district, cluster, eligibility, warnings, sort); ordered, the answers deferred."""
    authority = user.authority
    queryset = scope_queryset(user, Application.objects.select_related(
        "call__issuer", "host_org__district", "eligibility_record").defer(*WIDE_FIELDS))
    stage = filters.get("stage") or "mine"
    if stage == "mine":
        queryset = queryset.filter(status=ApplicationStatus.SUBMITTED, current_level=authority.level,
                                   host_org__district__path__startswith=authority.path)
    elif stage != "all":
        queryset = queryset.filter(status=stage)
    if q := (filters.get("q") or "").strip():
        queryset = queryset.filter(Q(platform_name__icontains=q) | Q(host_org__name__icontains=q)
                                   | Q(host_org__credit_code__icontains=q))
    if district := filters.get("district"):
        queryset = queryset.filter(host_org__district__code=district)
    if cluster := filters.get("cluster"):
        queryset = queryset.filter(clusters__contains=cluster)
    if eligibility := filters.get("eligibility"):
        queryset = queryset.filter(eligibility_record__eligibility=eligibility)
    if filters.get("warnings") == "with":
        queryset = queryset.filter(warning_count__gt=0)
    elif filters.get("warnings") == "without":
        queryset = queryset.filter(warning_count=0)
    sort = filters.get("sort") or "-submitted_at"
    return queryset.order_by(sort if sort in SORTS else "-submitted_at", "pk")


@dataclass
class ChainFacts:
    """What the chain questions of a page read, loaded once for all its applications."""

    extensions: dict[int, list[DeadlineExtension]]
    last_steps: dict[int, ReviewStep]
    notices: dict[int, Notice]

    def deadline_and_text(self, call: Call, level: str, authority: Authority | None, *,
                          at: datetime | None = None) -> tuple[datetime | None, str]:
        """``chain.deadline_and_text`` over the preloaded extensions."""
        return deadline_and_text(call, level, authority, at=at, extensions=self.extensions.get(call.pk, []))


def prefetch_chain(applications: Sequence[Application]) -> ChainFacts:
    """Load what ``describe_status`` and the chain predicates read for ``applications`` (each with its call
    and host organisation's district loaded): a fixed number of queries."""
    prefetch_ancestor_authorities({a.host_org_id: a.host_org for a in applications}.values())
    extensions: dict[int, list[DeadlineExtension]] = {}
    last_steps: dict[int, ReviewStep] = {}
    notices: dict[int, Notice] = {}
    if not applications:
        return ChainFacts(extensions=extensions, last_steps=last_steps, notices=notices)
    # The same queries for any non-empty page, whatever its mix of statuses (a count that does not vary).
    for extension in DeadlineExtension.objects.filter(call_id__in={a.call_id for a in applications}):
        extensions.setdefault(extension.call_id, []).append(extension)
    decided = [a.pk for a in applications if a.status != ApplicationStatus.SUBMITTED]
    for step in (ReviewStep.objects.filter(application_id__in=decided).select_related("authority")
                 .order_by("application_id", "-acted_at", "-pk")):
        last_steps.setdefault(step.application_id, step)
    through = Notice.applications.through
    for link in (through.objects.filter(application_id__in=decided, notice__status=NoticeStatus.PUBLISHED)
                 .select_related("notice").order_by("application_id", "-notice__starts_at")):
        notices.setdefault(link.application_id, link.notice)
    return ChainFacts(extensions=extensions, last_steps=last_steps, notices=notices)


@dataclass(eq=False)
class QueueRow:
    application: Application
    status: StatusLine
    holds: bool
    deciding: bool

    def __getitem__(self, key: str) -> Any:  # ``row["status"]`` as well as ``row.status``
        return getattr(self, key)


def queue_rows(*, user: Any, applications: Sequence[Application]) -> list[QueueRow]:
    """The rows of one queue page, in a fixed number of queries."""
    facts = prefetch_chain(applications)
    return [QueueRow(application=a, status=describe_status(a, facts=facts),
                     holds=can(user, "reviews.review_application", a),
                     deciding=a.status == ApplicationStatus.SUBMITTED and is_deciding_level(a.call, a.host_org, a.current_level))
            for a in applications]


def pending_below(*, user: Any) -> list[tuple[str, int]]:
    """What is under review in the user's area at the levels below it: (level, count), lowest level first,
    in one query (the empty "waiting for me" queue says where the applications are)."""
    from django.db.models import Count

    from zhongshi.calls.domain.chain import LEVELS

    authority = user.authority
    rows = (scope_queryset(user, Application.objects.all())
            .filter(status=ApplicationStatus.SUBMITTED, host_org__district__path__startswith=authority.path)
            .exclude(current_level=authority.level)
            .values("current_level").annotate(n=Count("pk")).order_by())
    counts = {row["current_level"]: row["n"] for row in rows}
    order = list(LEVELS)
    mine = order.index(authority.level) if authority.level in order else len(order)
    return [(level, counts[level]) for level in order[:mine] if counts.get(level)]
