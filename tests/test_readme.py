"""Every command the README shows under ``<!-- readme-commands -->`` works exactly as written on a fresh demo
database (the second quick-start command's promise): each exits 0."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- readme-commands -->\n```sh\n(.*?)```", text, re.S)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line.strip()]


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["ZHONGSHI_DATA_DIR"] = str(data_dir)
    return env


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("readme-demo")
    for args in (["migrate", "--noinput", "-v", "0"], ["load-demo", "--quiet"]):
        subprocess.run([str(VENV_BIN / "zhongshi"), *args], env=_env(data_dir), check=True, timeout=300,
                       capture_output=True)
    return data_dir


def test_the_readme_shows_commands() -> None:
    assert len(readme_commands()) == 6


@pytest.mark.parametrize("line", readme_commands())
def test_each_readme_command_works_as_written(demo_dir: Path, line: str) -> None:
    args = shlex.split(line)
    assert args[0] == ".venv/bin/zhongshi"
    args[0] = str(VENV_BIN / "zhongshi")  # the venv running the tests is the project's .venv in CI
    result = subprocess.run(args, cwd=REPO, env=_env(demo_dir), capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0, result.stderr
