"""Where an application stands for its applicant: the deadline of the level that holds it (extensions
included, with the working days left) and the steps of its way (填报 → 区 → 市 → 省 → 公示 → 入库)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zhongshi.applications.enums import ApplicationStatus
from zhongshi.applications.models import Application
from zhongshi.calls.domain.chain import (
    SHANGHAI,
    acting_levels,
    deadline_and_text,
    first_level,
    level_name,
)
from zhongshi.calls.models import Call, DeadlineExtension
from zhongshi.core.errors import DomainError
from zhongshi.organisations.models import Authority, HostOrg
from zhongshi.reference.domain.working_days import working_days_between

S = ApplicationStatus


@dataclass(frozen=True)
class DeadlineInfo:
    level: str
    level_name: str
    authority: str
    deadline: datetime | None
    shown: str  # 2026年1月28日 23:59, or the calendar's error
    working_days_left: int | None  # today included; None without a deadline or calendar data
    passed: bool


def working_days_left(deadline: datetime, *, now: datetime | None = None,
                      memo: dict[Any, int | None] | None = None) -> int | None:
    """The working days from today (included) to the deadline's day (included), Beijing time; None for a year
    without calendar data. A list passes a ``memo`` (one calendar query per deadline day, not per row)."""
    today = (now or timezone.now()).astimezone(SHANGHAI).date()
    key = (today, deadline.astimezone(SHANGHAI).date())
    if memo is not None and key in memo:
        return memo[key]
    try:
        left: int | None = working_days_between(today - timedelta(days=1), key[1])
    except DomainError:
        left = None
    if memo is not None:
        memo[key] = left
    return left


def level_deadline(call: Call, host_org: HostOrg, level: str, *, at: datetime | None = None,
                   now: datetime | None = None,
                   extensions: Iterable[DeadlineExtension] | None = None,
                   memo: dict[Any, int | None] | None = None) -> DeadlineInfo | None:
    """The effective deadline of ``level`` for the host organisation's authority at that level (its
    extensions included); None when the level does not apply."""
    authorities: dict[str, Authority] = dict(acting_levels(call, host_org))
    if level not in authorities:
        return None
    authority = authorities[level]
    deadline, shown = deadline_and_text(call, level, authority, at=at, extensions=extensions)
    if deadline is None and shown == "—":
        return None  # the level has no deadline
    moment = now or timezone.now()
    return DeadlineInfo(
        level=level, level_name=level_name(level), authority=authority.name, deadline=deadline, shown=shown,
        working_days_left=working_days_left(deadline, now=moment, memo=memo) if deadline is not None else None,
        passed=deadline is not None and moment > deadline)


def application_deadline(application: Application, *, now: datetime | None = None,
                         extensions: Iterable[DeadlineExtension] | None = None,
                   memo: dict[Any, int | None] | None = None) -> DeadlineInfo | None:
    """The deadline that matters now: a draft or returned application's is the first level's (by when it must
    be submitted), a submitted one's is that of the level that holds it; none once decided. A list passes the
    call's ``extensions``, loaded once."""
    if application.status in (S.DRAFT, S.RETURNED):
        return level_deadline(application.call, application.host_org,
                              first_level(application.call, application.host_org), now=now, extensions=extensions, memo=memo)
    if application.status == S.SUBMITTED:
        return level_deadline(application.call, application.host_org, application.current_level,
                              at=application.submitted_at, now=now, extensions=extensions, memo=memo)
    return None


@dataclass(frozen=True)
class TrackerStep:
    key: str
    label: str
    state: str  # done / current / stopped / todo


def application_tracker(application: Application) -> list[TrackerStep]:
    """The steps of the application's way through its call's chain (the levels that apply to its host
    organisation), then 公示 and 入库, each done, current, stopped or still to come."""
    levels = [level for level, _authority in acting_levels(application.call, application.host_org)]
    keys = ["fill", *levels, "notice", "final"]
    labels = {"fill": _("Fill in and submit"), "notice": pgettext("application step", "Public notice"),
              "final": _("Registered")}
    status = application.status
    stopped = False
    if status in (S.DRAFT, S.RETURNED):
        current = "fill"
    elif status == S.SUBMITTED:
        current = application.current_level if application.current_level in levels else "fill"
    elif status == S.APPROVED:
        current = "final" if application.final_at is not None else "notice"
    elif status == S.NOT_RECOMMENDED:
        current, stopped = (levels[0] if levels else "fill"), True
    else:  # rejected by the deciding level (or after an objection: then by the level that decided too)
        current, stopped = (levels[-1] if levels else "fill"), True
    index = keys.index(current)
    steps = []
    for i, key in enumerate(keys):
        if i < index or (key == "final" and current == "final"):
            state = "done"
        elif i == index:
            state = "stopped" if stopped else "current"
        else:
            state = "todo"
        steps.append(TrackerStep(key, labels.get(key) or short_level_name(key), state))
    return steps


def short_level_name(level: str) -> str:
    return {"district": _("District"), "city": _("City"), "province": _("Province"),
            "ministry": _("Ministry")}.get(level, level_name(level))


def tracker_context(application: Application, *, now: datetime | None = None) -> dict[str, Any]:
    return {"tracker": application_tracker(application), "deadline": application_deadline(application, now=now)}
