"""The interface is Chinese: every message of the zh_Hans catalogue is translated, none is fuzzy."""

from __future__ import annotations

import re
from pathlib import Path

import zhongshi

CATALOGUE = Path(zhongshi.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def _entries(text: str) -> list[str]:
    return [block for block in text.split("\n\n") if 'msgid "' in block and not block.startswith('msgid ""\nmsgstr ""\n"')]


def test_every_message_is_translated_and_none_is_fuzzy() -> None:
    text = CATALOGUE.read_text(encoding="utf-8")
    entries = _entries(text)
    assert len(entries) > 250
    assert "#, fuzzy" not in text.split("\n\n", 1)[1]
    untranslated = [e for e in entries if re.search(r'msgstr(\[0\])? ""\Z', e.strip())]
    assert untranslated == []
