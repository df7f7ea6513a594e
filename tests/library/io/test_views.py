"""library/views/io.py: the upload with its preview (errors by row and column), the confirmation, the template,
the export of the user's scope; query counts at 5 and 50 platforms."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.library.io.conftest import CODE_A, platform_entry, sample_file
from tests.query_counts import count_queries
from zhongshi.library.domain.import_platforms import import_platforms
from zhongshi.library.domain.queries.export_platforms import export_platforms_text, select_platforms
from zhongshi.library.interfaces.platform_xlsx import PLATFORM_COLUMNS, SERVICE_COLUMNS, write_platform_workbook
from zhongshi.library.models import PilotPlatform

pytestmark = pytest.mark.django_db
IMPORT = reverse("library:io_import")
PREVIEW = reverse("library:io_preview")
CONFIRM = reverse("library:io_confirm")


def xlsx(platform_rows, service_rows=()) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.title = "平台"
    sheet.append([title for _key, title in PLATFORM_COLUMNS])
    for row in platform_rows:
        sheet.append(row)
    services = book.create_sheet("服务事项")
    services.append([title for _key, title in SERVICE_COLUMNS])
    for row in service_rows:
        services.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("平台名单.xlsx", buffer.getvalue())


ROW = ["武汉光电子器件中试平台", "武汉某某光电股份有限公司", CODE_A, "420111", "光电子信息", "工艺验证、生产验证", "省级",
       "2025-06-30", "在库", None, None]
SERVICE = [CODE_A, "武汉光电子器件中试平台", "振动冲击测试", "产品性能测试", "最大加速度 100g", "振动、冲击"]


def test_the_import_page_offers_the_template_the_upload_and_the_export(roles, login):
    page = login(roles["province"]).get(IMPORT).content.decode()

    for text in ("平台名单导入导出", "下载导入模板（.xlsx）", "上传并检查", "导出平台名单", "您只能导入本辖区的平台。"):
        assert text in page


def test_the_template_has_chinese_headers_and_one_example_row_that_imports(roles, login):
    client = login(roles["province"])
    response = client.get(reverse("library:io_template"))
    book = load_workbook(io.BytesIO(response.content))

    assert book.sheetnames == ["平台", "服务事项", "填写说明"]
    assert [c.value for c in book["平台"][1]] == [title for _key, title in PLATFORM_COLUMNS]
    assert book["平台"].max_row == 2 and book["服务事项"].max_row == 2
    client.post(IMPORT, {"file": SimpleUploadedFile("模板.xlsx", response.content)})
    page = client.get(PREVIEW).content.decode()
    assert "文件共有 1 个平台，未发现错误。" in page
    assert PilotPlatform.objects.count() == 0


def test_an_xlsx_with_errors_is_previewed_with_rows_and_columns_and_nothing_is_stored(roles, login):
    client = login(roles["province"])
    bad_row = [*ROW[:3], "429999", "光电子", *ROW[5:]]
    bad_row[0] = "第二个平台"

    response = client.post(IMPORT, {"file": xlsx([ROW, bad_row], [SERVICE, [CODE_A, "第二个平台", "测试", "检测", "", ""]])})
    assert response.status_code == 302 and response["Location"] == PREVIEW
    page = client.get(PREVIEW).content.decode()

    assert "发现 3 处错误，不会保存任何平台。请修改文件后重新上传。" in page
    rows = page.split('data-testid="error-table"')[1]
    assert ("<td>平台</td><td>第\u00a03\u00a0行</td><td>D 列（所在地行政区划代码）</td>"
            "<td>“429999”不是已知的市级或区县级行政区划代码（GB/T 2260）。</td>") in rows
    assert "<td>平台</td><td>第\u00a03\u00a0行</td><td>E 列（所属行业领域）</td>" in rows
    assert ("<td>服务事项</td><td>第\u00a03\u00a0行</td><td>D 列（服务类型）</td>"
            "<td>“检测”不是 seed 002 的中试服务类型之一。</td>") in rows
    assert 'data-testid="confirm"' not in page
    assert client.post(CONFIRM).status_code == 302
    assert PilotPlatform.objects.count() == 0


def test_a_clean_xlsx_is_previewed_then_confirmed(roles, login):
    client = login(roles["province"])
    client.post(IMPORT, {"file": xlsx([ROW], [SERVICE])})

    page = client.get(PREVIEW).content.decode()
    assert '<dd data-testid="created">1</dd>' in page and '<dd data-testid="updated">0</dd>' in page
    assert PilotPlatform.objects.count() == 0

    response = client.post(CONFIRM, follow=True)

    assert "导入中试平台名单：新增 1 个，更新 0 个，未变 0 个。" in response.content.decode()
    platform = PilotPlatform.objects.get()
    assert (platform.name, platform.tier, platform.verification_kinds) == ("武汉光电子器件中试平台", "provincial",
                                                                          ["工艺验证", "生产验证"])
    assert list(platform.services.values_list("name", "keywords")) == [("振动冲击测试", ["振动", "冲击"])]
    assert json.loads(export_platforms_text(select_platforms()))["platforms"] == [platform_entry()]
    assert client.get(PREVIEW)["Location"] == IMPORT  # the staged file is gone


def test_a_json_upload_uses_the_same_preview(roles, login):
    client = login(roles["ministry"])
    upload = SimpleUploadedFile("platforms.json", json.dumps(sample_file(), ensure_ascii=False).encode())

    client.post(IMPORT, {"file": upload})
    page = client.get(PREVIEW).content.decode()

    assert "文件共有 3 个平台，未发现错误。" in page
    client.post(CONFIRM)
    assert PilotPlatform.objects.count() == 3


def test_a_json_error_without_cells_shows_the_path(roles, login):
    client = login(roles["ministry"])
    data = sample_file()
    data["platforms"][1]["tier"] = "city"
    client.post(IMPORT, {"file": SimpleUploadedFile("p.json", json.dumps(data).encode())})

    page = client.get(PREVIEW).content.decode()

    assert '<td colspan="2">第 2 个平台</td><td class="mono">platforms[1].tier</td>' in page


def test_a_province_cannot_import_another_province(roles, login):
    client = login(roles["other_province"])
    client.post(IMPORT, {"file": xlsx([ROW])})

    assert "武汉东湖新技术开发区" not in (page := client.get(PREVIEW).content.decode())
    assert "洪山区（420111）不在您的管辖范围内。" in page


@pytest.mark.parametrize(("name", "content", "message"), [
    ("a.txt", b"x", "请上传按模板填写的 .xlsx 工作簿，或 .json 平台名单文件。"),
    ("a.xlsx", b"not a workbook", "无法读取该文件：不是有效的 .xlsx 工作簿。"),
    ("a.json", b"{", "该文件不是有效的 JSON："),
])
def test_an_unusable_upload_is_refused_next_to_the_field(roles, login, name, content, message):
    response = login(roles["province"]).post(IMPORT, {"file": SimpleUploadedFile(name, content)})

    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_export_is_the_users_scope_as_json_and_xlsx(roles, login):
    import_platforms(data={"platforms": [*sample_file()["platforms"], platform_entry(name="杭州平台", division="330106")]})

    hubei = login(roles["province"]).get(reverse("library:io_export") + "?format=json")
    everything = login(roles["ministry"]).get(reverse("library:io_export") + "?format=json")
    wuhan_reserve = login(roles["city"]).get(reverse("library:io_export") + "?format=json&tier=reserve")
    sheet = login(roles["province"]).get(reverse("library:io_export") + "?format=xlsx&area=420500")

    assert [p["name"] for p in json.loads(hubei.content)["platforms"]] == [
        "武汉光电子器件中试平台", "武汉光芯片封装中试平台", "宜昌精细化工中试基地"]
    assert everything.content.decode() == export_platforms_text(select_platforms())
    assert [p["name"] for p in json.loads(wuhan_reserve.content)["platforms"]] == ["武汉光芯片封装中试平台"]
    book = load_workbook(io.BytesIO(sheet.content))
    assert [[c.value for c in row] for row in book["平台"].iter_rows(min_row=2)] == [[
        "宜昌精细化工中试基地", "宜昌某某化工有限公司", "91420502MA4K0002BE", "420502", "现代化工、原材料工业",
        "工艺验证", "重点培育", "2025-06-30", "在库", None, None]]
    assert book["服务事项"].max_row == 3
    assert login(roles["province"]).get(reverse("library:io_export") + "?tier=city").status_code == 400


def test_an_exported_xlsx_imports_back_unchanged(roles, login):
    import_platforms(data=sample_file())
    client = login(roles["province"])
    content = client.get(reverse("library:io_export") + "?format=xlsx").content

    client.post(IMPORT, {"file": SimpleUploadedFile("export.xlsx", content)})
    page = client.get(PREVIEW).content.decode()

    assert '<dd data-testid="created">0</dd>' in page and '<dd data-testid="updated">0</dd>' in page


def _entries(count: int, start: int = 0) -> list[dict]:
    return [platform_entry(name=f"平台{n:03d}", division=("420111", "420502")[n % 2],
                           services=[{"name": f"服务{k}", "kind": "产品性能测试", "description": "",
                                      "keywords": ["测试"]} for k in range(3)])
            for n in range(start, start + count)]


def test_preview_queries_do_not_grow_with_the_rows(roles, login, django_assert_max_num_queries):
    client = login(roles["province"])
    import_platforms(data={"platforms": _entries(50)})  # existing platforms: compared, not created

    def preview(count: int) -> int:
        rows = [platform_rows_of(e) for e in _entries(count)]
        client.post(IMPORT, {"file": xlsx(rows)})
        return count_queries(client, PREVIEW)

    preview(5)
    small = preview(5)
    with django_assert_max_num_queries(20):
        large = preview(50)
    assert small == large


def platform_rows_of(entry: dict) -> list:
    records = write_platform_workbook([entry])
    sheet = load_workbook(io.BytesIO(records))["平台"]
    return [c.value for c in sheet[2]]


def test_export_queries_do_not_grow_with_the_rows(roles, login, django_assert_max_num_queries):
    client = login(roles["province"])
    url = reverse("library:io_export") + "?format=xlsx"
    import_platforms(data={"platforms": _entries(5)})
    count_queries(client, url)
    small = count_queries(client, url)
    import_platforms(data={"platforms": _entries(45, start=5)})
    with django_assert_max_num_queries(10):
        large = count_queries(client, url)
    assert small == large


def test_a_workbook_that_is_not_the_template_is_refused_with_the_reason(roles, login):
    client = login(roles["province"])
    book = Workbook()
    book.active.title = "Sheet1"
    buffer = io.BytesIO()
    book.save(buffer)
    no_sheet = client.post(IMPORT, {"file": SimpleUploadedFile("a.xlsx", buffer.getvalue())}).content.decode()
    orphan = client.post(IMPORT, {"file": xlsx([ROW], [[CODE_A, "另一个平台", "测试", "产品性能测试", "", ""]])})
    short = Workbook()
    short.active.title = "平台"
    short.active.append(["平台名称"])
    buffer = io.BytesIO()
    short.save(buffer)
    columns = client.post(IMPORT, {"file": SimpleUploadedFile("b.xlsx", buffer.getvalue())}).content.decode()

    assert "工作簿中没有“平台”工作表（请使用导入模板）。" in no_sheet
    assert (f"“服务事项”工作表第 2 行：“平台”工作表中没有统一社会信用代码为 {CODE_A}、名称为“另一个平台”的平台。"
            in orphan.content.decode())
    assert "工作表“平台”缺少列：依托单位名称、统一社会信用代码、所在地行政区划代码" in columns
    assert PilotPlatform.objects.count() == 0
