"""Write examples/hubei-2026-complete.docx from examples/hubei-2026-complete.json.

Run: PYTHONPATH=src .venv/bin/python scripts/make_example_docx.py
(tests/applications/interfaces/test_export_docx.py checks that the file is what the renderer prints today;
run this after a change to the example, the form definition or the renderer that legitimately changes it.)
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "hubei-2026-complete.json"
OUT = ROOT / "examples" / "hubei-2026-complete.docx"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhongshi.config.django.base")
    import django

    django.setup()
    from zhongshi.applications.interfaces.export_docx import render_docx
    from zhongshi.formversions.domain.formdef import load_form

    answers = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    OUT.write_bytes(render_docx(load_form(answers["form"]), answers))
    sys.stdout.write(f"{OUT}\n")


if __name__ == "__main__":
    main()
