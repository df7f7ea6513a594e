"""Who may see and do what in the review chain and the public notice."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import QuerySet

from zhongshi.applications.models import Application
from zhongshi.applications.rules import scope_applications
from zhongshi.core.errors import NotAllowed
from zhongshi.core.permissions import register_scope
from zhongshi.core.predicates import in_scope, is_authority, is_ministry, is_province_authority, is_system_admin
from zhongshi.reviews.models import ExportJob, Notice, Objection, RecommendationLetter, ReviewStep


@register_scope(ReviewStep)
def scope_steps(user: Any, queryset: QuerySet[ReviewStep]) -> QuerySet[ReviewStep]:
    return queryset.filter(application__in=scope_applications(user, Application.objects.all()))


@register_scope(RecommendationLetter)
def scope_letters(user: Any, queryset: QuerySet[RecommendationLetter]) -> QuerySet[RecommendationLetter]:
    """A letter is seen by the authority that wrote it and by the levels above it."""
    if is_system_admin(user):
        return queryset
    if is_authority(user):
        return queryset.filter(authority__path__startswith=user.authority.path)
    return queryset.none()


@register_scope(Notice)
def scope_notices(user: Any, queryset: QuerySet[Notice]) -> QuerySet[Notice]:
    return queryset  # 公示 is public


@register_scope(Objection)
def scope_objections(user: Any, queryset: QuerySet[Objection]) -> QuerySet[Objection]:
    """Objections name the objector: only the authority that handles them (and the levels above) sees them."""
    if is_system_admin(user):
        return queryset
    if is_authority(user):
        return queryset.filter(notice__authority__path__startswith=user.authority.path)
    return queryset.none()


@register_scope(ExportJob)
def scope_export_jobs(user: Any, queryset: QuerySet[ExportJob]) -> QuerySet[ExportJob]:
    """An export holds what its requester may see: it is his alone."""
    return queryset.filter(user_id=user.pk) if is_authority(user) else queryset.none()


@rules.predicate
def requested_export(user: Any, job: ExportJob | None) -> bool:
    return job is not None and is_authority(user) and job.user_id == user.pk


@rules.predicate
def holds_application(user: Any, application: Application | None) -> bool:
    """The user's authority is the one that holds the application at its current level."""
    from zhongshi.calls.domain.chain import acting_authority

    if application is None or not is_authority(user) or application.status != "submitted":
        return False
    authority = acting_authority(application.call, application.host_org, application.current_level)
    return authority is not None and authority.pk == user.authority_id


@rules.predicate
def publishes_notice(user: Any, notice: Notice | None) -> bool:
    return notice is not None and is_authority(user) and notice.authority_id == user.authority_id


def extendable_levels(user: Any, call: Any) -> list[str]:
    """The levels of ``call`` whose deadline the user's authority may move: all of them for the call's issuer,
    otherwise those whose level above is the user's, inside the call's area (as ``grant_extension`` checks)."""
    from zhongshi.calls.domain.chain import call_area, level_above

    authority = getattr(user, "authority", None)
    if call is None or authority is None or not is_authority(user):
        return []
    if call.issuer_id is not None and authority.pk == call.issuer_id:
        return call.chain_levels()
    if not authority.path.startswith(call_area(call)):
        return []
    return [level for level in call.chain_levels() if level_above(call, level) == authority.level]


@rules.predicate
def extends_deadlines_of(user: Any, call: Any) -> bool:
    return bool(extendable_levels(user, call))


@rules.predicate
def decides_call(user: Any, call: Any) -> bool:
    """The user's authority is the deciding (last) level of the call, and its issuer when it has one."""
    from zhongshi.reviews.domain.notices import deciding_authority_of

    if call is None or not is_authority(user):
        return False
    try:
        deciding_authority_of(user, call)
    except NotAllowed:
        return False
    return True


rules.add_perm("reviews.list_queue", is_authority)
rules.add_perm("reviews.review_application", holds_application)
rules.add_perm("reviews.view_history", in_scope)
# The reviewers' annex (computed values, consistency warnings, eligibility): authorities only, within their area.
rules.add_perm("reviews.view_review_annex", in_scope & (is_authority | is_system_admin))
# Both are about one call: a link to them shows only where they allow the user (no link ends in 403).
rules.add_perm("reviews.grant_extension", extends_deadlines_of)
rules.add_perm("reviews.publish_notice", (is_province_authority | is_ministry) & decides_call)
rules.add_perm("reviews.handle_notice", publishes_notice)
rules.add_perm("reviews.view_letter", in_scope)
rules.add_perm("reviews.view_export", requested_export)
