"""Who may see and do what with applications (申报书) and their evidence.

An applicant sees the applications of its own organisation; an authority sees the submitted applications
of host organisations in its subtree (drafts stay private to the applicant); the ministry sees every
submitted one; an administrator sees all.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q, QuerySet

from zhongshi.applications.enums import ApplicationStatus
from zhongshi.applications.models import Application, ApplicationRound, EvidenceFile
from zhongshi.core.permissions import register_scope
from zhongshi.core.predicates import (
    in_scope,
    is_applicant,
    is_approved_applicant,
    is_authority,
    is_ministry,
    is_system_admin,
)


def _visible(user: Any, prefix: str = "") -> Q | None:
    """The filter of the applications ``user`` may see (field names prefixed), or None for none."""
    if is_system_admin(user):
        return Q()
    if is_ministry(user):
        return ~Q(**{f"{prefix}status": ApplicationStatus.DRAFT})
    if is_authority(user):
        return Q(**{f"{prefix}host_org__district__path__startswith": user.authority.path}) & ~Q(
            **{f"{prefix}status": ApplicationStatus.DRAFT}
        )
    if is_applicant(user):
        return Q(**{f"{prefix}host_org_id": user.host_org_id})
    return None


@register_scope(Application)
def scope_applications(user: Any, queryset: QuerySet[Application]) -> QuerySet[Application]:
    condition = _visible(user)
    return queryset.none() if condition is None else queryset.filter(condition)


@register_scope(ApplicationRound)
def scope_rounds(user: Any, queryset: QuerySet[ApplicationRound]) -> QuerySet[ApplicationRound]:
    condition = _visible(user, "application__")
    return queryset.none() if condition is None else queryset.filter(condition)


@register_scope(EvidenceFile)
def scope_evidence(user: Any, queryset: QuerySet[EvidenceFile]) -> QuerySet[EvidenceFile]:
    condition = _visible(user, "application__")
    return queryset.none() if condition is None else queryset.filter(condition)


@rules.predicate
def is_own_application(user: Any, application: Application | None) -> bool:
    return application is not None and is_applicant(user) and application.host_org_id == user.host_org_id


@rules.predicate
def is_editable(user: Any, application: Application | None) -> bool:
    return application is not None and application.is_editable


@rules.predicate
def is_draft(user: Any, application: Application | None) -> bool:
    return application is not None and application.status == ApplicationStatus.DRAFT


rules.add_perm("applications.list_application", is_applicant | is_authority | is_system_admin)
rules.add_perm("applications.add_application", is_approved_applicant)
rules.add_perm("applications.view_application", in_scope)
rules.add_perm("applications.export_application", in_scope)
# Only an approved host organisation edits (evidence included) or submits (issue 8); a pending one still sees its own.
rules.add_perm("applications.change_application", is_approved_applicant & is_own_application & is_editable)
rules.add_perm("applications.submit_application", is_approved_applicant & is_own_application & is_editable)
rules.add_perm("applications.delete_application", is_own_application & is_draft)


@rules.predicate
def is_withdrawable(user: Any, application: Application | None) -> bool:
    from zhongshi.applications.domain.withdraw_application import can_withdraw

    return application is not None and can_withdraw(application)


# 撤回: the applicant takes a submission back while the first level has not acted on it (issue 9)
rules.add_perm("applications.withdraw_application", is_approved_applicant & is_own_application & is_withdrawable)
