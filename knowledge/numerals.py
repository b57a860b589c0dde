"""Chinese and Arabic numerals as used in statute article numbers (第一千零七十九条, 第82条)."""

from __future__ import annotations

import re

CN_DIGITS = "零〇一二两三四五六七八九十百千"
NUM_PATTERN = rf"[0-9０-９{CN_DIGITS}]+"
"""An article, paragraph or item number in Arabic, full-width or Chinese digits (第82条,
第一千零七十九条): the one pattern citations, answers and facts use."""

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_DIGITS = "零一二三四五六七八九"
_CN_UNITS = ("千", "百", "十", "")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_ARABIC_RE = re.compile(r"[0-9]+")
MAX_CN = 9999


def cn_to_int(s: str) -> int:
    """Value of an article number written in Chinese (一百零三) or Arabic (103, １０３) digits.

    Raises ValueError for anything that is not a well-formed numeral below 10,000 in Chinese
    form (colloquial abbreviations such as 二百六 for 260 are rejected as ambiguous).
    """
    t = s.strip().translate(_FULL_WIDTH)
    if not t:
        raise ValueError("empty numeral")
    if _ARABIC_RE.fullmatch(t):
        return int(t)
    if any(ch not in _DIGITS and ch not in _UNITS for ch in t):
        raise ValueError(f"not a numeral: {s!r}")
    if not any(ch in _UNITS for ch in t):
        # Positional form (一〇七九) as written in dates and some headings.
        return int("".join(str(_DIGITS[ch]) for ch in t))
    value = _cn_value(t)
    canonical = int_to_cn(value)
    normalised = t.replace("〇", "零").replace("两", "二")
    if normalised not in (canonical, "一" + canonical if canonical.startswith("十") else ""):
        raise ValueError(f"malformed Chinese numeral: {s!r}")
    return value


def _cn_value(t: str) -> int:
    total, digit = 0, None
    for ch in t:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)


def int_to_cn(n: int) -> str:
    """Statute form of ``n`` (0 <= n <= 9999): 10 → 十, 110 → 一百一十, 1079 → 一千零七十九."""
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_CN:
        raise ValueError(f"article numbers must be integers in 0..{MAX_CN}: {n!r}")
    if n == 0:
        return "零"
    out: list[str] = []
    zero_pending = False
    for unit_index, d in enumerate(int(c) for c in f"{n:04d}"):
        if d == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append("零")
            zero_pending = False
        out.append(_CN_DIGITS[d] + _CN_UNITS[unit_index])
    s = "".join(out)
    return s[1:] if s.startswith("一十") else s
