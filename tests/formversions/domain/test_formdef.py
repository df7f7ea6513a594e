"""formdef: a form's kind, the roles of its fields and its layout hints, and the definitions it refuses."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests import factories
from zhongshi.formversions.domain.formdef import (
    FormDefinitionError,
    Layout,
    form_kinds,
    list_forms,
    load_form,
    parse_form,
)

QUARTERLY = Path(__file__).resolve().parents[1] / "data" / "example-quarterly-update.yaml"


@pytest.fixture
def raw() -> dict[str, Any]:
    return yaml.safe_load(QUARTERLY.read_text(encoding="utf-8"))


def test_hubei_2026_is_an_application_and_names_its_roles() -> None:
    form = load_form("hubei-2026")
    assert form.kind == "application"
    assert list_forms(kind="application") == ["hubei-2026"]
    assert list_forms(kind="score_sheet") == []
    assert set(form_kinds()) == {"application", "quarterly_update", "score_sheet"}
    assert form.role_path("platform_name") == "basic.platform_name"
    assert form.role_path("host_org_credit_code") == "basic.host_org.credit_code"
    assert form.role_path("location") == "basic.location"
    assert form.role_path("service_revenue.last_year") == "service.service_revenue_wan.last_year"
    assert form.role_paths("contact_name") == ("cover.contact.name", "basic.filler_name")
    assert form.role_path("total_score") is None
    assert form.role_field("host_org_unit_type").other_key == "unit_type_other"


def test_answer_for_role_reads_the_first_answered_field_of_the_role() -> None:
    form = load_form("hubei-2026")
    answers = factories.example_answers()
    assert form.answer_for_role(answers, "platform_name") == "高速光电子器件封装测试中试平台"
    assert form.answer_for_role(answers, f"main_revenue.{form.last_year}") == answers["basic"]["main_revenue_wan"]["2025"]
    answers["cover"]["contact"]["name"] = "  "
    assert form.answer_for_role(answers, "contact_name") == answers["basic"]["filler_name"]
    del answers["basic"]["filler_name"]
    assert form.answer_for_role(answers, "contact_name") is None
    assert form.answer_for_role("not an object", "platform_name") is None
    assert form.answer_for_role(answers, "no_such_role") is None


def test_layout_hints_and_their_defaults() -> None:
    form = load_form("hubei-2026")
    assert [s.layout.style for s in form.sections] == [
        "cover", "key_value", "key_value", "key_value", "key_value", "key_value", "key_value", "key_value",
        "evidence_list", "declaration",
    ]
    assert form.field("basic.location").layout == Layout(style="inline", separator=" ")
    assert form.field("basic.host_org").layout.style == "rows"
    assert form.field("basic.leader_name").layout.beside_next is True
    assert form.field("basic.leader_title").layout.beside_next is False
    assert form.field("foundation.equipment").layout.widths_cm == (1.15, 2.2, 1.75, 1.15, 1.4, 1.25, 1.45, 1.3, 4.35)
    # by type when the definition says nothing
    assert form.field("technology.projects.items").layout.style == "paragraphs"  # a row_label
    assert form.field("foundation.high_level_talent").layout.style == "lines"
    assert form.field("basic.main_revenue_wan").layout.style == "year_table"
    assert form.field("basic.industry_clusters").layout.style == "checkboxes"
    assert form.field("basic.platform_name").layout == Layout()
    # what 附件2 prints and the web form does not need
    assert form.field("foundation.location_advantages").layout.intro == "平台是否位于以下区域："
    assert form.field("evidence.honour_certificates").layout == Layout(
        caption="{basic.host_honours}荣誉证书扫描件", print_when="answered")
    assert form.field("evidence.sealed_application_scan").layout.print_when == "never"
    assert form.field("foundation.masters_or_above").layout.below_beside is True
    assert form.field("service.service_revenue_ratio_pct").layout.with_previous is True


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(kind="newsletter"), "unknown kind 'newsletter'"),
        (lambda d: d["sections"][0]["fields"][0].pop("role"),
         "a form of kind 'quarterly_update' needs a field with role 'platform_name'"),
        (lambda d: d["sections"][0]["fields"][0].update(type="textarea"),
         "platform.name: role 'platform_name' needs a field of type 'text', not 'textarea'"),
        (lambda d: d["sections"][1]["fields"][2]["columns"][0].update(role="service_name"),
         "operation.new_services.name: a role is a lower-case name ('service_name') and not on a table column"),
        (lambda d: d["sections"][0]["fields"][0].update(role="Platform-Name"), "a role is a lower-case name"),
        (lambda d: d["sections"][0]["fields"][2].update(layout="grid"),
         "platform.quarter: layout style 'grid' is not one of: checkboxes, value"),
        (lambda d: d["sections"][0]["fields"][0].update(layout="inline"), "is not one of: none"),
        (lambda d: d["sections"][0]["fields"][0].update(layout={"colour": "red"}), "unknown layout key 'colour'"),
        (lambda d: d["sections"][0]["fields"][0].update(layout={"print_when": "sometimes"}),
         "platform.name: layout print_when 'sometimes' is not one of: always, answered, never"),
        (lambda d: d["sections"][0]["fields"][0].update(layout={"caption": "{platform.nmae}证书"}),
         "platform.name: layout caption names {platform.nmae}, which is not a field"),
        (lambda d: d["sections"][1]["fields"][2].update(layout={"widths_cm": [1, 2]}),
         "operation.new_services: layout widths_cm has 2 widths, the table prints 4 columns"),
        (lambda d: d["sections"][1].update(layout="cover_page"), "operation: layout style 'cover_page' is not one of"),
        (lambda d: d.pop("years"), "a form with year pairs needs years"),
        (lambda d: d["sections"][0]["fields"][0].update(type="slider"), "platform.name: unknown field type 'slider'"),
    ],
)
def test_a_definition_that_cannot_be_used_is_refused_with_the_place(raw, change, message) -> None:
    parse_form(copy.deepcopy(raw))  # as shipped: fine
    change(raw)
    with pytest.raises(FormDefinitionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_form(raw)
