"""The eligibility conditions of the built-in calls (seed 000 §一, seed 004 §一) and their evaluator."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from tests import factories
from zhongshi.applications.domain.queries.check_file import check_application_data
from zhongshi.calls.domain.conditions import (
    ConditionResult,
    ConditionsError,
    eligibility_of,
    evaluate_call,
    evaluate_conditions,
    parse_conditions,
    validate_checklist,
    validate_conditions,
)
from zhongshi.calls.domain.load_calls import CALLS_FILE

BUILTIN = {raw["code"]: raw for raw in yaml.safe_load(CALLS_FILE.read_text(encoding="utf-8"))["calls"]}
HUBEI = BUILTIN["hubei-2026-provincial"]["conditions"]
MIIT = BUILTIN["miit-reserve"]["conditions"]
EXAMPLE = factories.example_answers()

HUBEI_CLAUSES = [
    ("equipment_value", "一（一）"),
    ("fulltime_staff", "一（二）"),
    ("industrialized_products", "一（四）"),
    ("enterprises_served", "一（四）"),
    ("service_revenue", "一（四）"),
    ("no_violations", "一（六）"),
]
MIIT_CLAUSES = [
    ("equipment_value", "一（二）1"),
    ("fulltime_staff", "一（二）2"),
    ("no_violations", "一（二）3"),
    ("achievement_or_product", "一（四）2"),
    ("enterprises_served", "一（四）2"),
    ("service_revenue", "一（四）3"),
]


def answers(**changes: Any) -> dict[str, Any]:
    """The example with ``path=value`` changes (``__`` for ``.``); a value of ``...`` deletes the key."""
    data = copy.deepcopy(EXAMPLE)
    for key, value in changes.items():
        *parents, last = key.split("__")
        node = data
        for part in parents:
            node = node[part]
        if value is ...:
            node.pop(last, None)
        else:
            node[last] = value
    return data


def result(conditions: list[dict[str, Any]], ident: str, data: dict[str, Any]) -> ConditionResult:
    return next(r for r in evaluate_conditions(conditions, data) if r.id == ident)


def revenue(last: Any, current: Any, main_2025: Any, ratio_current: Any, conditions=HUBEI) -> ConditionResult:
    data = answers(service__service_revenue_wan={"last_year": last, "current_year": current},
                   service__service_revenue_ratio_pct={"last_year": 1, "current_year": ratio_current})
    data["basic"]["main_revenue_wan"]["2025"] = main_2025
    return result(conditions, "service_revenue", data)


# ---------------------------------------------------------------- the built-in calls


def test_the_builtin_conditions_and_checklists_are_valid() -> None:
    for raw in BUILTIN.values():
        assert validate_conditions(raw["conditions"]) == []
        assert validate_checklist(raw["checklist"]) == []
    assert [(c["id"], c["clause"]) for c in HUBEI] == HUBEI_CLAUSES
    assert [(c["id"], c["clause"]) for c in MIIT] == MIIT_CLAUSES
    assert [item["clause"] for item in BUILTIN["hubei-2026-provincial"]["checklist"]] == [
        "一", "一（一）", "一（一）", "一（一）", "一（二）", "一（二）", "一（三）", "一（三）", "一（四）", "一（五）",
        "一（五）", "一（五）", "一（六）"]
    assert BUILTIN["hubei-2026-provincial"]["checklist"][1] == {
        "id": "pilot_line", "clause": "一（一）", "text": "具备完善的中试线或试验场地，配备必需的安全、环保等配套设施"}
    assert {item["clause"] for item in BUILTIN["miit-reserve"]["checklist"]} == {
        "一（一）", "一（一）1", "一（一）2", "一（一）3", "一（二）", "一（二）1", "一（二）2", "一（二）3", "一（三）",
        "一（三）1", "一（三）2", "一（四）", "一（四）1", "一（四）2", "一（五）", "一（五）1", "一（五）2", "一（六）",
        "一（六）1", "一（六）2"}


@pytest.mark.django_db
def test_the_builtin_calls_in_the_database_carry_the_conditions_and_checklists() -> None:
    for code, raw in BUILTIN.items():
        call = factories.call(code)
        assert call.conditions == raw["conditions"]
        assert call.checklist == raw["checklist"]


def test_the_example_passes_every_condition_of_the_hubei_call() -> None:
    results = evaluate_conditions(HUBEI, EXAMPLE)

    assert [(r.id, r.clause, r.passed) for r in results] == [(i, c, True) for i, c in HUBEI_CLAUSES]
    assert eligibility_of(results) == "eligible"
    assert [r.message for r in results] == [
        "中试设备设施原值 3,280 万元，不低于 1,000 万元",
        "平台专职人员总数 46 人，不低于 5 人",
        "上年度产业化产品数量 4 个，不低于 1 个；申报当年度产业化产品数量 1 个，不低于 1 个",
        "上年度中试服务企业总数量 5 家，不低于 3 家；申报当年度中试服务企业总数量 3 家，不低于 3 家",
        ("上年度中试服务收入 860 万元，不低于 500 万元；申报当年度中试服务收入 138 万元，低于 500 万元；"
         "上年度中试服务收入占主营业务收入比例 5%（860 ÷ 17,200），不低于 5%；"
         "申报当年度中试服务收入占主营业务收入比例 5.1%，不低于 5%"),
        "近三年是否发生违法违规行为等情形：申报书填报为“否”",
    ]


def test_the_example_passes_every_condition_of_the_miit_reserve_call() -> None:
    results = evaluate_conditions(MIIT, EXAMPLE)

    assert [(r.id, r.clause, r.passed) for r in results] == [(i, c, True) for i, c in MIIT_CLAUSES]
    assert eligibility_of(results) == "eligible"
    by_id = {r.id: r for r in results}
    # 860 万元 < 1000 万元 in both years, but 860 ÷ 17,200 = 5 % ≥ 5 %: the percentage branch carries it.
    assert by_id["service_revenue"].message == (
        "上年度中试服务收入 860 万元，低于 1,000 万元；申报当年度中试服务收入 138 万元，低于 1,000 万元；"
        "上年度中试服务收入占主营业务收入比例 5%（860 ÷ 17,200），不低于 5%；"
        "申报当年度中试服务收入占主营业务收入比例 5.1%，不低于 5%")
    # 5 enterprises last year ≥ 5 (3 this year would not be enough).
    assert by_id["enterprises_served"].message == (
        "上年度中试服务企业总数量 5 家，不低于 5 家；申报当年度中试服务企业总数量 3 家，低于 5 家")


@pytest.mark.django_db
def test_evaluate_call_reads_the_conditions_of_the_call() -> None:
    results = evaluate_call(factories.call("miit-reserve"), answers(service__enterprises_served={
        "last_year": 4, "current_year": 4}))

    assert [(r.id, r.passed) for r in results] == [
        ("equipment_value", True), ("fulltime_staff", True), ("no_violations", True),
        ("achievement_or_product", True), ("enterprises_served", False), ("service_revenue", True)]
    assert eligibility_of(results) == "ineligible"


# ---------------------------------------------------------------- boundaries and messages


def test_equipment_value_boundary_and_messages() -> None:
    failed = result(HUBEI, "equipment_value", answers(foundation__equipment_value_wan=999.99))
    passed = result(HUBEI, "equipment_value", answers(foundation__equipment_value_wan=1000))
    low = result(HUBEI, "equipment_value", answers(foundation__equipment_value_wan=980))
    missing = result(HUBEI, "equipment_value", answers(foundation__equipment_value_wan=...))
    text = result(HUBEI, "equipment_value", answers(foundation__equipment_value_wan="一千万"))
    empty = result(HUBEI, "equipment_value", answers(foundation__equipment_value_wan=""))

    assert (failed.passed, failed.message) == (False, "中试设备设施原值 999.99 万元，低于 1,000 万元")
    assert (passed.passed, passed.message) == (True, "中试设备设施原值 1,000 万元，不低于 1,000 万元")
    assert (low.passed, low.message) == (False, "中试设备设施原值 980 万元，低于 1,000 万元")
    assert (missing.passed, missing.message) == (None, "未填写中试设备设施原值，无法判断")
    assert (text.passed, text.message) == (None, "中试设备设施原值填报的不是数字，无法判断")
    assert (empty.passed, empty.message) == (None, "未填写中试设备设施原值，无法判断")
    assert missing.as_dict() == {"id": "equipment_value", "clause": "一（一）", "label": "中试设备或者设施原值不低于1000万元",
                                 "passed": None, "message": "未填写中试设备设施原值，无法判断"}


@pytest.mark.parametrize("conditions", [HUBEI, MIIT], ids=["hubei", "miit"])
def test_fulltime_staff_boundary(conditions) -> None:
    four = result(conditions, "fulltime_staff", answers(foundation__fulltime_staff=4))
    five = result(conditions, "fulltime_staff", answers(foundation__fulltime_staff=5))

    assert (four.passed, four.message) == (False, "平台专职人员总数 4 人，低于 5 人")
    assert (five.passed, five.message) == (True, "平台专职人员总数 5 人，不低于 5 人")
    # A boolean is not a number.
    assert result(conditions, "fulltime_staff", answers(foundation__fulltime_staff=True)).passed is None


def test_enterprises_served_either_year_boundary() -> None:
    def served(last: Any, current: Any) -> bool | None:
        data = answers(service__enterprises_served={"last_year": last, "current_year": current})
        return result(HUBEI, "enterprises_served", data).passed

    assert served(2, 2) is False
    assert served(3, 2) is True
    assert served(2, 3) is True
    assert served(None, 3) is True
    assert served(None, 2) is None
    assert served(2, None) is None
    assert result(MIIT, "enterprises_served", answers(
        service__enterprises_served={"last_year": 4, "current_year": 5})).passed is True
    assert result(MIIT, "enterprises_served", answers(
        service__enterprises_served={"last_year": 4, "current_year": 4})).passed is False


def test_industrialized_products_either_year() -> None:
    def products(last: Any, current: Any) -> ConditionResult:
        data = answers(service__industrialized_products={"last_year": last, "current_year": current})
        return result(HUBEI, "industrialized_products", data)

    assert products(0, 0).passed is False
    assert products(0, 0).message == "上年度产业化产品数量 0 个，低于 1 个；申报当年度产业化产品数量 0 个，低于 1 个"
    assert products(0, 1).passed is True
    assert products(1, 0).passed is True
    assert products(0, None).passed is None


def test_miit_achievement_or_product() -> None:
    def check(achievements: tuple[Any, Any], products: tuple[Any, Any]) -> bool | None:
        data = answers(service__major_achievements_verified=dict(zip(("last_year", "current_year"), achievements, strict=True)),
                       service__industrialized_products=dict(zip(("last_year", "current_year"), products, strict=True)))
        return result(MIIT, "achievement_or_product", data).passed

    assert check((0, 0), (0, 0)) is False
    assert check((0, 1), (0, 0)) is True  # a major achievement verified this year
    assert check((0, 0), (1, 0)) is True  # or a new product industrialised last year
    assert check((0, 0), (0, None)) is None


def test_service_revenue_through_each_branch() -> None:
    # last year 100 万元 of 17,200 = 0.58 %, declared current-year share 1 %.
    assert revenue(100, 499.99, 17200, 1).passed is False
    assert revenue(100, 500, 17200, 1).passed is True  # the current year's amount only
    assert revenue(499.99, 100, 9999.8, 1).passed is True  # the computed last-year percentage only (5.0000…%)
    assert revenue(499.99, 100, 10000, 1).passed is False  # 4.9999 %
    assert revenue(100, 100, 17200, 5).passed is True  # the declared current-year percentage only
    assert revenue(100, 100, 17200, 4.99).passed is False
    # MIIT: 1000 万元 instead of 500.
    assert revenue(999, 0, 100000, 1, conditions=MIIT).passed is False
    assert revenue(1000, 0, 100000, 1, conditions=MIIT).passed is True
    assert revenue(0, 1000, 100000, 1, conditions=MIIT).passed is True


def test_service_revenue_messages_when_failed_and_when_a_branch_cannot_be_computed() -> None:
    failed = revenue(100, 499.99, 17200, 1)
    assert failed.message == (
        "上年度中试服务收入 100 万元，低于 500 万元；申报当年度中试服务收入 499.99 万元，低于 500 万元；"
        "上年度中试服务收入占主营业务收入比例 0.58%（100 ÷ 17,200），低于 5%；"
        "申报当年度中试服务收入占主营业务收入比例 1%，低于 5%")

    # Main revenue 0: the computed branch is unknown, so the group is unknown unless another branch passes.
    zero = revenue(100, 100, 0, 1)
    assert zero.passed is None
    assert zero.message == (
        "上年度中试服务收入 100 万元，低于 500 万元；申报当年度中试服务收入 100 万元，低于 500 万元；"
        "2025年主营业务收入为 0，无法计算上年度中试服务收入占主营业务收入比例；"
        "申报当年度中试服务收入占主营业务收入比例 1%，低于 5%")
    assert revenue(600, 100, 0, 1).passed is True
    assert revenue(100, 100, -5, 1).passed is None
    missing = revenue(100, 100, None, 1)
    assert missing.passed is None
    assert "未填写2025年主营业务收入，无法计算上年度中试服务收入占主营业务收入比例" in missing.message
    no_last = revenue(None, 100, 17200, 1)
    assert no_last.passed is None
    assert no_last.message.startswith("未填写上年度中试服务收入，无法判断；")
    assert "未填写上年度中试服务收入，无法计算上年度中试服务收入占主营业务收入比例" in no_last.message


def test_no_violations_is_a_boolean() -> None:
    def check(value: Any) -> ConditionResult:
        return result(HUBEI, "no_violations", answers(basic__violations_last_3_years=value))

    assert (check(False).passed, check(False).message) == (True, "近三年是否发生违法违规行为等情形：申报书填报为“否”")
    assert (check(True).passed, check(True).message) == (
        False, "近三年是否发生违法违规行为等情形：申报书填报为“是”，应为“否”")
    assert (check(None).passed, check(None).message) == (None, "未填写近三年是否发生违法违规行为等情形，无法判断")
    assert check(0).passed is None  # 0 is not “否”
    assert check("否").passed is None


def test_missing_sections_and_non_dict_answers_are_unknown() -> None:
    assert {r.passed for r in evaluate_conditions(HUBEI, {})} == {None}
    assert {r.passed for r in evaluate_conditions(HUBEI, [1, 2])} == {None}
    assert eligibility_of(evaluate_conditions(HUBEI, "not an object")) == "unknown"


# ---------------------------------------------------------------- semantics


def _results(*passed: bool | None) -> list[ConditionResult]:
    return [ConditionResult(id=f"c{i}", clause="一", label="", passed=p, message="") for i, p in enumerate(passed)]


def test_eligibility_of() -> None:
    assert eligibility_of([]) == "eligible"
    assert eligibility_of(_results(True, True)) == "eligible"
    assert eligibility_of(_results(True, None)) == "unknown"
    assert eligibility_of(_results(None, False, True)) == "ineligible"


def _group(kind: str, *values: Any) -> list[dict[str, Any]]:
    parts = [{"path": f"v.{name}", "op": "gte", "value": 1, "name": name} for name in ("a", "b", "c")[:len(values)]]
    return [{"id": "g", "clause": "一", "label": "组", kind: parts}]


@pytest.mark.parametrize(("kind", "values", "expected"), [
    ("any", (1, 0), True), ("any", (None, 1), True), ("any", (None, 0), None), ("any", (0, 0), False),
    ("all", (1, 1), True), ("all", (None, 0), False), ("all", (None, 1), None), ("all", (1, 0), False),
])
def test_any_and_all_are_three_valued(kind, values, expected) -> None:
    data = {"v": {name: v for name, v in zip("abc", values, strict=False) if v is not None}}
    assert evaluate_conditions(_group(kind, *values), data)[0].passed is expected


def test_groups_nest_and_every_operator_compares() -> None:
    conditions = [{"id": "nested", "clause": "一", "label": "嵌套", "all": [
        {"path": "x", "op": "gt", "value": 1, "name": "x"},
        {"any": [{"path": "y", "op": "lt", "value": 10, "name": "y"},
                 {"all": [{"path": "z", "op": "lte", "value": 3, "unit": "项", "name": "z"},
                          {"path": "w", "op": "eq", "value": 2.5, "name": "w"}]}]},
    ]}]

    def passed(**data: Any) -> bool | None:
        return evaluate_conditions(conditions, data)[0].passed

    assert passed(x=2, y=9) is True
    assert passed(x=1, y=9) is False
    assert passed(x=2, y=10, z=3, w=2.5) is True
    assert passed(x=2, y=10, z=4, w=2.5) is False
    assert passed(x=2, y=10, z=3, w=2.4) is False
    assert passed(x=2, z=3, w=2.5) is True
    assert passed(x=2, z=3) is None
    assert evaluate_conditions(conditions, {"x": 1, "y": 10, "z": 4, "w": 1})[0].message == (
        "x 1，不高于 1；y 10，不低于 10；z 4 项，高于 3 项；w 1，不等于 2.5")


def test_a_ratio_at_exactly_the_threshold_passes() -> None:
    conditions = [{"id": "share", "clause": "一", "label": "占比", "test": {
        "ratio": ["a", "b"], "op": "gte", "value": 5, "unit": "%", "name": "占比"}}]

    assert evaluate_conditions(conditions, {"a": 12.34, "b": 246.8})[0].passed is True  # 5 % exactly
    assert evaluate_conditions(conditions, {"a": 12.33, "b": 246.8})[0].passed is False
    # Without names, the paths name the parts.
    assert evaluate_conditions(conditions, {"a": 1})[0].message == "未填写b，无法计算占比"


# ---------------------------------------------------------------- validation


def test_validate_conditions_lists_every_error() -> None:
    conditions = [
        {"id": "equipment_value", "clause": "一（一）", "label": "原值",
         "test": {"path": "foundation.equipment_value_wan", "op": "ge", "value": 1000, "name": "原值"}},
        {"id": "equipment_value", "clause": "一（二）", "label": "人数",
         "test": {"op": "gte", "value": 5, "name": "人数"}},
        {"id": "staff", "clause": "一（二）", "label": "人数",
         "test": {"path": "foundation.fulltime_staff", "op": "gte", "name": "人数"}},
        {"id": "revenue", "clause": "一（四）", "label": "收入", "any": [
            {"path": "service.revenue", "op": "gte", "value": "五百", "name": "收入"},
            {"ratio": ["service.revenue"], "op": "gte", "value": 5, "name": "占比"},
            {"path": "service.revenue[0]", "op": "lt", "value": True, "name": "x"},
        ]},
        {"id": "Bad-Id", "label": "", "all": [], "vaule": 3},
        {"id": "both", "clause": "一", "label": "两者", "test": {"path": "a", "op": "eq", "value": 1, "name": "a"},
         "any": [{"path": "b", "op": "eq", "value": 1, "name": "b"}]},
    ]

    assert validate_conditions(conditions) == [
        "条件 equipment_value：未知的比较方式 “ge”，应为 gte、gt、lte、lt、eq 之一",
        "条件 equipment_value：编号重复",
        "条件 equipment_value：缺少取值路径（path）或比例（ratio）",
        "条件 staff：缺少阈值（value）",
        "条件 revenue any[0]：阈值 “五百” 不是数字",
        "条件 revenue any[1]：比例（ratio）应为两个取值路径：[分子, 分母]",
        "条件 revenue any[2]：取值路径 “service.revenue[0]” 不正确，各段只能由字母、数字和下划线组成，以 . 分隔",
        "条件 revenue any[2]：阈值 True 不是数字（是/否只能用 eq 比较）",
        "条件 Bad-Id：编号只能由小写字母、数字和下划线组成，以字母开头",
        "条件 Bad-Id：缺少条款（clause）",
        "条件 Bad-Id：缺少条件原文（label）",
        "条件 Bad-Id：未知的键 vaule",
        "条件 Bad-Id：all 应为至少一项的列表",
        "条件 both：test、any、all 须有且只有一个",
    ]
    assert validate_conditions("gte 1000") == ["申报条件应为列表"]
    assert validate_conditions([]) == []
    with pytest.raises(ConditionsError) as caught:
        parse_conditions(conditions[:1])
    assert caught.value.errors == ["条件 equipment_value：未知的比较方式 “ge”，应为 gte、gt、lte、lt、eq 之一"]


def test_validate_checklist() -> None:
    assert validate_checklist([{"id": "a", "clause": "一", "text": "x"}, {"id": "a", "clause": "", "text": "y"},
                               {"id": "b", "clause": "一", "text": "z", "note": 1}]) == [
        "第 2 项审核要点：编号 a 重复", "第 2 项审核要点：缺少 clause", "第 3 项审核要点：未知的键 note"]


# ---------------------------------------------------------------- check-application


@pytest.mark.django_db
def test_check_application_lists_the_hubei_conditions() -> None:
    report = check_application_data(factories.call(), EXAMPLE)

    assert [(c["id"], c["clause"], c["passed"]) for c in report["conditions"]] == [
        (i, c, True) for i, c in HUBEI_CLAUSES]
    assert report["conditions"][0] == {
        "id": "equipment_value", "clause": "一（一）", "label": "中试设备或者设施原值不低于1000万元", "passed": True,
        "message": "中试设备设施原值 3,280 万元，不低于 1,000 万元"}
    assert report["eligible"] is True
    assert report["submittable"] is True


@pytest.mark.django_db
def test_check_application_is_not_eligible_when_a_condition_fails_or_is_unknown() -> None:
    failed = check_application_data(factories.call(), answers(foundation__equipment_value_wan=980))
    unknown = check_application_data(factories.call(), answers(foundation__fulltime_staff=...))
    not_an_object = check_application_data(factories.call(), ["not", "an", "object"])

    assert failed["eligible"] is False
    assert failed["conditions"][0]["passed"] is False
    assert unknown["eligible"] is False
    assert [c["passed"] for c in unknown["conditions"]] == [True, None, True, True, True, True]
    assert not_an_object["eligible"] is False
    assert {c["passed"] for c in not_an_object["conditions"]} == {None}
