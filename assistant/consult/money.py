"""Sums of money and ages in a citizen's words (``cn2an``).

The one module that imports cn2an. Its "smart" mode reads colloquial numerals the way people
say them: 一万二 = 12,000, 三万五 = 35,000, 十八万八 = 188,000, 六千四 = 6,400. Money is a number
followed by 元/块/万, or a bare number of at least 100 said next to a money word (工资, 借, 欠,
赔, 押金 …) and not followed by a unit of time, count or size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

_CN = "零〇一二两三四五六七八九十百千万亿"
_NUMBER = re.compile(rf"(?P<n>[0-9０-９](?:[0-9０-９]|[,，.](?=[0-9０-９]))*[万千亿]?|[{_CN}]+)"
                     r"(?:(?P<approx>来|几|多)(?P<big>万|千))?"
                     r"(?P<unit>多)?(?P<cur>元钱|元|块钱|块|圆|万元|万块)?")
# "七八千", "三四万": two neighbouring digits say a range; the lower one is kept.
_RANGE = re.compile(r"([一二三四五六七八九])([一二三四五六七八九])(?=[十百千万])")
_NOT_MONEY_AFTER = re.compile(r"^(?:多)?(?:个|天|日|号|月|年|岁|周|人|次|倍|条|级|亩|平|米|公里|斤"
                              r"|小时|分钟|点|层|楼|间|套|%|％|分|成|口|户|本|张|页|辆)")
_MONEY_WORDS = re.compile(r"工资|工钱|薪|钱|借|欠|还|赔|押金|定金|订金|房租|租金|彩礼|礼金|费|款|价|花了|补偿|"
                          r"罚|给我|付|转账|收入|报销|损失|赡养|抚养|生活费|买|一共|总共|每月|一个月|"
                          r"值|首付|要|给了")
# "去诊所花了八十", "一箱六十": a small bare sum right after paying, or the price of a unit.
_PAID_JUST_BEFORE = re.compile(r"(?:花了|花掉|交了|付了|用了|掏了|一箱|一盒|一件|一瓶|一袋|一桶|一份|一斤|一包)$")
# "打12345投诉", "告到12315": the public service lines are the five-digit numbers 123xx.
_HOTLINE = re.compile(r"123[0-9]{2}")
_TOGETHER = re.compile(r"(?:儿)?(?:住|去|来|吃|玩|干|走|上|过|生活|长大|打工|做|在|回|出去)")
_AGE = re.compile(rf"(?P<n>[0-9]{{1,3}}|[{_CN}]{{1,4}})(?:周)?岁")
# "俺今年六十三了", "我妈七十二了", "俺儿子十七，", "那孩子才十三": a number right after a person
# (and 今年/才/都 …), ending the clause or followed by 了/啦 — an age without 岁.
_PERSON = (r"我|俺|咱|他|她|我妈|我爸|俺娘|俺爹|俺妈|俺爸|我娘|我爹|老伴|儿子|女儿|闺女|小子|孩子|娃|"
           r"侄子|孙子|孙女|外孙|爷爷|奶奶|姥姥|姥爷|老人|老汉|老太太|男孩|女孩|那孩子|弟弟|妹妹|我儿|俺儿")
_BARE_AGE = re.compile(
    rf"(?<![欠借给还赔要差付少拖扣罚到了])(?:{_PERSON})(?:今年|已经|都|才|刚|满|也|有)*"
    rf"(?P<n>[0-9]{{1,3}}|[{_CN}]{{1,4}})"
    r"(?:多)?(?=了|啦|[，,。；;！!？?\s]|$)")
_LIMIT_BEFORE = re.compile(r"(超过|超了|过了|不到|未满|低于|高于|大于|小于)$")
# "八个月大" is an age; "一个月大概七八千" is a month's pay, "大概" no age
_MONTHS_OLD = re.compile(rf"(?P<n>[0-9]{{1,2}}|[{_CN}]{{1,3}})个(?:多)?月(?:大)(?!概|约|致|多|部分)")


@dataclass(frozen=True, slots=True)
class MoneyMention:
    start: int
    end: int
    raw: str
    value: Decimal


@lru_cache(maxsize=1)
def _cn2an() -> Any:
    import cn2an

    return cn2an


_CAPITALS = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟", "一二三四五六七八九十百千")


def to_number(text: str) -> Decimal | None:
    """``一万二`` → 12000, ``3.5万`` → 35000, ``8,000`` → 8000; None when it is not a number."""
    t = text.translate(str.maketrans("０１２３４５６７８９，", "0123456789,")).translate(_CAPITALS)
    t = t.replace(",", "")
    if not t:
        return None
    try:
        value = _cn2an().cn2an(t, "smart")
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return Decimal(int(number)) if number == number.to_integral_value() else number.normalize()


def find_money(text: str) -> list[MoneyMention]:
    """Sums of money in ``text``, in order (see the module doc for what counts)."""
    out = []
    # 叁仟陆佰元 as written on an IOU or a receipt: the financial capitals read as 三千六百
    for m in _NUMBER.finditer(text.translate(_CAPITALS)):
        raw = text[m.start():m.end()]
        number = _RANGE.sub(r"\1", m["n"])
        if _NOT_MONEY_AFTER.match(text[m.end("n"):]) and not m["cur"] and not m["big"]:
            continue
        if raw == "一块" and _TOGETHER.match(text[m.end():]):
            continue  # "不跟俺们一块住": together, not one yuan
        if _HOTLINE.fullmatch(raw):
            continue  # a hotline, not a sum
        value = to_number(number.rstrip("万千亿") if number.endswith("万元") else number)
        if value is None or value <= 0:
            continue
        if m["big"]:  # 十来万, 二十多万, 七八千: the round number said
            value *= 10_000 if m["big"] == "万" else 1_000
        if m["cur"] and m["cur"].startswith("万"):
            value *= 10_000
        # A Chinese numeral with 万 or 千 in it (六千四, 一万二) is said of money.
        has_unit = bool(m["cur"] or m["big"]) or number[-1] in "万千亿" or (
            not number[0].isdigit() and ("万" in number or "千" in number))
        if not has_unit and not (value >= 100 and _MONEY_WORDS.search(_window(text, m.start()))) \
                and not (value >= 10 and _PAID_JUST_BEFORE.search(text[:m.start()])):
            continue
        out.append(MoneyMention(m.start(), m.end(), raw, value))
    return out


def _window(text: str, at: int) -> str:
    """The clause around a number and the clause before it (the money word is often a clause
    back: "还有三个月工钱没给，一共一万五")."""
    clauses = re.split(r"[，,。；;！!？?\n]", text[:at])
    head = "，".join(clauses[-2:])[-24:]
    return head + re.split(r"[，,。；;！!？?\n]", text[at:])[0]


def find_ages(text: str) -> list[tuple[int, int]]:
    """``(position, age)`` for each age in ``text``: first every "N岁" and "八个月大" (age 0) in
    order, then the bare numbers right after a person ("俺今年六十三了", "俺儿子十七，")."""
    said = [(m.start("n"), int(v)) for m in _AGE.finditer(text)
            if (v := to_number(m["n"])) is not None and 0 < v < 130]
    said += [(m.start(), 0) for m in _MONTHS_OLD.finditer(text)]
    bare = [(m.start("n"), int(v)) for m in _BARE_AGE.finditer(text)
            if (v := to_number(m["n"])) is not None and 0 < v < 130]
    # "超过六十岁了": a limit someone names, not the age; an exact age said anywhere comes first
    limits = [p for p in said if _LIMIT_BEFORE.search(text[max(0, p[0] - 3):p[0]])]
    exact = [p for p in said if p not in limits]
    return sorted(exact) + sorted(p for p in bare if p not in said) + sorted(limits)


__all__ = ["MoneyMention", "find_ages", "find_money", "to_number"]
