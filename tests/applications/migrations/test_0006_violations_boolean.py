"""src/zhongshi/applications/migrations/0006_violations_boolean.py: stored answers of drafts and rounds, the
figures the conditions read and the calls' conditions follow basic.violations_last_3_years to a boolean."""

from __future__ import annotations

import copy
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from tests import factories
from zhongshi.applications.domain.reevaluate_call import update_eligibility
from zhongshi.applications.models import Application, ApplicationFigures, ApplicationRound
from zhongshi.calls.domain.conditions import evaluate_call

migration = importlib.import_module("zhongshi.applications.migrations.0006_violations_boolean")


def old_shape(answer: bool, detail: str = "") -> dict:
    """The complete example as the form stored it before: {"answer": …, "detail": …}."""
    answers = factories.example_answers()
    basic = {}
    for key, value in answers["basic"].items():
        basic[key] = {"answer": answer, "detail": detail} if key == "violations_last_3_years" else value
    return {**answers, "basic": basic}


def test_answers_become_a_boolean_with_the_detail_beside_it() -> None:
    converted = migration.to_boolean(old_shape(True, "2024年受到行政处罚"))
    keys = list(converted["basic"])
    assert converted["basic"]["violations_last_3_years"] is True
    assert converted["basic"]["violations_detail"] == "2024年受到行政处罚"
    assert keys.index("violations_detail") == keys.index("violations_last_3_years") + 1
    assert migration.to_boolean(old_shape(False)) == factories.example_answers()
    assert migration.to_boolean(factories.example_answers()) is None  # already converted: untouched
    assert migration.to_boolean({"basic": {"violations_last_3_years": {"detail": "只有说明"}}}) == {
        "basic": {"violations_detail": "只有说明"}}
    assert migration.to_object(migration.to_boolean(old_shape(True, "处罚"))) == old_shape(True, "处罚")


@pytest.mark.django_db
def test_the_migration_converts_every_stored_copy_and_keeps_the_verdicts() -> None:
    call = factories.call()
    old_conditions = migration.rename_path(copy.deepcopy(call.conditions), migration.NEW_PATH, migration.OLD_PATH)
    assert "basic.violations_last_3_years.answer" in str(old_conditions)
    call.conditions = old_conditions
    call.save(update_fields=["conditions"])
    yes = factories.application(answers=old_shape(True, "2024年受到行政处罚"), registered=False)
    no = factories.application(answers=old_shape(False), registered=False)
    ApplicationRound.objects.create(application=yes, number=1, answers=old_shape(True, "2024年受到行政处罚"),
                                    revision=1, submitted_at=timezone.now())
    assert ApplicationFigures.objects.get(pk=yes.pk).figures["basic"]["violations_last_3_years"] == {"answer": True}

    migration.forwards(apps, None)

    call.refresh_from_db()
    assert "basic.violations_last_3_years.answer" not in str(call.conditions)
    assert {"path": "basic.violations_last_3_years", "op": "eq", "value": False,
            "name": "近三年是否发生违法违规行为等情形"} in [c.get("test") for c in call.conditions]
    yes.refresh_from_db()
    no.refresh_from_db()
    assert (yes.answers["basic"]["violations_last_3_years"], yes.answers["basic"]["violations_detail"]) == (
        True, "2024年受到行政处罚")
    assert no.answers == factories.example_answers()
    assert ApplicationRound.objects.get().answers == yes.answers
    figures = {f.pk: f.figures["basic"]["violations_last_3_years"] for f in ApplicationFigures.objects.all()}
    assert figures == {yes.pk: True, no.pk: False}
    results = {a.pk: [r.passed for r in evaluate_call(call, a.answers) if r.id == "no_violations"]
               for a in Application.objects.all()}
    assert results == {yes.pk: [False], no.pk: [True]}
    update_eligibility(no)
    assert ApplicationFigures.objects.get(pk=no.pk).eligibility == "eligible"

    migration.backwards(apps, None)
    no.refresh_from_db()
    call.refresh_from_db()
    assert no.answers == old_shape(False)
    assert "basic.violations_last_3_years.answer" in str(call.conditions)
