"""The 事实和理由 and the requests of a document, written from the facts a conversation understood.

Input is a plain mapping in the words of ``knowledge.vocabulary`` (nothing else is read)::

    {"role": "worker",
     "flags": {"written_contract": False, "employment_ongoing": False},
     "dates": {"started_job": "2026-01-05", "left_job": "2026-09-30"},   # date or ISO string
     "amounts": {"wages_owed": 12000, "monthly_wage": 4000},              # yuan
     "evidence": {"held": ["chat_records"], "missing": ["contract"]},
     "opponent": "对方"}                                                    # optional plain name

``draft_statement`` turns it into plain first-person sentences (never the raw chat, never a
question the citizen asked) and the requests those facts support, each with its amount when the
facts give one. ``statement_fields`` phrases them for one template (裁决被申请人… for an
arbitration application, 判令被告… for a complaint) under the drafting fact keys templates ask
for (``facts``, ``claims``, ``unpaid_wages``, ``double_wage`` …).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from knowledge.vocabulary import EVIDENCE_KINDS

# 劳动合同法第八十二条: double wages run from the second month of work, for at most 11 months.
DOUBLE_WAGE_MAX_MONTHS = 11

# How a template's requests begin; a template not listed gets the plain request.
REQUEST_LEAD: dict[str, str] = {
    "labor_arbitration_application": "裁决被申请人",
    "civil_complaint": "判令被告",
    "civil_complaint_labor": "判令被告",
    "civil_complaint_private_lending": "判令被告",
    "people_mediation_application": "请求对方",
}


@dataclass(frozen=True, slots=True)
class Request:
    """One thing asked for: ``kind`` (a vocabulary amount kind or ``double_wage``), the amount
    in yuan when the facts give one, and the request in words without its lead."""

    kind: str
    amount: Decimal | None
    text: str


@dataclass(frozen=True, slots=True)
class Statement:
    sentences: list[str] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.sentences)


def draft_statement(facts: Mapping[str, Any], *, today: date) -> Statement:
    """First-person sentences and the supported requests (empty when nothing was understood)."""
    f = _Facts.read(facts)
    sentences = [s for s in (*_work(f), *_loan(f), *_incident(f), *_evidence(f)) if s]
    return Statement(sentences, _requests(f, today=today))


def statement_fields(facts: Mapping[str, Any], *, template_id: str,
                     today: date) -> dict[str, object]:
    """Drafting fact keys for ``template_id``: ``facts``, ``claims`` and the amounts and dates
    that templates ask for by key. Keys without a value are left out."""
    st = draft_statement(facts, today=today)
    f = _Facts.read(facts)
    lead = REQUEST_LEAD.get(template_id, "")
    out: dict[str, object] = {}
    if st.sentences:
        out["facts"] = st.text
    if st.requests:
        out["claims"] = [f"{lead}{r.text}。" for r in st.requests]
    by_kind = {r.kind: r.amount for r in st.requests if r.amount is not None}
    for key, kind in (("unpaid_wages", "wages_owed"), ("double_wage", "double_wage"),
                      ("principal", "loan")):
        if kind in by_kind:
            out[key] = by_kind[kind]
    if by_kind:
        out["total_amount"] = sum(by_kind.values(), Decimal(0))
    for key, kind in (("monthly_wage", "monthly_wage"), ("loan_amount", "loan"),
                      ("medical_fee", "medical_costs")):
        if kind in f.amounts:
            out[key] = f.amounts[kind]
    for key, kind in (("hire_date", "started_job"), ("incident_date", "incident"),
                      ("loan_date", "loan_made"), ("due_date", "loan_due"),
                      ("diagnosis_date", "diagnosis"), ("decision_known_date", "decision"),
                      ("marriage_date", "marriage")):
        if kind in f.dates:
            out[key] = f.dates[kind]
    if f.held:
        out["evidence"] = [EVIDENCE_KINDS[k] for k in f.held]
    return out


# ----- reading the mapping -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Facts:
    role: str | None
    flags: dict[str, bool]
    dates: dict[str, date]
    amounts: dict[str, Decimal]
    held: list[str]
    opponent: str

    @classmethod
    def read(cls, facts: Mapping[str, Any]) -> _Facts:
        flags = {k: v for k, v in dict(facts.get("flags") or {}).items() if isinstance(v, bool)}
        dates = {k: d for k, v in dict(facts.get("dates") or {}).items()
                 if (d := _date(v)) is not None}
        amounts = {k: a for k, v in dict(facts.get("amounts") or {}).items()
                   if (a := _amount(v)) is not None}
        evidence = facts.get("evidence") or {}
        held = [k for k in evidence.get("held", ()) if k in EVIDENCE_KINDS]
        role = facts.get("role")
        return cls(role if isinstance(role, str) else None, flags, dates, amounts, held,
                   str(facts.get("opponent") or "对方"))


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _amount(value: object) -> Decimal | None:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return amount if amount.is_finite() and amount > 0 else None


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _yuan(a: Decimal) -> str:
    text = f"{a:,.2f}".rstrip("0").rstrip(".")
    return f"{text}元"


# ----- sentences -----------------------------------------------------------------------------


def _work(f: _Facts) -> list[str]:
    if f.role != "worker":
        return []
    who = f.opponent
    started, left = f.dates.get("started_job"), f.dates.get("left_job")
    monthly, owed = f.amounts.get("monthly_wage"), f.amounts.get("wages_owed")
    out = []
    if started:
        wage = f"，月工资{_yuan(monthly)}" if monthly else ""
        out.append(f"我于{_day(started)}开始在{who}处工作{wage}。")
    elif monthly:
        out.append(f"我在{who}处工作，月工资{_yuan(monthly)}。")
    else:
        out.append(f"我在{who}处工作。")
    contract = f.flags.get("written_contract")
    if contract is False:
        out.append(f"{who}一直没有和我签订书面劳动合同。")
    elif contract is True:
        out.append(f"我和{who}签订了书面劳动合同。")
    if owed:
        out.append(f"{who}至今拖欠我工资{_yuan(owed)}没有支付。")
    ongoing = f.flags.get("employment_ongoing")
    if left and ongoing is not True:
        out.append(f"我于{_day(left)}离职。")
    elif ongoing is False:
        out.append("我已经离职。")
    elif ongoing is True:
        out.append(f"我现在仍在{who}处工作。")
    return out


def _loan(f: _Facts) -> list[str]:
    loan = f.amounts.get("loan")
    if f.role != "lender" or loan is None:
        return []
    made, due = f.dates.get("loan_made"), f.dates.get("loan_due")
    when = f"于{_day(made)}" if made else ""
    out = [f"我{when}借给{f.opponent}{_yuan(loan)}。"]
    if due:
        out.append(f"双方约定于{_day(due)}还款，到期后{f.opponent}没有还款。")
    else:
        out.append(f"{f.opponent}至今没有还款。")
    return out


def _incident(f: _Facts) -> list[str]:
    when = f.dates.get("incident")
    out = []
    if when:
        hurt = "，我受了伤" if f.flags.get("injured") else ""
        out.append(f"{_day(when)}发生了事故{hurt}。")
    elif f.flags.get("injured"):
        out.append("我在事故中受了伤。")
    if f.flags.get("hospitalised"):
        out.append("我因此住院治疗。")
    if (medical := f.amounts.get("medical_costs")) is not None:
        out.append(f"我为治疗花了医疗费{_yuan(medical)}。")
    return out


def _evidence(f: _Facts) -> list[str]:
    if not f.held:
        return []
    return ["我手里有" + "、".join(EVIDENCE_KINDS[k] for k in f.held) + "。"]


# ----- requests ------------------------------------------------------------------------------


def _requests(f: _Facts, *, today: date) -> list[Request]:
    out = []
    if f.role == "worker":
        if (owed := f.amounts.get("wages_owed")) is not None:
            out.append(Request("wages_owed", owed, f"支付拖欠的工资{_yuan(owed)}"))
        if f.flags.get("written_contract") is False and (dw := _double_wage(f, today=today)):
            out.append(dw)
    if f.role == "lender" and (loan := f.amounts.get("loan")) is not None:
        out.append(Request("loan", loan, f"偿还借款{_yuan(loan)}"))
    return out


def _double_wage(f: _Facts, *, today: date) -> Request | None:
    """未签书面劳动合同的二倍工资差额 (劳动合同法第八十二条): one more month's wage for each full
    month worked after the first, at most eleven; the amount only when the facts give it, and no
    request when the facts show less than two months of work."""
    started, monthly = f.dates.get("started_job"), f.amounts.get("monthly_wage")
    end = f.dates.get("left_job") if f.flags.get("employment_ongoing") is not True else None
    months = _full_months(started, end or today) - 1 if started else None
    if months is not None and months <= 0:
        return None
    if months is not None and monthly is not None:
        months = min(months, DOUBLE_WAGE_MAX_MONTHS)
        amount = monthly * months
        return Request("double_wage", amount, f"支付未签订书面劳动合同的二倍工资差额{_yuan(amount)}"
                                              f"（按月工资{_yuan(monthly)}计{months}个月）")
    return Request("double_wage", None, "支付未签订书面劳动合同期间的二倍工资差额")


def _full_months(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)
