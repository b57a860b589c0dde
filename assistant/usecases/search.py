"""Statute and case search: the ranked articles and cases retrieval returns, nothing generated."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.app import Services
from assistant.consult.compose import case_ref
from assistant.models import CaseRef
from assistant.usecases.chat import validate_text
from knowledge.retrieval import Hit


@dataclass(frozen=True, slots=True)
class Found:
    query: str
    articles: list[Hit]
    cases: list[CaseRef]


def search(services: Services, query: str, *, k: int, cases: int = 0) -> Found:
    """The top ``k`` articles and ``cases`` cases for ``query`` (full holdings)."""
    clean = validate_text(query, max_chars=services.settings.service.max_text_chars)
    kb = services.require_kb()
    hits = kb.articles.search(clean, k=k)
    refs = [case_ref(h, holding_chars=None) for h in kb.case_search.search(clean, k=cases)] \
        if cases else []
    return Found(clean, hits, refs)
