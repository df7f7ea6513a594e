"""Who may see and do what with calls. A call's notice is public (公开申报通知); only its issuing authority
(and a system administrator) changes it or makes a new call from it."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import QuerySet

from zhongshi.calls.models import Call, DeadlineExtension
from zhongshi.core.permissions import register_scope
from zhongshi.core.predicates import is_authority, is_system_admin


@register_scope(Call)
def scope_calls(user: Any, queryset: QuerySet[Call]) -> QuerySet[Call]:
    return queryset  # calls are published notices


@register_scope(DeadlineExtension)
def scope_extensions(user: Any, queryset: QuerySet[DeadlineExtension]) -> QuerySet[DeadlineExtension]:
    return queryset if (is_system_admin(user) or is_authority(user)) else queryset.none()


@rules.predicate
def is_issuer(user: Any, call: Call | None) -> bool:
    """The user is a reviewer of the very authority that issued the call (not one above or below it)."""
    return (call is not None and call.issuer_id is not None and is_authority(user)
            and user.authority_id == call.issuer_id)


rules.add_perm("calls.view_call", rules.always_allow)
rules.add_perm("calls.change_call", is_issuer | is_system_admin)
rules.add_perm("calls.copy_call", is_issuer | is_system_admin)
