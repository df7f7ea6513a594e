"""Write examples/broken/<name>.json from examples/broken/variants.yaml and the complete example.

Run: .venv/bin/python scripts/make_broken_examples.py   (the tests check that the files are up to date)
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from zhongshi.formversions.domain.paths import parse_path

ROOT = Path(__file__).resolve().parent.parent
COMPLETE = ROOT / "examples" / "hubei-2026-complete.json"
BROKEN = ROOT / "examples" / "broken"


def _steps(path: str) -> list[str | int]:
    return parse_path(path)


def _parent(data: Any, path: str) -> tuple[Any, str | int]:
    steps = _steps(path)
    node = data
    for step in steps[:-1]:
        node = node[step]
    return node, steps[-1]


def _value(current: Any, value: Any) -> Any:
    if isinstance(value, str) and value.startswith("@@") and value.endswith("@@"):
        directive = value[2:-2]
        if directive == "1001 CJK characters":
            return "中" * 1001
        if directive.startswith("append: "):
            return f"{current}{directive[len('append: '):]}"
        raise ValueError(directive)
    return value


def build_variant(complete: dict[str, Any], variant: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(complete)
    for path, value in (variant.get("set") or {}).items():
        parent, key = _parent(data, path)
        current = parent[key] if (isinstance(parent, list) or key in parent) else None
        parent[key] = _value(current, value)
    for path in variant.get("delete") or []:
        parent, key = _parent(data, path)
        del parent[key]
    for path, count in (variant.get("keep_first") or {}).items():
        parent, key = _parent(data, path)
        parent[key] = parent[key][:count]
    return data


def load_variants() -> list[dict[str, Any]]:
    return list(yaml.safe_load((BROKEN / "variants.yaml").read_text(encoding="utf-8"))["variants"])


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    complete = json.loads(COMPLETE.read_text(encoding="utf-8"))
    for variant in load_variants():
        (BROKEN / f"{variant['name']}.json").write_text(render(build_variant(complete, variant)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
