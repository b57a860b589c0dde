"""What the engine needs from the knowledge index, as a small Protocol.

``IndexRetriever`` adapts the real ``KnowledgeIndex``; engine unit tests can pass a keyword
fake instead of building the index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from knowledge.corpus import Article
from knowledge.index import KnowledgeIndex
from knowledge.retrieval import CaseHit, Hit


class Retriever(Protocol):
    def search(self, query: str, *, k: int, history: Sequence[str] = (),
               category: str | None = None) -> list[Hit]:
        """Articles ranked for ``query`` (earlier turns and the category help)."""
        ...

    def expand(self, text: str) -> list[str]:
        """Statutory terms for the colloquial words in ``text``."""
        ...

    def cases(self, text: str, *, k: int) -> list[CaseHit]:
        """Official cases ranked for ``text``."""
        ...

    def article(self, article_id: str) -> Article | None:
        """The article with this stable ID, if the index holds it."""
        ...


@dataclass(frozen=True, slots=True)
class IndexRetriever:
    kb: KnowledgeIndex

    def search(self, query: str, *, k: int, history: Sequence[str] = (),
               category: str | None = None) -> list[Hit]:
        return self.kb.articles.search(query, k=k, history=history, category=category)

    def expand(self, text: str) -> list[str]:
        expander = self.kb.articles.expander
        return expander.expand(text) if expander is not None else []

    def cases(self, text: str, *, k: int) -> list[CaseHit]:
        return self.kb.case_search.search(text, k=k)

    def article(self, article_id: str) -> Article | None:
        return self.kb.corpus.get(article_id)
