"""Question memory: past questions and cases paired with the articles that answered them.

Layperson questions reuse a limited set of articles, so a new question that resembles a known one
(an official case's facts, a dev-split consultation) gives evidence for that question's articles.
Each item keeps its source and ID so an evaluation can exclude the items it is scored on.
"""

from __future__ import annotations

import json
from collections.abc import Container, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from knowledge.bm25 import BM25Index
from knowledge.tokenize import Tokenizer


@dataclass(frozen=True, slots=True)
class MemoryItem:
    id: str
    source: str
    text: str
    articles: tuple[int, ...]  # row indices into the corpus


class Encoder(Protocol):
    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised vectors, one row per text."""
        ...


class QuestionMemory:
    """BM25 (and, with an embedder, cosine) over memory items; a vote spreads each neighbour's
    similarity onto the articles that answered it."""

    def __init__(self, items: Sequence[MemoryItem], index: BM25Index,
                 vectors: np.ndarray | None = None) -> None:
        self.items = tuple(items)
        self._index = index
        self.vectors = vectors

    @classmethod
    def build(cls, items: Sequence[MemoryItem], tokenizer: Tokenizer, *,
              encoder: Encoder | None = None, vectors: np.ndarray | None = None
              ) -> QuestionMemory:
        """BM25 over ``items``; their vectors given (one row per item) or embedded by ``encoder``."""
        if vectors is None and encoder is not None and items:
            vectors = encoder.embed([i.text for i in items])
        if vectors is not None and len(vectors) != len(items):
            raise ValueError(f"{len(vectors)} memory vectors for {len(items)} items")
        return cls(items, BM25Index.build([tokenizer.tokens(i.text) for i in items]), vectors)

    def without(self, excluded: Container[str], tokenizer: Tokenizer) -> QuestionMemory:
        """A memory lacking the items whose ID is in ``excluded`` (for cross-validation)."""
        keep = [j for j, i in enumerate(self.items) if i.id not in excluded]
        items = [self.items[j] for j in keep]
        vectors = self.vectors[keep] if self.vectors is not None else None
        return QuestionMemory(items, BM25Index.build([tokenizer.tokens(i.text) for i in items]),
                              vectors)

    def vote(self, query_terms: Sequence[str], n_docs: int, *, neighbours: int = 20,
             term_weights: Sequence[float] | None = None) -> np.ndarray:
        """Per-article evidence in [0, ∞): Σ over the top neighbours of sim/max_sim/|articles|."""
        if not self.items:
            return np.zeros(n_docs, dtype=np.float32)
        return self._spread(self._index.score(query_terms, term_weights=term_weights), n_docs,
                            neighbours)

    def vote_dense(self, query_vector: np.ndarray, n_docs: int, *, neighbours: int = 20
                   ) -> np.ndarray:
        """The same vote with cosine similarity of embedded questions (zeros without vectors)."""
        if self.vectors is None or not self.items:
            return np.zeros(n_docs, dtype=np.float32)
        return self._spread(self.vectors @ query_vector, n_docs, neighbours)

    def _spread(self, sims: np.ndarray, n_docs: int, neighbours: int) -> np.ndarray:
        out = np.zeros(n_docs, dtype=np.float32)
        top = np.argsort(-sims)[: int(neighbours)]
        best = float(sims[top[0]]) if len(top) else 0.0
        if best <= 0:
            return out
        for j in top:
            if sims[j] <= 0:
                break
            item = self.items[j]
            share = float(sims[j]) / best / len(item.articles)
            for d in item.articles:
                out[d] += share
        return out

    def law_counts(self, law_of_row: Sequence[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in self.items:
            for d in item.articles:
                counts[law_of_row[d]] = counts.get(law_of_row[d], 0) + 1
        return counts

    def save(self, path: Path) -> None:
        with path.open("w", encoding="utf-8") as fh:
            for i in self.items:
                rec = {"id": i.id, "source": i.source, "text": i.text, "articles": list(i.articles)}
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    @staticmethod
    def load_items(path: Path) -> list[MemoryItem]:
        items = []
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                items.append(MemoryItem(r["id"], r["source"], r["text"], tuple(r["articles"])))
        return items
