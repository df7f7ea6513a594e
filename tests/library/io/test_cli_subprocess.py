"""The three commands as a user runs them: the installed `zhongshi` console script on the embedded SQLite
database of a fresh data directory (tests/test_cli.py's runner), exit codes and streams included."""

from __future__ import annotations

import json

from tests.library.io.conftest import CODE_A, sample_file
from tests.test_cli import data_dir, run  # noqa: F401  (the subprocess runner and its data directory)


def test_import_export_and_status_through_the_console_script(data_dir, tmp_path):  # noqa: F811
    source = tmp_path / "platforms.json"
    source.write_text(json.dumps(sample_file(), ensure_ascii=False), encoding="utf-8")
    exported, again = tmp_path / "exported.json", tmp_path / "again.json"

    first = run(data_dir, "import-platforms", str(source), "--json")
    second = run(data_dir, "import-platforms", str(source), "--json")
    export = run(data_dir, "export-platforms", "-o", str(exported))
    reimport = run(data_dir, "import-platforms", str(exported), "--json")
    run(data_dir, "export-platforms", "-o", str(again))
    status = run(data_dir, "platform-status", CODE_A, "--on", "2029-03-01", "--json")

    assert (first.returncode, json.loads(first.stdout)) == (0, {"created": 3, "updated": 0, "errors": []})
    assert (second.returncode, json.loads(second.stdout)) == (0, {"created": 0, "updated": 0, "errors": []})
    assert (export.returncode, export.stdout, export.stderr) == (0, "", "")
    assert json.loads(reimport.stdout) == {"created": 0, "updated": 0, "errors": []}
    assert again.read_bytes() == exported.read_bytes()
    assert (status.returncode, json.loads(status.stdout)["banned_until"]) == (0, "2031-02-28")


def test_unusable_input_exits_2_with_the_message_on_stderr(data_dir, tmp_path):  # noqa: F811
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    bad = sample_file()
    bad["platforms"][0]["tier"] = "city"
    invalid = tmp_path / "invalid.json"
    invalid.write_text(json.dumps(bad), encoding="utf-8")

    unreadable = run(data_dir, "import-platforms", str(broken))
    refused = run(data_dir, "import-platforms", str(invalid), "--json")
    status = run(data_dir, "platform-status", "9142", "--json")

    assert (unreadable.returncode, unreadable.stdout) == (2, "")
    assert unreadable.stderr.startswith(f"CommandError: {broken} 不是有效的 JSON：第 1 行第 2 列")
    assert refused.returncode == 1
    assert [e["path"] for e in json.loads(refused.stdout)["errors"]] == ["platforms[0].tier"]
    assert (status.returncode, status.stderr) == (2, "CommandError: 9142：统一社会信用代码应为18位。\n")
