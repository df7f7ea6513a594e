"""src/zhongshi/formversions/domain/paths.py: the one home of JSON paths into the answers."""

from __future__ import annotations

import pytest

from zhongshi.formversions.domain import check_answers
from zhongshi.formversions.domain.paths import (
    BadPathError,
    field_path,
    get_parts,
    get_path,
    parse_path,
    set_path,
    split_row_path,
)

ANSWERS = {"basic": {"main_revenue_wan": {"2025": 17200}, "location": {"city": "武汉市"}},
           "service": {"typical_cases": [{"text": "案例一"}, {"text": "案例二"}]}}


def test_get_path_reads_objects_only() -> None:
    assert get_path(ANSWERS, "basic.main_revenue_wan.2025") == 17200
    assert get_path(ANSWERS, "basic.location") == {"city": "武汉市"}
    assert get_path(ANSWERS, "basic.nothing.here") is None
    assert get_path(ANSWERS, "service.typical_cases.0") is None  # lists need parsed paths
    assert get_path([1, 2], "basic") is None
    assert check_answers.get_path is get_path  # one function, re-exported where callers still import it


def test_parse_path_reads_rows_and_refuses_what_no_form_holds() -> None:
    assert parse_path("service.typical_cases[1].text") == ["service", "typical_cases", 1, "text"]
    assert get_parts(ANSWERS, parse_path("service.typical_cases[1].text")) == "案例二"
    assert get_parts(ANSWERS, parse_path("service.typical_cases[7].text")) is None
    for bad in ("", ".a", "a.", "a..b", "[0]", "a[0]b", "a[x]", "a[" + "9" * 7 + "]", "a[" + "9" * 5000 + "]",
                ".".join(["a"] * 13), "a" * 301, "a]b"):
        with pytest.raises(BadPathError):
            parse_path(bad)


def test_set_path_creates_objects_and_refuses_to_pass_a_value() -> None:
    data: dict = {"basic": {"platform_name": "x"}}
    set_path(data, "basic.location.city", "武汉市")
    assert data == {"basic": {"platform_name": "x", "location": {"city": "武汉市"}}}
    with pytest.raises(BadPathError):
        set_path(data, "basic.platform_name.deeper", 1)
    with pytest.raises(BadPathError):
        set_path(data, ".".join(["a"] * 50_000), 1)


def test_field_and_row_paths() -> None:
    assert field_path("service.typical_cases[12].text") == "service.typical_cases.text"
    assert split_row_path("foundation.equipment[3]") == ("foundation.equipment", 3)
    assert split_row_path("foundation.equipment[3].name") is None
    assert split_row_path("foundation.equipment[" + "1" * 5000 + "]") is None
