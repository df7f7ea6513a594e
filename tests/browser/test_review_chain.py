"""One application goes from submission to the province's decision through the district, the city and the
province, with one return for revision; another is not recommended, its ineligibility explained."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests import factories
from tests.browser.conftest import screenshot
from tests.browser.test_role_homes import sign_in

pytestmark = pytest.mark.browser


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="退出登录").click()


def open_review(page: Any, base: str, platform: str) -> None:
    page.goto(f"{base}/reviews/")
    page.get_by_role("link", name=platform).first.click()


def test_district_city_province_with_one_return(live_url: str, page: Any, tmp_path: Path) -> None:
    platform = "先进金属材料成形工艺中试平台"  # the demo's submitted application of 湖北江夏新材料研究院
    # 1. The district returns it for revision, with a reason for the service section.
    sign_in(page, live_url, "jiangxia")
    open_review(page, live_url, platform)
    assert "中试设备设施原值 3,280 万元，不低于 1,000 万元" in page.get_by_test_id("conditions").inner_text()
    page.get_by_test_id("action-return").check()
    page.locator("details summary").click()
    page.fill('[name="reason_service"]', "典型案例请补充合同额")
    page.get_by_test_id("submit-opinion").click()
    assert f"已退回修改：{platform}。" in page.locator(".messages").inner_text()  # issue 9: the message names it
    screenshot(page, "review-returned")
    sign_out(page)
    # 2. The applicant reads the reason, changes the form and submits again.
    sign_in(page, live_url, "xincailiao")
    page.goto(f"{live_url}/applications/")
    page.get_by_role("link", name=platform).click()
    assert "典型案例请补充合同额" in page.get_by_test_id("opinions").inner_text()
    assert "退回修改" in page.get_by_test_id("next-step").inner_text()
    page.get_by_test_id("edit").click()
    page.goto(page.url.rstrip("/").rsplit("/edit", 1)[0] + "/edit/service/")
    page.fill('[name="service.typical_cases[0].contract_amount_wan"]', "268")
    page.get_by_test_id("save").click()
    page.goto(page.url.split("/edit/")[0] + "/submit/")
    page.get_by_test_id("submit").click()
    assert "由江夏区经信部门进行初审" in page.locator(".messages").inner_text()
    sign_out(page)
    # 3. The district compares the rounds and recommends.
    sign_in(page, live_url, "jiangxia")
    open_review(page, live_url, platform)
    page.get_by_test_id("compare").click()
    assert "268" in page.get_by_test_id("changes").inner_text()
    page.go_back()
    for key in ("completeness", "conformity", "authenticity"):
        page.check(f'input[name="checklist"][value="{key}"]')
    page.get_by_test_id("action-recommend").check()
    page.fill('[name="opinion"]', "材料完整、规范、真实，同意推荐。")
    page.get_by_test_id("submit-opinion").click()
    sign_out(page)
    # 4. The city forwards it with its stamped recommendation letter.
    sign_in(page, live_url, "wuhan")
    page.goto(f"{live_url}/reviews/")
    row = page.locator("tr", has_text=platform)
    row.locator('input[name="application"]').check()
    letter = tmp_path / "武汉市推荐文件.pdf"
    letter.write_bytes(factories.pdf_bytes("letter"))
    page.set_input_files('input[name="letter"]', str(letter))
    page.fill("#forward-opinion", "同意推荐报送。")
    dialogs: list[str] = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.get_by_test_id("forward").click()
    assert "已报送 1 份申报书" in page.locator(".messages").inner_text()
    assert dialogs == ["确定将选中的 1 份申报书报送上级吗？报送后将离开本级列表，无法撤回。"]
    screenshot(page, "review-city-forwarded")
    sign_out(page)
    # 5. The province decides.
    sign_in(page, live_url, "hubei")
    open_review(page, live_url, platform)
    page.check('input[name="decision"][value="approve"]')
    page.fill('[name="reasons"]', "经专家评审，符合省级制造业中试平台条件，予以认定。")
    page.get_by_test_id("decide").click()
    sign_out(page)
    # 6. The applicant sees the result in plain Chinese.
    sign_in(page, live_url, "xincailiao")
    page.goto(f"{live_url}/applications/")
    page.get_by_role("link", name=platform).click()
    assert "已通过" in page.get_by_test_id("next-step").inner_text()
    opinions = page.get_by_test_id("opinions").inner_text()
    for text in ("退回修改", "材料完整、规范、真实，同意推荐。", "同意推荐报送。", "予以认定"):
        assert text in opinions
    screenshot(page, "review-applicant-approved")


def test_an_ineligible_application_is_not_recommended_with_the_explanation(live_url: str, page: Any,
                                                                              tmp_path: Path) -> None:
    platform = "高速光电子器件封装测试中试平台"  # the demo's draft of 武汉光芯微电子
    sign_in(page, live_url, "guangxin")
    page.goto(f"{live_url}/applications/?status=draft")
    page.get_by_role("link", name=platform).first.click()
    page.get_by_test_id("edit").click()
    base = page.url.split("/edit/")[0]
    page.goto(f"{base}/edit/foundation/")
    page.fill('[name="foundation.equipment_value_wan"]', "980")
    page.get_by_test_id("save").click()
    page.goto(f"{base}/edit/evidence/")
    pdf = tmp_path / "材料.pdf"
    pdf.write_bytes(factories.pdf_bytes("scan"))
    for key in ("credit_china", "honour_certificates", "service_proofs", "signed_declaration",
                "sealed_application_scan"):
        item = page.locator(f'.evidence-item[data-requirement="{key}"]')
        item.locator('input[type="file"]').set_input_files(str(pdf))
        item.get_by_test_id(f"upload-{key}").click()
    page.goto(f"{base}/submit/")
    # The self-check tells the applicant before submitting.
    assert "中试设备设施原值 980 万元，低于 1,000 万元" in page.get_by_test_id("self-check").inner_text()
    page.get_by_test_id("submit").click()
    sign_out(page)
    sign_in(page, live_url, "donghu")
    page.goto(f"{live_url}/reviews/?eligibility=ineligible")
    page.get_by_role("link", name=platform).first.click()
    assert "中试设备设施原值 980 万元，低于 1,000 万元" in page.get_by_test_id("conditions").inner_text()
    screenshot(page, "review-ineligible")
    page.get_by_test_id("action-not-recommend").check()
    page.fill('[name="opinion"]', "中试设备设施原值980万元，低于申报条件一（一）规定的1000万元。")
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_test_id("submit-opinion").click()
    assert asked == [f"确定不推荐“{platform}”吗？该申报书将在本批次终止。"]
    assert f"已不予推荐：{platform}。" in page.locator(".messages").inner_text()
    sign_out(page)
    sign_in(page, live_url, "guangxin")
    page.goto(f"{live_url}/applications/?status=not_recommended")
    page.get_by_role("link", name=platform).click()
    status = page.get_by_test_id("next-step").inner_text()
    assert "未获推荐" in status and "低于申报条件一（一）规定的1000万元" in status
