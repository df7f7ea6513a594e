"""The navigation of each role: each entry names the permission that shows it."""

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


NAVIGATION = [
    NavItem(_("Home"), "core:home", None),
    NavItem(_("Calls"), "calls:call_list", None),
    NavItem(_("Applications"), "applications:application_list", "applications.list_application"),
    NavItem(_("Review"), "reviews:queue", "reviews.list_queue"),
    NavItem(_("Public notices"), "reviews:notice_list", None),
    NavItem(_("Host organisations"), "organisations:hostorg_list", "organisations.list_hostorg"),
    NavItem(_("Partner organisations"), "organisations:partner_list", "organisations.add_partnerorg"),
    NavItem(_("Authorities"), "organisations:authority_list", "organisations.list_authority"),
    NavItem(_("Experts"), "organisations:expert_list", "organisations.list_expert"),
    NavItem(_("Users"), "accounts:user_list", "accounts.list_user"),
    NavItem(_("Audit log"), "audit:entry_list", "audit.list_auditentry"),
    NavItem(_("Reference data"), "reference:vocabulary_list", None),
]


def navigation_for(user: Any, current_path: str) -> list[dict[str, Any]]:
    items = []
    for item in NAVIGATION:
        if item.permission is not None and not can(user, item.permission):
            continue
        url = reverse(item.url_name)
        active = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"label": item.label, "url": url, "active": active})
    return items
