"""Administrators see the whole audit log; an authority sees the entries of its subtree, except an
applicant's drafts (``AuditEntry.private``)."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import QuerySet

from zhongshi.audit.models import AuditEntry
from zhongshi.core.permissions import register_scope
from zhongshi.core.predicates import is_authority, is_system_admin


@register_scope(AuditEntry)
def scope_audit_entries(user: Any, queryset: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
    if is_system_admin(user):
        return queryset
    if is_authority(user):
        # Never an applicant's draft: the entries recorded while an application was with its applicant
        # (before its first submission, or returned for revision) are administrators' only.
        return queryset.filter(scope_path__startswith=user.authority.path, private=False).exclude(scope_path="")
    return queryset.none()


rules.add_perm("audit.list_auditentry", is_system_admin | is_authority)
