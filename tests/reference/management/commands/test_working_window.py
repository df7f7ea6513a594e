"""src/zhongshi/reference/management/commands/working_window.py"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from zhongshi.reference.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db

ZHONGSHI = Path(sys.executable).with_name("zhongshi")


def working_window(*args: str) -> str:
    out = StringIO()
    call_command("working_window", *args, stdout=out)
    return out.getvalue()


def test_prints_the_last_five_working_days_one_a_line():
    assert working_window("2026-12") == "2026-12-25\n2026-12-28\n2026-12-29\n2026-12-30\n2026-12-31\n"


def test_json_prints_the_month_and_its_days_in_date_order():
    output = working_window("2026-06", "--json")

    assert json.loads(output) == {
        "month": "2026-06",
        "days": ["2026-06-24", "2026-06-25", "2026-06-26", "2026-06-29", "2026-06-30"],
    }
    assert (
        output
        == '{"month": "2026-06", "days": ["2026-06-24", "2026-06-25", "2026-06-26", "2026-06-29", "2026-06-30"]}\n'
    )


def test_last_n_counts_a_make_up_saturday():
    assert json.loads(working_window("2026-02", "--last", "2", "--json")) == {
        "month": "2026-02",
        "days": ["2026-02-27", "2026-02-28"],
    }
    assert working_window("2026-09", "--last=3") == "2026-09-28\n2026-09-29\n2026-09-30\n"


def test_the_table_overrides_chinesecalendar():
    CalendarDay.objects.create(day="2026-12-31", is_working_day=False, name="临时放假")

    assert working_window("2026-12", "--last", "1") == "2026-12-30\n"


def test_a_complete_year_entered_by_an_administrator_is_usable():
    CalendarYear.objects.create(year=2027, complete=True)
    CalendarDay.objects.create(day="2027-12-31", is_working_day=False, name="元旦")

    assert working_window("2027-12", "--json") == (
        '{"month": "2027-12", "days": ["2027-12-24", "2027-12-27", "2027-12-28", "2027-12-29", "2027-12-30"]}\n'
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["2026-13"], "月份应写成 YYYY-MM（例如 2026-06），而不是“2026-13”", id="month-13"),
        pytest.param(["2026-00"], "月份应写成 YYYY-MM（例如 2026-06），而不是“2026-00”", id="month-0"),
        pytest.param(["26-06"], "月份应写成 YYYY-MM（例如 2026-06），而不是“26-06”", id="two-digit-year"),
        pytest.param(["2026-6"], "月份应写成 YYYY-MM（例如 2026-06），而不是“2026-6”", id="one-digit-month"),
        pytest.param(["2026-06-01"], "月份应写成 YYYY-MM（例如 2026-06），而不是“2026-06-01”", id="a-date"),
        pytest.param(["2026-06", "--last", "0"], "--last 应为正整数，而不是“0”", id="last-0"),
        pytest.param(["2026-06", "--last", "-2"], "--last 应为正整数，而不是“-2”", id="last-negative"),
        pytest.param(["2026-06", "--last", "x"], "--last 应为正整数，而不是“x”", id="last-not-a-number"),
        pytest.param(["2026-02", "--last", "17"], "2026 年 2 月只有 16 个工作日，不够 17 个", id="last-too-many"),
        pytest.param(["2027-01"], "没有 2027 年的官方节假日安排数据，请管理员在“节假日安排”中补充后再试", id="no-data"),
    ],
)
def test_unusable_input_is_a_command_error_with_returncode_2(args, message):
    out = StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("working_window", *args, stdout=out)

    assert raised.value.returncode == 2
    assert str(raised.value) == message
    assert out.getvalue() == ""


def test_an_incomplete_year_is_still_refused():
    CalendarYear.objects.create(year=2027, complete=False)

    with pytest.raises(CommandError, match="没有 2027 年的官方节假日安排数据") as raised:
        working_window("2027-06")
    assert raised.value.returncode == 2


# The console script, as a user runs it: embedded SQLite in a temporary data directory (see tests/test_cli.py).


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("zhongshi-data")


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["ZHONGSHI_DATA_DIR"] = str(data_dir)
    return subprocess.run([str(ZHONGSHI), *args], env=env, capture_output=True, text=True, timeout=120, check=False)


def test_the_console_script_prints_json_and_exits_0(data_dir):
    result = run(data_dir, "working-window", "2026-06", "--json")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "month": "2026-06",
        "days": ["2026-06-24", "2026-06-25", "2026-06-26", "2026-06-29", "2026-06-30"],
    }

    plain = run(data_dir, "working-window", "2026-12", "--last", "3")

    assert plain.returncode == 0, plain.stderr
    assert plain.stdout == "2026-12-29\n2026-12-30\n2026-12-31\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["2027-01", "--json"], "没有 2027 年的官方节假日安排数据", id="no-data"),
        pytest.param(["2026-13"], "月份应写成 YYYY-MM", id="malformed-month"),
        pytest.param(["2026-06", "--last", "0"], "--last 应为正整数", id="last-0"),
        pytest.param(["2026-06", "--last", "22"], "2026 年 6 月只有 21 个工作日，不够 22 个", id="last-too-many"),
    ],
)
def test_the_console_script_exits_2_with_the_error_on_stderr(data_dir, args, message):
    result = run(data_dir, "working-window", *args)

    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr
