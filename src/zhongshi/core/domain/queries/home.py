"""What waits for each user on the home page.

``core`` knows nothing of the later apps: each app registers a contributor (in its AppConfig.ready)
that adds the items of its own domain to the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _


@dataclass
class HomeItem:
    title: str
    detail: str = ""
    url: str = ""
    count: int | None = None
    tone: str = "info"


@dataclass
class HomePage:
    heading: str
    todo: list[HomeItem] = field(default_factory=list)
    facts: list[HomeItem] = field(default_factory=list)
    empty_message: str = ""


Contributor = Callable[[Any, HomePage], None]
_CONTRIBUTORS: list[Contributor] = []


def register_home_contributor(contributor: Contributor) -> Contributor:
    if contributor not in _CONTRIBUTORS:
        _CONTRIBUTORS.append(contributor)
    return contributor


def is_admin_user(user: Any) -> bool:
    return bool(user.is_superuser or user.role == "admin")


def _heading(user: Any) -> str:
    if is_admin_user(user):
        return _("System administration")
    if user.role == "applicant" and user.host_org_id:
        return str(user.host_org.name)
    if user.role == "authority" and user.authority_id:
        return str(user.authority.name)
    if user.role == "enterprise" and user.enterprise_id:
        return str(user.enterprise.name)
    if user.role == "expert":
        return _("Expert review")
    return _("Welcome")


def get_home_page(user: Any) -> HomePage:
    """The home page of ``user``: items waiting for him first, then facts about his part of the scheme."""
    page = HomePage(heading=_heading(user), empty_message=_("Nothing is waiting for you."))
    for contributor in _CONTRIBUTORS:
        contributor(user, page)
    return page
