"""The complete example passes everything; each broken variant produces exactly the codes its manifest lists."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from zhongshi.formversions.domain.check_answers import check_answers
from zhongshi.formversions.domain.formdef import load_form
from zhongshi.formversions.domain.scan_answers import scan_answers

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("make_broken_examples", ROOT / "scripts" / "make_broken_examples.py")
assert _spec and _spec.loader
make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make)

COMPLETE = json.loads((ROOT / "examples" / "hubei-2026-complete.json").read_text(encoding="utf-8"))
VARIANTS = make.load_variants()


def _codes(issues) -> list[tuple[str, str]]:
    return sorted((i.path, i.code) for i in issues)


def test_the_complete_example_has_no_error_and_no_warning() -> None:
    form = load_form("hubei-2026")
    result = check_answers(form, COMPLETE)
    assert result.errors == []
    assert result.warnings == []
    assert scan_answers(form, COMPLETE) == []
    assert result.computed["foundation.equipment_value_computed"] == 3280.0
    assert result.computed["foundation.autonomy_rate_computed"] == 50.0
    assert result.computed["service.service_revenue_ratio_computed"] == 5.0
    assert result.computed["cover.platform_name"] == COMPLETE["basic"]["platform_name"]
    assert result.computed["cover.industry_field"] == "、".join(COMPLETE["basic"]["industry_clusters"])


@pytest.mark.parametrize("variant", VARIANTS, ids=[v["name"] for v in VARIANTS])
def test_each_broken_variant_gives_exactly_its_codes(variant) -> None:
    form = load_form("hubei-2026")
    data = make.build_variant(COMPLETE, variant)
    result = check_answers(form, data)
    warnings = result.warnings + scan_answers(form, data)
    assert _codes(result.errors) == sorted((e["path"], e["code"]) for e in variant["errors"])
    assert _codes(warnings) == sorted((w["path"], w["code"]) for w in variant["warnings"])


@pytest.mark.parametrize("variant", VARIANTS, ids=[v["name"] for v in VARIANTS])
def test_the_materialised_files_are_up_to_date(variant) -> None:
    path = ROOT / "examples" / "broken" / f"{variant['name']}.json"
    assert path.read_text(encoding="utf-8") == make.render(make.build_variant(COMPLETE, variant))
