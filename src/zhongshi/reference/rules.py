"""Reference vocabularies and the holiday calendar are public."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from zhongshi.core.permissions import register_scope
from zhongshi.reference.models import CalendarDay, CalendarYear, ReferenceItem, Vocabulary


@register_scope(Vocabulary)
def scope_vocabularies(user: Any, queryset: QuerySet[Vocabulary]) -> QuerySet[Vocabulary]:
    return queryset


@register_scope(ReferenceItem)
def scope_reference_items(user: Any, queryset: QuerySet[ReferenceItem]) -> QuerySet[ReferenceItem]:
    return queryset


@register_scope(CalendarYear)
def scope_calendar_years(user: Any, queryset: QuerySet[CalendarYear]) -> QuerySet[CalendarYear]:
    return queryset


@register_scope(CalendarDay)
def scope_calendar_days(user: Any, queryset: QuerySet[CalendarDay]) -> QuerySet[CalendarDay]:
    return queryset
