"""The arithmetic tables: every article they rest on says it, and the arithmetic follows it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from knowledge.corpus import load_statutes
from knowledge.rules.sums import (
    double_wage_months,
    full_months,
    price_multiple,
    severance_months,
    sum_rule_for,
    sum_rules,
    unused_share,
    years_by_age,
)
from knowledge.situations import situations


def test_every_sum_rests_on_articles_that_say_it(data_dir: Path) -> None:
    arts = {a.key: a for a in load_statutes(data_dir / "statutes")}
    for rule in sum_rules():
        for c in rule.cites:
            article = arts.get((c.law_key, c.article))
            assert article is not None, f"{rule.id}: {c.law_key}{c.article} not in the pack"
            assert c.phrase in article.text.replace("\n", ""), f"{rule.id}: {c.phrase}"


def test_every_sum_belongs_to_known_situations_once() -> None:
    known = {s.id for s in situations()}
    seen: set[str] = set()
    for rule in sum_rules():
        for sid in rule.situations:
            assert sid in known, f"{rule.id}: unknown situation {sid}"
            assert sid not in seen, f"{sid} has two sums"
            seen.add(sid)
    assert sum_rule_for("labor.unlawful_dismissal") is not None
    assert sum_rule_for("family.child_support") is None


@pytest.mark.parametrize(("start", "end", "months"), [
    (date(2023, 3, 15), date(2026, 11, 10), 43),  # the 10th comes before the 15th
    (date(2023, 3, 10), date(2026, 11, 10), 44),
    (date(2026, 11, 10), date(2026, 11, 1), 0),
])
def test_full_months(start: date, end: date, months: int) -> None:
    assert full_months(start, end) == months


@pytest.mark.parametrize(("served", "wage_months"), [
    # 劳动合同法第四十七条: a full year one month; six months or more a year; less, half a month
    (0, "0.5"), (5, "0.5"), (6, "1"), (11, "1"), (12, "1"), (14, "1.5"), (44, "4"), (36, "3"),
])
def test_severance_follows_article_47(served: int, wage_months: str) -> None:
    assert severance_months(served) == Decimal(wage_months)


def test_double_wage_skips_the_first_month_and_stops_at_eleven() -> None:
    assert double_wage_months(date(2026, 1, 1), date(2026, 1, 25)) == 0
    assert double_wage_months(date(2026, 1, 1), date(2026, 5, 2)) == 3
    assert double_wage_months(date(2024, 1, 1), date(2026, 5, 2)) == 11
    # the upper end of an estimate counts a begun month: 15 April to 30 November is 6 whole
    # months after the first, and part of a seventh
    assert double_wage_months(date(2026, 4, 15), date(2026, 11, 30)) == 6
    assert double_wage_months(date(2026, 4, 15), date(2026, 11, 30), part_counts=True) == 7
    assert double_wage_months(date(2026, 4, 15), date(2026, 11, 15), part_counts=True) == 6


def test_price_multiple_has_a_floor() -> None:
    assert price_multiple(Decimal(100), Decimal(3), Decimal(500)) == Decimal(500)
    assert price_multiple(Decimal(2000), Decimal(3), Decimal(500)) == Decimal(6000)


@pytest.mark.parametrize(("age", "years"), [(45, 20), (60, 20), (65, 15), (74, 6), (75, 5), (88, 5)])
def test_death_compensation_years_follow_the_interpretation(age: int, years: int) -> None:
    assert years_by_age(age, 20, 5) == years


def test_a_term_card_returns_the_share_of_the_term_left() -> None:
    # 预付式消费解释第二十二条: a year card bought 1 June 2026, the shop shut 1 December 2026:
    # 182 of 365 days left
    assert unused_share(Decimal(3650), date(2026, 6, 1), 12, date(2026, 12, 1)) == Decimal(1820)
    assert unused_share(Decimal(3650), date(2025, 6, 1), 12, date(2026, 12, 1)) == Decimal(0)
