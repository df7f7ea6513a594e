"""Who may see and manage user accounts."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import QuerySet

from zhongshi.accounts.models import User
from zhongshi.core.permissions import register_scope
from zhongshi.core.predicates import in_scope, is_signed_in, is_system_admin


@register_scope(User)
def scope_users(user: Any, queryset: QuerySet[User]) -> QuerySet[User]:
    """Administrators manage every account; everyone else sees only his own."""
    if is_system_admin(user):
        return queryset
    if getattr(user, "is_authenticated", False):
        return queryset.filter(pk=user.pk)
    return queryset.none()


rules.add_perm("accounts.list_user", is_system_admin)
rules.add_perm("accounts.create_user", is_system_admin)
rules.add_perm("accounts.change_user", is_system_admin & in_scope)
rules.add_perm("accounts.reset_password", is_system_admin & in_scope)
rules.add_perm("accounts.unlock_user", is_system_admin & in_scope)
rules.add_perm("accounts.change_own_password", is_signed_in)
