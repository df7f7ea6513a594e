"""The expert's part of his home page: the evaluation tasks waiting for him."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from zhongshi.core.domain.queries.home import HomeItem, HomePage, register_home_contributor
from zhongshi.core.permissions import can
from zhongshi.experts.enums import LIVE_ASSIGNMENT_STATUSES, RoundStatus, SheetStatus
from zhongshi.experts.models import Assignment


@register_home_contributor
def contribute_home(user: Any, page: HomePage) -> None:
    if not can(user, "experts.list_tasks"):
        return
    waiting = Assignment.objects.filter(
        expert__user=user, status__in=LIVE_ASSIGNMENT_STATUSES, item__round__status=RoundStatus.OPEN).filter(
        Q(sheet__isnull=True) | ~Q(sheet__status=SheetStatus.SUBMITTED)).count()
    if waiting:
        page.todo.append(HomeItem(title=_("Evaluation tasks waiting for you"), count=waiting,
                                  url=reverse("experts:tasks"), tone="warning"))
