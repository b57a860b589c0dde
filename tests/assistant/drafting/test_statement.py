"""事实和理由 and requests written from understood facts in the vocabulary's words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from assistant.drafting import fill_from_facts, get_template
from assistant.drafting.statement import draft_statement, statement_fields

TODAY = date(2026, 12, 5)
WORKER = {"role": "worker", "flags": {"written_contract": False, "employment_ongoing": False},
          "amounts": {"wages_owed": 12000, "monthly_wage": 4000},
          "dates": {"started_job": "2026-01-05", "left_job": "2026-09-30"},
          "evidence": {"held": ["chat_records", "transfer_records"], "missing": ["contract"]}}


def test_worker_facts_become_first_person_sentences() -> None:
    st = draft_statement(WORKER, today=TODAY)
    assert st.sentences == [
        "我于2026年1月5日开始在对方处工作，月工资4,000元。",
        "对方一直没有和我签订书面劳动合同。",
        "对方至今拖欠我工资12,000元没有支付。",
        "我于2026年9月30日离职。",
        "我手里有微信、短信聊天记录、转账记录。",
    ]
    assert "？" not in st.text and "怎么办" not in st.text


def test_requests_the_facts_support_with_their_amounts() -> None:
    st = draft_statement(WORKER, today=TODAY)
    owed, double = st.requests
    assert (owed.kind, owed.amount) == ("wages_owed", Decimal("12000"))
    # Worked 2026-01-05 .. 2026-09-30: eight full months, the first one is not doubled.
    assert (double.kind, double.amount) == ("double_wage", Decimal("28000"))
    assert "按月工资4,000元计7个月" in double.text


def test_double_wages_follow_article_82() -> None:
    signed = {**WORKER, "flags": {"written_contract": True}}
    assert [r.kind for r in draft_statement(signed, today=TODAY).requests] == ["wages_owed"]
    short = {**WORKER, "dates": {"started_job": "2026-09-10", "left_job": "2026-09-30"}}
    assert "double_wage" not in {r.kind for r in draft_statement(short, today=TODAY).requests}
    long = {**WORKER, "dates": {"started_job": "2023-01-01", "left_job": "2026-09-30"}}
    assert draft_statement(long, today=TODAY).requests[1].amount == Decimal("44000")  # 11 months
    ongoing = {**WORKER, "flags": {"written_contract": False, "employment_ongoing": True},
               "dates": {"started_job": "2026-08-05"}}
    st = draft_statement(ongoing, today=TODAY)
    assert st.requests[1].amount == Decimal("12000") and "我现在仍在对方处工作。" in st.sentences
    unknown = {"role": "worker", "flags": {"written_contract": False}}
    [request] = draft_statement(unknown, today=TODAY).requests
    assert request.amount is None and "二倍工资差额" in request.text


def test_fields_are_phrased_for_the_template() -> None:
    arbitration = statement_fields(WORKER, template_id="labor_arbitration_application", today=TODAY)
    assert arbitration["claims"] == [
        "裁决被申请人支付拖欠的工资12,000元。",
        "裁决被申请人支付未签订书面劳动合同的二倍工资差额28,000元（按月工资4,000元计7个月）。"]
    assert arbitration["unpaid_wages"] == Decimal("12000")
    assert arbitration["double_wage"] == Decimal("28000")
    assert arbitration["total_amount"] == Decimal("40000")
    assert arbitration["hire_date"] == date(2026, 1, 5)
    complaint = statement_fields(WORKER, template_id="civil_complaint_labor", today=TODAY)
    filled = fill_from_facts(get_template("civil_complaint_labor"), complaint)
    assert filled["wage_request"] == "12000" and filled["double_wage_request"] == "28000"
    assert filled["monthly_wage"] == "4000" and filled["hire_date"] == "2026-01-05"


def test_lender_and_nothing_understood() -> None:
    lender = {"role": "lender", "amounts": {"loan": "50000"},
              "dates": {"loan_made": "2025-03-01", "loan_due": "2025-09-01"}}
    st = draft_statement(lender, today=TODAY)
    assert st.sentences == ["我于2025年3月1日借给对方50,000元。",
                            "双方约定于2025年9月1日还款，到期后对方没有还款。"]
    fields = statement_fields(lender, template_id="civil_complaint_private_lending", today=TODAY)
    assert fields["claims"] == ["判令被告偿还借款50,000元。"] and fields["principal"] == Decimal(
        "50000")
    assert draft_statement({}, today=TODAY).sentences == []
    assert statement_fields({}, template_id="loan_note", today=TODAY) == {}


def test_bad_values_are_left_out_not_guessed() -> None:
    odd = {"role": "worker", "flags": {"written_contract": "no"},
           "amounts": {"wages_owed": "abc", "monthly_wage": -5},
           "dates": {"left_job": "sometime"}, "evidence": {"held": ["not_a_kind"]}}
    st = draft_statement(odd, today=TODAY)
    assert st.sentences == ["我在对方处工作。"] and st.requests == []
