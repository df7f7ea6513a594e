"""Reminders before deadlines, counted in working days (chinesecalendar plus the administrator's table).

Run daily (``zhongshi send-deadline-reminders``, or Celery beat when a broker is configured): each authority
that still holds applications at a level whose deadline is N working days away (N in REMIND_AT) is told
once. A deadline in a year without official calendar data is reported as an error, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhongshi.applications.enums import ApplicationStatus
from zhongshi.applications.models import Application
from zhongshi.calls.domain.chain import effective_deadline, end_of_day, level_name, show_deadline
from zhongshi.calls.models import Call
from zhongshi.core.errors import DomainError
from zhongshi.organisations.models import Authority
from zhongshi.reference.domain.working_days import CalendarUnknown, working_days_between
from zhongshi.reviews.models import DeadlineReminder

REMIND_AT = (5, 3, 1)  # working days before the deadline


@dataclass
class ReminderRun:
    sent: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def send_deadline_reminders(today: date | None = None) -> ReminderRun:
    from zhongshi.notifications.domain.notify import notify, recipients_for_authority

    today = today or timezone.localdate()
    run = ReminderRun()
    # Closed calls too: a call closes to new applications while its levels still review.
    for call in Call.objects.filter(applications__status=ApplicationStatus.SUBMITTED).distinct().order_by("pk"):
        for level in call.chain_levels():
            pending = Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED, current_level=level)
            if not pending.exists():
                continue
            for authority in Authority.objects.filter(level=level).order_by("path"):
                count = pending.filter(host_org__district__path__startswith=authority.path).count()
                if not count:
                    continue
                try:  # the deadline of the round in effect today
                    deadline = effective_deadline(call, level, authority, at=end_of_day(today))
                except DomainError as exc:
                    run.errors.append(f"{call.code} {authority.name}: {exc.message}")
                    continue
                if deadline is None or timezone.localtime(deadline).date() < today:
                    continue
                try:
                    left = working_days_between(today, timezone.localtime(deadline).date())
                except CalendarUnknown as exc:
                    run.errors.append(f"{call.code} {authority.name}: {exc.message}")
                    continue
                if left not in REMIND_AT:
                    continue
                try:
                    with transaction.atomic():
                        DeadlineReminder.objects.create(call=call, level=level, authority=authority,
                                                        deadline=deadline, working_days_left=left)
                except IntegrityError:
                    continue  # already reminded
                title = _("%(count)s applications of %(call)s wait for you; the %(level)s deadline is %(deadline)s "
                          "(%(left)s working days left)") % {
                    "count": count, "call": call.title, "level": level_name(level),
                    "deadline": show_deadline(deadline), "left": left}
                notify(users=recipients_for_authority(authority), kind="deadline_reminder", title=title,
                       url=reverse("reviews:queue"))
                run.sent.append(f"{call.code} {authority.name} {left}")
    return run
