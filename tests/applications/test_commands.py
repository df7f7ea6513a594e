"""The application commands of contracts.md §1: check-application, import-application, export-application and
form-schema, through ``call_command`` in the test database, and a few through the real ``zhongshi`` script.

Exit codes: 0 success, 1 the answer is "no" (``SystemExit(1)`` or ``CommandError(returncode=1)``), 2 the input
could not be used (``CommandError(returncode=2)``).
"""

from __future__ import annotations

import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from tests import factories
from tests.test_cli import run
from zhongshi.applications.models import Application

ROOT = Path(__file__).resolve().parents[2]
COMPLETE = ROOT / "examples" / "hubei-2026-complete.json"
BROKEN = ROOT / "examples" / "broken"
VARIANTS = yaml.safe_load((BROKEN / "variants.yaml").read_text(encoding="utf-8"))["variants"]
CALL = "hubei-2026-provincial"
CREDIT_CODE = "91420100MA4KQ7T8XT"  # basic.host_org.credit_code of the complete example

COMPLETE_REPORT = {
    "call": "hubei-2026-provincial",
    "form": "hubei-2026",
    "submittable": True,
    "eligible": True,
    "errors": [],
    "warnings": [],
    # seed 000 §一 (一)(二)(四)(六): the example meets every one, each explained with its figures.
    "conditions": [
        {
            "id": "equipment_value",
            "clause": "一（一）",
            "label": "中试设备或者设施原值不低于1000万元",
            "passed": True,
            "message": "中试设备设施原值 3,280 万元，不低于 1,000 万元"
        },
        {
            "id": "fulltime_staff",
            "clause": "一（二）",
            "label": "专职技术或者管理人员不少于5人",
            "passed": True,
            "message": "平台专职人员总数 46 人，不低于 5 人"
        },
        {
            "id": "industrialized_products",
            "clause": "一（四）",
            "label": "至少完成1项新产品产业化",
            "passed": True,
            "message": "上年度产业化产品数量 4 个，不低于 1 个；申报当年度产业化产品数量 1 个，不低于 1 个"
        },
        {
            "id": "enterprises_served",
            "clause": "一（四）",
            "label": "服务企业数量不低于3家",
            "passed": True,
            "message": "上年度中试服务企业总数量 5 家，不低于 3 家；申报当年度中试服务企业总数量 3 家，不低于 3 家"
        },
        {
            "id": "service_revenue",
            "clause": "一（四）",
            "label": "上年度（或申报当年度）中试服务收入应不低于500万元或不低于依托单位主营收入总额的5%",
            "passed": True,
            "message": "上年度中试服务收入 860 万元，不低于 500 万元；申报当年度中试服务收入 138 万元，低于 500 万元；上年度中试服务收入占主营业务收入比例 5%（860 ÷ 17,200），不低于 5%；申报当年度中试服务收入占主营业务收入比例 5.1%，不低于 5%"
        },
        {
            "id": "no_violations",
            "clause": "一（六）",
            "label": "近三年未发生违法违规行为，未发生较大及以上安全事故和重大质量、环境污染、失泄密等事故，未出现数据资料弄虚作假、严重失信等情形",
            "passed": True,
            "message": "近三年是否发生违法违规行为等情形：申报书填报为“否”"
        }
    ],
}
JSON_SECTIONS = {
    "cover",
    "basic",
    "foundation",
    "technology",
    "service",
    "operation",
    "potential",
    "other",
    "declaration",
}
CJK = re.compile(r"[\u4e00-\u9fff]")
# An untranslated English sentence (“Please fill in …”, “… is not one of the choices of …”).
ENGLISH_WORDS = re.compile(r"\b[A-Za-z]{2,} [a-z]{2,}\b")

pytestmark = pytest.mark.django_db


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    message: str = ""  # the CommandError's text, which `zhongshi` prints on stderr


def zhongshi(name: str, *args: str) -> Outcome:
    """Run a management command as `zhongshi NAME` would and return its exit code and output."""
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command(name.replace("-", "_"), *args, stdout=stdout, stderr=stderr)
    except CommandError as exc:
        return Outcome(exc.returncode, stdout.getvalue(), stderr.getvalue(), str(exc))
    except SystemExit as exc:
        return Outcome(int(exc.code or 0), stdout.getvalue(), stderr.getvalue())
    return Outcome(0, stdout.getvalue(), stderr.getvalue())


def check(path: Path | str, *, call: str = CALL) -> Outcome:
    return zhongshi("check-application", "--call", call, str(path), "--json")


def pairs(issues: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return sorted((issue["path"], issue["code"]) for issue in issues)


def example() -> dict[str, Any]:
    return json.loads(COMPLETE.read_text(encoding="utf-8"))


@pytest.fixture
def host_org():
    """The host organisation named by the complete example (found by its credit code)."""
    return factories.HostOrgFactory(credit_code=CREDIT_CODE, name="武汉光芯精密制造有限公司")


@pytest.fixture
def user(host_org):
    return factories.applicant(host_org, username="guangxin")


def import_file(path: Path | str, *extra: str) -> Outcome:
    return zhongshi("import-application", "--call", CALL, str(path), *extra)


def export(pk: int, fmt: str, out: Path) -> Outcome:
    return zhongshi("export-application", str(pk), "--format", fmt, "-o", str(out))


# ---------------------------------------------------------------- check-application


def test_check_the_complete_example_is_submittable_and_eligible():
    outcome = check(COMPLETE)

    assert outcome.code == 0, outcome.message
    assert json.loads(outcome.stdout) == COMPLETE_REPORT
    assert outcome.stderr == ""


@pytest.mark.parametrize("variant", VARIANTS, ids=[v["name"] for v in VARIANTS])
def test_check_each_broken_variant_reports_exactly_the_manifest(variant):
    outcome = check(BROKEN / f"{variant['name']}.json")

    report = json.loads(outcome.stdout)
    assert outcome.code == (1 if variant["errors"] else 0)
    assert report["submittable"] is (not variant["errors"])
    assert pairs(report["errors"]) == pairs(variant["errors"])
    assert pairs(report["warnings"]) == pairs(variant["warnings"])
    for issue in report["errors"] + report["warnings"]:
        message = issue["message"]
        assert message.strip(), issue
        assert CJK.search(message), issue
        assert not ENGLISH_WORDS.search(message), f"untranslated message: {message}"


def test_check_an_unknown_call_exits_2():
    outcome = check(COMPLETE, call="nope")

    assert outcome.code == 2
    assert outcome.stdout == ""
    assert "nope" in outcome.message
    assert CALL in outcome.message  # names the known calls


def test_check_a_missing_file_exits_2(tmp_path):
    missing = tmp_path / "missing.json"

    outcome = check(missing)

    assert outcome.code == 2
    assert outcome.stdout == ""
    assert str(missing) in outcome.message


def test_check_malformed_json_exits_2_naming_the_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n  "form": "hubei-2026",\n  not json\n}\n', encoding="utf-8")

    outcome = check(path)

    assert outcome.code == 2
    assert outcome.stdout == ""
    assert str(path) in outcome.message
    assert "第 3 行" in outcome.message


def test_check_malformed_json_on_the_first_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")

    outcome = check(path)

    assert outcome.code == 2
    assert "第 1 行" in outcome.message


def test_check_an_empty_json_array_is_invalid_not_unusable(tmp_path):
    path = tmp_path / "array.json"
    path.write_text("[]", encoding="utf-8")

    outcome = check(path)

    assert outcome.code == 1
    report = json.loads(outcome.stdout)
    assert report["submittable"] is False
    assert pairs(report["errors"]) == [("", "invalid_type")]
    assert CJK.search(report["errors"][0]["message"])


def test_check_writes_nothing(host_org, user):
    factories.application(host_org)
    before = Application.objects.count()

    assert check(COMPLETE).code == 0
    assert check(BROKEN / "platform-name.json").code == 1
    assert check(BROKEN / "missing-required.json").code == 1

    assert Application.objects.count() == before == 1


def test_check_without_json_prints_a_chinese_summary():
    outcome = zhongshi("check-application", "--call", CALL, str(BROKEN / "platform-name.json"))

    assert outcome.code == 1
    assert "可以提交：否" in outcome.stdout
    assert "[name_forbidden_term]" in outcome.stdout


# ---------------------------------------------------------------- form-schema


def test_form_schema_is_draft_2020_12_with_the_json_sections():
    outcome = zhongshi("form-schema", "hubei-2026", "--json")

    assert outcome.code == 0
    schema = json.loads(outcome.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["properties"]) == {"form"} | JSON_SECTIONS
    assert "evidence" not in schema["properties"]
    assert schema["properties"]["form"]["const"] == "hubei-2026"


def test_form_schema_without_json_is_the_same_schema_indented():
    compact = zhongshi("form-schema", "hubei-2026", "--json").stdout
    indented = zhongshi("form-schema", "hubei-2026").stdout

    assert json.loads(indented) == json.loads(compact)
    assert "\n  " in indented


def test_form_schema_of_an_unknown_form_exits_2():
    outcome = zhongshi("form-schema", "nope", "--json")

    assert outcome.code == 2
    assert outcome.stdout == ""
    assert "nope" in outcome.message
    assert "hubei-2026" in outcome.message  # names the known forms


# ---------------------------------------------------------------- import-application


def test_import_stores_a_draft_of_the_host_organisation(host_org, user):
    outcome = import_file(COMPLETE, "--as", "guangxin")

    assert outcome.code == 0, (outcome.message, outcome.stderr)
    application = Application.objects.get()
    assert application.status == "draft"
    assert application.answers == example()
    assert application.host_org == host_org
    assert application.call.code == CALL
    assert application.form_code == "hubei-2026"
    assert application.platform_name == "高速光电子器件封装测试中试平台"
    assert application.created_by == user
    assert application.updated_by == user


def test_import_json_output(host_org, user):
    outcome = import_file(COMPLETE, "--as", "guangxin", "--json")

    application = Application.objects.get()
    assert outcome.code == 0
    assert json.loads(outcome.stdout) == {"id": application.pk, "status": "draft", "host_org": CREDIT_CODE}


def test_import_without_as_stores_a_draft_without_author(host_org):
    outcome = import_file(COMPLETE)

    assert outcome.code == 0, outcome.message
    application = Application.objects.get()
    assert application.created_by is None
    assert application.answers == example()


def test_import_as_a_user_records_that_user_in_the_audit_log(host_org, user):
    from zhongshi.audit.models import AuditEntry

    outcome = import_file(COMPLETE, "--as", "guangxin")

    assert outcome.code == 0, outcome.message
    application = Application.objects.get()
    [entry] = AuditEntry.objects.filter(target_type="applications.Application", target_id=str(application.pk))
    assert (entry.action, entry.actor, entry.actor_name) == ("create", user, "guangxin")
    assert entry.private is True  # a draft: its applicant's own until submitted
    assert entry.after["created_by_id"] == user.pk


def test_import_without_as_records_no_actor(host_org):
    from zhongshi.audit.models import AuditEntry

    assert import_file(COMPLETE).code == 0
    [entry] = AuditEntry.objects.filter(target_type="applications.Application")
    assert (entry.actor, entry.actor_name) == (None, "")


def test_import_with_an_unknown_credit_code_exits_2_and_stores_nothing(db):
    factories.HostOrgFactory()  # some other organisation

    outcome = import_file(COMPLETE)

    assert outcome.code == 2
    assert CREDIT_CODE in outcome.message
    assert Application.objects.count() == 0


def test_import_as_a_user_of_another_organisation_exits_2(host_org):
    factories.applicant(factories.HostOrgFactory(), username="zhizao")

    outcome = import_file(COMPLETE, "--as", "zhizao")

    assert outcome.code == 2
    assert "zhizao" in outcome.message
    assert Application.objects.count() == 0


def test_import_as_an_unknown_user_exits_2(host_org):
    outcome = import_file(COMPLETE, "--as", "nobody")

    assert outcome.code == 2
    assert "nobody" in outcome.message
    assert Application.objects.count() == 0


def test_import_with_an_unknown_call_exits_2(host_org):
    outcome = zhongshi("import-application", "--call", "nope", str(COMPLETE))

    assert outcome.code == 2
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("wrong-type", "foundation.fulltime_staff  [invalid_number]"),
        ("unknown-field", "basic.nickname  [unknown_field]"),
    ],
)
def test_import_of_a_structurally_broken_file_exits_1_and_stores_nothing(host_org, user, name, line):
    outcome = import_file(BROKEN / f"{name}.json", "--as", "guangxin")

    assert outcome.code == 1
    assert line in outcome.stderr
    assert Application.objects.count() == 0


def test_import_of_a_json_array_exits_1_and_stores_nothing(host_org, tmp_path):
    path = tmp_path / "array.json"
    path.write_text("[]", encoding="utf-8")

    outcome = import_file(path)

    assert outcome.code == 1
    assert "  [invalid_type]  " in outcome.stderr
    assert Application.objects.count() == 0


def test_import_of_an_incomplete_file_stores_a_draft(host_org, user):
    outcome = import_file(BROKEN / "missing-required.json", "--as", "guangxin")

    assert outcome.code == 0, (outcome.message, outcome.stderr)
    application = Application.objects.get()
    assert application.status == "draft"
    data = json.loads((BROKEN / "missing-required.json").read_text(encoding="utf-8"))
    assert application.answers == data
    assert "leader_name" not in application.answers["basic"]


# ---------------------------------------------------------------- export-application


@pytest.fixture
def imported(host_org, user) -> int:
    assert import_file(COMPLETE, "--as", "guangxin").code == 0
    return Application.objects.get().pk


def test_export_json_is_the_example(imported, tmp_path):
    out = tmp_path / "out.json"

    outcome = export(imported, "json", out)

    assert outcome.code == 0, outcome.message
    assert json.loads(out.read_bytes()) == example()


def test_export_import_export_is_byte_identical(imported, tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert export(imported, "json", first).code == 0

    assert import_file(first, "--as", "guangxin").code == 0
    again = Application.objects.exclude(pk=imported).get()
    assert again.answers == example()
    assert export(again.pk, "json", second).code == 0

    assert second.read_bytes() == first.read_bytes()


def test_export_of_an_unknown_id_exits_2(db, tmp_path):
    out = tmp_path / "out.json"

    for pk in ("999999", "abc"):
        outcome = export(pk, "json", out)  # type: ignore[arg-type]
        assert outcome.code == 2
        assert pk in outcome.message
    assert not out.exists()


def test_export_docx(imported, tmp_path):
    pytest.importorskip("zhongshi.applications.interfaces.export_docx")
    out = tmp_path / "out.docx"

    outcome = export(imported, "docx", out)

    assert outcome.code == 0, outcome.message
    assert out.read_bytes()[:2] == b"PK"


def test_export_pdf(imported, tmp_path):
    pytest.importorskip("zhongshi.applications.interfaces.export_docx")
    pytest.importorskip("zhongshi.applications.interfaces.export_pdf")
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / "out.pdf"

    outcome = export(imported, "pdf", out)

    assert outcome.code == 0, outcome.message
    assert out.read_bytes()[:4] == b"%PDF"


# ---------------------------------------------------------------- the real console script (slow)
# The subprocess uses its own embedded SQLite database in a temporary ZHONGSHI_DATA_DIR (tests/test_cli.py).


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("zhongshi-commands")


def test_script_check_application_of_the_complete_example(data_dir):
    result = run(data_dir, "check-application", "--call", CALL, str(COMPLETE), "--json")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == COMPLETE_REPORT


def test_script_check_application_of_a_forbidden_platform_name(data_dir):
    result = run(data_dir, "check-application", "--call", CALL, str(BROKEN / "platform-name.json"), "--json")

    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["submittable"] is False
    assert "name_forbidden_term" in {issue["code"] for issue in report["errors"]}


def test_script_form_schema_of_an_unknown_form(data_dir):
    result = run(data_dir, "form-schema", "nope")

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip()
    assert "Traceback" not in result.stderr
