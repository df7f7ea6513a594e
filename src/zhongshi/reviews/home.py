"""The review chain's part of each home page: what waits at the authority's level, with its deadline."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zhongshi.applications.enums import ApplicationStatus
from zhongshi.applications.models import Application
from zhongshi.core.domain.queries.home import HomeItem, HomePage, register_home_contributor
from zhongshi.core.permissions import can, scope_queryset


@register_home_contributor
def contribute_home(user: Any, page: HomePage) -> None:
    if not can(user, "reviews.list_queue"):
        return
    authority = user.authority
    waiting = scope_queryset(user, Application.objects.filter(
        status=ApplicationStatus.SUBMITTED, current_level=authority.level,
        host_org__district__path__startswith=authority.path))
    count = waiting.count()
    if count:
        page.todo.append(HomeItem(title=_("Applications waiting for your review"), count=count,
                                  url=reverse("reviews:queue"), tone="warning"))
