"""The province uploads a platform list .xlsx on the real server: the preview names each error by row and
column, a corrected file is previewed and confirmed (screenshots at 1366 and 768 px)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.library.io.conftest import CODE_A
from zhongshi.library.interfaces.platform_xlsx import PLATFORM_COLUMNS, SERVICE_COLUMNS

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("ZHONGSHI_SCREENSHOTS", "/tmp/shots/lib-io"))
ROW = ["武汉光电子器件中试平台", "武汉某某光电股份有限公司", CODE_A, "420111", "光电子信息", "工艺验证、生产验证", "省级",
       "2025-06-30", "在库", None, None]


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "平台"
    sheet.append([t for _k, t in PLATFORM_COLUMNS])
    for row in rows:
        sheet.append(row)
    services = book.create_sheet("服务事项")
    services.append([t for _k, t in SERVICE_COLUMNS])
    services.append([CODE_A, ROW[0], "振动冲击测试", "产品性能测试", "最大加速度 100g", "振动、冲击"])
    book.save(path)
    return path


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1366, 768):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def test_upload_preview_errors_then_confirm(live_url, page, tmp_path):
    page.goto(f"{live_url}/accounts/login/")
    page.get_by_label("用户名").fill("hubei")
    page.get_by_label("密码").fill("Zhongshi@2026")
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="平台名单").first.click()
    shoot(page, "import")

    bad = [*ROW[:3], "429999", "光电子", *ROW[5:]]
    page.set_input_files("input[type=file]", str(workbook(tmp_path / "bad.xlsx", [bad])))
    page.get_by_role("button", name="上传并检查").click()
    assert page.get_by_test_id("preview-errors").inner_text().startswith("发现 2 处错误")
    assert "D 列（所在地行政区划代码）" in page.get_by_test_id("error-table").inner_text()
    shoot(page, "preview-errors")

    page.get_by_role("link", name="上传修改后的文件").click()
    page.set_input_files("input[type=file]", str(workbook(tmp_path / "good.xlsx", [ROW])))
    page.get_by_role("button", name="上传并检查").click()
    assert page.get_by_test_id("created").inner_text() == "1"
    shoot(page, "preview-ok")
    page.get_by_test_id("confirm").click()
    assert "导入中试平台名单：新增 1 个，更新 0 个，未变 0 个。" in page.content()
    shoot(page, "confirmed")
