from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from tests import factories
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.experts.domain.indicator_systems import (
    EXAMPLE_FILES,
    InvalidSystemError,
    computed_figures,
    copy_indicator_system,
    load_example,
    parse_definition,
    system_of,
    update_indicator_system,
)
from zhongshi.experts.models import EvaluationRound, IndicatorSystem
from zhongshi.formversions.domain.formdef import load_form


def test_the_examples_are_marked_unofficial_with_the_seed_dimensions_and_weights_summing_to_100():
    provincial, library = (load_example(name) for name in EXAMPLE_FILES)
    assert (provincial["notice"], library["notice"]) == ("示例，非官方", "示例，非官方")
    assert parse_definition(provincial).dimensions == ("目标定位", "基础能力", "技术优势", "服务成效", "运行机制", "未来潜力")
    assert parse_definition(library).dimensions == ("目标定位", "基础能力", "技术优势", "服务成效", "运行机制")
    for data in (provincial, library):
        system = parse_definition(data)
        assert sum(i.weight for i in system.indicators) == Decimal(100)
        assert all(i.max > 0 and i.guidance for i in system.indicators)
    assert len(parse_definition(provincial).indicators) == 12


def test_installing_the_examples_makes_one_row_each_once(systems):
    from zhongshi.experts.domain.indicator_systems import install_example_systems

    assert [(s.code, s.version, s.use, s.notice) for s in systems] == [
        ("provincial-example", 1, "application", "示例，非官方"), ("library-example", 1, "platform", "示例，非官方")]
    install_example_systems()
    assert IndicatorSystem.objects.count() == 2


def _definition() -> dict:
    return copy.deepcopy(load_example(EXAMPLE_FILES[0]))


def test_weights_that_do_not_sum_to_100_are_refused_with_the_sum():
    data = _definition()
    data["dimensions"][0]["indicators"][0]["weight"] = 7
    with pytest.raises(InvalidSystemError) as error:
        parse_definition(data)
    assert error.value.errors == {"dimensions": "各指标权重之和须为100，当前为99。"}


def test_a_maximum_of_zero_a_negative_weight_and_a_repeated_code_are_refused_at_their_paths():
    data = _definition()
    data["dimensions"][1]["indicators"][0]["max"] = 0
    data["dimensions"][1]["indicators"][1]["weight"] = -1
    data["dimensions"][2]["indicators"][1]["code"] = "roadmap"
    with pytest.raises(InvalidSystemError) as error:
        parse_definition(data)
    assert error.value.errors == {
        "dimensions.1.indicators.0.max": "“中试线、场地与设备设施”的满分须大于0。",
        "dimensions.1.indicators.1.weight": "“技术带头人与专业人才队伍”的权重须为不小于0的数字。",
        "dimensions.2.indicators.1.code": "指标代码“roadmap”重复使用。",
    }


def test_the_computed_figures_are_read_from_the_answers_by_role(systems):
    system = system_of(systems[0])
    figures = computed_figures(system, answers=factories.example_answers(), form=load_form("hubei-2026"))
    assert figures == {
        "facilities": [("中试设备或设施原值（万元）", 3280)],
        "team": [("专职技术或管理人员（人）", 46)],
        "service_revenue": [("上年度中试服务收入（万元）", 860), ("上年度中试服务收入占比（%）", 5.0)],
        "enterprises": [("上年度中试服务企业数量（家）", 5)],
    }


def test_an_authority_copies_an_example_and_edits_its_copy(systems, province):
    copy_row = copy_indicator_system(system=systems[0], actor=province)
    assert (copy_row.code, copy_row.version, copy_row.owner, copy_row.notice, copy_row.based_on) == (
        "provincial-example", 2, province.authority, "", systems[0])
    data = copy.deepcopy(copy_row.definition)
    data["name"] = "湖北省中试平台评审指标体系"
    data["dimensions"][0]["indicators"][0]["weight"] = 10
    data["dimensions"][0]["indicators"][1]["weight"] = 5
    update_indicator_system(system=copy_row, definition=data, actor=province)
    copy_row.refresh_from_db()
    assert copy_row.name == "湖北省中试平台评审指标体系"
    assert copy_row.definition["dimensions"][0]["indicators"][0]["weight"] == 10


def test_an_invalid_edit_saves_nothing(systems, province):
    copy_row = copy_indicator_system(system=systems[0], actor=province)
    data = copy.deepcopy(copy_row.definition)
    data["dimensions"][0]["indicators"][0]["weight"] = 50
    with pytest.raises(InvalidSystemError):
        update_indicator_system(system=copy_row, definition=data, actor=province)
    copy_row.refresh_from_db()
    assert copy_row.definition["dimensions"][0]["indicators"][0]["weight"] == 8


def test_the_examples_and_another_authoritys_copy_are_not_edited(systems, province):
    with pytest.raises(NotAllowed):
        update_indicator_system(system=systems[0], definition=systems[0].definition, actor=province)
    copy_row = copy_indicator_system(system=systems[0], actor=province)
    with pytest.raises(NotAllowed):
        update_indicator_system(system=copy_row, definition=copy_row.definition,
                                actor=factories.reviewer("330000"))
    with pytest.raises(NotAllowed):
        copy_indicator_system(system=systems[0], actor=factories.expert_user())


def test_a_system_in_use_by_a_round_is_not_edited(systems, province):
    copy_row = copy_indicator_system(system=systems[0], actor=province)
    EvaluationRound.objects.create(title="评审", organiser=province.authority, kind="application_review",
                                   system=copy_row)
    with pytest.raises(DomainError) as error:
        update_indicator_system(system=copy_row, definition=copy_row.definition, actor=province)
    assert error.value.message == "已有评审轮次使用该指标体系，请复制后修改副本。"
