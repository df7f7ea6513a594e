"""Scopes: the organiser's subtree sees the round; an expert only his own assignments and sheets; an applicant
nothing — not even the assignments of his own application (he never learns who scored him)."""

from __future__ import annotations

import pytest

from tests import factories
from tests.experts.conftest import make_expert
from zhongshi.core.permissions import can, scope_queryset
from zhongshi.experts.domain.assign_experts import accept_assignment, assign_experts
from zhongshi.experts.models import (
    Assignment,
    EvaluationRound,
    IndicatorSystem,
    PanelOpinion,
    RoundItem,
    ScoreSheet,
    SiteCheck,
)


@pytest.fixture
def scored(make_round, province, submitted_application):
    evaluation_round = make_round([submitted_application], per_item=2)
    make_expert("专家一")
    make_expert("专家二")
    assign_experts(evaluation_round=evaluation_round, actor=province)
    for assignment in Assignment.objects.all():
        accept_assignment(assignment=assignment, actor=assignment.expert.user)
    PanelOpinion.objects.create(item=evaluation_round.items.get(), text="同意推荐")
    SiteCheck.objects.create(item=evaluation_round.items.get(), date="2026-12-01", team="核查组", passed=True)
    return evaluation_round


def _visible(user) -> dict[str, int]:
    return {model.__name__: scope_queryset(user, model.objects.all()).count() for model in (
        EvaluationRound, RoundItem, Assignment, ScoreSheet, PanelOpinion, SiteCheck)}


def test_the_organisers_subtree_sees_everything_of_the_round(scored, province):
    everything = {"EvaluationRound": 1, "RoundItem": 1, "Assignment": 2, "ScoreSheet": 2, "PanelOpinion": 1,
                  "SiteCheck": 1}
    assert _visible(province) == everything
    assert _visible(factories.reviewer("000000")) == everything
    assert _visible(factories.admin_user()) == everything
    assert _visible(factories.reviewer("420100")) == dict.fromkeys(everything, 0)  # below the organiser
    assert _visible(factories.reviewer("330000")) == dict.fromkeys(everything, 0)


def test_an_expert_sees_only_his_own_assignment_and_sheet(scored):
    expert = Assignment.objects.order_by("pk").first().expert
    assert _visible(expert.user) == {"EvaluationRound": 1, "RoundItem": 1, "Assignment": 1, "ScoreSheet": 1,
                                     "PanelOpinion": 0, "SiteCheck": 0}
    assert list(scope_queryset(expert.user, Assignment.objects.all()).values_list("expert__name", flat=True)) == [
        "专家一"]
    assert _visible(make_expert("旁人").user) == {"EvaluationRound": 0, "RoundItem": 0, "Assignment": 0,
                                                 "ScoreSheet": 0, "PanelOpinion": 0, "SiteCheck": 0}


def test_the_applicant_never_sees_who_scored_him(scored, host):
    applicant = factories.applicant(host)
    assert _visible(applicant) == {"EvaluationRound": 0, "RoundItem": 0, "Assignment": 0, "ScoreSheet": 0,
                                   "PanelOpinion": 0, "SiteCheck": 0}
    assert can(applicant, "experts.score", Assignment.objects.first()) is False


def test_permissions_of_the_organiser_the_chair_and_the_expert(scored, province, chair):
    assignment = Assignment.objects.order_by("pk").first()
    sheet = ScoreSheet.objects.get(assignment=assignment)
    assert [can(province, p, scored) for p in ("experts.manage_round", "experts.assign_experts",
                                                "experts.view_results")] == [True, True, True]
    # the chair here is a colleague at the organising authority; an expert chairing sees the results only
    assert [can(chair, p, scored) for p in ("experts.manage_round", "experts.view_results")] == [True, True]
    expert_chair = make_expert("组长专家").user
    scored.chair = expert_chair
    assert [can(expert_chair, p, scored) for p in ("experts.manage_round", "experts.view_results")] == [False, True]
    scored.chair = chair
    assert (can(chair, "experts.reopen_sheet", sheet), can(province, "experts.reopen_sheet", sheet)) == (True, False)
    assert (can(assignment.expert.user, "experts.score", assignment),
            can(province, "experts.score", assignment)) == (True, False)


def test_indicator_systems_an_authority_may_use(systems, province):
    from zhongshi.experts.domain.indicator_systems import copy_indicator_system

    copy_indicator_system(system=systems[0], actor=province)
    assert scope_queryset(factories.reviewer("420100"), IndicatorSystem.objects.all()).count() == 3  # from above
    assert scope_queryset(factories.reviewer("330000"), IndicatorSystem.objects.all()).count() == 2
    assert scope_queryset(factories.expert_user(), IndicatorSystem.objects.all()).count() == 0
