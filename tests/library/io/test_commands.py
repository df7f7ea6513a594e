"""The commands of contracts §4 through call_command (as a user runs them: exit codes, stdout, stderr)."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.library.io.conftest import CODE_A, CODE_B, platform_entry, sample_file
from zhongshi.library.domain.import_platforms import import_platforms
from zhongshi.library.models import PilotPlatform

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command(*args, stdout=out, stderr=StringIO())
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_import_prints_the_counts_as_json_and_is_idempotent(write_file):
    path = write_file(sample_file())

    assert run("import_platforms", str(path), "--json") == (0, '{\n  "created": 3,\n  "updated": 0,\n  "errors": []\n}\n')
    assert json.loads(run("import_platforms", str(path), "--json")[1]) == {"created": 0, "updated": 0, "errors": []}
    assert PilotPlatform.objects.count() == 3


def test_import_without_json_prints_a_chinese_summary(write_file):
    path = write_file(sample_file())

    assert run("import_platforms", str(path), "--dry-run") == (
        0, "校验通过（试运行，未保存）：将新增 3 个平台，更新 0 个，未变 0 个。\n")
    assert PilotPlatform.objects.count() == 0
    assert run("import_platforms", str(path)) == (0, "导入完成：新增 3 个平台，更新 0 个，未变 0 个。\n")


def test_dry_run_json_counts_what_would_happen(write_file):
    path = write_file(sample_file())
    assert json.loads(run("import_platforms", str(path), "--dry-run", "--json")[1]) == {
        "created": 3, "updated": 0, "errors": []}
    assert PilotPlatform.objects.count() == 0


def test_import_with_errors_exits_1_lists_them_and_stores_nothing(write_file):
    data = sample_file()
    data["platforms"][2]["host_org"]["credit_code"] = CODE_B[:-1] + "0"
    path = write_file(data)

    code, out = run("import_platforms", str(path), "--json")

    assert code == 1
    assert json.loads(out) == {"created": 0, "updated": 0, "errors": [
        {"index": 2, "path": "platforms[2].host_org.credit_code", "code": "credit_code_checksum",
         "message": "统一社会信用代码无效：校验码不符（GB 32100-2015）。"}]}
    assert PilotPlatform.objects.count() == 0
    assert run("import_platforms", str(path)) == (1, ("导入失败：发现 1 处错误，未保存任何平台。\n"
                                                      "  platforms[2].host_org.credit_code  [credit_code_checksum]  "
                                                      "统一社会信用代码无效：校验码不符（GB 32100-2015）。\n"))


def test_an_unusable_file_exits_2(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"platforms": [', encoding="utf-8")

    with pytest.raises(CommandError) as missing:
        call_command("import_platforms", str(tmp_path / "missing.json"))
    with pytest.raises(CommandError) as invalid:
        call_command("import_platforms", str(broken))

    assert missing.value.returncode == 2
    assert str(missing.value).startswith(f"无法读取 {tmp_path / 'missing.json'}：")
    assert invalid.value.returncode == 2
    assert str(invalid.value) == f"{broken} 不是有效的 JSON：第 1 行第 16 列：Expecting value"


def test_export_import_export_gives_the_same_bytes(write_file, tmp_path):
    import_platforms(data=sample_file())
    first, second = tmp_path / "first.json", tmp_path / "second.json"

    assert run("export_platforms", "-o", str(first)) == (0, "")
    PilotPlatform.objects.all().delete()
    assert json.loads(run("import_platforms", str(first), "--json")[1]) == {"created": 3, "updated": 0, "errors": []}
    assert json.loads(run("import_platforms", str(first), "--json")[1]) == {"created": 0, "updated": 0, "errors": []}
    run("export_platforms", "-o", str(second))

    assert second.read_bytes() == first.read_bytes()
    exported = json.loads(first.read_text(encoding="utf-8"))
    # the order: division code, credit code, name; removed platforms with their removal
    assert [(p["division"], p["name"], p["status"], p["removed_on"], p["removal_cause"]) for p in exported["platforms"]] == [
        ("420111", "武汉光电子器件中试平台", "active", None, None),
        ("420111", "武汉光芯片封装中试平台", "removed", "2028-02-29", "数据资料弄虚作假"),
        ("420502", "宜昌精细化工中试基地", "active", None, None)]
    assert exported["platforms"][0] == platform_entry()


def test_export_filters_by_area_and_tier(tmp_path):
    import_platforms(data=sample_file())
    out = tmp_path / "out.json"

    run("export_platforms", "--area", "420500", "-o", str(out))
    assert [p["name"] for p in json.loads(out.read_text(encoding="utf-8"))["platforms"]] == ["宜昌精细化工中试基地"]
    run("export_platforms", "--area", "420000", "--tier", "reserve", "-o", str(out))
    assert [p["name"] for p in json.loads(out.read_text(encoding="utf-8"))["platforms"]] == ["武汉光芯片封装中试平台"]
    run("export_platforms", "--area", "330000", "-o", str(out))
    assert out.read_text(encoding="utf-8") == '{\n  "platforms": []\n}\n'


@pytest.mark.parametrize(("args", "message"), [
    (["--tier", "city"], "未知的平台层级 city（可选：provincial, reserve, key, national）。"),
    (["--area", "429999"], "未知的行政区划代码 429999（应为 GB/T 2260 代码，如 420000）。"),
])
def test_export_refuses_bad_filters_with_exit_2(tmp_path, args, message):
    with pytest.raises(CommandError) as refused:
        call_command("export_platforms", *args, "-o", str(tmp_path / "out.json"))
    assert (refused.value.returncode, str(refused.value)) == (2, message)
    assert not (tmp_path / "out.json").exists()


def test_platform_status_names_the_last_day_of_the_ban_leap_day_included():
    import_platforms(data=sample_file())

    assert run("platform_status", CODE_A, "--on", "2028-02-29", "--json") == (0, json.dumps({
        "credit_code": CODE_A,
        "platforms": [{"name": "武汉光电子器件中试平台", "tier": "provincial", "status": "active"},
                      {"name": "武汉光芯片封装中试平台", "tier": "reserve", "status": "removed"}],
        "banned_until": "2031-02-28"}, ensure_ascii=False) + "\n")
    assert json.loads(run("platform_status", CODE_A, "--on", "2031-02-28", "--json")[1])["banned_until"] == "2031-02-28"
    assert json.loads(run("platform_status", CODE_A, "--on", "2031-03-01", "--json")[1])["banned_until"] is None
    assert json.loads(run("platform_status", CODE_A, "--on", "2028-02-28", "--json")[1])["banned_until"] is None
    assert json.loads(run("platform_status", CODE_B, "--json")[1]) == {
        "credit_code": CODE_B, "platforms": [{"name": "宜昌精细化工中试基地", "tier": "key", "status": "active"}],
        "banned_until": None}


def test_platform_status_of_an_unknown_but_valid_code_and_default_day():
    out = json.loads(run("platform_status", CODE_A.lower(), "--json")[1])
    assert out == {"credit_code": CODE_A, "platforms": [], "banned_until": None}
    import_platforms(data={"platforms": [platform_entry(status="removed", removed_on=date.today().isoformat(),
                                                        removal_cause="失信")]})
    assert json.loads(run("platform_status", CODE_A, "--json")[1])["banned_until"] is not None


@pytest.mark.parametrize(("args", "message"), [
    (["9142"], "9142：统一社会信用代码应为18位。"),
    ([CODE_A[:-1] + "0"], f"{CODE_A[:-1]}0：统一社会信用代码无效：校验码不符（GB 32100-2015）。"),
    ([CODE_A, "--on", "2031-02-30"], "“2031-02-30”不是 YYYY-MM-DD 格式的日期。"),
])
def test_platform_status_refuses_bad_input_with_exit_2(args, message):
    with pytest.raises(CommandError) as refused:
        call_command("platform_status", *args, "--json")
    assert (refused.value.returncode, str(refused.value)) == (2, message)
