from __future__ import annotations

from decimal import Decimal

import pytest

from tests import factories
from tests.experts.conftest import PER_INDICATOR_FULL, make_expert
from zhongshi.experts.domain.assign_experts import accept_assignment, assign_experts
from zhongshi.experts.domain.indicator_systems import parse_definition
from zhongshi.experts.domain.queries.aggregate import ItemResult, Stats, aggregate_item, rank_items, round_results
from zhongshi.experts.domain.score_sheets import submit_sheet
from zhongshi.experts.models import Assignment, EvaluationRound

SYSTEM = parse_definition({"name": "两项指标", "dimensions": [{"name": "服务成效", "indicators": [
    {"code": "a", "name": "甲", "weight": 60, "max": 10}, {"code": "b", "name": "乙", "weight": 40, "max": 100}]}]})


def _rows(pairs: list[tuple[int, int]]) -> list:
    rows = []
    for index, (a, b) in enumerate(pairs, start=1):
        total = Decimal(a) / 10 * 60 + Decimal(b) / 100 * 40
        rows.append((index, 100 + index, {"a": {"score": str(a)}, "b": {"score": str(b)}}, total))
    return rows


def test_five_sheets_give_a_trimmed_mean_dispersion_and_outliers():
    result = aggregate_item(7, "平台", _rows([(8, 80), (9, 90), (7, 70), (2, 85), (8, 75)]), SYSTEM)
    # totals 80, 90, 70, 46, 78: mean 72.8; without 90 and 46: (80 + 70 + 78) / 3 = 76
    assert [s.total for s in result.sheets] == [80, 90, 70, 46, 78]
    assert (result.count, result.mean, result.trimmed_mean, result.score, result.sd) == (
        5, Decimal("72.80"), Decimal("76.00"), Decimal("76.00"), Decimal("14.84"))
    assert result.indicators == {"a": Stats(mean=Decimal("6.80"), sd=Decimal("2.48")),
                                 "b": Stats(mean=Decimal("80.00"), sd=Decimal("7.07"))}
    # outlier: more than 20 % of the scale from the mean — 46 is 26.8 points from 72.8 (90 is 17.2: not one);
    # 甲: 2 and 9 are 4.8 and 2.2 from 6.8 (> 2); 乙: nobody is more than 20 from 80
    assert [(s.sheet_id, s.total_outlier, sorted(s.outliers)) for s in result.sheets] == [
        (1, False, []), (2, False, ["a"]), (3, False, []), (4, True, ["a"]), (5, False, [])]
    assert result.has_outlier is True


def test_four_sheets_have_no_trimmed_mean_and_the_bound_is_strict():
    result = aggregate_item(1, "平台", _rows([(8, 80), (8, 80), (8, 80), (10, 80)]), SYSTEM)
    # totals 80, 80, 80, 92: mean 83; 92 is 9 from it; 甲: 10 is 1.5 from 8.5 — no outlier, no trimming
    assert (result.mean, result.trimmed_mean, result.score, result.sd) == (
        Decimal("83.00"), None, Decimal("83.00"), Decimal("5.20"))
    assert result.has_outlier is False
    exactly_at_bound = aggregate_item(1, "平台", _rows([(10, 100), (6, 100)]), SYSTEM)  # 甲 2 from the mean 8
    assert [s.outliers for s in exactly_at_bound.sheets] == [frozenset(), frozenset()]


def test_an_item_without_sheets_has_no_figures():
    result = aggregate_item(3, "平台", [], SYSTEM)
    assert (result.count, result.mean, result.trimmed_mean, result.sd, result.sheets) == (0, None, None, None, [])


def test_ranking_shares_equal_ranks_by_item_id_and_puts_unscored_items_last():
    results = [ItemResult(item_id=1, label="一", mean=Decimal(80)), ItemResult(item_id=2, label="二", mean=Decimal(90)),
               ItemResult(item_id=3, label="三", mean=Decimal(70), trimmed_mean=Decimal(80)),
               ItemResult(item_id=4, label="四"), ItemResult(item_id=5, label="五", mean=Decimal(70))]
    assert [(r.item_id, r.rank) for r in rank_items(results)] == [(2, 1), (1, 2), (3, 2), (5, 4), (4, None)]


@pytest.mark.django_db
def test_round_results_rank_the_items_of_a_round_in_three_queries(make_round, province, host,
                                                                   submitted_application, django_assert_num_queries):
    other = factories.application(factories.HostOrgFactory(district=factories.region("420111")), status="submitted",
                                  answers={**factories.example_answers(), "basic": {
                                      **factories.example_answers()["basic"], "platform_name": "另一平台"}})
    evaluation_round = make_round([submitted_application, other], per_item=5)
    for index in range(5):
        make_expert(f"专家{index + 1}")
    assign_experts(evaluation_round=evaluation_round, actor=province)
    for number, assignment in enumerate(Assignment.objects.order_by("item", "pk"), start=1):
        sheet = accept_assignment(assignment=assignment, actor=assignment.expert.user)
        first_item = assignment.item.application_id == submitted_application.pk
        plan = str(number % 5 * 2 + 2) if first_item else "8"  # 4, 6, 8, 10, 2 on the first item
        submit_sheet(sheet=sheet, scores=dict(PER_INDICATOR_FULL, plan={"score": plan}), revision=1,
                     actor=assignment.expert.user)
    fresh = EvaluationRound.objects.get(pk=evaluation_round.pk)
    with django_assert_num_queries(3):
        results = round_results(fresh)
    assert [(r.label, r.rank, r.count, r.mean, r.trimmed_mean, r.sd) for r in results] == [
        ("另一平台", 1, 5, Decimal("80.00"), Decimal("80.00"), Decimal("0.00")),
        # 计划 (weight 5, max 10) scored 4, 6, 8, 10, 2: totals 78, 79, 80, 81, 77; trimmed (78 + 79 + 80) / 3
        ("高速光电子器件封装测试中试平台", 2, 5, Decimal("79.00"), Decimal("79.00"), Decimal("1.41")),
    ]
    # 计划's mean is 6: 10 and 2 are 4 from it (> 20 % of 10), 4 and 8 exactly 2 (not outliers)
    assert [sorted(s.outliers) for s in results[1].sheets] == [[], [], [], ["plan"], ["plan"]]
