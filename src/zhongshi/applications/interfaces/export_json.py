"""Answers of any form as JSON (for the 申报书: contracts.md §2): the stored answers in the form's order,
computed values left out, so export → import → export gives the same bytes."""

from __future__ import annotations

import json
from typing import Any

from zhongshi.formversions.domain.formdef import FormDef, load_form
from zhongshi.formversions.domain.normalise_answers import normalise_answers


def render_json(form: FormDef | str, answers: dict[str, Any]) -> bytes:
    """``answers`` as the JSON file of ``form`` (a definition or the code of one that ships with the system)."""
    definition = load_form(form) if isinstance(form, str) else form
    data = normalise_answers(definition, answers)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()
