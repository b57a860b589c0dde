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
from knowledge.vocabulary import EVIDENCE_KINDS

# Understood date and amount kinds (knowledge/vocabulary.py) -> drafting fact keys.
DATE_FACT_KEYS: dict[str, str] = {
    "started_job": "hire_date",
    "incident": "incident_date",
    "diagnosis": "diagnosis_date",
    "decision": "decision_known_date",
    "loan_made": "loan_date",
    "loan_due": "due_date",
    "marriage": "marriage_date",
}
AMOUNT_FACT_KEYS: dict[str, str] = {
    "loan": "loan_amount",
    "medical_costs": "medical_fee",
}


def drafting_facts(state: SessionState | None, *, today: date) -> dict[str, object]:
    """The conversation's facts under the keys templates ask for (``today`` fills sign dates).
    Only exact dates fill date fields: an estimate ("九月底") is left for the user to give."""
    out: dict[str, object] = {"today": today}
    if state is None:
        return out
    facts = state.facts
    told = state.user_texts()
    if told:
        out["facts"] = "\n".join(told)
    for kind, d in facts.dates.items():
        if kind in DATE_FACT_KEYS and not d.estimated:
            out[DATE_FACT_KEYS[kind]] = d.first
    for kind, m in facts.amounts.items():
        out.setdefault("amount", m.value)
        if kind in AMOUNT_FACT_KEYS:
            out.setdefault(AMOUNT_FACT_KEYS[kind], m.value)
    if facts.evidence_held:
        out["evidence"] = [EVIDENCE_KINDS[e] for e in facts.evidence_held]
    if facts.place:
        out["incident_place"] = facts.place
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
