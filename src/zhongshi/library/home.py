"""The library's part of each home page: an applicant's platforms, an authority's platform library and the
major change reports waiting for a province's acknowledgement."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zhongshi.core.domain.queries.home import HomeItem, HomePage, register_home_contributor
from zhongshi.core.permissions import can, scope_queryset
from zhongshi.library.enums import ChangeReportStatus, PlatformStatus
from zhongshi.library.models import ChangeReport, PilotPlatform


@register_home_contributor
def contribute_home(user: Any, page: HomePage) -> None:
    if not user.is_authenticated or not can(user, "library.list_platforms"):
        return
    role = getattr(user, "role", "")
    if role not in ("applicant", "authority"):
        return
    active = scope_queryset(user, PilotPlatform.objects.filter(status=PlatformStatus.ACTIVE)).count()
    if active:
        title = _("My platforms in the library") if role == "applicant" else _("Platforms in the library")
        url = reverse("library:my_platforms" if role == "applicant" else "library:platform_list")
        page.facts.append(HomeItem(title=title, count=active, url=url))
    if role == "authority" and user.authority.level == "province":
        waiting = scope_queryset(user, ChangeReport._default_manager.filter(
            status__in=[ChangeReportStatus.REPORTED, ChangeReportStatus.FLAGGED])).count()
        if waiting:
            page.todo.append(HomeItem(title=_("Major change reports to acknowledge"), count=waiting,
                                      url=reverse("library:change_report_list"), tone="warning"))
