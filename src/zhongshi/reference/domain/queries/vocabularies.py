"""Reads of the reference vocabularies."""

from __future__ import annotations

from zhongshi.reference.models import ReferenceItem


def list_items(vocabulary: str) -> list[ReferenceItem]:
    return list(ReferenceItem.objects.filter(vocabulary__code=vocabulary, active=True).order_by("position"))


def get_choices(vocabulary: str, *, value: str = "code") -> list[tuple[str, str]]:
    """(value, Chinese name) pairs for a form's choices."""
    return [(getattr(item, value), item.name) for item in list_items(vocabulary)]


def get_names(vocabulary: str) -> list[str]:
    return [item.name for item in list_items(vocabulary)]
