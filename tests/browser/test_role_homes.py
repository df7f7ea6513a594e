"""Sign in as each demo role on the real server and check the home page shows that role's items."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "Zhongshi@2026"

# username → (role badge, heading, a text that must be on the home page)
HOMES = {
    "admin": ("系统管理员", "系统管理", "用户账号"),
    "miit": ("工业和信息化部", "工业和信息化部（科技司）", "辖区内依托单位"),
    "hubei": ("省级经信部门", "湖北省经济和信息化厅", "辖区内依托单位"),
    "zhejiang": ("省级经信部门", "浙江省经济和信息化厅", "辖区内依托单位"),
    "wuhan": ("市级经信部门", "武汉市经济和信息化局", "辖区内依托单位"),
    "donghu": ("区级经信部门", "武汉东湖新技术开发区经信部门", "辖区内依托单位"),
    "hongshan": ("区级经信部门", "洪山区经信部门", "武汉洪山智造装备有限公司"),
    "jiangxia": ("区级经信部门", "江夏区经信部门", "辖区内依托单位"),
    "guangxin": ("依托单位申报用户", "武汉光芯微电子技术有限公司", "联合单位"),
    "xincailiao": ("依托单位申报用户", "湖北江夏新材料研究院有限公司", "联合单位"),
    "zhizao": ("依托单位申报用户", "武汉洪山智造装备有限公司", "洪山区经信部门"),
    "expert": ("评审专家", "专家评审", "陈教授"),
    "qiye": ("需求方企业", "武汉汉江传感器有限公司", "单位"),
}


def sign_in(page: object, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")  # type: ignore[attr-defined]
    page.get_by_label("用户名").fill(username)  # type: ignore[attr-defined]
    page.get_by_label("密码").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="登录").click()  # type: ignore[attr-defined]


@pytest.mark.parametrize("username", sorted(HOMES))
def test_each_role_sees_its_home(live_url: str, page: object, username: str) -> None:
    badge, heading, text = HOMES[username]
    sign_in(page, live_url, username)
    assert page.get_by_test_id("user-role").inner_text() == badge  # type: ignore[attr-defined]
    assert page.get_by_test_id("home-heading").inner_text() == heading  # type: ignore[attr-defined]
    body = page.locator("main").inner_text()  # type: ignore[attr-defined]
    assert text in body
    screenshot(page, f"home-{username}")


def test_registration_then_district_approval(live_url: str, page: object) -> None:
    """An organisation registers in 洪山区; the 洪山区 reviewer finds it on his home page and approves it."""
    from tests.factories import credit_code

    page.goto(f"{live_url}/accounts/register/")  # type: ignore[attr-defined]
    page.get_by_label("单位名称").fill("武汉青山示范中试科技有限公司")  # type: ignore[attr-defined]
    valid = credit_code("91420111MA")
    wrong = valid[:-1] + ("0" if valid[-1] != "0" else "1")  # same code, wrong check character
    page.get_by_label("统一社会信用代码").fill(wrong)  # type: ignore[attr-defined]
    page.get_by_role("button", name="提交注册").click()  # type: ignore[attr-defined]
    errors = page.locator(".field-error").all_inner_texts()  # type: ignore[attr-defined]
    assert any("统一社会信用代码" in e and "无效" in e for e in errors), errors  # wrong check character
    assert page.get_by_label("单位名称").input_value() == "武汉青山示范中试科技有限公司"  # nothing lost
    screenshot(page, "register-errors")
    page.get_by_label("统一社会信用代码").fill(valid)  # type: ignore[attr-defined]
    page.get_by_label("单位类型").select_option("民企")  # type: ignore[attr-defined]
    page.get_by_label("所在地", exact=False).select_option(label="湖北省武汉市洪山区")  # type: ignore[attr-defined]
    page.get_by_label("联系人", exact=True).fill("何工")  # type: ignore[attr-defined]
    page.get_by_label("联系电话").fill("027-86000000")  # type: ignore[attr-defined]
    page.get_by_label("联系邮箱").fill("he@example.com")  # type: ignore[attr-defined]
    page.get_by_label("用户名").fill("qingshan")  # type: ignore[attr-defined]
    page.get_by_label("您的姓名").fill("何工")  # type: ignore[attr-defined]
    page.get_by_label("密码", exact=True).fill("Hb-Pilot#7391")  # type: ignore[attr-defined]
    page.get_by_label("确认密码").fill("Hb-Pilot#7391")  # type: ignore[attr-defined]
    page.get_by_role("button", name="提交注册").click()  # type: ignore[attr-defined]
    assert "已收到" in page.locator("main").inner_text()  # type: ignore[attr-defined]

    sign_in(page, live_url, "hongshan")
    todo = page.get_by_test_id("todo-list")  # type: ignore[attr-defined]
    todo.get_by_role("link", name="待审核注册：武汉青山示范中试科技有限公司").click()
    page.get_by_test_id("approve").click()  # type: ignore[attr-defined]
    assert page.get_by_test_id("status-badge").inner_text() == "已通过"  # type: ignore[attr-defined]
    screenshot(page, "hostorg-approved")


def test_public_landing_and_wrong_password(live_url: str, page: object) -> None:
    page.goto(live_url)  # type: ignore[attr-defined]
    assert "制造业中试平台管理服务系统" in page.locator("header").inner_text()  # type: ignore[attr-defined]
    screenshot(page, "landing")
    page.goto(f"{live_url}/accounts/login/")  # type: ignore[attr-defined]
    page.get_by_label("用户名").fill("donghu")  # type: ignore[attr-defined]
    page.get_by_label("密码").fill("wrong-password")  # type: ignore[attr-defined]
    page.get_by_role("button", name="登录").click()  # type: ignore[attr-defined]
    assert "用户名或密码错误" in page.get_by_test_id("form-errors").inner_text()  # type: ignore[attr-defined]
    screenshot(page, "login-error")
