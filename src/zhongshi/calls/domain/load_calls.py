"""Load the calls that ship with the system (calls/data/calls.yaml, contracts.md §3)."""

from __future__ import annotations

import copy
import hashlib
import json
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


# The parts of a built-in call that an upgrade may bring to an existing one.
UPGRADED = ("conditions", "checklist", "chain", "rounds", "summary_columns")


def fingerprint(value: Any) -> str:
    """A short fingerprint of a call's part as stored (``superseded`` in calls.yaml lists those of earlier
    shipped versions): ``python -c "from zhongshi.calls.domain.load_calls import fingerprint; print(fingerprint(…))"``."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def upgrade_builtin_call(call: Any, raw: dict[str, Any]) -> list[str]:
    """Bring an existing built-in call's parts to the shipped version, where its administrators have not
    changed them: a part still empty, or still exactly as an earlier version shipped it (its fingerprint is
    listed under ``superseded``), is replaced; a part an issuing authority edited is kept. A call whose
    conditions changed has its applications judged again (``conditions_changed``). Returns the parts changed."""
    if not call.builtin:
        return []
    superseded = raw.get("superseded") or {}
    changed = []
    for key in UPGRADED:
        shipped, current = raw.get(key), getattr(call, key)
        if not shipped or current == shipped:
            continue
        if not current or fingerprint(current) in (superseded.get(key) or []):
            setattr(call, key, copy.deepcopy(list(shipped)))
            changed.append(key)
    if changed:
        call.save(update_fields=changed)
    if "conditions" in changed:
        from zhongshi.calls.domain.update_call import rejudge_call

        rejudge_call(call=call, actor=None)
    return changed


@transaction.atomic
def load_builtin_calls() -> int:
    """Create the built-in calls that do not exist yet (returns how many were created) and upgrade the
    existing ones where their administrators left them as shipped (``upgrade_builtin_call``)."""
    from zhongshi.calls.models import Call
    from zhongshi.organisations.models import Authority

    created = 0
    for raw in load_yaml(CALLS_FILE.read_text(encoding="utf-8"))["calls"]:
        existing = Call.objects.filter(code=raw["code"]).first()
        if existing is not None:
            upgrade_builtin_call(existing, raw)
            continue
        form = load_form(raw["form"])
        evidence = evidence_from_form(form) if raw.get("evidence") == "from_form" else list(raw.get("evidence") or [])
        Call.objects.create(
            code=raw["code"], title=raw["title"], level=raw["level"], form_code=raw["form"],
            issuer=Authority.objects.filter(region__code=raw.get("issuer_region")).first(),
            status=raw.get("status", "open"), notice=raw.get("notice", ""), evidence=evidence, builtin=True,
            conditions=list(raw.get("conditions") or []), checklist=list(raw.get("checklist") or []),
            chain=list(raw.get("chain") or []), rounds=list(raw.get("rounds") or []),
            summary_columns=list(raw.get("summary_columns") or []),
        )
        created += 1
    return created
