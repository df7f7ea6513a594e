"""Count 字数 as Word and WPS do for Chinese text: the word limits of the 申报书 (平台介绍 1000 字 …).

Each CJK character counts 1, each full-width punctuation mark counts 1, and each run of other visible
characters (Latin letters, digits, half-width punctuation: ``CNAS``, ``GB2403``, ``-40``) counts 1.
White space counts nothing.
"""

from __future__ import annotations

import re

# CJK ideographs (unified, extension A, compatibility) and the supplementary planes' extensions B–G.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Full-width punctuation: CJK symbols and punctuation (not the ideographic space U+3000, which is white
# space), full-width forms, and the curly quotes, dash, ellipsis and middle dot of Chinese text (“”‘’—…·).
_FULL_WIDTH = "\u3001-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
_TOKEN = re.compile(rf"[{_CJK}]|[{_FULL_WIDTH}]|[^\s{_CJK}{_FULL_WIDTH}]+")


def count_words(text: str) -> int:
    """The 字数 of ``text`` by the Word/WPS rule (a full-width space U+3000 counts nothing)."""
    return len(_TOKEN.findall(text or ""))
