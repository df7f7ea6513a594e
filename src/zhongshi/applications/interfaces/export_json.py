"""The 申报书 as JSON (contracts.md §2): the stored answers in the form's order, computed values left out."""

from __future__ import annotations

import json
from typing import Any

from zhongshi.formversions.domain.formdef import load_form
from zhongshi.formversions.domain.normalise_answers import normalise_answers


def render_json(form_code: str, answers: dict[str, Any]) -> bytes:
    data = normalise_answers(load_form(form_code), answers)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()
