"""An applicant fills in the whole 申报书 in the browser, from an empty draft to submitted: every field of
the complete example typed into the form, a table row added and removed, the evidence uploaded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests import factories
from tests.browser.conftest import screenshot
from tests.browser.test_role_homes import sign_in
from zhongshi.formversions.domain.formdef import FieldDef, load_form

pytestmark = pytest.mark.browser

EXAMPLE = json.loads((Path(__file__).resolve().parents[2] / "examples" / "hubei-2026-complete.json")
                     .read_text(encoding="utf-8"))


def _text(value: Any) -> str:
    return str(value)


class Filler:
    """Types a JSON answer into the rendered form, field by field, the way a person would."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def fill(self, name: str, value: Any) -> None:
        locator = self.page.locator(f'[name="{name}"]')
        if locator.get_attribute("readonly") is not None:  # 依托单位 and 所在地: the registration's, read-only
            return
        locator.fill(_text(value))

    def check(self, name: str, value: str) -> None:
        self.page.locator(f'input[name="{name}"][value="{value}"]').check()

    def fields(self, fields: tuple[FieldDef, ...], data: dict[str, Any], prefix: str) -> None:
        for item in fields:
            value = data.get(item.key)
            path = f"{prefix}{item.key}"
            if value is None or item.type in ("computed", "file_list"):
                continue
            kind = item.type
            if kind in ("text", "textarea", "integer", "decimal", "percent", "date"):
                self.fill(path, value)
            elif kind in ("choice", "choice_with_other"):
                if item.in_table:
                    self.page.locator(f'select[name="{path}"]').select_option(value)
                else:
                    self.check(path, value)
            elif kind == "boolean":
                self.check(path, "true" if value else "false")
            elif kind == "multi_choice":
                for entry in value:
                    self.check(path, entry)
            elif kind == "yes_no_detail":
                self.check(f"{path}.answer", "true" if value["answer"] else "false")
                if value.get("detail"):
                    self.fill(f"{path}.detail", value["detail"])
            elif kind in ("year_pair", "year_values", "year_month_range"):
                for key, entry in value.items():
                    self.fill(f"{path}.{key}", entry)
            elif kind == "group":
                self.fields(item.fields, value, f"{path}.")
            elif kind == "table":
                table = self.page.locator(f'.table-field[data-path="{path}"]')
                for index, row in enumerate(value):
                    if table.locator(f'tr[data-row="{path}[{index}]"]').count() == 0:
                        table.locator("button.add-row").last.click()
                    self.fields(item.columns, row, f"{path}[{index}].")
            base = prefix
            for extra in [d.key for d in item.details] + ([item.other_key] if item.other_key else []):
                if extra in data:
                    self.fill(f"{base}{extra}", data[extra])


def test_an_applicant_fills_in_and_submits_the_whole_form(live_url: str, page: Any, tmp_path: Path) -> None:
    form = load_form("hubei-2026")
    sign_in(page, live_url, "guangxin")
    page.goto(f"{live_url}/applications/start/hubei-2026-provincial/")
    page.get_by_test_id("start-application").click()
    page.wait_for_url("**/edit/")
    filler = Filler(page)
    answers = json.loads(json.dumps(EXAMPLE))
    org_name, org_code = "武汉光芯微电子技术有限公司", page.locator('[name="cover.contact.name"]').count()
    assert org_code == 1
    for section in form.sections:
        if section.key == "evidence":
            continue
        page.goto(f"{page.url.split('/edit/')[0]}/edit/{section.key}/")
        if section.key == "basic":
            # The draft starts with the organisation's own name and code; the example's are replaced.
            assert page.locator('[name="basic.host_org.name"]').input_value() == org_name
            answers["basic"]["host_org"]["name"] = org_name
            answers["basic"]["host_org"]["credit_code"] = page.locator(
                '[name="basic.host_org.credit_code"]').input_value()
        filler.fields(section.fields, answers.get(section.key, {}), f"{section.key}.")
        if section.key == "technology":
            # A row added by mistake and removed again.
            standards = page.locator('.table-field[data-path="technology.standards.items"]')
            rows = standards.locator("tbody > tr").count()
            standards.locator("button.add-row").click()
            assert standards.locator("tbody > tr").count() == rows + 1
            standards.locator("tbody > tr").last.locator("button.remove-row").click()
            assert standards.locator("tbody > tr").count() == rows
        page.get_by_test_id("save").click()
        page.wait_for_load_state()
        assert page.locator(".alert-success").count() == 1, section.key
        screenshot(page, f"application-form-{section.key}")
    # Every section but the evidence is complete.
    assert page.get_by_test_id("progress").inner_text() == "已完成部分：9/10"
    page.goto(f"{page.url.split('/edit/')[0]}/edit/evidence/")
    pdf = tmp_path / "扫描件.pdf"
    pdf.write_bytes(factories.pdf_bytes("scan"))
    for key in ("credit_china", "honour_certificates", "service_proofs", "signed_declaration",
                "sealed_application_scan"):
        item = page.locator(f'.evidence-item[data-requirement="{key}"]')
        item.locator('input[type="file"]').set_input_files(str(pdf))
        item.get_by_test_id(f"upload-{key}").click()
        page.wait_for_load_state()
        assert "已上传 扫描件.pdf。" in page.locator(".messages").inner_text()
    screenshot(page, "application-form-evidence")
    page.get_by_role("link", name="检查并提交").last.click()
    assert page.get_by_test_id("no-errors").is_visible()
    screenshot(page, "application-form-check")
    page.get_by_test_id("submit").click()
    assert "申报书已提交，由武汉东湖新技术开发区经信部门进行初审。" in page.locator(".messages").inner_text()
    assert page.get_by_test_id("status").inner_text() == "审核中"
    assert "武汉东湖新技术开发区经信部门正在进行初审" in page.get_by_test_id("next-step").inner_text()
    screenshot(page, "application-form-submitted")
