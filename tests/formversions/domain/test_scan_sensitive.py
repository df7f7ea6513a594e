from __future__ import annotations

import pytest
from stdnum.cn import ric

from zhongshi.formversions.domain.scan_sensitive import SensitiveHit, describe_hit, mask, scan_text

# 110105 (北京市朝阳区), born 1949-12-31, sequence 002: the check digit is X.
ID_BODY = "11010519491231002"
ID_NUMBER = ID_BODY + ric.calc_check_digit(ID_BODY + "0")
# A valid ID number whose 18 digits also pass the Luhn check, so it looks like a bank card too.
ID_NUMBER_LUHN_VALID = "110105194912310150"
CARD_16 = "6228480012345671"
CARD_19 = "6222021234567890128"


def codes(text: str) -> list[str]:
    return [hit.code for hit in scan_text(text)]


def test_the_example_id_number_ends_in_x() -> None:
    assert ID_NUMBER == "11010519491231002X"
    assert ric.is_valid(ID_NUMBER)


def test_empty_and_clean_text_have_no_hit() -> None:
    assert scan_text("") == []
    assert scan_text("平台拥有中试设备 120 台（套），2025 年服务企业 86 家，联系电话见附件。") == []


def test_a_valid_id_number_is_flagged_with_its_offsets() -> None:
    assert scan_text(f"负责人身份证号{ID_NUMBER}。") == [SensitiveHit("sensitive_id_card", "110***2X", 7, 25)]


def test_a_lower_case_x_is_accepted() -> None:
    assert scan_text("11010519491231002x") == [SensitiveHit("sensitive_id_card", "110***2x", 0, 18)]


def test_full_width_digits_are_read_and_shown_as_written() -> None:
    assert scan_text("证件：１１０１０５１９４９１２３１００２Ｘ") == [
        SensitiveHit("sensitive_id_card", "１１０***２Ｘ", 3, 21)
    ]


def test_a_wrong_check_digit_is_not_an_id_number() -> None:
    assert scan_text("110105194912310021") == []


def test_a_wrong_check_digit_that_passes_luhn_is_a_bank_card_number() -> None:
    assert scan_text("110105194912310028") == [SensitiveHit("sensitive_bank_card", "110***28", 0, 18)]


def test_an_impossible_birth_date_is_not_an_id_number() -> None:
    body = "11010519491331002"  # month 13
    number = body + ric.calc_check_digit(body + "0")
    assert number == "110105194913310021"
    assert scan_text(number) == []


@pytest.mark.parametrize(
    "text",
    [f"9{ID_NUMBER}", f"{ID_NUMBER}7", f"A{ID_NUMBER}", f"{ID_NUMBER}b", f"{ID_NUMBER_LUHN_VALID}1"],
)
def test_an_id_number_inside_a_longer_run_is_not_flagged(text: str) -> None:
    assert scan_text(text) == []


def test_an_id_number_that_passes_luhn_is_not_a_bank_card_number() -> None:
    assert scan_text(ID_NUMBER_LUHN_VALID) == [SensitiveHit("sensitive_id_card", "110***50", 0, 18)]


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("13800138000", SensitiveHit("sensitive_phone", "138***00", 0, 11)),
        ("电话：19912345678。", SensitiveHit("sensitive_phone", "199***78", 3, 14)),
        ("138 0013 8000", SensitiveHit("sensitive_phone", "138***00", 0, 13)),
        ("138-0013-8000", SensitiveHit("sensitive_phone", "138***00", 0, 13)),
        ("+8613800138000", SensitiveHit("sensitive_phone", "+86***00", 0, 14)),
        ("+86 138 0013 8000", SensitiveHit("sensitive_phone", "+86***00", 0, 17)),
        ("86-13800138000", SensitiveHit("sensitive_phone", "86-***00", 0, 14)),
        ("0086 13800138000", SensitiveHit("sensitive_phone", "008***00", 0, 16)),
        ("Tel:15527001234", SensitiveHit("sensitive_phone", "155***34", 4, 15)),
        ("１３８００１３８０００", SensitiveHit("sensitive_phone", "１３８***００", 0, 11)),
    ],
)
def test_mobile_numbers_are_flagged(text: str, hit: SensitiveHit) -> None:
    assert scan_text(text) == [hit]


@pytest.mark.parametrize(
    "text",
    [
        "027-87654321",  # landline
        "(027)87654321",
        "138001380001",  # 12 digits
        "213800138000",
        "12800138000",  # no mobile network starts with 12
        "138 0013-8000",  # mixed separators
        "1380 013 8000",
    ],
)
def test_other_numbers_are_not_mobile_numbers(text: str) -> None:
    assert scan_text(text) == []


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("zhangsan@example.com", SensitiveHit("sensitive_email", "zha***om", 0, 20)),
        ("邮箱：li.si+zs@mail.whu.edu.cn。", SensitiveHit("sensitive_email", "li.***cn", 3, 27)),
        ("联系 a_b-c@hust-lab.org.", SensitiveHit("sensitive_email", "a_b***rg", 3, 21)),
        ("ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ", SensitiveHit("sensitive_email", "ｗａｎ***ｃｎ", 0, 15)),
    ],
)
def test_email_addresses_are_flagged(text: str, hit: SensitiveHit) -> None:
    assert scan_text(text) == [hit]


@pytest.mark.parametrize("text", ["user@localhost", "@example.com", "zhangsan@", "版本 v1.2@3.4"])
def test_incomplete_addresses_are_not_flagged(text: str) -> None:
    assert scan_text(text) == []


def test_a_mobile_number_as_the_local_part_is_one_email_address() -> None:
    assert scan_text("13800138000@163.com") == [SensitiveHit("sensitive_email", "138***om", 0, 19)]


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        (CARD_16, SensitiveHit("sensitive_bank_card", "622***71", 0, 16)),
        ("6228 4800 1234 5671", SensitiveHit("sensitive_bank_card", "622***71", 0, 19)),
        ("6228-4800-1234-5671", SensitiveHit("sensitive_bank_card", "622***71", 0, 19)),
        (CARD_19, SensitiveHit("sensitive_bank_card", "622***28", 0, 19)),
        ("账号：6222 0212 3456 7890 128。", SensitiveHit("sensitive_bank_card", "622***28", 3, 26)),
    ],
)
def test_bank_card_numbers_are_flagged(text: str, hit: SensitiveHit) -> None:
    assert scan_text(text) == [hit]


@pytest.mark.parametrize(
    "text",
    [
        "6228480012345672",  # fails the Luhn check
        "6228 4800 1234 5672",
        "622848001234567",  # 15 digits
        "62284800123456710000",  # 20 digits
        f"1{CARD_16}",
        "6228 4800-1234 5671",  # mixed separators
        "6228 4800 1234 5671 0000 1",  # part of a longer grouped run
        f"NO{CARD_16}",
    ],
)
def test_other_digit_runs_are_not_bank_card_numbers(text: str) -> None:
    assert scan_text(text) == []


@pytest.mark.parametrize("mark", ["绝密", "机密", "秘密", "内部资料"])
def test_each_classification_mark_is_flagged_as_is(mark: str) -> None:
    assert scan_text(f"本材料（{mark}）仅供评审") == [SensitiveHit("sensitive_classification", mark, 4, 4 + len(mark))]


def test_every_occurrence_of_a_mark_is_flagged_once() -> None:
    assert scan_text("绝密★机密★秘密★机密") == [
        SensitiveHit("sensitive_classification", "绝密", 0, 2),
        SensitiveHit("sensitive_classification", "机密", 3, 5),
        SensitiveHit("sensitive_classification", "秘密", 6, 8),
        SensitiveHit("sensitive_classification", "机密", 9, 11),
    ]


@pytest.mark.parametrize("text", ["本单位严格落实保密制度", "不涉密", "密级：公开", "内部管理资料"])
def test_other_secrecy_words_are_not_flagged(text: str) -> None:
    assert scan_text(text) == []


def test_hits_come_in_order_of_position() -> None:
    text = f"内部资料：联系人 wang@example.cn，手机 139-1234-5678，身份证 {ID_NUMBER}，卡号 {CARD_16}，机密"
    assert codes(text) == [
        "sensitive_classification",
        "sensitive_email",
        "sensitive_phone",
        "sensitive_id_card",
        "sensitive_bank_card",
        "sensitive_classification",
    ]
    assert [(hit.text, text[hit.start : hit.end]) for hit in scan_text(text)] == [
        ("内部资料", "内部资料"),
        ("wan***cn", "wang@example.cn"),
        ("139***78", "139-1234-5678"),
        ("110***2X", ID_NUMBER),
        ("622***71", CARD_16),
        ("机密", "机密"),
    ]


@pytest.mark.parametrize(
    ("text", "masked"),
    [("11010519491231002X", "110***2X"), ("a@b.cn", "a@b***cn"), ("123456", "123***56"), ("12345", "*****"), ("", "")],
)
def test_mask_keeps_the_first_three_and_last_two_characters(text: str, masked: str) -> None:
    assert mask(text) == masked


@pytest.mark.parametrize(
    ("hit", "message"),
    [
        (SensitiveHit("sensitive_id_card", "110***2X", 0, 18), "疑似身份证号码 110***2X，请脱敏处理或确认无误"),
        (SensitiveHit("sensitive_phone", "138***00", 0, 11), "疑似手机号码 138***00，请脱敏处理或确认无误"),
        (SensitiveHit("sensitive_email", "zha***om", 0, 20), "疑似电子邮箱 zha***om，请脱敏处理或确认无误"),
        (SensitiveHit("sensitive_bank_card", "622***71", 0, 16), "疑似银行卡号 622***71，请脱敏处理或确认无误"),
        (SensitiveHit("sensitive_classification", "机密", 0, 2), "含有密级标识“机密”，请脱密处理或确认无误"),
    ],
)
def test_describe_hit(hit: SensitiveHit, message: str) -> None:
    assert describe_hit(hit) == message
