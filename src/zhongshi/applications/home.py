"""The applications' part of each home page: drafts to finish, open calls, submitted applications."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from zhongshi.applications.domain.queries.progress import application_deadline, application_tracker
from zhongshi.applications.enums import EDITABLE_STATUSES, ApplicationStatus
from zhongshi.applications.models import Application
from zhongshi.calls.domain.chain import prefetch_ancestor_authorities
from zhongshi.calls.enums import CallStatus
from zhongshi.calls.models import Call, DeadlineExtension
from zhongshi.core.domain.queries.home import HomeItem, HomePage, register_home_contributor
from zhongshi.core.permissions import can, scope_queryset


@register_home_contributor
def contribute_home(user: Any, page: HomePage) -> None:
    if not can(user, "applications.list_application"):
        return
    applications = scope_queryset(user, Application.objects.all())
    if user.role == "applicant":
        contribute_applicant(applications, page)
        if can(user, "applications.add_application"):
            for call in Call.objects.filter(status=CallStatus.OPEN).order_by("pk")[:5]:
                page.facts.append(HomeItem(title=_("Open call: %(title)s") % {"title": call.title},
                                           url=reverse("applications:application_start", args=[call.code])))
    page.facts.append(HomeItem(title=_("Applications"), count=applications.count(),
                               url=reverse("applications:application_list")))


def tracker_text(application: Application) -> str:
    """填报提交 ✓ → 区县（当前）→ 市 → 省 → 公示 → 入库"""
    marks = {"done": " ✓", "current": _("(current step)"), "stopped": " ✕", "todo": ""}
    return " → ".join(f"{step.label}{marks[step.state]}" for step in application_tracker(application))


def deadline_text(application: Application, extensions: list[DeadlineExtension] | None = None,
                  memo: dict[Any, int | None] | None = None) -> str:
    deadline = application_deadline(application, extensions=extensions, memo=memo)
    if deadline is None:
        return ""
    values = {"level": deadline.level_name, "authority": deadline.authority, "shown": deadline.shown}
    if deadline.deadline is None:
        return deadline.shown  # the calendar's error
    if deadline.passed:
        return _("Deadline of the %(level)s (%(authority)s): %(shown)s, passed.") % values
    if deadline.working_days_left is None:
        return _("Deadline of the %(level)s (%(authority)s): %(shown)s.") % values
    return ngettext("Deadline of the %(level)s (%(authority)s): %(shown)s, %(n)s working day left.",
                    "Deadline of the %(level)s (%(authority)s): %(shown)s, %(n)s working days left.",
                    deadline.working_days_left) % {**values, "n": deadline.working_days_left}


def contribute_applicant(applications: Any, page: HomePage) -> None:
    """Every application of the organisation, at whatever level it is: those the applicant must act on (drafts,
    returned ones) first, then those with an authority, then the decided ones; each with its steps and the
    deadline that matters now."""
    rows = list(applications.select_related("call__issuer", "host_org__district").order_by("-updated_at")[:20])
    order = {ApplicationStatus.DRAFT: 0, ApplicationStatus.RETURNED: 0, ApplicationStatus.SUBMITTED: 1}
    rows.sort(key=lambda a: order.get(a.status, 2))
    prefetch_ancestor_authorities([a.host_org for a in rows])
    extensions: dict[int, list[DeadlineExtension]] = {a.call_id: [] for a in rows}
    for extension in DeadlineExtension.objects.filter(call_id__in=list(extensions)):
        extensions[extension.call_id].append(extension)
    memo: dict[Any, int | None] = {}
    for application in rows:
        name = application.platform_name or _("Untitled application")
        editable = application.status in EDITABLE_STATUSES
        if application.status == ApplicationStatus.DRAFT:
            title = _("Finish and submit: %(name)s") % {"name": name}
        else:
            title = f"{ApplicationStatus(application.status).label}：{name}"
        detail = " · ".join(part for part in (application.call.title, tracker_text(application),
                                               deadline_text(application, extensions[application.call_id], memo)) if part)
        page.todo.append(HomeItem(
            title=title, detail=detail,
            url=reverse("applications:application_edit", args=[application.pk]) if editable
            else application.get_absolute_url(),
            tone="warning" if editable else ("info" if application.status == ApplicationStatus.SUBMITTED
                                             else "success" if application.status == ApplicationStatus.APPROVED
                                             else "danger")))
