from __future__ import annotations

from decimal import Decimal

import pytest

from tests.experts.conftest import PER_INDICATOR_FULL, make_expert
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.experts.domain.assign_experts import accept_assignment, assign_experts
from zhongshi.experts.domain.score_sheets import InvalidSheetError, reopen_sheet, save_scores, submit_sheet
from zhongshi.experts.models import Assignment, ScoreSheet
from zhongshi.notifications.models import Notification


@pytest.fixture
def sheet(make_round, province, submitted_application):
    evaluation_round = make_round([submitted_application], per_item=1)
    make_expert("专家一")
    assign_experts(evaluation_round=evaluation_round, actor=province)
    assignment = Assignment.objects.get()
    return accept_assignment(assignment=assignment, actor=assignment.expert.user)


def _expert(sheet):
    return sheet.assignment.expert.user


def test_autosave_keeps_what_was_typed_and_counts_revisions(sheet):
    saved = save_scores(sheet=sheet, scores={"plan": {"score": "12", "comment": "目标清晰"}, "unknown": 3},
                        revision=1, actor=_expert(sheet))
    assert (saved.scores, saved.revision, saved.status) == ({"plan": {"score": "12", "comment": "目标清晰"}}, 2, "draft")


def test_a_stale_autosave_is_refused_and_changes_nothing(sheet):
    save_scores(sheet=sheet, scores={"plan": "5"}, revision=1, actor=_expert(sheet))
    with pytest.raises(DomainError) as error:
        save_scores(sheet=sheet, scores={"plan": "6"}, revision=1, actor=_expert(sheet))
    assert error.value.message == "评分表在您打开后已被修改（版本1，现为2）。请刷新；您填写的内容仍保留在页面上。"
    assert ScoreSheet.objects.get().scores == {"plan": {"score": "5", "comment": ""}}


def test_only_the_assigned_expert_writes_the_sheet(sheet, chair):
    with pytest.raises(NotAllowed):
        save_scores(sheet=sheet, scores={}, revision=1, actor=make_expert("别人").user)
    with pytest.raises(NotAllowed):
        save_scores(sheet=sheet, scores={}, revision=1, actor=chair)


def test_submit_refuses_a_score_out_of_range_and_a_missing_one_at_their_paths(sheet):
    scores = dict(PER_INDICATOR_FULL, plan={"score": "11", "comment": ""}, funding={"score": "-1"},
                  team={"score": "八"})
    del scores["roadmap"]
    with pytest.raises(InvalidSheetError) as error:
        submit_sheet(sheet=sheet, scores=scores, revision=1, actor=_expert(sheet))
    assert error.value.errors == {
        "scores.team.score": "“技术带头人与专业人才队伍”的评分须为数字。",
        "scores.roadmap.score": "请为“中试技术路线图与共性技术基础”评分。",
        "scores.plan.score": "“发展目标与建设方案”的评分须在0至10之间，11超出范围。",
        "scores.funding.score": "“资金保障与可持续发展”的评分须在0至10之间，-1超出范围。",
    }
    assert (ScoreSheet.objects.get().status, ScoreSheet.objects.get().revision) == ("draft", 1)


def test_submit_stores_the_weighted_total_and_locks_the_sheet(sheet):
    scores = dict(PER_INDICATOR_FULL, plan={"score": "10", "comment": "很好"}, funding={"score": "0"})
    submitted = submit_sheet(sheet=sheet, scores=scores, revision=1, actor=_expert(sheet))
    # every indicator at 8/10 of its weight except 计划 (5 × 10/10) and 资金 (5 × 0): 90 × 0.8 + 5 = 77
    assert (submitted.status, submitted.total, submitted.revision) == ("submitted", Decimal("77.00"), 2)
    assert submitted.submitted_at is not None
    with pytest.raises(DomainError) as error:
        submit_sheet(sheet=sheet, scores=scores, revision=2, actor=_expert(sheet))
    assert error.value.message == "该评分表已提交，除非评审组长退回，不能再次提交或修改。"
    with pytest.raises(DomainError):
        save_scores(sheet=sheet, scores=scores, revision=2, actor=_expert(sheet))


def test_the_chair_reopens_a_submitted_sheet_with_a_reason(sheet, chair, province):
    submit_sheet(sheet=sheet, scores=PER_INDICATOR_FULL, revision=1, actor=_expert(sheet))
    with pytest.raises(NotAllowed):
        reopen_sheet(sheet=sheet, reason="请复核", actor=province)
    with pytest.raises(DomainError) as error:
        reopen_sheet(sheet=sheet, reason="  ", actor=chair)
    assert (error.value.field, error.value.message) == ("reason", "请填写退回评分表的原因。")
    reopened = reopen_sheet(sheet=sheet, reason="服务成效评分与材料不符，请复核", actor=chair)
    assert (reopened.status, reopened.reopen_reason, reopened.total, reopened.submitted_at, reopened.revision) == (
        "reopened", "服务成效评分与材料不符，请复核", None, None, 3)
    assert list(Notification.objects.filter(kind="sheet_reopened").values_list("user", "title")) == [
        (_expert(sheet).pk, "您对“高速光电子器件封装测试中试平台”的评分表已被退回：服务成效评分与材料不符，请复核")]
    again = submit_sheet(sheet=sheet, scores=PER_INDICATOR_FULL, revision=3, actor=_expert(sheet))
    assert (again.status, again.total) == ("submitted", Decimal("80.00"))
    with pytest.raises(DomainError) as error:
        reopen_sheet(sheet=sheet, reason="x", actor=chair)
        reopen_sheet(sheet=sheet, reason="x", actor=chair)
    assert error.value.message == "只有已提交的评分表才能退回。"


def test_a_closed_round_refuses_reopening_and_scoring(sheet, chair):
    submit_sheet(sheet=sheet, scores=PER_INDICATOR_FULL, revision=1, actor=_expert(sheet))
    evaluation_round = sheet.assignment.item.round
    evaluation_round.status = "closed"
    evaluation_round.save()
    with pytest.raises(DomainError) as error:
        reopen_sheet(sheet=sheet, reason="请复核", actor=chair)
    assert error.value.message == "本轮评审已结束，评分表不能再退回。"
    assert ScoreSheet.objects.get().status == "submitted"
