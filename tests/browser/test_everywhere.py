"""What every page shares: required fields not red before typing, a favicon, no horizontal scrolling at 768 px."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_role_homes import sign_in

pytestmark = pytest.mark.browser


def test_a_required_field_is_marked_by_its_asterisk_only(live_url: str, page: object) -> None:
    page.goto(f"{live_url}/accounts/register/")  # type: ignore[attr-defined]
    label = page.locator("label[for=id_name]")  # type: ignore[attr-defined]
    assert label.evaluate("e => getComputedStyle(e).color") == "rgb(31, 35, 40)"  # the body's text colour
    assert label.evaluate("e => getComputedStyle(e, '::after').content") == '"*"'
    assert label.evaluate("e => getComputedStyle(e, '::after').color") == "rgb(180, 35, 24)"
    optional = page.locator("label[for=id_address]")  # type: ignore[attr-defined]
    assert optional.evaluate("e => getComputedStyle(e).fontWeight") == label.evaluate(
        "e => getComputedStyle(e).fontWeight")
    favicon = page.locator("link[rel=icon]").get_attribute("href")  # type: ignore[attr-defined]
    assert favicon == "/static/zhongshi/favicon.svg"
    assert page.request.get(f"{live_url}{favicon}").status == 200  # type: ignore[attr-defined]


@pytest.mark.parametrize(("username", "path"), [
    ("guangxin", "/applications/1/edit/basic/"), ("guangxin", "/applications/1/edit/foundation/"),
    ("donghu", "/reviews/"), ("wuhan", "/reviews/"), ("hubei", "/reviews/"), ("admin", "/audit/"),
    # the application as its applicant and its reviewer see it, and the reviewer's document view
    ("guangxin", "/applications/1/"), ("xincailiao", "/applications/2/"), ("jiangxia", "/applications/2/"),
    ("jiangxia", "/reviews/application/2/"), ("admin", "/accounts/users/"),
])
def test_tablet_width_never_scrolls_sideways(live_url: str, page: object, username: str, path: str) -> None:
    page.set_viewport_size({"width": 768, "height": 1024})  # type: ignore[attr-defined]
    sign_in(page, live_url, username)
    response = page.goto(f"{live_url}{path}")  # type: ignore[attr-defined]
    assert (response.status, page.url) == (200, f"{live_url}{path}")  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.scrollWidth") == 768  # type: ignore[attr-defined]
    screenshot(page, f"tablet-{username}-{path.strip('/').replace('/', '-')}")


def test_the_header_links_the_help_of_the_role(live_url: str, page: object) -> None:
    sign_in(page, live_url, "guangxin")
    page.get_by_test_id("help-link").click()  # type: ignore[attr-defined]
    assert page.url == f"{live_url}/help/"  # type: ignore[attr-defined]
    assert page.locator("h1").first.inner_text() == "依托单位（申报用户）"  # type: ignore[attr-defined]
    contact = page.get_by_test_id("help-contact").inner_text()  # type: ignore[attr-defined]
    assert "武汉东湖新技术开发区经信部门" in contact
    footer = page.get_by_test_id("footer-contact").inner_text()  # type: ignore[attr-defined]
    assert footer.startswith("主管部门：武汉东湖新技术开发区经信部门")
    screenshot(page, "help-guangxin")
