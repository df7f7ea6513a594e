"""The search box of every list: one meaning of ``q`` everywhere.

Each word of ``q`` (split at spaces) must occur, case-insensitively, in one of the given fields. Control
characters are dropped (PostgreSQL refuses a NUL in a query), and a search is cut to a sensible size, so
that no input of the box ends in an error page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.db import models
from django.db.models import Q, QuerySet

MAX_SEARCH_LENGTH = 100
MAX_SEARCH_TERMS = 5

M = TypeVar("M", bound=models.Model)


def search_terms(q: str | None) -> list[str]:
    """The words searched for: printable, at most ``MAX_SEARCH_TERMS`` distinct ones of the first
    ``MAX_SEARCH_LENGTH`` characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in (q or "")[:MAX_SEARCH_LENGTH])
    return list(dict.fromkeys(text.split()))[:MAX_SEARCH_TERMS]


def filter_by_search(queryset: QuerySet[M], q: str | None, fields: Sequence[str]) -> QuerySet[M]:
    """``queryset`` narrowed to the rows where every word of ``q`` occurs in one of ``fields`` (fields of the
    model or of a forward relation, e.g. ``host_org__name``). An empty ``q`` leaves it as it is."""
    for term in search_terms(q):
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": term})
        queryset = queryset.filter(condition)
    return queryset
