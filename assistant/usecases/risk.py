"""Risk assessment (deadlines, evidence, fees, legal aid) for a session or for given facts."""

from __future__ import annotations

from datetime import date

from assistant.app import Services
from assistant.models import Facts, RiskAssessment
from assistant.usecases.chat import get_session
from assistant.usecases.errors import CategoryUnknownError, RiskNoCategoryError
from knowledge.taxonomy import load_categories


def assess(services: Services, *, session_id: str | None = None, category: str | None = None,
           facts: Facts | None = None, today: date | None = None) -> RiskAssessment:
    """The assessment for the session's (or the given) category and facts, on ``today``
    (default: today in China, from the service's clock)."""
    assessor = services.require_risk()
    category, facts, groups = _subject(services, session_id, category, facts)
    return assessor(category=category, facts=facts, today=today or services.clock(),
                    groups=groups)


def _subject(services: Services, session_id: str | None, category: str | None,
             facts: Facts | None) -> tuple[str, Facts, set[str]]:
    if session_id is not None:
        state = get_session(services, session_id)
        c = state.classification
        category = category or (c.category if c else None)
        if category is None:
            raise RiskNoCategoryError("session has no classification yet")
        facts = facts or state.facts
        groups = set(c.groups if c else []) | set(facts.groups)
    else:
        if category is None:
            raise RiskNoCategoryError("neither session_id nor category given")
        facts = facts or Facts()
        groups = set(facts.groups)
    if category not in {c.code for c in load_categories()}:
        raise CategoryUnknownError(category[:40])
    return category, facts, groups
