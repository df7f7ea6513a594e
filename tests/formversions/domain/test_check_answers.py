"""The rules of the form and its 填表说明, one by one, with exact codes, paths and messages."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from zhongshi.formversions.domain.check_answers import check_answers, compute_values
from zhongshi.formversions.domain.formdef import load_form
from zhongshi.formversions.domain.normalise_answers import normalise_answers

COMPLETE = json.loads((Path(__file__).resolve().parents[3] / "examples" / "hubei-2026-complete.json")
                      .read_text(encoding="utf-8"))
TODAY = date(2026, 1, 28)


@pytest.fixture
def form():
    return load_form("hubei-2026")


@pytest.fixture
def data():
    return copy.deepcopy(COMPLETE)


def codes(issues):
    return [(i.path, i.code) for i in issues]


def test_an_empty_application_lists_every_required_field_at_its_own_path(form) -> None:
    result = check_answers(form, {"form": "hubei-2026"}, today=TODAY)
    paths = {i.path for i in result.errors}
    assert all(i.code == "required" for i in result.errors)
    assert {"cover.contact.name", "basic.platform_name", "basic.main_revenue_wan.2023",
            "service.service_revenue_wan.last_year", "basic.construction_period.end",
            "declaration.consent_miit_selection", "foundation.equipment"} <= paths
    # Optional fields are not required: 联合单位③, 资质荣誉, 区位优势.
    assert not {"basic.partner_orgs", "basic.host_honours", "foundation.location_advantages"} & paths
    assert result.warnings == []


def test_the_message_names_the_field_in_chinese(form, data) -> None:
    del data["basic"]["introduction"]
    (issue,) = check_answers(form, data, today=TODAY).errors
    assert (issue.path, issue.code, issue.message) == ("basic.introduction", "required", "请填写“平台介绍”。")


def test_word_limits_count_like_word(form, data) -> None:
    data["technology"]["tech_sources"] = "中" * 290 + " CNAS GB2403 ISO9001 " * 3 + "。" * 1  # 290 + 9 + 1
    assert check_answers(form, data, today=TODAY).errors == []
    data["technology"]["tech_sources"] += "ab"
    (issue,) = check_answers(form, data, today=TODAY).errors
    assert (issue.path, issue.code) == ("technology.tech_sources", "too_many_words")
    assert issue.message == "“创新技术来源情况”已输入 301 字，超过 300 字的限制。"


def test_each_project_and_each_typical_case_has_its_own_limit(form, data) -> None:
    data["technology"]["projects"]["items"][1]["text"] = "项" * 501
    data["service"]["typical_cases"][2]["text"] = "案" * 501
    assert codes(check_answers(form, data, today=TODAY).errors) == [
        ("technology.projects.items[1].text", "too_many_words"),
        ("service.typical_cases[2].text", "too_many_words"),
        ("service.typical_cases[2]", "too_many_words"),
    ]


def test_yes_no_detail_requires_the_detail_only_when_yes(form, data) -> None:
    data["service"]["public_nature"] = {"answer": True, "detail": ""}
    assert codes(check_answers(form, data, today=TODAY).errors) == [("service.public_nature.detail", "required")]
    data["service"]["public_nature"] = {"answer": "否"}
    assert codes(check_answers(form, data, today=TODAY).errors) == [("service.public_nature", "invalid_type")]


def test_violations_are_a_boolean_with_their_detail_beside_them(form, data) -> None:
    """contracts.md §2: basic.violations_last_3_years is a boolean; what happened goes in violations_detail."""
    assert data["basic"]["violations_last_3_years"] is False
    assert codes(check_answers(form, data, today=TODAY).errors) == []
    data["basic"]["violations_last_3_years"] = True
    assert codes(check_answers(form, data, today=TODAY).errors) == [("basic.violations_detail", "required")]
    data["basic"]["violations_detail"] = "2024年3月因环评手续不全受到行政处罚，已整改完毕。"
    assert codes(check_answers(form, data, today=TODAY).errors) == []
    data["basic"]["violations_last_3_years"] = {"answer": False, "detail": ""}  # the old shape
    assert codes(check_answers(form, data, today=TODAY).errors) == [("basic.violations_last_3_years", "invalid_type")]
    data["basic"]["violations_last_3_years"] = "否"
    assert codes(check_answers(form, data, today=TODAY).errors) == [("basic.violations_last_3_years", "invalid_type")]
    del data["basic"]["violations_last_3_years"]
    assert codes(check_answers(form, data, today=TODAY).errors) == [("basic.violations_last_3_years", "required")]


def test_a_ticked_box_with_a_blank_needs_its_blank(form, data) -> None:
    data["basic"]["host_honours"] = ["国家科技创新平台基地"]
    data["basic"].pop("host_honour_national_platform_name", None)
    data["basic"].pop("host_honour_ministerial_platform_name", None)
    data["basic"].pop("host_honour_other_name", None)
    assert codes(check_answers(form, data, today=TODAY).errors) == [
        ("basic.host_honour_national_platform_name", "required")]


def test_the_other_unit_type_needs_its_text(form, data) -> None:
    data["basic"]["host_org"]["unit_type"] = "其他"
    assert codes(check_answers(form, data, today=TODAY).errors) == [("basic.host_org.unit_type_other", "required")]
    data["basic"]["host_org"]["unit_type_other"] = "社会团体"
    assert check_answers(form, data, today=TODAY).errors == []


def test_the_district_must_lie_in_the_city(form, data) -> None:
    data["basic"]["location"]["district"] = "上城区"  # 杭州市
    assert codes(check_answers(form, data, today=TODAY).errors) == [("basic.location.district", "invalid_region")]
    del data["basic"]["location"]["district"]
    assert codes(check_answers(form, data, today=TODAY).errors) == [("basic.location.district", "required")]
    data["basic"]["location"]["city"] = "仙桃市"  # a province-administered city without districts
    assert check_answers(form, data, today=TODAY).errors == []


def test_dates_may_not_lie_in_the_future(form, data) -> None:
    data["declaration"]["signed_on"] = "2026-02-01"
    assert codes(check_answers(form, data, today=TODAY).errors) == [("declaration.signed_on", "date_in_future")]


def test_a_construction_period_that_ends_before_it_starts(form, data) -> None:
    data["basic"]["construction_period"] = {"start": "2025-06", "end": "2022-03"}
    assert codes(check_answers(form, data, today=TODAY).errors) == [("basic.construction_period", "invalid_range")]
    data["basic"]["construction_period"] = {"start": "2025-13", "end": "2026-01"}
    assert codes(check_answers(form, data, today=TODAY).errors) == [("basic.construction_period.start", "invalid_date")]


def test_booleans_are_not_numbers_and_text_is_not_a_list(form, data) -> None:
    data["foundation"]["pilot_lines"] = True
    data["basic"]["industry_clusters"] = "光电子信息"
    assert codes(check_answers(form, data, today=TODAY).errors) == [
        ("basic.industry_clusters", "invalid_type"), ("foundation.pilot_lines", "invalid_number")]


def test_a_huge_text_is_refused_before_it_is_counted(form, data) -> None:
    data["basic"]["introduction"] = "中" * 20_001
    (issue,) = check_answers(form, data, today=TODAY).errors
    assert (issue.path, issue.code) == ("basic.introduction", "too_long")


def test_the_ip_count_is_checked_against_both_tables(form, data) -> None:
    data["technology"]["intellectual_property"]["software_copyrights"].pop()
    assert codes(check_answers(form, data, today=TODAY).warnings) == [
        ("technology.intellectual_property.count", "count_mismatch")]


def test_high_level_talent_may_not_exceed_the_staff(form, data) -> None:
    data["foundation"]["high_level_talent"]["others"] = 40
    (issue,) = check_answers(form, data, today=TODAY).warnings
    assert (issue.path, issue.code) == ("foundation.high_level_talent", "exceeds")


def test_computed_values_are_none_without_their_data(form) -> None:
    computed = compute_values(form, {"form": "hubei-2026"})
    assert computed["foundation.autonomy_rate_computed"] is None
    assert computed["foundation.equipment_value_computed"] is None
    assert computed["service.service_revenue_ratio_computed"] is None


def test_the_autonomy_rate_is_rows_at_l4_over_all_rows(form) -> None:
    rows = [{"autonomy_level": level, "value_wan": 1} for level in ("L4", "L4", "L1")]
    computed = compute_values(form, {"foundation": {"equipment": rows}})
    assert computed["foundation.autonomy_rate_computed"] == 66.67


def test_normalised_answers_keep_the_form_order(form, data) -> None:
    shuffled = {key: data[key] for key in reversed(list(data))}
    shuffled["basic"] = {key: data["basic"][key] for key in reversed(list(data["basic"]))}
    assert json.dumps(normalise_answers(form, shuffled), ensure_ascii=False) == json.dumps(data, ensure_ascii=False)


def test_every_table_states_its_row_limit(form) -> None:
    tables = {item.path: item.max_rows for item in form.iter_fields() if item.type == "table"}
    assert tables == {
        "foundation.equipment": 500, "technology.projects.items": 50, "technology.standards.items": 200,
        "technology.intellectual_property.patents": 500, "technology.intellectual_property.software_copyrights": 500,
        "service.service_projects": 500, "service.major_achievements": 100, "service.typical_cases": 3,
        "service.service_resource_list.service_items": 100,
    }


def test_a_table_without_max_rows_is_refused_when_the_form_loads() -> None:
    import yaml

    from zhongshi.formversions.domain.formdef import DEFINITIONS_DIR, parse_form

    data = yaml.safe_load((DEFINITIONS_DIR / "hubei-2026.yaml").read_text(encoding="utf-8"))
    foundation = next(s for s in data["sections"] if s["key"] == "foundation")
    next(f for f in foundation["fields"] if f["key"] == "equipment").pop("max_rows")
    with pytest.raises(ValueError, match=r"foundation\.equipment: a table states its max_rows"):
        parse_form(data)


def test_more_rows_than_the_limit_are_an_error(form, data) -> None:
    data["foundation"]["equipment"] = data["foundation"]["equipment"] * 84  # 6 × 84 = 504 rows
    errors = check_answers(form, data, today=TODAY).errors
    assert [(e.path, e.code) for e in errors if e.code == "too_many_rows"] == [("foundation.equipment", "too_many_rows")]
    assert next(e for e in errors if e.code == "too_many_rows").message == (
        "“中试平台软硬件（装备、仪器、软件、配套公辅设施等）要素表”至多 500 行，现有 504 行。")
