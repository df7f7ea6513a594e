"""src/zhongshi/cli.py: the ``zhongshi`` command, run as a user runs it (a subprocess, embedded SQLite).

These tests always use SQLite in a temporary data directory: DATABASE_URL (and the test settings module)
are removed from the subprocess's environment, so they never touch the PostgreSQL test database.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ZHONGSHI = Path(sys.executable).with_name("zhongshi")
HEADER = "code,name,level,parent_code,kind\n"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("zhongshi-data")


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["ZHONGSHI_DATA_DIR"] = str(data_dir)
    return subprocess.run([str(ZHONGSHI), *args], env=env, capture_output=True, text=True, timeout=120, check=False)


COUNTS = ("SELECT (SELECT count(*) FROM accounts_user), (SELECT count(*) FROM organisations_hostorg), "
          "(SELECT count(*) FROM organisations_expert), (SELECT count(*) FROM organisations_demandenterprise)")


def query(data_dir: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(data_dir / "zhongshi.sqlite3") as connection:
        return connection.execute(sql).fetchall()


def test_the_command_is_installed():
    assert ZHONGSHI.exists()


def test_load_regions_with_a_missing_file_exits_2_with_a_message(data_dir):
    result = run(data_dir, "load-regions", "/nonexistent.csv")

    assert result.returncode == 2
    assert result.stdout == ""
    assert "CommandError: 无法读取行政区划文件 /nonexistent.csv" in result.stderr
    assert "Traceback" not in result.stderr
    # the embedded database was migrated first and holds the built-in divisions, nothing else
    assert query(data_dir, "SELECT count(*) FROM organisations_region WHERE code NOT LIKE '43%'") == [(226,)]


def test_load_regions_from_a_file(data_dir, tmp_path):
    path = tmp_path / "hunan.csv"
    path.write_text(HEADER + "430000,湖南省,province,,admin\n430100,长沙市,city,430000,admin\n", encoding="utf-8")

    result = run(data_dir, "load-regions", str(path))

    assert result.returncode == 0, result.stderr
    assert result.stdout == "2\n"
    assert query(data_dir, "SELECT path FROM organisations_region WHERE code = '430100'") == [("000000/430000/430100/",)]
    assert query(data_dir, "SELECT a.name FROM organisations_authority a JOIN organisations_region r "
                           "ON a.region_id = r.id WHERE r.code = '430000'") == [("湖南省经济和信息化厅",)]


def test_load_regions_with_a_bad_file_exits_2_and_loads_nothing(data_dir, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "440000,广东省,province,,admin\n440100,广州市,city,449900,admin\n", encoding="utf-8")

    result = run(data_dir, "load-regions", str(path))

    assert result.returncode == 2
    assert "CommandError: “广州市”（440100）的上级区划 449900 不存在" in result.stderr
    assert query(data_dir, "SELECT count(*) FROM organisations_region WHERE code LIKE '44%'") == [(0,)]


def test_load_demo_prints_the_logins_and_is_idempotent(data_dir):
    first = run(data_dir, "load-demo")

    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0] == "演示账号（密码均为 Zhongshi@2026）："
    assert [line.split()[0] for line in lines[1:]] == [
        "admin", "miit", "hubei", "zhejiang", "wuhan", "donghu", "jiangxia", "hongshan",
        "guangxin", "xincailiao", "zhizao", "expert", "qiye",
    ]
    assert "湖北省经济和信息化厅" in first.stdout
    assert "武汉光芯微电子技术有限公司" in first.stdout
    assert query(data_dir, COUNTS) == [(13, 4, 1, 1)]

    second = run(data_dir, "load-demo")

    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout
    assert query(data_dir, COUNTS) == [(13, 4, 1, 1)]
    assert query(data_dir, "SELECT count(*) FROM accounts_user WHERE username = 'admin'") == [(1,)]
    # the library holds the example platform list once (examples/platforms.json)
    assert query(data_dir, "SELECT tier, status, count(*) FROM library_pilotplatform GROUP BY tier, status "
                           "ORDER BY tier, status") == [("key", "active", 2), ("national", "active", 1),
                                                        ("provincial", "active", 5), ("reserve", "active", 3),
                                                        ("reserve", "removed", 1)]


def test_load_demo_quiet_prints_nothing(data_dir):
    result = run(data_dir, "load-demo", "--quiet")

    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert query(data_dir, "SELECT count(*) FROM accounts_user") == [(13,)]


def test_migrate_creates_the_embedded_data_directory(tmp_path):
    """A fresh clone has no var/: `zhongshi migrate` must create it rather than fail to open SQLite."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    data_dir = tmp_path / "fresh" / "var"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["ZHONGSHI_DATA_DIR"] = str(data_dir)
    result = subprocess.run([str(Path(sys.executable).parent / "zhongshi"), "migrate", "--noinput", "-v", "0"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (data_dir / "zhongshi.sqlite3").is_file()
