"""basic.violations_last_3_years becomes a plain boolean, its 如是，具体为 text basic.violations_detail
(contracts.md §2): stored answers of drafts and of every submission round, the figures the conditions read,
and the conditions of every call that read ``basic.violations_last_3_years.answer``."""

from __future__ import annotations

from typing import Any

from django.db import migrations

OLD_PATH = "basic.violations_last_3_years.answer"
NEW_PATH = "basic.violations_last_3_years"
CHUNK = 500


def to_boolean(answers: Any) -> Any:
    """{"answer": b, "detail": t} → b, with t (when any) in violations_detail, right after it."""
    basic = answers.get("basic") if isinstance(answers, dict) else None
    if not isinstance(basic, dict) or not isinstance(basic.get("violations_last_3_years"), dict):
        return None
    old = basic["violations_last_3_years"]
    rebuilt: dict[str, Any] = {}
    for key, value in basic.items():
        if key == "violations_last_3_years":
            if isinstance(old.get("answer"), bool):
                rebuilt[key] = old["answer"]
            detail = old.get("detail")
            if isinstance(detail, str) and detail.strip() and not basic.get("violations_detail"):
                rebuilt["violations_detail"] = detail
        elif key != "violations_detail" or key not in rebuilt:
            rebuilt[key] = value
    return {**answers, "basic": rebuilt}


def to_object(answers: Any) -> Any:
    basic = answers.get("basic") if isinstance(answers, dict) else None
    if not isinstance(basic, dict) or not (
        isinstance(basic.get("violations_last_3_years"), bool) or "violations_detail" in basic
    ):
        return None
    rebuilt: dict[str, Any] = {}
    detail = basic.get("violations_detail")
    for key, value in basic.items():
        if key == "violations_last_3_years":
            rebuilt[key] = {"answer": value, "detail": detail if isinstance(detail, str) else ""}
        elif key != "violations_detail":
            rebuilt[key] = value
    return {**answers, "basic": rebuilt}


def figures_to_boolean(figures: Any) -> Any:
    basic = figures.get("basic") if isinstance(figures, dict) else None
    old = basic.get("violations_last_3_years") if isinstance(basic, dict) else None
    if not isinstance(old, dict):
        return None
    rebuilt = {k: v for k, v in basic.items() if k != "violations_last_3_years"}
    if "answer" in old:
        rebuilt["violations_last_3_years"] = old["answer"]
    return {**figures, "basic": rebuilt}


def figures_to_object(figures: Any) -> Any:
    basic = figures.get("basic") if isinstance(figures, dict) else None
    if not isinstance(basic, dict) or "violations_last_3_years" not in basic:
        return None
    return {**figures, "basic": {**basic, "violations_last_3_years": {"answer": basic["violations_last_3_years"]}}}


def rename_path(node: Any, old: str, new: str) -> Any:
    """The conditions with every test of ``old`` reading ``new`` (tests, any/all groups and ratios)."""
    if isinstance(node, dict):
        return {k: (new if k == "path" and v == old else rename_path(v, old, new)) for k, v in node.items()}
    if isinstance(node, list):
        return [new if item == old else rename_path(item, old, new) for item in node]
    return node


def convert(model: Any, field: str, change: Any) -> None:
    batch = []
    for row in model.objects.only("pk", field).iterator(chunk_size=CHUNK):
        changed = change(getattr(row, field))
        if changed is not None:
            setattr(row, field, changed)
            batch.append(row)
        if len(batch) >= CHUNK:
            model.objects.bulk_update(batch, [field])
            batch = []
    if batch:
        model.objects.bulk_update(batch, [field])


def forwards(apps: Any, schema_editor: Any) -> None:
    convert(apps.get_model("applications", "Application"), "answers", to_boolean)
    convert(apps.get_model("applications", "ApplicationRound"), "answers", to_boolean)
    convert(apps.get_model("applications", "ApplicationFigures"), "figures", figures_to_boolean)
    convert(apps.get_model("calls", "Call"), "conditions",
            lambda conditions: (None if OLD_PATH not in str(conditions) else rename_path(conditions, OLD_PATH, NEW_PATH)))


def backwards(apps: Any, schema_editor: Any) -> None:
    convert(apps.get_model("applications", "Application"), "answers", to_object)
    convert(apps.get_model("applications", "ApplicationRound"), "answers", to_object)
    convert(apps.get_model("applications", "ApplicationFigures"), "figures", figures_to_object)
    convert(apps.get_model("calls", "Call"), "conditions",
            lambda conditions: (None if NEW_PATH not in str(conditions) else rename_path(conditions, NEW_PATH, OLD_PATH)))


class Migration(migrations.Migration):

    dependencies = [
        ("applications", "0005_eligibility_figures"),
        ("calls", "0003_published"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
