"""承诺声明: “我单位申报的所有材料……内容已进行脱敏脱密处理” (seed 000 附件2, 五、承诺声明).

Before an application is submitted, free text is scanned for personal data (resident ID numbers,
mobile numbers, e-mail addresses, bank card numbers) and classification marks (绝密, 机密, 秘密,
内部资料). Hits are warnings for the applicant to remove or confirm; they never block submission.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum import luhn
from stdnum.cn import ric

ID_CARD = "sensitive_id_card"
PHONE = "sensitive_phone"
EMAIL = "sensitive_email"
BANK_CARD = "sensitive_bank_card"
CLASSIFICATION = "sensitive_classification"

CLASSIFICATION_MARKS = ("绝密", "机密", "秘密", "内部资料")

# Full-width digits, Latin letters and the punctuation used in numbers and addresses, mapped to
# ASCII one character for one character, so offsets in the normalised text equal the original ones.
_FULL_WIDTH = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ＠．＋－＿"
_ASCII = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz@.+-_"
_TO_ASCII = str.maketrans(_FULL_WIDTH, _ASCII)

# re.ASCII keeps \d to 0-9: other Unicode digits are neither matched nor validated.
_ID_CARD_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])", re.ASCII)
# 3-4-4 with one separator kind throughout; an optional +86 / 86 / 0086 country prefix.
_PHONE_RE = re.compile(
    r"(?<!\d)(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?P<sep>[ -]?)\d{4}(?P=sep)\d{4}(?!\d)",
    re.ASCII,
)
_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])",
    re.ASCII,
)
# 16-19 digits in one run, or in groups of four (the last group may be shorter) joined by one separator kind.
_BANK_CARD_RE = re.compile(
    r"(?<![0-9A-Za-z])(?<![0-9][ -])"
    r"(?:\d{16,19}|\d{4}(?P<sep>[ -])\d{4}(?P=sep)\d{4}(?P=sep)\d{4}(?:(?P=sep)\d{1,3})?)"
    r"(?![0-9A-Za-z])(?![ -][0-9])",
    re.ASCII,
)
_CLASSIFICATION_RE = re.compile("|".join(CLASSIFICATION_MARKS))

_DESCRIPTIONS = {
    ID_CARD: "疑似身份证号码",
    PHONE: "疑似手机号码",
    EMAIL: "疑似电子邮箱",
    BANK_CARD: "疑似银行卡号",
}


@dataclass(frozen=True)
class SensitiveHit:
    code: str  # one of ID_CARD, PHONE, EMAIL, BANK_CARD, CLASSIFICATION
    text: str  # the matched text, masked for display (classification marks as they are)
    start: int  # offset in the scanned text
    end: int


def mask(text: str) -> str:
    """``text`` with only its first 3 and last 2 characters visible: ``110***4X``."""
    if len(text) <= 5:
        return "*" * len(text)
    return f"{text[:3]}***{text[-2:]}"


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isascii() and char.isdigit())


def _candidates(text: str) -> list[SensitiveHit]:
    normal = text.translate(_TO_ASCII)
    found: list[SensitiveHit] = []

    def add(code: str, match: re.Match[str]) -> None:
        start, end = match.span()
        shown = text[start:end] if code == CLASSIFICATION else mask(text[start:end])
        found.append(SensitiveHit(code, shown, start, end))

    for match in _ID_CARD_RE.finditer(normal):
        if ric.is_valid(match.group()):
            add(ID_CARD, match)
    for match in _PHONE_RE.finditer(normal):
        add(PHONE, match)
    for match in _EMAIL_RE.finditer(normal):
        add(EMAIL, match)
    for match in _BANK_CARD_RE.finditer(normal):
        number = _digits(match.group())
        if 16 <= len(number) <= 19 and luhn.is_valid(number) and not ric.is_valid(number):
            add(BANK_CARD, match)
    for match in _CLASSIFICATION_RE.finditer(text):
        add(CLASSIFICATION, match)
    return found


def scan_text(text: str) -> list[SensitiveHit]:
    """Personal data and classification marks in ``text``, in order of position.

    Where two hits overlap (a mobile number that is the local part of an e-mail address), the one
    that starts first is kept, and of two starting together the longer one.
    """
    hits: list[SensitiveHit] = []
    for hit in sorted(_candidates(text or ""), key=lambda hit: (hit.start, -hit.end)):
        if not hits or hit.start >= hits[-1].end:
            hits.append(hit)
    return hits


def describe_hit(hit: SensitiveHit) -> str:
    """A Chinese message for the applicant about ``hit``."""
    if hit.code == CLASSIFICATION:
        return f"含有密级标识“{hit.text}”，请脱密处理或确认无误"
    return f"{_DESCRIPTIONS[hit.code]} {hit.text}，请脱敏处理或确认无误"
