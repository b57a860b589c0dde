"""Masking personal data in log text: ID numbers, bank cards, phone numbers and self-given names.

Masks are placeholders without digits, so masking twice changes nothing and no digit of a
masked number survives. Over-masking a character after a name is accepted; leaking is not.
"""

from __future__ import annotations

import re

ID_MASK = "[身份证号]"
CARD_MASK = "[卡号]"
MOBILE_MASK = "[手机号]"
LANDLINE_MASK = "[电话]"
NAME_MASK = "[姓名]"

_ND = r"(?<![0-9０-９])"  # not preceded by a digit (ASCII or full-width)
_NDA = r"(?![0-9０-９])"  # not followed by a digit

# 18-digit resident ID: 6-digit region, birth date, 3-digit sequence, check digit (0-9 or X).
_ID = re.compile(_ND + r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
                 r"\d{3}[0-9Xx]" + _NDA)
# Anything else of 16-19 digits is treated as a bank card.
_CARD = re.compile(_ND + r"\d{16,19}" + _NDA)
# Mainland mobile, optionally +86/86, with optional spaces or hyphens as 3-4-4.
_MOBILE = re.compile(_ND + r"(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}" + _NDA)
# Landline: area code 0xx/0xxx (optionally in brackets) then 7-8 digits, optional extension.
_LANDLINE = re.compile(
    _ND + r"(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}[ -]?)\d{7,8}(?:-\d{1,6})?" + _NDA
)

_COMPOUND_SURNAMES = (
    "欧阳|司马|诸葛|上官|东方|皇甫|令狐|慕容|夏侯|尉迟|公孙|长孙|宇文|司徒|端木|独孤|南宫|西门|"
    "呼延|百里|澹台|轩辕|单于|太史|申屠|闻人|钟离|万俟"
)
_HAN = r"[\u4e00-\u9fff]"
# Up to two given-name characters after a one- or two-character surname.
_NAME = rf"(?:(?:{_COMPOUND_SURNAMES}){_HAN}{{1,2}}|{_HAN}{{2,3}})"
_NAME_AFTER = re.compile(
    r"(我叫|我名叫|我的名字是|我的名字叫|名字是|名字叫|本人叫|本人名叫|姓名\s*[:：]?\s*"
    rf"|当事人\s*[:：]\s*|申请人\s*[:：]\s*)({_NAME})"
)
_SURNAME_AFTER = re.compile(rf"(我姓|本人姓)({_HAN})")


def mask_pii(text: str) -> str:
    """``text`` with ID numbers, bank cards, phone numbers and self-given names replaced."""
    if not text:
        return text
    text = _ID.sub(ID_MASK, text)
    text = _CARD.sub(CARD_MASK, text)
    text = _MOBILE.sub(MOBILE_MASK, text)
    text = _LANDLINE.sub(LANDLINE_MASK, text)
    text = _NAME_AFTER.sub(lambda m: m.group(1) + NAME_MASK, text)
    return _SURNAME_AFTER.sub(lambda m: m.group(1) + "某", text)
