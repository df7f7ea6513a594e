"""Who may see and do what in expert evaluation.

An authority sees the rounds it or an authority below it organises (the ministry all); an expert sees only his
own assignments and score sheets (and the rounds and items they belong to); an applicant sees nothing here: no
scope gives him an assignment, so he never learns who scored him.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q, QuerySet

from zhongshi.core.permissions import register_scope
from zhongshi.core.predicates import in_scope, is_authority, is_expert, is_system_admin
from zhongshi.experts.enums import RoundStatus
from zhongshi.experts.models import (
    Assignment,
    EvaluationRound,
    ExpertProfile,
    IndicatorSystem,
    PanelOpinion,
    RoundItem,
    ScoreSheet,
    SiteCheck,
)


def _round_condition(user: Any, prefix: str, expert_prefix: str | None) -> Q | None:
    """The rows of rounds ``user`` may see: the organiser's subtree; an expert's own assignments when
    ``expert_prefix`` leads from the row to an assignment's expert (None: experts see none of these rows)."""
    if is_system_admin(user):
        return Q()
    if is_authority(user):
        return Q(**{f"{prefix}organiser__path__startswith": user.authority.path})
    if is_expert(user) and expert_prefix is not None:
        return Q(**{f"{expert_prefix}expert__user": user})
    return None


def _scoped(prefix: str, expert_prefix: str | None) -> Any:
    def scope(user: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
        condition = _round_condition(user, prefix, expert_prefix)
        if condition is None:
            return queryset.none()
        filtered = queryset.filter(condition)
        # Reaching the expert through a to-many relation may repeat a row.
        return filtered.distinct() if expert_prefix and "assignments__" in expert_prefix else filtered
    return scope


register_scope(EvaluationRound)(_scoped("", "items__assignments__"))
register_scope(RoundItem)(_scoped("round__", "assignments__"))
scope_assignments = register_scope(Assignment)(_scoped("item__round__", ""))
register_scope(ScoreSheet)(_scoped("assignment__item__round__", "assignment__"))
register_scope(PanelOpinion)(_scoped("item__round__", None))
register_scope(SiteCheck)(_scoped("item__round__", None))


@register_scope(IndicatorSystem)
def scope_systems(user: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """The shipped examples and the copies of the user's authority and those above it (it may use them)."""
    if is_system_admin(user):
        return queryset
    if is_authority(user):
        ancestors = list(_ancestor_paths(user.authority.path))
        return queryset.filter(Q(owner__isnull=True) | Q(owner__path__in=ancestors))
    return queryset.none()


@register_scope(ExpertProfile)
def scope_profiles(user: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    if is_system_admin(user) or is_authority(user):
        return queryset
    if is_expert(user):
        return queryset.filter(expert__user=user)
    return queryset.none()


def _ancestor_paths(path: str) -> list[str]:
    """``000000/420000/420100/`` → the paths of itself and every authority above it."""
    parts = [p for p in path.split("/") if p]
    return ["/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]


@rules.predicate
def is_own_assignment(user: Any, assignment: Assignment | None) -> bool:
    return assignment is not None and is_expert(user) and assignment.expert.user_id == user.pk


@rules.predicate
def is_chair(user: Any, obj: Any) -> bool:
    """The user chairs the round of ``obj`` (a round or a score sheet)."""
    evaluation_round = getattr(obj, "assignment", obj)
    evaluation_round = getattr(evaluation_round, "item", evaluation_round)
    evaluation_round = getattr(evaluation_round, "round", evaluation_round)
    return (isinstance(evaluation_round, EvaluationRound) and user is not None
            and evaluation_round.chair_id is not None and evaluation_round.chair_id == getattr(user, "pk", None))


@rules.predicate
def is_organiser(user: Any, evaluation_round: EvaluationRound | None) -> bool:
    return (evaluation_round is not None and is_authority(user)
            and evaluation_round.organiser_id == user.authority_id)


@rules.predicate
def round_is_open(user: Any, evaluation_round: EvaluationRound | None) -> bool:
    return evaluation_round is not None and evaluation_round.status == RoundStatus.OPEN


rules.add_perm("experts.view_round", in_scope)
rules.add_perm("experts.manage_round", is_organiser | is_system_admin)
rules.add_perm("experts.assign_experts", (is_organiser | is_system_admin) & round_is_open)
rules.add_perm("experts.view_results", is_organiser | is_chair | is_system_admin)
rules.add_perm("experts.score", is_own_assignment)
rules.add_perm("experts.reopen_sheet", is_chair)
rules.add_perm("experts.list_tasks", is_expert)
rules.add_perm("experts.edit_system", is_authority | is_system_admin)
