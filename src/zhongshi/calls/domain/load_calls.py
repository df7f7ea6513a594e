"""Load the calls that ship with the system (calls/data/calls.yaml, contracts.md §3)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction

from zhongshi.core.yaml_files import load_yaml
from zhongshi.formversions.domain.formdef import FormDef, load_form

CALLS_FILE = Path(__file__).resolve().parent.parent / "data" / "calls.yaml"


def evidence_from_form(form: FormDef) -> list[dict[str, Any]]:
    """The evidence requirements printed in the form's 佐证材料清单 (its file_list fields)."""
    requirements = []
    for item in form.iter_fields():
        if item.type != "file_list":
            continue
        requirement: dict[str, Any] = {"key": item.key, "label": item.label, "required": item.required,
                                       "help": item.help}
        if item.required_if:
            requirement["required_if"] = dict(item.required_if)
        requirements.append(requirement)
    return requirements


@transaction.atomic
def load_builtin_calls() -> int:
    """Create the built-in calls that do not exist yet; returns how many were created."""
    from zhongshi.calls.models import Call
    from zhongshi.organisations.models import Authority

    created = 0
    for raw in load_yaml(CALLS_FILE.read_text(encoding="utf-8"))["calls"]:
        existing = Call.objects.filter(code=raw["code"]).first()
        if existing is not None:
            # A built-in call created by an earlier version gets the parts it did not have yet; what its
            # administrators set is never overwritten.
            missing = [key for key in ("conditions", "checklist", "chain", "summary_columns")
                       if existing.builtin and not getattr(existing, key) and raw.get(key)]
            for key in missing:
                setattr(existing, key, list(raw[key]))
            if missing:
                existing.save(update_fields=missing)
            continue
        form = load_form(raw["form"])
        evidence = evidence_from_form(form) if raw.get("evidence") == "from_form" else list(raw.get("evidence") or [])
        Call.objects.create(
            code=raw["code"], title=raw["title"], level=raw["level"], form_code=raw["form"],
            issuer=Authority.objects.filter(region__code=raw.get("issuer_region")).first(),
            status=raw.get("status", "open"), notice=raw.get("notice", ""), evidence=evidence, builtin=True,
            conditions=list(raw.get("conditions") or []), checklist=list(raw.get("checklist") or []),
            chain=list(raw.get("chain") or []), summary_columns=list(raw.get("summary_columns") or []),
        )
        created += 1
    return created
