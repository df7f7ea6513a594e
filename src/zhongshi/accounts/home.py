"""The accounts' part of the administrator's home page: locked accounts, user counts."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zhongshi.accounts.domain.queries.users import count_locked_users
from zhongshi.accounts.models import User
from zhongshi.core.domain.queries.home import HomeItem, HomePage, is_admin_user


def contribute_home(user: Any, page: HomePage) -> None:
    if not is_admin_user(user):
        return
    locked = count_locked_users()
    if locked:
        page.todo.insert(0, HomeItem(title=_("Locked accounts"), count=locked,
                                     url=reverse("accounts:user_list") + "?locked=1", tone="warning"))
    page.facts.insert(0, HomeItem(title=_("User accounts"), count=User.objects.count(),
                                  url=reverse("accounts:user_list")))
