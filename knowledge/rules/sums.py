"""Sums the law fixes by arithmetic, as cited data (``knowledge/data/sums.tsv``).

A row names the situations it belongs to, a formula, its multiple and minimum, and the articles
the arithmetic rests on (each with a phrase a test finds in the article's text):

- ``severance``: 劳动合同法第四十七条 — one month's wage per full year of service; six months or
  more of a started year count as a year, less than six months as half a month. ``multiple`` 2 is
  the compensation for an unlawful dismissal (第八十七条).
- ``double_wage``: the second wage for each month without a written contract, from the day after
  the first month of work to the day before a year is full (劳动合同法实施条例第七条): 11 months
  at most.
- ``price_multiple``: ``multiple`` × the price, at least ``minimum`` (消费者权益保护法第五十五条:
  three times, at least 500; 食品安全法第一百四十八条: ten times, at least 1,000).
- ``deposit_double``: a deposit returned twice over (民法典第五百八十七条).
- ``years_by_age``: the years of income a death compensation counts, ``multiple`` (20) less one
  a year from 60, never under ``minimum`` (5) (人身损害赔偿解释第十五条).

The functions are pure arithmetic over dates and ``Decimal``; which facts feed them, and how the
result is said, is the consultation engine's business.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Literal, cast

from knowledge.rules.common import DATA_DIR
from knowledge.rules.deadlines import add_months
from knowledge.situations import Cite

SUMS_TSV = DATA_DIR / "sums.tsv"
Formula = Literal["severance", "double_wage", "price_multiple", "deposit_double", "years_by_age",
                  "prepaid_period"]
FORMULAS: tuple[Formula, ...] = ("severance", "double_wage", "price_multiple", "deposit_double",
                                 "years_by_age", "prepaid_period")
FULL_YEARS_UNTIL = 60  # 六十周岁以上的，年龄每增加一岁减少一年
DOUBLE_WAGE_MAX_MONTHS = 11  # 满一个月的次日至满一年的前一日
DEPOSIT_CAP = Decimal("0.2")  # 民法典第五百八十六条: 不得超过主合同标的额的百分之二十


@dataclass(frozen=True, slots=True)
class SumRule:
    id: str
    situations: tuple[str, ...]
    formula: Formula
    multiple: Decimal
    minimum: Decimal
    name_zh: str
    cites: tuple[Cite, ...]  # the articles the arithmetic rests on
    caveat_zh: str

    @property
    def citation(self) -> str:
        """``《劳动合同法》第八十七条、第四十七条`` — the articles as the answer names them."""
        out: list[str] = []
        for c in self.cites:
            out.append(c.article if out and c.law_key == self.cites[0].law_key
                       else f"《{c.law_key}》{c.article}")
        return "、".join(out)


def _row(row: dict[str, str]) -> SumRule:
    formula = row["formula"]
    if formula not in FORMULAS:
        raise ValueError(f"sums.tsv {row['id']}: unknown formula {formula!r}")
    cites = []
    for part in row["cites"].split(";"):
        law, article, phrase = part.split(":", 2)
        cites.append(Cite(law, article, phrase))
    return SumRule(id=row["id"], situations=tuple(row["situations"].split(",")),
                   formula=cast(Formula, formula), multiple=Decimal(row["multiple"]),
                   minimum=Decimal(row["minimum"]), name_zh=row["name_zh"], cites=tuple(cites),
                   caveat_zh=row["caveat_zh"])


@lru_cache(maxsize=1)
def sum_rules() -> tuple[SumRule, ...]:
    with SUMS_TSV.open(encoding="utf-8", newline="") as fh:
        return tuple(_row(r) for r in csv.DictReader(fh, delimiter="\t"))


def sum_rule_for(situation_id: str) -> SumRule | None:
    return next((r for r in sum_rules() if situation_id in r.situations), None)


def full_months(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (2023-03-15 → 2026-11-10: 43); 0 if end ≤ start."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return max(months, 0)


def severance_months(service_months: int) -> Decimal:
    """Months of wage for ``service_months`` of service (劳动合同法第四十七条)."""
    years, rest = divmod(service_months, 12)
    if rest >= 6:
        return Decimal(years + 1)
    if rest > 0 or years == 0:
        return Decimal(years) + Decimal("0.5")
    return Decimal(years)


def double_wage_months(start: date, end: date, *, part_counts: bool = False) -> int:
    """Months owed a second wage for work from ``start`` to ``end`` without a written
    contract: the first month is free, the count stops when a year is full. Whole months;
    with ``part_counts`` a begun month counts (the upper end of an estimate)."""
    months = full_months(start, end)
    if part_counts and add_months(start, months) < end:
        months += 1
    return min(max(months - 1, 0), DOUBLE_WAGE_MAX_MONTHS)


def unused_share(paid: Decimal, start: date, months: int, stopped: date) -> Decimal:
    """What is owed back of ``paid`` for a ``months``-long card bought on ``start`` whose
    service stopped on ``stopped``: the share of the term left, by days (预付式消费解释第二十二条)."""
    end = add_months(start, months)
    if stopped >= end:
        return Decimal(0)
    left = (end - max(stopped, start)).days
    return (paid * left / (end - start).days).quantize(Decimal(1))


def price_multiple(price: Decimal, multiple: Decimal, minimum: Decimal) -> Decimal:
    """The added compensation: ``multiple`` × ``price``, never less than ``minimum``."""
    return max(price * multiple, minimum)


def years_by_age(age: int, full: int, least: int) -> int:
    """Years of income counted for someone of ``age``: ``full`` until 60, one less for each
    year over it, never fewer than ``least`` (20 and 5: 人身损害赔偿解释第十五条)."""
    return max(full - max(age - FULL_YEARS_UNTIL, 0), least)


__all__ = ["DEPOSIT_CAP", "DOUBLE_WAGE_MAX_MONTHS", "SumRule", "double_wage_months", "full_months",
           "price_multiple", "severance_months", "sum_rule_for", "sum_rules", "unused_share",
           "years_by_age"]
