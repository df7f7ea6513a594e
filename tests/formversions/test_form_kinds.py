"""One answers machinery for every kind of form: a second form definition, shipped as YAML only
(tests/formversions/data/example-quarterly-update.yaml, kind ``quarterly_update``), is checked, described by
a JSON Schema, printed as .docx, exported and imported as JSON and rendered and parsed as a web form by
the code that serves the 申报书, with no Python of its own."""

from __future__ import annotations

import copy
import io
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.http import QueryDict
from docx import Document
from jsonschema import Draft202012Validator

from zhongshi.applications.interfaces.export_docx import render_docx
from zhongshi.applications.interfaces.export_json import render_json
from zhongshi.applications.interfaces.form_widgets import parse_section, render_section
from zhongshi.formversions.domain.build_json_schema import build_json_schema
from zhongshi.formversions.domain.check_answers import check_answers
from zhongshi.formversions.domain.formdef import load_form_file
from zhongshi.formversions.domain.normalise_answers import normalise_answers

DEFINITION = Path(__file__).resolve().parent / "data" / "example-quarterly-update.yaml"
COMPLETE: dict[str, Any] = {
    "form": "example-quarterly-update",
    "platform": {
        "name": "武汉光电子器件中试平台",
        "host_org": {"name": "武汉某某光电股份有限公司", "credit_code": "91420100MA4KQ7T8XT"},
        "quarter": "第二季度",
        "status": "正常运行",
    },
    "operation": {
        "service_revenue_wan": {"last_year": 1200.5, "current_year": 360},
        "staff": {"fulltime": 46, "senior": 12},
        "new_services": [
            {"name": "振动冲击测试", "kind": "性能测试", "description": "三轴振动，额定推力35kN。"},
            {"name": "湿敏材料放大", "kind": "放大熟化", "description": "反应釜1L/10L。"},
        ],
        "summary": "本季度平台运行正常。\n新增服务事项2项。",
    },
}


@pytest.fixture(scope="module")
def form():
    return load_form_file(DEFINITION)


@pytest.fixture
def answers() -> dict[str, Any]:
    return copy.deepcopy(COMPLETE)


def test_the_definition_declares_its_kind_and_the_roles_the_kind_needs(form) -> None:
    assert (form.code, form.kind, form.title) == ("example-quarterly-update", "quarterly_update", "制造业中试平台季度运行情况表")
    assert form.roles == {
        "platform_name": ("platform.name",),
        "host_org_name": ("platform.host_org.name",),
        "host_org_credit_code": ("platform.host_org.credit_code",),
        "service_revenue": ("operation.service_revenue_wan",),
    }
    assert form.answer_for_role(COMPLETE, "host_org_credit_code") == "91420100MA4KQ7T8XT"
    assert form.answer_for_role(COMPLETE, "service_revenue.last_year") == 1200.5
    assert form.answer_for_role(COMPLETE, "location") is None  # not a role of this form


def test_a_complete_update_passes_the_checks(form, answers) -> None:
    result = check_answers(form, answers)
    assert (result.errors, result.warnings) == ([], [])


def test_the_checks_apply_the_definition_limits(form, answers) -> None:
    operation = answers["operation"]
    operation["new_services"] = [{"name": f"服务{i}", "kind": "设计验证", "description": "说明"} for i in range(4)]
    operation["new_services"][1]["kind"] = "委托加工"
    operation["summary"] = "运" * 301
    operation["staff"]["senior"] = 50
    del operation["service_revenue_wan"]["current_year"]
    answers["platform"]["quarter"] = "第五季度"
    result = check_answers(form, answers)
    assert sorted((i.path, i.code) for i in result.errors) == [
        ("operation.new_services", "too_many_rows"),
        ("operation.new_services[1].kind", "invalid_choice"),
        ("operation.service_revenue_wan.current_year", "required"),
        ("operation.summary", "too_many_words"),
        ("platform.quarter", "invalid_choice"),
    ]
    assert [i.message for i in result.errors if i.code == "too_many_rows"] == [
        "“本季度新增服务事项”至多 3 行，现有 4 行。"
    ]
    assert [(i.path, i.code) for i in result.warnings] == [("operation.staff.senior", "exceeds")]


def test_its_json_schema_accepts_the_complete_update_and_refuses_a_fourth_row(form, answers) -> None:
    schema = build_json_schema(form)
    validator = Draft202012Validator(schema)
    Draft202012Validator.check_schema(schema)
    assert list(validator.iter_errors(answers)) == []
    assert schema["required"] == ["form", "platform", "operation"]
    table = schema["properties"]["operation"]["properties"]["new_services"]
    assert (table["minItems"], table["maxItems"]) == (0, 3)
    assert schema["properties"]["platform"]["properties"]["quarter"]["enum"] == ["第一季度", "第二季度", "第三季度", "第四季度"]
    answers["operation"]["new_services"] *= 2
    assert [e.validator for e in validator.iter_errors(answers)] == ["maxItems"]


def test_json_export_and_import_give_the_same_bytes(form, answers) -> None:
    shuffled = {"operation": dict(reversed(list(answers["operation"].items()))), "platform": answers["platform"],
                "form": answers["form"]}
    exported = render_json(form, shuffled)
    imported = json.loads(exported)
    assert imported == COMPLETE
    assert list(imported) == ["form", "platform", "operation"]
    assert list(imported["operation"]) == ["service_revenue_wan", "staff", "new_services", "summary"]
    assert render_json(form, normalise_answers(form, imported)) == exported
    assert check_answers(form, imported).errors == []


def _rows(document) -> list[list[str]]:
    out = []
    for table in document.tables:
        for row in table.rows:
            seen: list[Any] = []
            texts = []
            for cell in row.cells:
                if cell._tc not in seen:
                    seen.append(cell._tc)
                    texts.append(cell.text)
            out.append(texts)
    return out


def test_the_docx_prints_it_from_the_layout_hints(form, answers) -> None:
    document = Document(io.BytesIO(render_docx(form, answers, title_meta={"reference": "JD-2026-02-001"})))
    # (empty paragraphs keep a data table apart from the table before it, so that its header can repeat)
    assert [p.text for p in document.paragraphs if p.text] == [
        "编号：JD-2026-02-001",
        "制造业中试平台季度运行情况表",
        "一、平台信息",
        "二、运行情况",
        "填表说明：",
        "①每季度结束后 10 个工作日内填报。",
    ]
    assert document.core_properties.title == "制造业中试平台季度运行情况表 武汉光电子器件中试平台"
    assert _rows(document) == [
        ["平台名称", "武汉光电子器件中试平台"],
        ["依托单位名称", "武汉某某光电股份有限公司"],  # layout rows: the group's parts are rows of their own
        ["统一社会信用代码", "91420100MA4KQ7T8XT"],
        ["填报季度", "☐第一季度\n☑第二季度\n☐第三季度\n☐第四季度", "运行状态", "正常运行"],  # beside_next; value
        ["中试服务收入", "上年度/申报当年度：1,200.5 / 360 万元"],
        ["人员情况", "专职人员：46 人\n副高级及以上职称：12 人"],
        ["本季度新增服务事项"],
        ["序号", "服务名称", "服务类型", "服务说明"],
        ["1", "振动冲击测试", "性能测试", "三轴振动，额定推力35kN。"],
        ["2", "湿敏材料放大", "放大熟化", "反应釜1L/10L。"],
        ["本季度运行情况", "本季度平台运行正常。\n新增服务事项2项。"],
    ]
    # widths_cm: 1.2 : 5.0 : 3.0 : 6.8 of the text width (16 cm), as the definition says
    # (the data table is a Word table of its own, its caption and header rows repeated on every page)
    header = document.tables[2].rows[1]
    widths = [cell.width.cm for cell in {id(c._tc): c for c in header.cells}.values()]
    assert [round(w, 1) for w in widths] == [1.2, 5.0, 3.0, 6.8]


class _Inputs(HTMLParser):
    """What a browser would post from a rendered form: every named input's value (checked ones only)."""

    def __init__(self) -> None:
        super().__init__()
        self.post = QueryDict(mutable=True)
        self._textarea: str | None = None
        self._select: str | None = None
        self._template = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        name = a.get("name") or ""
        if tag == "template":
            self._template += 1
        if self._template or (not name and tag != "option"):
            return
        kind = a.get("type")
        posted = kind not in ("radio", "checkbox", "submit", "button") or (kind != "submit" and "checked" in a)
        if tag == "input" and posted:
            self.post.appendlist(name, a.get("value") or "")
        elif tag == "textarea":
            self._textarea = name
            self.post.appendlist(name, "")
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.post.appendlist(self._select, a.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self._template -= 1
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea and not self._template:
            values = self.post.getlist(self._textarea)
            values[-1] += data
            self.post.setlist(self._textarea, values)


def test_the_web_form_renders_and_parses_it_back(form, answers) -> None:
    for section in form.sections:
        html = str(render_section(form, section, answers, {}, {}))
        parser = _Inputs()
        parser.feed(html)
        assert parse_section(form, section, parser.post) == answers[section.key], section.key
    html = str(render_section(form, form.section("operation"), answers, {}, {}))
    assert 'data-max-rows="3"' in html
    assert "本季度新增服务事项" in html
