from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from assistant.consult.facts import extract_facts, latest, mentioned, parse_amount, summarize_facts

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(("raw", "value"), [
    ("三万五千", 35000), ("3万5千", 35000), ("1.5万", 15000), ("两千", 2000), ("三千五", 3500),
    ("800", 800), ("十万", 100000), ("2亿", 200000000),
])
def test_amounts(raw: str, value: int) -> None:
    assert parse_amount(raw) == Decimal(value)


def test_labour_story() -> None:
    f = extract_facts("我在厂里干了两年，老板一直没跟我签劳动合同，去年12月被辞退了，还欠我三万五千元工资，"
                      "有工资条，没有考勤记录", today=TODAY,
                      evidence_words=["工资条", "考勤记录", "劳动合同", "合同"])
    assert f.written_contract is False and f.employment_ongoing is False
    assert latest(f, "离职").value == date(2025, 12, 1)  # type: ignore[union-attr]
    assert [(a.label, a.value) for a in f.amounts] == [("欠薪", Decimal(35000))]
    assert f.evidence == ["工资条"]  # 劳动合同 and 考勤记录 are negated, 合同 is inside 劳动合同
    assert f.durations[0].days == 730
    assert f.parties[0].role == "用人单位"


def test_relative_dates_and_labels() -> None:
    f = extract_facts("三个月前被城管罚款500元。2025年8月12日在工地摔伤了腿，骨折住院", today=TODAY)
    assert latest(f, "决定").value == date(2026, 8, 24)  # type: ignore[union-attr]
    assert latest(f, "事故").value == date(2025, 8, 12)  # type: ignore[union-attr]
    assert f.injuries == ["住院", "骨折"]
    assert any(p.kind == "government" for p in f.parties)


def test_future_and_impossible_dates_are_ignored() -> None:
    f = extract_facts("2030年1月1日到期，2025年2月30日借的", today=TODAY)
    assert f.dates == []


def test_later_turns_update_yes_no_facts() -> None:
    f = extract_facts("没签合同", today=TODAY)
    f = extract_facts("后来签了合同，我还在上班", today=TODAY, previous=f)
    assert f.written_contract is True and f.employment_ongoing is True


def test_negation_window_stops_at_clause_boundary() -> None:
    held, lacking = mentioned("没有借条，但是有转账记录", ["借条", "转账记录"])
    assert held == {"转账记录"} and lacking == {"借条"}


def test_summary_has_no_raw_text() -> None:
    f = extract_facts("我叫张三，身份证110101199003071234，去年借给他2万块", today=TODAY)
    s = summarize_facts(f)
    assert "张三" not in s and "110101" not in s and "20000" in s


def test_contract_not_signed_is_not_held_evidence() -> None:
    f = extract_facts("老板一直不跟我签劳动合同", today=TODAY, evidence_words=["劳动合同", "合同"])
    assert f.written_contract is False and f.evidence == []


def test_monthly_wage_is_not_an_unpaid_wage() -> None:
    f = extract_facts("每月工资六千元，还欠我两个月工资一万二千元", today=TODAY)
    assert [(a.label, a.value) for a in f.amounts] == [("月工资", Decimal(6000)),
                                                      ("欠薪", Decimal(12000))]
