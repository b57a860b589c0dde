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

# How a document names the other side, by the citizen's role (default: 对方).
OPPONENT: dict[str, str] = {"worker": "用人单位"}


def understood_facts(state: SessionState | None) -> dict[str, object]:
    """The conversation's understood facts as the plain mapping ``assistant.drafting.statement``
    reads (``knowledge.vocabulary`` words). Only exact dates are passed on: an estimate
    ("九月底") is never written into a document as a day."""
    if state is None:
        return {}
    facts = state.facts
    out: dict[str, object] = {
        "flags": dict(facts.signals),
        "dates": {k: d.first for k, d in facts.dates.items() if not d.estimated},
        "amounts": {k: m.value for k, m in facts.amounts.items()},
        "evidence": {"held": list(facts.evidence_held), "missing": list(facts.evidence_missing)},
    }
    if facts.role:
        out["role"] = facts.role
        out["opponent"] = OPPONENT.get(facts.role, "对方")
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
