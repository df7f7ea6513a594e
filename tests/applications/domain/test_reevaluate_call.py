"""Re-judging a call's applications in the database gives exactly the Python evaluator's verdicts.

Runs on whatever database the tests use (SQLite by default; PostgreSQL with DATABASE_URL), so the SQL that
``reevaluate_call`` compiles is checked against ``eligibility_of(evaluate_call(…))`` on both.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests import factories
from zhongshi.applications.domain.reevaluate_call import reevaluate_call, update_eligibility
from zhongshi.applications.models import Application
from zhongshi.audit.models import AuditEntry
from zhongshi.calls.domain.conditions import ConditionsError, condition_figures, eligibility_of, evaluate_call
from zhongshi.calls.models import Call

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = factories.example_answers()
BROKEN = {path.stem: json.loads(path.read_text(encoding="utf-8"))
          for path in sorted((ROOT / "examples" / "broken").glob("*.json"))}
MISSING = object()


def changed(*changes: tuple[str, Any]) -> dict[str, Any]:
    """The example with (dotted path, value) changes; MISSING deletes the key."""
    data = copy.deepcopy(EXAMPLE)
    for path, value in changes:
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node.setdefault(part, {})
        if value is MISSING:
            node.pop(last, None)
        else:
            node[last] = value
    return data


def revenue(last: Any, current: Any, main_2025: Any, ratio_current: Any) -> dict[str, Any]:
    amounts = {key: value for key, value in (("last_year", last), ("current_year", current)) if value is not MISSING}
    return changed(("service.service_revenue_wan", amounts),
                   ("service.service_revenue_ratio_pct", {"last_year": 1, "current_year": ratio_current}),
                   ("basic.main_revenue_wan.2025", main_2025))


EDGE_CASES: dict[str, Any] = {
    "equipment 999.99": changed(("foundation.equipment_value_wan", 999.99)),
    "equipment 1000": changed(("foundation.equipment_value_wan", 1000)),
    "equipment 1000.0": changed(("foundation.equipment_value_wan", 1000.0)),
    "equipment missing": changed(("foundation.equipment_value_wan", MISSING)),
    "equipment null": changed(("foundation.equipment_value_wan", None)),
    "equipment as text": changed(("foundation.equipment_value_wan", "3280")),
    "equipment as boolean": changed(("foundation.equipment_value_wan", True)),
    "equipment as object": changed(("foundation.equipment_value_wan", {"value": 3280})),
    "equipment huge": changed(("foundation.equipment_value_wan", 1e12)),
    "staff 4": changed(("foundation.fulltime_staff", 4)),
    "staff 5": changed(("foundation.fulltime_staff", 5)),
    "enterprises 2/2": changed(("service.enterprises_served", {"last_year": 2, "current_year": 2})),
    "enterprises 2/3": changed(("service.enterprises_served", {"last_year": 2, "current_year": 3})),
    "enterprises -/3": changed(("service.enterprises_served", {"current_year": 3})),
    "enterprises 2/-": changed(("service.enterprises_served", {"last_year": 2})),
    "enterprises as list": changed(("service.enterprises_served", [5, 5])),
    "products 0/0": changed(("service.industrialized_products", {"last_year": 0, "current_year": 0})),
    "products 0/1": changed(("service.industrialized_products", {"last_year": 0, "current_year": 1})),
    "revenue current year only": revenue(100, 500, 17200, 1),
    "revenue none": revenue(100, 499.99, 17200, 1),
    "revenue computed ratio only": revenue(499.99, 100, 9999.8, 1),
    "revenue computed ratio 4.9999": revenue(499.99, 100, 10000, 1),
    "revenue ratio exactly 5 in decimals": revenue(12.34, 0, 246.8, 1),
    "revenue ratio just below": revenue(12.33, 0, 246.8, 1),
    "revenue declared current ratio only": revenue(100, 100, 17200, 5),
    "revenue declared current ratio 4.99": revenue(100, 100, 17200, 4.99),
    "main revenue 0": revenue(100, 100, 0, 1),
    "main revenue 0, amount passes": revenue(600, 100, 0, 1),
    "main revenue negative": revenue(100, 100, -5, 1),
    "main revenue missing": revenue(100, 100, MISSING, 1),
    "main revenue as list": changed(("service.service_revenue_wan", {"last_year": 100, "current_year": 100}),
                                    ("service.service_revenue_ratio_pct", {"last_year": 1, "current_year": 1}),
                                    ("basic.main_revenue_wan", [17200, 15360, 13480])),
    "last-year revenue missing": revenue(MISSING, 100, 17200, 1),
    "violations yes": changed(("basic.violations_last_3_years", True), ("basic.violations_detail", "2024年受到行政处罚")),
    "violations missing": changed(("basic.violations_last_3_years", MISSING)),
    "violations as 0": changed(("basic.violations_last_3_years", 0)),
    "violations as text": changed(("basic.violations_last_3_years", "否")),
    "service missing": changed(("service", MISSING)),
    "empty": {},
    "a list": [1, 2, 3],
    "a string": "申报书",
}
ALL_ANSWERS = {"example": EXAMPLE, **{f"broken {name}": data for name, data in BROKEN.items()}, **EDGE_CASES}

CUSTOM_CONDITIONS = [
    {"id": "strict", "clause": "一", "label": "高于、低于、不高于", "all": [
        {"path": "foundation.fulltime_staff", "op": "gt", "value": 5, "name": "专职人员"},
        {"path": "foundation.equipment_value_wan", "op": "lt", "value": 5000.5, "name": "原值"},
        {"any": [{"path": "service.enterprises_served.current_year", "op": "lte", "value": 3, "name": "企业"},
                 {"all": [{"path": "basic.violations_last_3_years", "op": "eq", "value": True, "name": "违法"},
                          {"path": "service.industrialized_products.last_year", "op": "eq", "value": 4, "name": "产品"}]}]},
    ]},
    {"id": "small_share", "clause": "二", "label": "比例低于", "test": {
        "ratio": ["service.service_revenue_wan.current_year", "basic.main_revenue_wan.2024"], "op": "lt",
        "value": 0.9, "unit": "%", "name": "申报当年度占比"}},
]


def expected(call: Call, answers: Any) -> str:
    return eligibility_of(evaluate_call(call, answers))


def create_all(call: Call) -> dict[str, Application]:
    host_org = factories.HostOrgFactory()
    return {name: Application.objects.create(call=call, host_org=host_org, form_code="hubei-2026", answers=data)
            for name, data in ALL_ANSWERS.items()}


@pytest.fixture
def custom_call() -> Call:
    hubei = factories.call()
    return Call.objects.create(code="custom-conditions", title="自定义条件", level=hubei.level,
                               form_code="hubei-2026", conditions=CUSTOM_CONDITIONS)


@pytest.mark.parametrize("code", ["hubei-2026-provincial", "miit-reserve", "custom-conditions"])
def test_the_database_verdicts_equal_the_python_evaluator(code, custom_call) -> None:
    call = factories.call(code)
    applications = create_all(call)

    counts = reevaluate_call(call)

    stored = dict(Application.objects.filter(call=call).values_list("pk", "eligibility_record__eligibility"))
    mismatches = {name: (stored[app.pk], expected(call, app.answers))
                  for name, app in applications.items() if stored[app.pk] != expected(call, app.answers)}
    assert mismatches == {}
    tally = Counter(stored.values())
    assert counts == {verdict: tally[verdict] for verdict in ("eligible", "ineligible", "unknown")}
    assert sum(counts.values()) == len(ALL_ANSWERS) >= 40
    assert all(counts[verdict] > 0 for verdict in ("eligible", "ineligible", "unknown"))


def test_the_edge_cases_get_the_verdicts_the_seed_calls_for() -> None:
    call = factories.call()
    applications = create_all(call)

    reevaluate_call(call)

    stored = dict(Application.objects.filter(call=call).values_list("pk", "eligibility_record__eligibility"))
    verdict = {name: stored[app.pk] for name, app in applications.items()}
    assert {name: verdict[name] for name in EDGE_CASES} == {
        "equipment 999.99": "ineligible", "equipment 1000": "eligible", "equipment 1000.0": "eligible",
        "equipment missing": "unknown", "equipment null": "unknown", "equipment as text": "unknown",
        "equipment as boolean": "unknown", "equipment as object": "unknown", "equipment huge": "eligible",
        "staff 4": "ineligible", "staff 5": "eligible",
        "enterprises 2/2": "ineligible", "enterprises 2/3": "eligible", "enterprises -/3": "eligible",
        "enterprises 2/-": "unknown", "enterprises as list": "unknown",
        "products 0/0": "ineligible", "products 0/1": "eligible",
        "revenue current year only": "eligible", "revenue none": "ineligible",
        "revenue computed ratio only": "eligible", "revenue computed ratio 4.9999": "ineligible",
        "revenue ratio exactly 5 in decimals": "eligible", "revenue ratio just below": "ineligible",
        "revenue declared current ratio only": "eligible", "revenue declared current ratio 4.99": "ineligible",
        "main revenue 0": "unknown", "main revenue 0, amount passes": "eligible", "main revenue negative": "unknown",
        "main revenue missing": "unknown", "main revenue as list": "unknown", "last-year revenue missing": "unknown",
        "violations yes": "ineligible", "violations missing": "unknown", "violations as 0": "unknown",
        "violations as text": "unknown", "service missing": "unknown",
        "empty": "unknown", "a list": "unknown", "a string": "unknown",
    }
    assert verdict["example"] == "eligible"
    # The broken variants' conditions: only the missing or mistyped staff count leaves a condition undecided.
    assert {name for name in BROKEN if verdict[f"broken {name}"] != "eligible"} == {"missing-required", "wrong-type"}


def test_a_threshold_change_rejudges_only_the_call_and_is_logged() -> None:
    call = factories.call()
    host_org = factories.HostOrgFactory()
    low = factories.application(host_org, answers=changed(("foundation.equipment_value_wan", 1200)))
    high = factories.application(host_org)  # 3,280 万元
    unknown = factories.application(host_org, answers=changed(("foundation.equipment_value_wan", MISSING)))
    other = factories.application(host_org, call_code="miit-reserve",
                                  answers=changed(("foundation.equipment_value_wan", 1200)))
    assert reevaluate_call(call) == {"eligible": 2, "ineligible": 0, "unknown": 1}
    updated_at = Application.objects.get(pk=high.pk).updated_at

    conditions = copy.deepcopy(call.conditions)
    conditions[0]["test"]["value"] = 1500
    call.conditions = conditions
    call.save()
    counts = reevaluate_call(call)

    assert counts == {"eligible": 1, "ineligible": 1, "unknown": 1}
    assert dict(Application.objects.values_list("pk", "eligibility_record__eligibility")) == {
        low.pk: "ineligible", high.pk: "eligible", unknown.pk: "unknown", other.pk: "eligible"}
    assert Application.objects.get(pk=high.pk).updated_at == updated_at  # a verdict is not an edit
    entry = AuditEntry.objects.filter(target_type="calls.Call", target_id=str(call.pk), action="update",
                                      message__startswith="重新判定").first()
    assert entry is not None
    assert entry.message == "重新判定申报条件：符合 1，不符合 1，无法判断 1"
    assert entry.after == {"eligibility_counts": {"eligible": 1, "ineligible": 1, "unknown": 1}, "changed": 1}

    assert reevaluate_call(call) == counts
    again = AuditEntry.objects.filter(target_type="calls.Call", message__startswith="重新判定").first()
    assert again is not None and again.after["changed"] == 0


def test_a_call_without_applications_or_conditions() -> None:
    empty = Call.objects.create(code="no-conditions", title="无条件", level=factories.call().level,
                                form_code="hubei-2026", conditions=[])
    assert reevaluate_call(empty) == {"eligible": 0, "ineligible": 0, "unknown": 0}
    application = factories.application(call_code="no-conditions", answers={})
    assert reevaluate_call(empty) == {"eligible": 1, "ineligible": 0, "unknown": 0}
    application.refresh_from_db()
    assert application.eligibility == "eligible"


def test_invalid_conditions_are_refused() -> None:
    call = factories.call()
    call.conditions = [{"id": "x", "clause": "一", "label": "x", "test": {"path": "a", "op": "ge", "value": 1,
                                                                          "name": "a"}}]
    call.save()
    with pytest.raises(ConditionsError):
        reevaluate_call(call)


def test_update_eligibility_judges_one_application() -> None:
    application = factories.application()  # the factory judges it, as every save does
    assert application.eligibility == "eligible"
    application.eligibility_record.delete()
    application = Application.objects.get(pk=application.pk)
    assert application.eligibility == ""

    assert update_eligibility(application) == "eligible"
    application.refresh_from_db()
    assert application.eligibility == "eligible"

    application.answers["foundation"]["fulltime_staff"] = 4
    application.save()
    assert update_eligibility(application) == "ineligible"
    assert Application.objects.get(pk=application.pk).eligibility == "ineligible"

    application.answers["foundation"].pop("fulltime_staff")
    application.save()
    assert update_eligibility(application) == "unknown"
    assert Application.objects.get(pk=application.pk).eligibility == "unknown"


@pytest.mark.parametrize("code", ["hubei-2026-provincial", "miit-reserve", "custom-conditions"])
def test_the_condition_figures_judge_exactly_like_the_full_answers(code, custom_call) -> None:
    call = factories.call(code)

    for name, data in ALL_ANSWERS.items():
        full = [r.passed for r in evaluate_call(call, data)]
        assert [r.passed for r in evaluate_call(call, condition_figures(data))] == full, name
    assert condition_figures(EXAMPLE)["foundation"]["equipment_value_wan"] == 3280
    assert "platform_name" not in condition_figures(EXAMPLE)["basic"]
    assert condition_figures(["not", "an", "object"]) == {}
