from __future__ import annotations

import pytest

from zhongshi.formversions.domain.check_platform_name import NameProblem, check_platform_name


def test_a_conforming_name_has_no_problem() -> None:
    assert check_platform_name("光电子器件可靠性中试平台") == []
    assert check_platform_name("  光电子器件可靠性中试平台 ") == []


@pytest.mark.parametrize(
    ("name", "problems"),
    [
        ("光电子器件中试基地", [NameProblem("name_suffix"), NameProblem("name_forbidden_term", "中试基地")]),
        ("武汉光电子中试平台", []),
        ("湖北省光电子中试平台", [NameProblem("name_forbidden_term", "省")]),
        ("国家光电子集团中试平台", [NameProblem("name_forbidden_term", "国家"),
                                    NameProblem("name_forbidden_term", "集团")]),
        ("某公司科技成果转化中试平台", [NameProblem("name_forbidden_term", "公司"),
                                       NameProblem("name_forbidden_term", "科技成果转化中试平台")]),
        ("光电子中试服务平台", [NameProblem("name_suffix"), NameProblem("name_forbidden_term", "中试服务平台")]),
        ("光谷高新区中试平台", [NameProblem("name_forbidden_term", "区")]),
        ("中试平台", [NameProblem("name_suffix")]),
        ("", [NameProblem("name_suffix")]),
    ],
)
def test_problems_name_each_offending_term(name: str, problems: list[NameProblem]) -> None:
    assert check_platform_name(name) == problems
