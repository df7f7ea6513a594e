"""Spreadsheets of many applications: the 推荐汇总表 of an authority for a call, and the queue's filtered list.

Both are scoped once (the scoper's filter in the query, no permission question per row), read in chunks
(``iterator``) and written streaming (export_xlsx's write-only sheets), so time and memory grow with the rows
and nothing else. Up to ``INLINE_ROWS`` rows are written in the request; a larger export is an ``ExportJob``
run in the background (Celery with a broker, inline without), whose page shows its progress, and whose
file is stored through Django's storage API and downloaded only by its requester.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zhongshi.applications.interfaces.export_xlsx import (
    SheetRow,
    columns_for,
    sheet_row,
    write_list_sheet,
    write_summary_sheet,
)
from zhongshi.applications.models import Application
from zhongshi.calls.models import Call
from zhongshi.core.permissions import scope_queryset
from zhongshi.reviews.domain.queries.queue import queue_applications
from zhongshi.reviews.models import ExportJob, ReviewStep

INLINE_ROWS = 1000
CHUNK = 500
LIST_COLUMNS = ["order", "platform_name", "host_org", "credit_code", "location", "clusters", "status", "eligibility",
                "warnings", "equipment_value", "fulltime_staff", "service_revenue_last_year", "service_revenue_ratio",
                "enterprises_served", "submitted_at", "contact"]
RECOMMENDING = ["recommend", "forward", "approve"]
_LOCATION = "host_org__district__parent__parent__parent"


def summary_steps(*, user: Any, call: Call) -> QuerySet[ReviewStep]:
    """The steps by which ``user``'s authority recommended applications of ``call`` that ``user`` may see,
    in recommendation order (an application recommended twice appears with its first step)."""
    visible = scope_queryset(user, Application.objects.all()).values("pk")
    return (ReviewStep.objects.filter(application__call=call, authority=user.authority, action__in=RECOMMENDING,
                                      application__in=visible)
            .order_by("order", "acted_at", "pk"))


def count_summary(*, user: Any, call: Call) -> int:
    return summary_steps(user=user, call=call).values("application_id").distinct().count()


def _sheet_applications() -> QuerySet[Application]:
    """What a sheet row reads of an application: its answers, host organisation, location and verdict."""
    return (Application.objects.select_related(_LOCATION, "eligibility_record")
            .defer("confirmed_sensitive", "eligibility_record__figures"))


def _in_order(queryset: QuerySet[Application], keys: list[int]) -> Iterator[Application]:
    """The applications of ``keys`` in that order, read ``CHUNK`` at a time by primary key (the order comes
    from a narrow query; the database never sorts the wide rows)."""
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start:start + CHUNK]
        rows = {a.pk: a for a in queryset.filter(pk__in=chunk).order_by()}
        yield from (rows[key] for key in chunk if key in rows)


def summary_rows(*, user: Any, call: Call) -> Iterator[SheetRow]:
    opinions: dict[int, str] = {}
    for application_id, opinion in summary_steps(user=user, call=call).values_list("application_id", "opinion"):
        opinions.setdefault(application_id, opinion)
    for order, application in enumerate(_in_order(_sheet_applications(), list(opinions)), start=1):
        yield sheet_row(application, opinion=opinions[application.pk], order=order)


def list_rows(*, user: Any, filters: dict[str, Any], keys: list[str]) -> Iterator[SheetRow]:
    """Exactly what the queue holds with ``filters`` (every page of it), in its order."""
    ordered = list(queue_applications(user=user, filters=filters).values_list("pk", flat=True))
    applications = _sheet_applications()
    if "opinion" in keys:
        last = (ReviewStep.objects.filter(application=OuterRef("pk")).exclude(opinion="")
                .order_by("-acted_at", "-pk").values("opinion")[:1])
        applications = applications.annotate(last_opinion=Subquery(last))
    for order, application in enumerate(_in_order(applications, ordered), start=1):
        yield sheet_row(application, opinion=getattr(application, "last_opinion", "") or "", order=order)


def summary_filename(*, user: Any, call: Call) -> str:
    return f"{call.title}推荐汇总表-{user.authority.name}.xlsx"


def list_filename() -> str:
    return f"申报书列表-{timezone.localdate():%Y%m%d}.xlsx"


def write_export(out: IO[bytes], *, user: Any, kind: str, call: Call | None, filters: dict[str, Any],
                 progress: Callable[[int], None] | None = None) -> int:
    """Write the export of ``kind`` to ``out``; returns the number of rows."""
    if kind == ExportJob.Kind.SUMMARY:
        assert call is not None
        return write_summary_sheet(out, title=_("Recommendation summary sheet"), authority=user.authority.name,
                                   call_title=call.title, rows=summary_rows(user=user, call=call),
                                   columns=columns_for(call.summary_columns or None), progress=progress)
    return write_list_sheet(out, title=_("Applications"), rows=list_rows(user=user, filters=filters, keys=LIST_COLUMNS),
                            columns=columns_for(LIST_COLUMNS), progress=progress)


def start_export(*, user: Any, kind: str, total: int, call: Call | None = None,
                 filters: dict[str, Any] | None = None) -> ExportJob:
    """Record a background export of ``total`` rows (queued by the caller with ``run_export_task``)."""
    filename = summary_filename(user=user, call=call) if call is not None else list_filename()
    return ExportJob.objects.create(user=user, kind=kind, call=call, filters=filters or {}, total=total,
                                    filename=filename)


def run_export(*, job_id: int) -> ExportJob:
    """Write the job's spreadsheet into storage, recording its progress; a failure is recorded on the job."""
    job = ExportJob.objects.select_related("user__authority", "call").get(pk=job_id)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(done=done)

    try:
        with translation.override(settings.LANGUAGE_CODE), tempfile.TemporaryFile() as out:
            done = write_export(out, user=job.user, kind=job.kind, call=job.call, filters=job.filters,
                                progress=progress)
            out.seek(0)
            job.file.save(job.filename, File(out), save=False)
    except Exception as exc:  # recorded for the requester's page, then raised for the worker's log
        ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.FAILED, error=str(exc)[:2000],
                                                   finished_at=timezone.now())
        raise
    job.done, job.status, job.finished_at = done, ExportJob.Status.DONE, timezone.now()
    job.save(update_fields=["file", "done", "status", "finished_at"])
    return job
