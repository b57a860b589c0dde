"""How a written answer is read aloud: what a listener hears of its layout (``listening_form``)
and digits, dates, times and hotlines in Chinese words (``spoken_form``).

espeak-ng reads a bare number as a quantity ("2024年" → 两千零二十四年, "12348" → 一万二千…), so
years, dates, clock times and telephone numbers are rewritten first; everything else numeric
(amounts, percentages, decimals, fractions, 第82条) goes through cn2an's ``an2cn``.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)

DIGITS = "零一二三四五六七八九"
PHONE_DIGITS = "零幺二三四五六七八九"  # 1 is read 幺 in telephone numbers
# Public hotlines read digit by digit (emergency, legal aid, consumer, labour, citizens' line).
HOTLINES = frozenset({"110", "119", "120", "122", "12309", "12315", "12333", "12338", "12345",
                      "12348", "12351", "12368"})
# A number followed by one of these is a quantity, never a telephone number.
_UNIT = r"[元万亿千百年月日天号个人名岁周倍次条款项章节%％.．点]"
_FULLWIDTH = str.maketrans("０１２３４５６７８９％", "0123456789%")

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_CLOCK = re.compile(r"(?<!\d)([01]?\d|2[0-3])[:：]([0-5]\d)(?!\d)")
_RANGE = re.compile(r"(?<=\d)\s*[-~～—–]\s*(?=\d)")
_PHONE = re.compile(rf"(?<![\d.])(\d{{7,}}|\d{{3,5}})(?![\d.])(?!\s*{_UNIT})")
_YEAR = re.compile(r"(?<![\d.])(\d{4})(?=\s*年)")
_COUNT_YEARS = re.compile(r"(?<![\d.])(\d{1,3}|\d{5,})(?=\s*年)")
# Layout that only the eye needs: a section heading 【答复】 becomes a short sentence; book-title
# marks (espeak-ng pauses at each: "依据 … 劳动合同法 … 第八十二条"), bullets and ellipses go.
_HEADING = re.compile(r"【([^】\n]{1,30})】")
# An aside for the eye: the holiday note is on the screen; read aloud it pushes the next step
# out of the first minute.
_ASIDE = re.compile(r"（[^（）]*节假日[^（）]*）")
_SILENT = re.compile(r"[《》〈〉·•●▪◆◇■□☐☑▸▾…]+|\.{3,}")
_SPACES = re.compile(r"[ \t\u3000]+")
_PAUSE_AT_END = tuple("。！？；：，、!?;:,）)】”’\"'")


@lru_cache(maxsize=1)
def _cn2an() -> Any:
    import cn2an  # 0.1 s to import (it reads its tables): only when something is read aloud

    return cn2an


def digit_by_digit(number: str, *, phone: bool = False) -> str:
    table = PHONE_DIGITS if phone else DIGITS
    return "".join(table[int(d)] for d in number)


def _phone(m: re.Match[str]) -> str:
    number = m.group(1)
    if len(number) >= 7 or number in HOTLINES:
        return digit_by_digit(number, phone=True)
    return number


def _clock(m: re.Match[str]) -> str:
    hours, minutes = int(m.group(1)), int(m.group(2))
    spoken = f"{_cn2an().an2cn(hours)}点"
    return spoken if minutes == 0 else f"{spoken}{_cn2an().an2cn(minutes)}分"


def listening_form(text: str) -> str:
    """``text`` without the marks that are there for the eye, one line per non-blank line, each
    ending in a pause (a list item or glossary line without a full stop gets one).

    "【法律依据】\n1. 《劳动合同法》第八十二条：……" → "法律依据。\n1. 劳动合同法第八十二条："
    """
    text = _HEADING.sub(lambda m: f"\n{m.group(1).strip()}。\n", text)
    text = _ASIDE.sub("", text)
    text = _SILENT.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line if line.endswith(_PAUSE_AT_END) else line + "。"
                     for line in lines if line and not _only_marks(line))


def _only_marks(line: str) -> bool:
    return all(not ch.isalnum() for ch in line)


def spoken_form(text: str) -> str:
    """``text`` with every Arabic numeral written as it is read in Mandarin.

    "2024-03-05前拨打12348" → "二零二四年三月五日前拨打幺二三四八"; "工作满3年，工资3,000元"
    → "工作满三年，工资三千元"; "9:30" → "九点三十分"; "3-5天" → "三到五天".
    """
    text = text.translate(_FULLWIDTH)
    text = _THOUSANDS.sub("", text)
    text = _ISO_DATE.sub(r"\1年\2月\3日", text)
    text = _CLOCK.sub(_clock, text)
    text = _RANGE.sub("到", text)
    text = _PHONE.sub(_phone, text)
    text = _YEAR.sub(lambda m: digit_by_digit(m.group(1)), text)
    # cn2an reads every "NN年" as a year (三零年); a count of years is a quantity (三十年).
    text = _COUNT_YEARS.sub(lambda m: str(_cn2an().an2cn(m.group(1))), text)
    try:
        return str(_cn2an().transform(text, "an2cn"))
    except (ValueError, KeyError, IndexError) as e:  # an odd pattern: read numbers one by one
        log.warning("cn2an could not read %r: %s", text[:80], e)
        return re.sub(r"\d", lambda m: DIGITS[int(m.group())], text)
