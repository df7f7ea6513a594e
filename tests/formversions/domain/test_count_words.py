from __future__ import annotations

import pytest

from zhongshi.formversions.domain.count_words import count_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("   \n\t", 0),
        ("中试平台", 4),
        ("中试平台。", 5),  # full-width full stop counts 1
        ("平台拥有 CNAS 等服务资质", 10),  # 9 CJK + CNAS as one run
        ("主要依据GB2403、GJB548等技术标准开展中试。", 17),  # 13 CJK, GB2403 1, 、1, GJB548 1, 。1
        ("反应温度：-40℃ ~ 200℃;", 8),  # 4 CJK, ：1, "-40℃" 1, "~" 1, "200℃;" 1
        ("“从芯片结构设计到封装测试验证”", 16),  # 14 CJK + 2 curly quotes
        ("Pilot test platform", 3),
        ("中\u3000试", 2),  # a full-width space is not a character of text
        ("𠀀𠀁", 2),  # CJK extension B
    ],
)
def test_counts_like_word_and_wps(text: str, expected: int) -> None:
    assert count_words(text) == expected


def test_a_thousand_character_introduction_is_exactly_at_the_limit() -> None:
    text = "中试" * 500
    assert count_words(text) == 1000
    assert count_words(text + "。") == 1001
