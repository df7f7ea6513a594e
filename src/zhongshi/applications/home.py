"""The applications' part of each home page: drafts to finish, open calls, submitted applications."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zhongshi.applications.enums import ApplicationStatus
from zhongshi.applications.models import Application
from zhongshi.calls.enums import CallStatus
from zhongshi.calls.models import Call
from zhongshi.core.domain.queries.home import HomeItem, HomePage, register_home_contributor
from zhongshi.core.permissions import can, scope_queryset


@register_home_contributor
def contribute_home(user: Any, page: HomePage) -> None:
    if not can(user, "applications.list_application"):
        return
    applications = scope_queryset(user, Application.objects.all())
    if user.role == "applicant":
        for draft in applications.filter(status=ApplicationStatus.DRAFT).select_related("call")[:20]:
            page.todo.append(HomeItem(
                title=_("Finish and submit: %(name)s") % {"name": draft.platform_name or _("Untitled application")},
                detail=draft.call.title, url=reverse("applications:application_edit", args=[draft.pk]),
                tone="warning"))
        if can(user, "applications.add_application"):
            for call in Call.objects.filter(status=CallStatus.OPEN).order_by("pk")[:5]:
                page.facts.append(HomeItem(title=_("Open call: %(title)s") % {"title": call.title},
                                           url=reverse("applications:application_start", args=[call.code])))
    page.facts.append(HomeItem(title=_("Applications"), count=applications.count(),
                               url=reverse("applications:application_list")))
