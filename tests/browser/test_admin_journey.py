"""The administrator's journey on the real server: user management (create an authority reviewer, move it to
another authority, disable it, reset its password) and the audit log (filtered by user and date, the
field-level diff with the authority's name, the .xlsx export)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_role_homes import sign_in

pytestmark = pytest.mark.browser

SHANGHAI = ZoneInfo("Asia/Shanghai")
DONGHU = "武汉东湖新技术开发区经信部门"
JIANGXIA = "江夏区经信部门"


def _messages(page: Any) -> list[str]:
    return [text.strip() for text in page.locator(".messages .alert").all_inner_texts()]


def _no_sideways_scroll(page: Any, name: str) -> None:
    """At 1366 and 768 px: a screenshot each, and no horizontal scrolling at 768."""
    for width in (1366, 768):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") == width
        screenshot(page, f"admin-{name}-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})


def _audit_rows(page: Any) -> list[list[str]]:
    return [[cell.strip() for cell in row.locator("td").all_inner_texts()]
            for row in page.locator("table.audit tbody tr").all()]


def test_the_administrator_manages_a_reviewer_and_reads_the_audit_log(live_url: str, page: Any,
                                                                      tmp_path: Path) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_url, "admin")
    page.get_by_role("navigation").get_by_role("link", name="用户", exact=True).click()
    assert page.url == f"{live_url}/accounts/users/"
    assert page.locator("h1").inner_text() == "用户"
    assert page.get_by_role("link", name="基础数据维护（管理后台）").get_attribute("href") == "/admin/"
    _no_sideways_scroll(page, "users")

    # A new authority reviewer of 东湖; its authority is found under its province.
    page.get_by_role("link", name="新建用户").click()
    assert page.locator("h1").inner_text() == "新建用户"
    page.get_by_label("用户名").fill("liuke")
    page.get_by_label("姓名").fill("刘科员")
    page.get_by_label("角色").select_option(label="经信部门审核人员")
    authority = page.get_by_label("经信部门")
    assert authority.evaluate("e => [...e.querySelectorAll('optgroup')].map(g => g.label)") == [
        "工业和信息化部（科技司）", "浙江省经济和信息化厅", "湖北省经济和信息化厅"]
    authority.select_option(label=f"{DONGHU}（区级经信部门）")
    assert page.get_by_label("依托单位").is_hidden()  # only the membership the role needs is shown
    page.get_by_label("临时密码").fill("Linshi@2026a")
    _no_sideways_scroll(page, "user-new")
    page.get_by_role("button", name="创建账号").click()
    assert _messages(page) == ["账号 liuke 已创建，用户首次登录时须修改密码。"]
    assert page.locator("h1").inner_text() == "账号 liuke（刘科员）"
    assert page.locator(".user-status").inner_text() == "状态：正常 下次登录须修改密码"
    edit_url = page.url

    # Moved to 江夏, then disabled.
    page.get_by_label("经信部门").select_option(label=f"{JIANGXIA}（区级经信部门）")
    page.get_by_role("button", name="保存").click()
    assert _messages(page) == ["账号 liuke 已保存。"]
    assert page.get_by_label("经信部门").evaluate("e => e.selectedOptions[0].text") == f"{JIANGXIA}（区级经信部门）"
    page.get_by_role("button", name="停用账号").click()
    assert _messages(page) == ["liuke 已停用。"]
    assert page.locator(".user-status").inner_text() == "状态：已停用 下次登录须修改密码"
    assert page.get_by_role("button", name="启用账号").is_visible()
    _no_sideways_scroll(page, "user-edit")

    # A new temporary password; back on the account.
    page.get_by_role("link", name="重置密码").click()
    assert page.locator("h1").inner_text() == "重置刘科员的密码"
    page.get_by_label("新密码", exact=True).fill("Chongzhi@2026b")
    page.get_by_label("新密码确认").fill("Chongzhi@2026b")
    page.get_by_role("button", name="重置密码").click()
    assert page.url == edit_url
    assert _messages(page) == ["刘科员的密码已重置，该用户下次登录时须修改密码。"]

    # The list shows the account disabled.
    page.goto(f"{live_url}/accounts/users/?q=liuke")
    assert [[c.strip() for c in r.locator("td").all_inner_texts()][:5]
            for r in page.locator("table.user-table tbody tr").all()] == [
        ["liuke", "刘科员", "区级经信部门", JIANGXIA, "已停用"]]

    # The audit log: what admin did today, newest first, each change by its label.
    page.get_by_role("navigation").get_by_role("link", name="审计日志").click()
    assert page.url == f"{live_url}/audit/"
    today = datetime.datetime.now(SHANGHAI).date().isoformat()
    page.get_by_label("用户", exact=True).fill("admin")
    page.get_by_label("起始日期").fill(today)
    page.get_by_label("截止日期").fill(today)
    page.get_by_label("对象类型").select_option(label="用户")
    page.get_by_role("button", name="筛选").click()
    assert page.url == (f"{live_url}/audit/?q=&date_from={today}&date_to={today}&user=admin"
                        "&target_type=accounts.User&action=")
    rows = [row for row in _audit_rows(page) if row[3] == "用户 刘科员"]
    assert [row[1:] for row in rows] == [
        ["系统管理员", "密码已修改", "用户 刘科员", "", "密码已由管理员重置"],
        ["系统管理员", "修改", "用户 刘科员", "", "账号已停用"],
        ["系统管理员", "修改", "用户 刘科员", "启用：是 → 否", ""],
        ["系统管理员", "修改", "用户 刘科员", f"经信部门：{DONGHU} → {JIANGXIA}", ""],
        ["系统管理员", "新增", "用户 刘科员", "18 个字段", ""],
    ]
    assert all(row[0].startswith(today) for row in rows)  # in Asia/Shanghai
    _no_sideways_scroll(page, "audit")

    # A day with nothing: the filter says so.
    page.get_by_label("起始日期").fill("2020-01-01")
    page.get_by_label("截止日期").fill("2020-01-02")
    page.get_by_role("button", name="筛选").click()
    assert page.locator(".empty").inner_text() == "没有符合筛选条件的记录。"

    # The export holds the filtered list.
    page.get_by_label("起始日期").fill(today)
    page.get_by_label("截止日期").fill(today)
    page.get_by_role("button", name="筛选").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 Excel（.xlsx）").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.startswith("audit-") and saved.suffix == ".xlsx"
    from openpyxl import load_workbook

    sheet = load_workbook(saved, read_only=True).worksheets[0]
    lines = [tuple("" if v is None else str(v) for v in row) for row in sheet.iter_rows(values_only=True)]
    assert lines[0] == ("时间", "操作人", "用户名", "操作", "对象类型", "操作对象", "变更内容", "说明", "IP地址")
    mine = [line[1:8] for line in lines[1:] if line[5] == "刘科员"]
    assert mine[3] == ("系统管理员", "admin", "修改", "用户", "刘科员", f"经信部门：{DONGHU} → {JIANGXIA}", "")
    assert len(mine) == 5
