"""The reviewer's journey (issue 9): the application as a document with its contents and the 要素表 whole, the
opinion panel beside it, a draft opinion kept across a reload, confirmation before not recommending, and no
link that ends in 403 for a reviewer outside the call's area."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import screenshot, serve_demo
from tests.browser.test_role_homes import sign_in

pytestmark = pytest.mark.browser

PLATFORM = "先进金属材料成形工艺中试平台"  # the demo's submitted application at 江夏区


@pytest.fixture(scope="module")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A demo of this module's own: the review chain's journey (another module) decides the application that
    this one reads at the district."""
    yield from serve_demo(tmp_path_factory)


def _open(page: Any, base: str) -> None:
    page.goto(f"{base}/reviews/")
    page.get_by_role("link", name=PLATFORM).first.click()


def test_the_review_page_is_a_document_with_the_opinion_beside_it(live_url: str, browser: Any) -> None:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    sign_in(page, live_url, "jiangxia")
    _open(page, live_url)
    toc = page.get_by_test_id("toc").inner_text()
    assert "一、制造业中试平台基本信息" in toc and "二、平台具体信息" in toc and "佐证材料" in toc
    page.get_by_test_id("toc").get_by_role("link", name="二、平台具体信息").click()
    foundation = page.locator("#doc-foundation")
    table = foundation.locator("table.doc-table").first
    headers = table.locator("thead th").all_inner_texts()
    assert "自主可控能力" in headers
    column = headers.index("自主可控能力")
    levels = [row.locator("td").nth(column).inner_text() for row in table.locator("tbody tr").all()]
    assert levels and set(levels) <= {"L1", "L2", "L3", "L4"}  # whole, not "L‹"
    cell = table.locator("tbody tr").first.locator("td").last
    assert cell.evaluate("el => el.scrollWidth <= el.clientWidth + 1")  # nothing cut off
    assert page.locator("#doc-foundation .note-computed").first.is_visible()
    # The opinion panel stays in view beside the document while reading further down.
    panel = page.get_by_test_id("opinion-panel").bounding_box()
    document = page.get_by_test_id("document").bounding_box()
    assert panel["x"] > document["x"] + document["width"] - 1 and 0 <= panel["y"] < 900
    assert page.locator("#doc-evidence iframe").count() >= 1  # PDFs previewed inline
    screenshot(page, "reviewer-document-1366")
    # A draft opinion survives a reload, and not recommending asks first.
    page.get_by_test_id("action-not-recommend").check()
    page.fill('[name="opinion"]', "核心设备原值需补充发票。")
    page.reload()
    assert page.input_value('[name="opinion"]') == "核心设备原值需补充发票。"
    assert page.get_by_test_id("action-not-recommend").is_checked()
    assert page.get_by_test_id("draft-note").is_visible()
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    url = page.url
    page.get_by_test_id("submit-opinion").click()
    assert asked == [f"确定不推荐“{PLATFORM}”吗？该申报书将在本批次终止。"]
    assert page.url == url and page.locator(".messages").count() == 0  # nothing was sent
    # Leave the demo as it was for the other tests: clear the draft.
    page.evaluate("window.localStorage.clear()")
    context.close()


def test_at_tablet_width_the_opinion_is_below_the_document(live_url: str, browser: Any) -> None:
    context = browser.new_context(locale="zh-CN", viewport={"width": 768, "height": 1024})
    page = context.new_page()
    sign_in(page, live_url, "jiangxia")
    _open(page, live_url)
    panel = page.get_by_test_id("opinion-panel").bounding_box()
    document = page.get_by_test_id("document").bounding_box()
    assert panel["y"] > document["y"] + document["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 768
    screenshot(page, "reviewer-document-768")
    context.close()


def test_zhejiang_sees_no_link_that_ends_in_403(live_url: str, page: Any) -> None:
    sign_in(page, live_url, "zhejiang")
    page.goto(f"{live_url}/reviews/")
    main = page.locator("main").inner_text()
    assert "湖北省第二批省级制造业中试平台申报" not in main  # Hubei's call, and its 发布公示/截止时间延期, are not Zhejiang's
    hrefs = page.locator("main a[href^='/'], main a[href^='?']").evaluate_all("els => els.map(e => e.href)")
    assert hrefs
    for href in hrefs:
        assert page.request.get(href).status != 403, href
    page.goto(f"{live_url}/reviews/?stage=all")
    for href in page.locator("main a[href^='/']").evaluate_all("els => els.map(e => e.href)"):
        assert page.request.get(href).status != 403, href
