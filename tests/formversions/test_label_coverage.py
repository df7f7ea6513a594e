"""Every label, checkbox, instruction and printed text of seed 000 附件2 appears in the form version hubei-2026."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from zhongshi.formversions.domain.formdef import DEFINITIONS_DIR, VOCABULARIES_FILE

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_3c5a8f888cb4196d.txt"
SEED_IN_REPO = Path(__file__).resolve().parent / "data" / "seed-000-annex-2.txt"


def seed_text() -> str:
    """附件2 of seed 000: from its cover page to 填表说明 ⑨ (a copy ships with the tests for CI)."""
    return SEED_IN_REPO.read_text(encoding="utf-8")


def _norm(text: str) -> str:
    """Compare without white space, brackets' width, the printed blanks (____), the circled numbers that
    point to 填表说明 (the definition keeps them in ``note``) and a trailing colon."""
    text = re.sub(r"\s+", "", text)
    text = text.replace("(", "（").replace(")", "）").replace(":", "：").replace(",", "，").replace(";", "；")
    text = re.sub(r"[_①②③④⑤⑥⑦⑧⑨]", "", text)
    return text.removesuffix("：")


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def definition_text() -> str:
    data = yaml.safe_load((DEFINITIONS_DIR / "hubei-2026.yaml").read_text(encoding="utf-8"))
    vocabularies = yaml.safe_load(VOCABULARIES_FILE.read_text(encoding="utf-8"))
    used = set(re.findall(r"vocabulary: (\w+)", (DEFINITIONS_DIR / "hubei-2026.yaml").read_text()))
    names = [item["name"] for v in vocabularies["vocabularies"] if v["code"] in used for item in v["items"]]
    names += [g["name"] for v in vocabularies["vocabularies"] if v["code"] in used for g in v.get("groups") or []]
    strings = _strings(data)
    # Row captions print as 项目 1：, 项目 2：, …
    strings += [s.replace("{n}", str(n)) for s in strings if "{n}" in s for n in (1, 2, 3)]
    return "\n".join(_norm(s) for s in strings + names)


# Printed cells that are not labels: row numbers, ellipses, the placeholders of the cover page, the 示例's
# figures (the example is in the definition, but re-typed without the seed's stray spaces and image marks).
NOT_LABELS = re.compile(r"^(\d+\.?|\.\.\.|…|[.…]+|\[image:.*\]|XXX.*|X+|序\s*号?)$")


def seed_snippets() -> list[str]:
    snippets = []
    in_example = False
    for raw in seed_text().splitlines():
        line = raw.strip()
        if not line or NOT_LABELS.match(line):
            continue
        if line.startswith("示例") or line == "示":
            in_example = True
        if in_example and not line.startswith("4.运行机制"):
            continue
        in_example = False
        if line == "4.运行机制":
            in_example = False
        for part in re.split(r"☐", line):
            part = part.strip()
            if part and not NOT_LABELS.match(part):
                snippets.append(part)
    return snippets


def test_the_seed_copy_matches_the_seed_when_available() -> None:
    if not SEED.exists():
        pytest.skip("the shared seeds are not beside this checkout")
    text = SEED.read_text(encoding="utf-8")
    start = text.index("湖北省制造业中试平台\n申报书")
    end = text.index("⑨需在表格承诺说明一栏和骑缝处分别加盖依托单位公章，法人签字处需手写。")
    assert seed_text().strip() == text[start:end + len("⑨需在表格承诺说明一栏和骑缝处分别加盖依托单位公章，法人签字处需手写。")].strip()


def test_every_label_of_annex_2_is_in_the_definition() -> None:
    text = definition_text()
    snippets = seed_snippets()
    assert len(snippets) > 150
    missing = [s for s in snippets if _norm(s) not in text]
    assert missing == []
