"""Drafting from a conversation: its facts mapped to template fields, and a one-question-at-a-
time interview for the fields still missing (the chat flow; the kiosk shows a form instead)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from assistant.drafting.forms import (
    FieldValue,
    fill_from_facts,
    missing_fields,
    next_question,
    parse_list,
    validate,
)
from assistant.drafting.statement import statement_fields
from assistant.drafting.templates import Field, Template
from assistant.models import SessionState

# ----- adapter: today's ``Facts`` (assistant.consult.facts) -> the vocabulary mapping ----------
# Main replaces this block when the engine records facts in ``knowledge.vocabulary`` words.

DATE_LABEL_KINDS: dict[str, str] = {
    "离职": "left_job", "入职": "started_job", "事故": "incident", "诊断": "diagnosis",
    "决定": "decision", "借款": "loan_made", "到期": "loan_due", "结婚": "marriage",
    "购买": "purchase", "判决": "judgment", "认定书": "accident_report",
}
AMOUNT_LABEL_KINDS: dict[str, str] = {
    "欠薪": "wages_owed", "月工资": "monthly_wage", "借款": "loan", "押金": "deposit",
    "彩礼": "bride_price", "医疗费": "medical_costs", "货款": "price",
}
EVIDENCE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("chat_records", ("聊天", "微信", "短信")), ("transfer_records", ("转账", "流水")),
    ("iou", ("借条", "欠条")), ("wage_records", ("工资条", "考勤", "工作证", "工友", "工牌")),
    ("contract", ("合同", "协议")), ("invoice", ("发票", "小票", "订单")),
    ("photos", ("照片", "视频", "录像")), ("police_record", ("报警",)),
    ("medical_records", ("病历", "诊断", "验伤")), ("accident_report", ("认定书",)),
    ("decision_document", ("决定书", "通知书")), ("witness", ("证人",)),
)
WORKER_CATEGORIES = frozenset({"labor_wages", "work_injury"})


def understood_facts(state: SessionState | None) -> dict[str, object]:
    """The conversation's understood facts as a plain mapping in ``knowledge.vocabulary`` words
    (what ``assistant.drafting.statement`` reads)."""
    if state is None:
        return {}
    facts = state.facts
    category = state.classification.category if state.classification else None
    roles = {p.role for p in facts.parties}
    role = ("worker" if "用人单位" in roles or category in WORKER_CATEGORIES
            else "lender" if "借款人" in roles else None)
    flags = {k: v for k, v in (("written_contract", facts.written_contract),
                               ("employment_ongoing", facts.employment_ongoing),
                               ("injured", True if facts.injuries else None)) if v is not None}
    dates = {DATE_LABEL_KINDS[d.label]: d.value  # the latest of each kind wins
             for d in sorted(facts.dates, key=lambda d: d.value) if d.label in DATE_LABEL_KINDS}
    amounts: dict[str, object] = {}
    for a in facts.amounts:  # the first of each kind wins
        if a.label in AMOUNT_LABEL_KINDS:
            amounts.setdefault(AMOUNT_LABEL_KINDS[a.label], a.value)
    held = [kind for kind, words in EVIDENCE_WORDS
            if any(w in e for e in facts.evidence for w in words)]
    out: dict[str, object] = {"flags": flags, "dates": dates, "amounts": amounts,
                              "evidence": {"held": held, "missing": []}}
    if role:
        out["role"] = role
        out["opponent"] = "用人单位" if role == "worker" else "对方"
    return out


def drafting_facts(state: SessionState | None, *, today: date,
                   template_id: str = "") -> dict[str, object]:
    """The conversation's facts under the keys templates ask for (``today`` fills sign dates):
    事实和理由 and the requests written from the understood facts, never the raw chat."""
    out: dict[str, object] = {"today": today}
    if state is None:
        return out
    out.update(statement_fields(understood_facts(state), template_id=template_id, today=today))
    facts = state.facts
    # Only an amount of no known kind fills a template's generic amount: a wage owed is no
    # 借款金额 (kind-specific amounts come from statement_fields above).
    unlabelled = [a for a in facts.amounts if a.label not in AMOUNT_LABEL_KINDS]
    if unlabelled:
        out.setdefault("amount", unlabelled[0].value)
    if facts.place:
        out["incident_place"] = facts.place
    if facts.injuries:
        out["injury_part"] = "、".join(facts.injuries)
    return out


@dataclass
class Interview:
    """Fill one template by asking for one field at a time."""

    template: Template
    fields: dict[str, FieldValue] = field(default_factory=dict)

    @classmethod
    def start(cls, template: Template, state: SessionState | None, *, today: date) -> Interview:
        return cls(template, fill_from_facts(
            template, drafting_facts(state, today=today, template_id=template.id)))

    def pending(self) -> Field | None:
        """The field the next question is about: a missing one, else one that failed checks."""
        missing = missing_fields(self.template, self.fields)
        if missing:
            return missing[0]
        errors = validate(self.template, self.fields)
        if errors:
            return next(f for f in self.template.fields if f.key == errors[0].key)
        return None

    def question(self) -> str | None:
        return next_question(self.template, self.fields)

    def answer(self, text: str) -> None:
        """Store the user's answer to the pending question."""
        target = self.pending()
        if target is None:
            return
        text = text.strip()
        if target.type == "list":
            self.fields[target.key] = parse_list(text)
        else:
            self.fields[target.key] = text

    @property
    def complete(self) -> bool:
        return self.pending() is None
