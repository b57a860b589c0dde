"""The sum a situation's law fixes, for this person: worked out only from what they said.

"每干满一年赔两个月工资" is the rule; a lawyer also says what it comes to: started March 2023,
dismissed 10 November 2026, 4,200 a month → 4 months' wage, twice over: about 33,600 yuan. A
figure is given only when every input was said; a vague date gives the range of figures it may
mean; the wage basis and the caps the person cannot know are said with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from assistant.models import DateSpan, Facts, yuan
from knowledge.rules.sums import (
    DEPOSIT_CAP,
    SumRule,
    double_wage_months,
    full_months,
    price_multiple,
    severance_months,
    sum_rule_for,
    unused_share,
    years_by_age,
)
from knowledge.situations import Situation


@dataclass(frozen=True, slots=True)
class Estimate:
    line: str  # for the answer: the figure, what it is made of, its articles and caveat
    cites: tuple[tuple[str, str], ...]


def estimate(situation: Situation, facts: Facts, *, today: date) -> Estimate | None:
    """The sum ``situation``'s rule gives for ``facts``; None without a rule or an input."""
    rule = sum_rule_for(situation.id)
    if rule is None:
        return None
    body = _FORMULAS[rule.formula](rule, facts, today)
    if body is None:
        return None
    return Estimate(f"{body}（{rule.citation}）。{rule.caveat_zh}",
                    tuple((c.law_key, c.article) for c in rule.cites))


def _severance(rule: SumRule, facts: Facts, today: date) -> str | None:
    start, end = facts.dates.get("started_job"), facts.dates.get("left_job")
    wage = facts.amounts.get("monthly_wage")
    if start is None or end is None or wage is None or end.last <= start.first:
        return None
    shortest, longest = full_months(start.last, end.first), full_months(start.first, end.last)
    low, high = severance_months(shortest), severance_months(longest)
    served = _service(shortest, longest)
    months = _n(low) if low == high else f"{_n(low)}到{_n(high)}"
    times = "的二倍" if rule.multiple == 2 else ""
    total = _range(wage.value * low * rule.multiple, wage.value * high * rule.multiple)
    return (f"按您说的每月{_said(wage.value, wage.raw)}、干了{served}算，{rule.name_zh}是"
            f"{months}个月工资{times}，大约{total}{_estimated(start, end)}")


def _double_wage(rule: SumRule, facts: Facts, today: date) -> str | None:
    start, wage = facts.dates.get("started_job"), facts.amounts.get("monthly_wage")
    left = facts.dates.get("left_job")
    if start is None or wage is None:
        return None
    if left is not None:
        first_end, last_end = left.first, left.last
    elif facts.flag("employment_ongoing") is True:
        first_end = last_end = today
    else:
        return None
    low = double_wage_months(start.last, first_end)
    high = double_wage_months(start.first, last_end, part_counts=True)
    if high == 0:
        return None
    months = str(low) if low == high else f"{low}到{high}"
    total = _range(wage.value * low, wage.value * high)
    return (f"按您说的每月{_said(wage.value, wage.raw)}算，{rule.name_zh}约{months}个月、大约{total}"
            f"（最多算11个月）{_estimated(start, left)}")


def _price_multiple(rule: SumRule, facts: Facts, today: date) -> str | None:
    price = facts.amounts.get("price")
    if price is None:
        return None
    extra = price_multiple(price.value, rule.multiple, rule.minimum)
    floor = extra == rule.minimum and rule.minimum > 0  # the floor, not the multiple, applies
    times = f"不足{yuan(rule.minimum)}的按{yuan(rule.minimum)}" if floor else \
        f"是价款的{_n(rule.multiple)}倍"
    return (f"按您说的价款{_said(price.value, price.raw)}算：退还{yuan(price.value)}，另外"
            f"{rule.name_zh}{yuan(extra)}，{times}")


def _deposit_double(rule: SumRule, facts: Facts, today: date) -> str | None:
    deposit, price = facts.amounts.get("deposit"), facts.amounts.get("price")
    if deposit is None:
        return None
    cap = price.value * DEPOSIT_CAP if price is not None else None
    if price is not None and cap is not None and deposit.value > cap:
        # 民法典第五百八十六条: what exceeds 20 % of the price is no deposit, only money paid
        back = cap * rule.multiple + (deposit.value - cap)
        return (f"按您说的定金{yuan(deposit.value)}、总价{yuan(price.value)}算：超过总价20%的"
                f"{yuan(deposit.value - cap)}不算定金、照原数退，算定金的{yuan(cap)}双倍返还，"
                f"一共退{yuan(back)}")
    return (f"按您说的{yuan(deposit.value)}算，{rule.name_zh}就是"
            f"{yuan(deposit.value * rule.multiple)}")


def _years_by_age(rule: SumRule, facts: Facts, today: date) -> str | None:
    if facts.age is None:
        return None
    years = years_by_age(facts.age, int(rule.multiple), int(rule.minimum))
    return (f"按您说的{facts.age}岁，{rule.name_zh}按{years}年算，就是当地上一年度城镇居民"
            f"人均可支配收入×{years}")


def _prepaid_period(rule: SumRule, facts: Facts, today: date) -> str | None:
    """A card for a term (a year card): the share of the term left after the shop stopped,
    counted from the day it stopped, or — not said — from today (then at least this much)."""
    paid = facts.amounts.get("fee") or facts.amounts.get("price")
    bought = facts.dates.get("purchase")
    if paid is None or bought is None or not facts.signals.get("prepaid_year_card"):
        return None
    months = int(rule.multiple)
    closed = facts.dates.get("incident")
    stopped_first, stopped_last = (closed.first, closed.last) if closed is not None \
        else (today, today)
    low = unused_share(paid.value, bought.first, months, stopped_last)
    high = unused_share(paid.value, bought.last, months, stopped_first)
    if high == 0:
        return None
    since = f"从“{closed.raw}”店停业算" if closed is not None else "从今天算（店关得更早的，要退得更多）"
    return (f"按您说的交了{_said(paid.value, paid.raw)}、{_n(Decimal(months))}个月的卡，"
            f"{since}，{rule.name_zh}大约{_range(low, high)}{_estimated(bought, closed)}")


_FORMULAS = {"severance": _severance, "double_wage": _double_wage,
             "price_multiple": _price_multiple, "deposit_double": _deposit_double,
             "years_by_age": _years_by_age, "prepaid_period": _prepaid_period}


def _service(shortest: int, longest: int) -> str:
    def words(m: int) -> str:
        y, r = divmod(m, 12)
        return (f"{y}年" if y else "") + (f"{r}个月" if r or not y else "")
    return words(shortest) if shortest == longest else f"{words(shortest)}到{words(longest)}"


def _range(low: Decimal, high: Decimal) -> str:
    return yuan(low) if low == high else f"{yuan(low).removesuffix('元')}到{yuan(high)}"


def _said(value: Decimal, raw: str) -> str:
    """``4,200元``; a round sum said loosely keeps the words: ``“二十多万”（按200,000元）``."""
    return f"“{raw}”（按{yuan(value)}）" if any(c in raw for c in "多来几左右") else yuan(value)


def _n(x: Decimal) -> str:
    return f"{x.normalize():f}"


def _estimated(*spans: DateSpan | None) -> str:
    vague = [s.raw for s in spans if s is not None and s.estimated]
    return f"，“{'”“'.join(vague)}”是估算的日子，以实际日期为准" if vague else ""


__all__ = ["Estimate", "estimate"]
