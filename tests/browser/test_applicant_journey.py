"""The applicant's journey as the user sees it (issue 9): honest counts on the check page, the step tracker,
the effective deadline with the working days left, withdrawing a submission, the print view."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import SCREENSHOTS, screenshot
from tests.browser.test_review_chain import sign_out
from tests.browser.test_role_homes import sign_in

pytestmark = pytest.mark.browser

DRAFT = "高速光电子器件封装测试中试平台"  # the demo's draft of 武汉光芯微电子 (no evidence yet)
SUBMITTED = "先进金属材料成形工艺中试平台"  # the demo's submission of 江夏新材料, with the district


def both_widths(page: Any, name: str, fits: str = "") -> None:
    """Screenshots at 1366 and 768 px; no horizontal scrolling (of the element ``fits`` only, on a page whose
    other parts are not this journey's)."""
    for width in (1366, 768):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"applicant-{name}-{width}")
        page.screenshot(path=str(SCREENSHOTS / f"applicant-{name}-{width}-top.png"))  # what the eye meets first
        if fits:
            assert page.locator(fits).bounding_box()["width"] <= width
            assert all(box["x"] + box["width"] <= width for box in
                       (item.bounding_box() for item in page.locator(f"{fits} li").all()))
        else:
            assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_check_page_counts_what_blocks_the_submission(live_url: str, page: Any) -> None:
    sign_in(page, live_url, "guangxin")
    page.goto(f"{live_url}/applications/?status=draft")
    page.get_by_role("link", name=DRAFT).first.click()
    tracker = page.get_by_test_id("tracker")
    assert tracker.locator('[aria-current="step"]').inner_text().startswith("1")
    assert "填报提交" in tracker.locator('[aria-current="step"]').inner_text()
    deadline = page.get_by_test_id("deadline").inner_text()
    assert re.fullmatch(r"区级截止时间（武汉东湖新技术开发区经信部门）：2026年12月\d+日 \d\d:\d\d，还剩 \d+ 个工作日（含今天）。",
                        deadline), deadline
    page.goto(page.url.rstrip("/") + "/submit/")
    heading = page.get_by_test_id("blocking-count").inner_text()
    breakdown = page.get_by_test_id("blocking-breakdown").inner_text()
    errors, evidence, sensitive = (int(n) for n in re.findall(r"\d+", breakdown))
    assert evidence == 5  # 荣誉证书 is required here: the demo ticks honours
    assert heading == f"提交前还有 {errors + evidence + sensitive} 处需修改"
    assert len(page.locator('[data-testid="errors-evidence"] li').all()) == 5
    submit = page.get_by_test_id("submit")
    assert submit.is_disabled()
    assert page.get_by_test_id("submit-reason").inner_text() == "请先修改上列全部问题并上传全部必需的佐证材料，之后方可提交。"
    both_widths(page, "check")


def test_the_applicant_withdraws_a_submission_and_submits_it_again(live_url: str, page: Any) -> None:
    sign_in(page, live_url, "xincailiao")
    page.goto(f"{live_url}/")
    home = page.get_by_test_id("todo-list").inner_text()
    assert SUBMITTED in home and "填报提交 ✓ → 区县（当前环节） → 市 → 省 → 公示 → 入库" in home
    page.goto(f"{live_url}/applications/")
    page.get_by_role("link", name=SUBMITTED).first.click()
    current = page.get_by_test_id("tracker").locator('[aria-current="step"]')
    assert current.get_attribute("data-step") == "district"
    assert page.get_by_test_id("tracker").locator('[data-step="fill"]').get_attribute("data-state") == "done"
    assert "区级截止时间（江夏区经信部门）" in page.get_by_test_id("deadline").inner_text()
    both_widths(page, "application", fits='[data-testid="tracker"]')
    detail = page.url
    page.get_by_test_id("print").click()
    assert page.get_by_test_id("print-title").inner_text() == "湖北省制造业中试平台申报书"
    assert page.locator("input").count() == 0
    both_widths(page, "print")
    page.goto(detail)
    page.get_by_test_id("withdraw").click()
    assert "确定撤回申报吗？" in page.locator("h1").inner_text()
    page.get_by_test_id("withdraw-confirm-button").click()
    assert "已撤回申报，申报书恢复为草稿。第 1 轮提交记录保留" in page.locator(".messages").inner_text()
    assert page.get_by_test_id("tracker").locator('[aria-current="step"]').get_attribute("data-step") == "fill"
    # submitted again, the demo's state is back for the review chain's journey
    page.goto(detail.rstrip("/") + "/submit/")
    page.get_by_test_id("submit").click()
    assert "由江夏区经信部门进行初审" in page.locator(".messages").inner_text()
    sign_out(page)
