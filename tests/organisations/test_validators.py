"""src/zhongshi/organisations/validators.py"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.factories import credit_code
from zhongshi.organisations.validators import normalise_credit_code, validate_credit_code

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015


def wrong_check_character(code: str) -> str:
    return code[:17] + next(c for c in ALPHABET if c != code[17])


@pytest.mark.parametrize("prefix", ["91420100MA", "12420115MB", "91330106MA", "5142"])
def test_accepts_valid_codes(prefix):
    code = credit_code(prefix)

    assert len(code) == 18
    assert validate_credit_code(code) is None


def test_accepts_a_known_real_format_code():
    assert validate_credit_code("91110000600037341L") is None


def test_rejects_a_wrong_check_character():
    code = wrong_check_character(credit_code())

    with pytest.raises(ValidationError) as info:
        validate_credit_code(code)

    assert info.value.code == "credit_code_checksum"
    assert info.value.messages == ["统一社会信用代码无效：校验码不符（GB 32100-2015）。"]
    assert "无效" in info.value.messages[0]


def test_rejects_a_wrong_length():
    with pytest.raises(ValidationError) as info:
        validate_credit_code(credit_code()[:17])

    assert info.value.code == "credit_code_length"


def test_rejects_characters_outside_the_alphabet():
    code = credit_code()
    with pytest.raises(ValidationError) as info:
        validate_credit_code(code[:10] + "I" + code[11:])

    assert info.value.code == "credit_code_format"
    assert info.value.messages == ["统一社会信用代码无效：含有不允许使用的字符。"]


def test_normalise_removes_spaces_and_dashes_and_upper_cases():
    code = credit_code()

    assert normalise_credit_code(f" {code[:6]}-{code[6:12]} {code[12:].lower()} ") == code
    assert normalise_credit_code("") == ""
