from __future__ import annotations

import pytest

from zhongshi.formversions.domain.check_platform_name import NameProblem, check_platform_name
from zhongshi.organisations.domain.queries.division_names import division_names, short_form


def term(text: str) -> NameProblem:
    return NameProblem("name_forbidden_term", text)


def place(text: str) -> NameProblem:
    return NameProblem("name_forbidden_term", text, division=True)

def local(text: str) -> NameProblem:
    """The short name of a district or county: a warning, for it is often an ordinary word as well (青山)."""
    return NameProblem("name_division_word", text, division=True, warning=True)



def test_a_conforming_name_has_no_problem() -> None:
    assert check_platform_name("光电子器件可靠性中试平台") == []
    assert check_platform_name("  光电子器件可靠性中试平台 ") == []


@pytest.mark.parametrize("name", [
    "城市轨道交通装备中试平台",  # 市 inside 城市
    "区块链可信计算中试平台",  # 区 inside 区块链
    "县域特色食品加工中试平台",  # 县 inside 县域
    "省力化智能装备中试平台",  # 省 inside 省力化
    "精细化学品中试平台",  # 化学 is the short form of no division (武汉化学工业区 is refused in full)
    "道路桥梁材料中试平台",  # 路桥 (路桥区) inside 道路桥梁
    "长江航运装备中试平台",  # 长江 is a river; 武汉长江新区 and 长江新区 are refused
])
def test_a_lone_division_character_inside_an_ordinary_word_is_no_error(name: str) -> None:
    assert check_platform_name(name) == []


@pytest.mark.parametrize(
    ("name", "problems"),
    [
        ("湖北光电中试平台", [place("湖北")]),
        ("湖北省光电子中试平台", [place("湖北省")]),
        ("武汉市光电子器件中试平台", [place("武汉市")]),
        ("武汉光电子中试平台", [place("武汉")]),
        ("兴山县磷化工中试平台", [place("兴山县")]),
        ("兴山磷化工中试平台", [local("兴山")]),
        ("东湖新技术开发区光电中试平台", [place("东湖新技术开发区")]),
        ("东湖光电中试平台", [local("东湖")]),
        ("武汉东湖新技术开发区光电中试平台", [place("武汉东湖新技术开发区")]),
        ("长阳生物医药中试平台", [local("长阳")]),
        ("绿水青山生态修复材料中试平台", [local("青山")]),
        ("天门冬氨酸中试平台", []),
        ("天门光电中试平台", [place("天门")]),
        ("浙江省杭州市西湖区中试平台", [place("浙江省"), place("杭州市"), place("西湖区")]),
        ("国家光电子集团中试平台", [term("国家"), term("集团")]),
        ("国家级光电子中试平台", [term("国家")]),
        ("省级光电子中试平台", [term("省级")]),
        ("市级先进材料中试平台", [term("市级")]),
        ("全省共享光电中试平台", [term("全省")]),
        ("全市共享光电中试平台", [term("全市")]),
        ("全区共享光电中试平台", [term("全区")]),
        ("某公司科技成果转化中试平台", [term("公司"), term("科技成果转化中试平台")]),
        ("光电子器件中试基地", [NameProblem("name_suffix"), term("中试基地")]),
        ("光电子中试服务平台", [NameProblem("name_suffix"), term("中试服务平台")]),
        ("光电子中试中心", [NameProblem("name_suffix"), term("中试中心")]),
        ("中试平台", [NameProblem("name_suffix")]),
        ("", [NameProblem("name_suffix")]),
    ],
)
def test_problems_name_each_offending_term(name: str, problems: list[NameProblem]) -> None:
    assert check_platform_name(name) == problems


@pytest.mark.parametrize(("name", "short"), [
    ("湖北省", "湖北"), ("武汉市", "武汉"), ("兴山县", "兴山"), ("长阳土家族自治县", "长阳"),
    ("恩施土家族苗族自治州", "恩施"), ("神农架林区", "神农架"), ("景宁畲族自治县", "景宁"),
    ("房县", ""), ("随县", ""), ("经济技术开发区", ""), ("武汉化学工业区", "武汉化学"), ("化学工业区", ""),
])
def test_short_forms_strip_the_kind_of_division(name: str, short: str) -> None:
    assert short_form(name) == short


def test_the_division_names_hold_full_names_short_forms_and_zones_without_their_city() -> None:
    names = division_names()
    assert {"湖北省", "湖北", "武汉市", "武汉", "兴山县", "兴山", "东湖新技术开发区", "东湖", "长江新区",
            "浙江省", "西湖区", "西湖", "房县"} <= names
    assert not {"房", "随", "化学", "长江", "经济技术开发区", "经济技术", "省", "市", "县", "区"} & names
