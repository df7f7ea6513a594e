"""Pages of long lists that read only the rows they show.

A list page sorts and counts its rows, then shows 50. Asked in one query, the database sorts the whole
filtered set with every column of the page (on SQLite, reading each wide row it sorts); ``KeysFirstMixin``
asks for the page's primary keys first (answered from a covering index) and then for those rows only.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def rows_of_page(queryset: QuerySet[Any], keys: list[Any]) -> QuerySet[Any]:
    """The rows of ``queryset`` with these primary keys (in the queryset's order, which is the keys')."""
    return queryset.filter(pk__in=keys)


class KeysFirstMixin:
    """For a ``ListView``: paginate the primary keys, then load the page's rows (same pages, same order)."""

    def paginate_queryset(self, queryset: QuerySet[Any], page_size: int) -> tuple[Paginator[Any], Page[Any], QuerySet[Any], bool]:
        keys = queryset.values_list("pk", flat=True)
        paginator, page, _keys, is_paginated = super().paginate_queryset(keys, page_size)  # type: ignore[misc]
        page.object_list = rows_of_page(queryset, list(page.object_list))
        return paginator, page, page.object_list, is_paginated
