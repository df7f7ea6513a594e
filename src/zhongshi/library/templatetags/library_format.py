"""Figures as the interface shows them (DESIGN.md): thousands separators, two decimals for 万元 amounts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def wan(value: Any) -> str:
    """1234.5 → "1,234.50 万元"; nothing → "—"."""
    if value in (None, ""):
        return "—"
    return f"{Decimal(str(value)):,.2f} 万元"


@register.filter
def thousands(value: Any) -> str:
    """1200 → "1,200"; nothing → "—"."""
    if value in (None, ""):
        return "—"
    return f"{int(value):,}"
