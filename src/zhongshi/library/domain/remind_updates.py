"""Reminders of the quarterly update (issue 10 §3): to the host organisations of active platforms that have
not submitted the period's update — 3 working days before the window opens, on its first day and on its
last day. Each (platform, period, kind) is reminded once (UpdateReminder); the authority's dashboard may also
remind the missing ones at any time (``remind_missing``, kind ``manual``).

Run daily (``zhongshi send-update-reminders``, or Celery beat). A year without calendar data is reported as
an error, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can, scope_queryset
from zhongshi.library.domain.periods import QuarterlyPeriod, period_containing, reminder_day_before
from zhongshi.library.enums import PlatformStatus, UpdateStatus
from zhongshi.library.models import PilotPlatform, QuarterlyUpdate, UpdateReminder
from zhongshi.notifications.domain.notify import notify
from zhongshi.notifications.domain.queries.recipients import recipients_for_host_org
from zhongshi.reference.domain.working_days import CalendarUnknown

BEFORE_WORKING_DAYS = 3


@dataclass
class ReminderRun:
    sent: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def reminder_kind(period: QuarterlyPeriod, today: date) -> str | None:
    """Which reminder is due ``today``: ``before`` from 3 working days before the window, ``first_day`` in the
    window (a run missed on the first day catches up), ``last_day`` on its last day; None otherwise."""
    if today == period.window_end:
        return "last_day"
    if period.window_start <= today < period.window_end:
        return "first_day"
    if reminder_day_before(period, BEFORE_WORKING_DAYS) <= today < period.window_start:
        return "before"
    return None


def not_submitted(period: QuarterlyPeriod) -> QuerySet[PilotPlatform]:
    """Active platforms without a submitted (or accepted) update of ``period``."""
    done = QuarterlyUpdate.objects.filter(
        year=period.year, quarter=period.quarter, realtime=False,
        status__in=(UpdateStatus.SUBMITTED, UpdateStatus.ACCEPTED)).values("platform_id")
    return PilotPlatform.objects.filter(status=PlatformStatus.ACTIVE).exclude(pk__in=done)


def _message(period: QuarterlyPeriod, kind: str) -> tuple[str, str]:
    window = _("from %(start)s to %(end)s") % {"start": _day(period.window_start), "end": _day(period.window_end)}
    titles = {
        "before": _("The quarterly update of %(period)s opens soon"),
        "first_day": _("The quarterly update of %(period)s is open"),
        "last_day": _("Today is the last day of the quarterly update of %(period)s"),
        "manual": _("Please submit the quarterly update of %(period)s"),
    }
    body = _("Update the platform's load, services, equipment and staff %(window)s.") % {"window": window}
    return titles[kind] % {"period": period.label}, body


def _remind(platforms: list[PilotPlatform], period: QuarterlyPeriod, kind: str, user: Any = None) -> list[str]:
    title, body = _message(period, kind)
    UpdateReminder.objects.bulk_create([
        UpdateReminder(platform=p, year=period.year, quarter=period.quarter, kind=kind, sent_by=user)
        for p in platforms])
    users_by_org: dict[int, list[Any]] = {}
    sent = []
    for platform in platforms:
        if platform.host_org_id is None:
            continue
        if platform.host_org_id not in users_by_org:
            users_by_org[platform.host_org_id] = recipients_for_host_org(platform.host_org)
        notify(users=users_by_org[platform.host_org_id], kind="quarterly_update_reminder", title=title, body=body,
               url=reverse("library:update_platform", args=[platform.pk]))
        sent.append(f"{platform.name}（{period.label}，{dict(UpdateReminder.KINDS)[kind]}）")
    return sent


def send_update_reminders(today: date | None = None) -> ReminderRun:
    today = today or timezone.localdate()
    run = ReminderRun()
    try:  # the window and the reminder before it fall in the quarter's last month: one period to look at
        periods = [period_containing(today)]
        kinds = [reminder_kind(periods[0], today)]
    except CalendarUnknown as exc:
        run.errors.append(exc.message)
        return run
    for period, kind in zip(periods, kinds, strict=True):
        if kind is None:
            continue
        reminded = UpdateReminder.objects.filter(year=period.year, quarter=period.quarter, kind=kind)
        with transaction.atomic():
            platforms = list(not_submitted(period).exclude(pk__in=reminded.values("platform_id"))
                             .select_related("host_org").order_by("pk"))
            run.sent += _remind(platforms, period, kind)
    return run


@transaction.atomic
def remind_missing(*, user: Any, period: QuarterlyPeriod, division_path: str = "", tier: str = "",
                   platform_ids: list[int] | None = None) -> int:
    """The authority's reminder to the platforms of its subtree that have not submitted ``period``'s update
    (within ``division_path`` and ``tier`` when given, or those of ``platform_ids`` among them). Returns how
    many platforms were reminded."""
    if not can(user, "library.remind_updates"):
        raise NotAllowed(_("Only a provincial authority or the ministry may send reminders."))
    platforms = scope_queryset(user, not_submitted(period)).select_related("host_org").order_by("pk")
    if division_path:
        platforms = platforms.filter(division__path__startswith=division_path)
    if tier:
        platforms = platforms.filter(tier=tier)
    if platform_ids is not None:
        platforms = platforms.filter(pk__in=platform_ids)
    chosen = list(platforms)
    if not chosen:
        raise DomainError(_("No platform is missing this update."), code="nothing_to_remind")
    _remind(chosen, period, "manual", user)
    from zhongshi.audit.domain.record_event import record_event
    from zhongshi.audit.models import AuditAction

    record_event(action=AuditAction.CREATE, after={"reminded": [p.pk for p in chosen], "period": period.code},
                 message=_("Reminders of the quarterly update"), actor=user, scope_path=user.authority.path)
    return len(chosen)
