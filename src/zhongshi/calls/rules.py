"""Who may see and do what with calls. A call's notice is public (公开申报通知)."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import QuerySet

from zhongshi.calls.models import Call
from zhongshi.core.permissions import register_scope


@register_scope(Call)
def scope_calls(user: Any, queryset: QuerySet[Call]) -> QuerySet[Call]:
    return queryset  # calls are published notices


rules.add_perm("calls.view_call", rules.always_allow)
