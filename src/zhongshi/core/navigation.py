"""The navigation of each role: each entry names the permission that shows it.

``core`` knows nothing of the later apps: each app registers its own entries (in its AppConfig.ready),
placed by ``position``, as it registers its home-page contributor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhongshi.core.permissions import can


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    permission: str | None
    position: int = 100


_NAVIGATION: list[NavItem] = [NavItem(_("Home"), "core:home", None, position=0)]


def register_navigation(*items: NavItem) -> None:
    """Add an app's entries to the navigation (once; the order is the entries' ``position``)."""
    for item in items:
        if all(existing.url_name != item.url_name for existing in _NAVIGATION):
            _NAVIGATION.append(item)
    _NAVIGATION.sort(key=lambda entry: entry.position)


def navigation_items() -> list[NavItem]:
    return list(_NAVIGATION)


def navigation_for(user: Any, current_path: str) -> list[dict[str, Any]]:
    items = []
    for item in _NAVIGATION:
        if item.permission is not None and not can(user, item.permission):
            continue
        url = reverse(item.url_name)
        active = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"label": item.label, "url": url, "active": active})
    return items
