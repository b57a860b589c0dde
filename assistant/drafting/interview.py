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
from assistant.drafting.templates import Field, Template
from assistant.models import SessionState

# Facts date/amount labels (assistant.consult.facts) -> drafting fact keys.
DATE_FACT_KEYS: dict[str, str] = {
    "入职": "hire_date",
    "事故": "incident_date",
    "诊断": "diagnosis_date",
    "决定": "decision_known_date",
    "借款": "loan_date",
    "到期": "due_date",
    "结婚": "marriage_date",
}
AMOUNT_FACT_KEYS: dict[str, str] = {
    "借款": "loan_amount",
    "医疗费": "medical_fee",
}


def drafting_facts(state: SessionState | None, *, today: date) -> dict[str, object]:
    """The conversation's facts under the keys templates ask for (``today`` fills sign dates)."""
    out: dict[str, object] = {"today": today}
    if state is None:
        return out
    facts = state.facts
    told = state.user_texts()
    if told:
        out["facts"] = "\n".join(told)
    for d in sorted(facts.dates, key=lambda d: d.value):  # the latest of each label wins
        if d.label in DATE_FACT_KEYS:
            out[DATE_FACT_KEYS[d.label]] = d.value
    for a in facts.amounts:
        out.setdefault("amount", a.value)
        if a.label in AMOUNT_FACT_KEYS:
            out.setdefault(AMOUNT_FACT_KEYS[a.label], a.value)
    if facts.evidence:
        out["evidence"] = list(facts.evidence)
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
        return cls(template, fill_from_facts(template, drafting_facts(state, today=today)))

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
