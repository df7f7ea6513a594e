"""Issue 10 "Done when": an approved application enters the library, its quarterly data update is returned once
and then accepted, the ministry removes the platform, and the ban refuses the host's next application with its
last day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests import factories
from tests.browser.conftest import screenshot, serve_demo
from tests.browser.test_review_chain import open_review, sign_out
from tests.browser.test_role_homes import sign_in
from zhongshi.library.domain.ban import compute_ban_end

pytestmark = pytest.mark.browser

PLATFORM = "先进金属材料成形工艺中试平台"  # the demo's submitted application of 湖北江夏新材料研究院 (xincailiao)


@pytest.fixture(scope="module")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A demo of this module's own: the journey decides and removes what other modules read."""
    yield from serve_demo(tmp_path_factory)


def _local(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def _approve_through_the_chain(page: Any, base: str, tmp_path: Path) -> None:
    sign_in(page, base, "jiangxia")
    open_review(page, base, PLATFORM)
    for key in ("completeness", "conformity", "authenticity"):
        page.check(f'input[name="checklist"][value="{key}"]')
    page.get_by_test_id("action-recommend").check()
    page.fill('[name="opinion"]', "同意推荐。")
    page.get_by_test_id("submit-opinion").click()
    sign_out(page)
    sign_in(page, base, "wuhan")
    page.goto(f"{base}/reviews/")
    page.locator("tr", has_text=PLATFORM).locator('input[name="application"]').check()
    letter = tmp_path / "推荐文件.pdf"
    letter.write_bytes(factories.pdf_bytes("letter"))
    page.set_input_files('input[name="letter"]', str(letter))
    page.fill("#forward-opinion", "同意报送。")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("forward").click()
    sign_out(page)
    sign_in(page, base, "hubei")
    open_review(page, base, PLATFORM)
    page.check('input[name="decision"][value="approve"]')
    page.fill('[name="reasons"]', "符合省级制造业中试平台条件，予以认定。")
    page.get_by_test_id("decide").click()
    # The public notice (公示): its period has passed when the province closes it, so the approval is final.
    page.goto(f"{base}/reviews/calls/hubei-2026-provincial/notice/")
    now = datetime.now()
    page.fill('[name="title"]', "2026年度湖北省省级制造业中试平台公示")
    page.fill('[name="text"]', "公示期内如有异议，请提出。")
    page.fill('[name="starts_at"]', _local(now - timedelta(days=8)))
    page.fill('[name="ends_at"]', _local(now - timedelta(days=1)))
    page.get_by_test_id("publish").click()
    page.get_by_test_id("close-notice").click()
    sign_out(page)


def test_an_approved_application_lives_in_the_library_until_its_removal_and_ban(live_url: str, page: Any,
                                                                                 tmp_path: Path) -> None:
    _approve_through_the_chain(page, live_url, tmp_path)
    # 1. The host organisation finds its new provincial platform among its platforms.
    sign_in(page, live_url, "xincailiao")
    page.goto(f"{live_url}/library/mine/")
    page.get_by_role("link", name=PLATFORM).click()
    detail = page.url
    assert "省级制造业中试平台" in page.locator("main").inner_text()
    pk = detail.rstrip("/").rsplit("/", 1)[1]
    screenshot(page, "library-platform-detail")
    # 2. A real-time data update (seed 004 §二（三）: 也可实时更新), submitted …
    page.goto(f"{live_url}/library/platforms/{pk}/update/")
    page.get_by_test_id("start-realtime").click()
    page.fill('[name="load.operating_days"]', "60")
    page.fill('[name="load.utilisation_pct"]', "75")
    page.fill('[name="load.projects"]', "12")
    page.fill('[name="capacity.service_revenue_wan"]', "900")
    page.fill('[name="summary.text"]', "新增一条轻合金挤压中试线。")
    page.get_by_test_id("submit").click()
    update_url = page.url
    assert "待审核" in page.locator("main").inner_text()
    sign_out(page)
    # … returned once by the province with its reasons …
    sign_in(page, live_url, "hubei")
    page.goto(update_url)
    page.fill("#reasons", "中试服务收入请与财务报表核对。")
    page.get_by_test_id("return").click()
    assert "中试服务收入请与财务报表核对。" in page.get_by_test_id("reasons").inner_text()
    sign_out(page)
    # … corrected by the host and submitted again …
    sign_in(page, live_url, "xincailiao")
    page.goto(f"{live_url}/library/platforms/{pk}/update/")
    page.get_by_test_id("continue").click()
    assert "中试服务收入请与财务报表核对。" in page.get_by_test_id("returned-banner").inner_text()
    page.fill('[name="capacity.service_revenue_wan"]', "880")
    page.get_by_test_id("submit").click()
    sign_out(page)
    # … and accepted: the platform's data version 2 holds the corrected revenue.
    sign_in(page, live_url, "hubei")
    page.goto(update_url)
    page.get_by_test_id("accept").click()
    assert "已通过" in page.locator("main").inner_text()
    page.goto(detail)
    assert "880.00 万元" in page.get_by_test_id("figures").inner_text()
    assert page.get_by_test_id("versions").locator("tbody tr").count() == 2
    screenshot(page, "library-update-accepted")
    sign_out(page)
    # 3. The ministry removes it; the page states the ban's last day before confirming.
    today = datetime.now().date()
    until = compute_ban_end(today)
    until_text = f"{until.year}年{until.month}月{until.day}日"
    sign_in(page, live_url, "miit")
    page.goto(detail)
    page.get_by_test_id("remove").click()
    assert until_text in page.get_by_test_id("ban-end").inner_text()
    page.select_option('[name="cause_code"]', label="数据资料弄虚作假")
    page.fill('[name="details"]', "经核实，季度更新的中试服务收入与财务报表不符。")
    page.check('[name="confirm"]')
    page.get_by_test_id("confirm-remove").click()
    assert "已移出" in page.get_by_test_id("status").inner_text()
    assert until_text in page.get_by_test_id("removed").inner_text()
    screenshot(page, "library-removed")
    sign_out(page)
    # 4. The host organisation cannot start a new application: the ban and its last day.
    sign_in(page, live_url, "xincailiao")
    page.goto(f"{live_url}/applications/start/hubei-2026-provincial/")
    assert page.get_by_test_id("start-application").is_disabled()
    message = page.get_by_test_id("barrier").inner_text()
    assert f"在 {until_text}（含）之前不得申报" in message
    assert f"已于 {today.year}年{today.month}月{today.day}日移出平台库" in message
    screenshot(page, "library-ban-refuses")
