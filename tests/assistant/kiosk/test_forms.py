"""The kiosk's document form: template suggestions, facts -> fields, form values -> fields."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from assistant.drafting import fill_from_facts, get_template, list_templates
from assistant.drafting.interview import drafting_facts
from assistant.kiosk.forms import (
    RECOMMENDED,
    collect_fields,
    form_fields,
    template_choices,
)
from assistant.kiosk.handlers import MAX_FORM_FIELDS
from assistant.models import DateSpan, Facts, Money, SessionState, Turn

TODAY = date(2025, 3, 10)


def _state() -> SessionState:
    facts = Facts(role="worker",
                  dates={"started_job": DateSpan(first=date(2024, 7, 1), last=date(2024, 7, 1),
                                                 raw="去年七月一号"),
                         "incident": DateSpan(first=date(2025, 1, 2), last=date(2025, 1, 2),
                                              raw="一月二号"),
                         "diagnosis": DateSpan(first=date(2025, 2, 20), last=date(2025, 2, 28),
                                               raw="二月底", estimated=True)},
                  amounts={"wages_owed": Money(value=Decimal("15000"), raw="一万五")},
                  evidence_held=["wage_records"], place="东莞")
    return SessionState(session_id="s" * 24, facts=facts, turns=[
        Turn(role="user", text="厂里欠我一万五工资"), Turn(role="assistant", text="请补充"),
        Turn(role="user", text="去年七月一号进厂")])


def test_every_template_fits_the_form() -> None:
    assert max(len(t.required_fields) for t in list_templates()) <= MAX_FORM_FIELDS


def test_the_document_the_route_needs_first_comes_first_and_is_marked() -> None:
    choices = template_choices("labor_wages")
    labor = {t.id for t in list_templates() if t.category == "labor_wages"}
    assert {tid for _, tid in choices[:len(labor)]} == labor
    # Arbitration comes before any court for a labour dispute (劳动争议调解仲裁法第五条).
    assert choices[0] == ("劳动人事争议仲裁申请书" + RECOMMENDED, "labor_arbitration_application")
    complaint = dict((tid, label) for label, tid in choices)["civil_complaint_labor"]
    assert "仲裁后" in complaint and RECOMMENDED not in complaint
    assert template_choices("work_injury")[0][1] == "work_injury_recognition_application"
    assert not any(label.endswith(RECOMMENDED) for label, _ in template_choices(None))
    assert len(choices) == len(list_templates())


def test_conversation_facts_fill_the_template_fields() -> None:
    facts = drafting_facts(_state(), today=TODAY)
    assert facts["today"] == TODAY and facts["hire_date"] == date(2024, 7, 1)
    # Written from the understood facts, in the first person, never the raw chat.
    assert facts["facts"] == ("我于2024年7月1日开始在用人单位处工作。用人单位至今拖欠我工资15,000元没有支付。"
                              "2025年1月2日发生了事故。我手里有工资条、考勤、工作证或工友证言。")
    assert facts["unpaid_wages"] == Decimal("15000") and facts["incident_place"] == "东莞"
    assert "amount" not in facts  # a wage owed never fills a 借条's 借款金额
    assert "amount" not in fill_from_facts(get_template("loan_note"), facts)
    assert "diagnosis_date" not in facts  # an estimate is left for the user to give
    assert drafting_facts(None, today=TODAY) == {"today": TODAY}
    tpl = get_template("work_injury_recognition_application")
    filled = fill_from_facts(tpl, drafting_facts(_state(), today=TODAY))
    assert filled["start_work_date"] == "2024-07-01" and filled["accident_date"] == "2025-01-02"
    assert filled["accident_place"] == "东莞" and filled["sign_date"] == "2025-03-10"
    form = {f.key: f for f in form_fields(tpl, filled)}
    assert form["start_work_date"].value == "2024-07-01" and "已根据" in form["start_work_date"].label
    assert form["worker_name"].value == "" and "已根据" not in form["worker_name"].label


def test_form_values_override_prefill_and_lists_split_by_line() -> None:
    tpl = get_template("labor_arbitration_application")
    fields = collect_fields(tpl, {"facts": "旧", "evidence": ["工资条"]}, ["facts", "claims"],
                            ["新的事实", "支付工资15000元\n\n支付二倍工资差额"])
    assert fields["facts"] == "新的事实" and fields["evidence"] == ["工资条"]
    assert fields["claims"] == ["支付工资15000元", "支付二倍工资差额"]
    hints = {f.key: f.hint for f in form_fields(tpl, {})}
    assert "男" in hints["applicant_gender"] and "每行" in hints["claims"]
