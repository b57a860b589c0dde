"""Hybrid statute retrieval: BM25 + question memory + priors, fused with dense retrieval by ID.

Stage 1 scores every article with a linear model over cheap signals (normalised BM25 with
lexicon-expanded and history terms, question-memory votes, a law prior, core-statute and
category boosts, co-citation spreading and, when an embedder is configured, dense cosine
similarity). A dense top-k ranking can additionally be fused with stage 1 by reciprocal-rank
fusion on article IDs (``dense_rrf``). Weights were tuned by cross-validation on the dev splits
(see ``eval/tune_retrieval.py``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np
import scipy.sparse as sp

from knowledge.bm25 import BM25Index
from knowledge.corpus import Article, Case, Corpus
from knowledge.fusion import reciprocal_rank_fusion
from knowledge.memory import QuestionMemory
from knowledge.tokenize import Tokenizer


@dataclass(frozen=True, slots=True)
class Hit:
    """One retrieved article. ``lexical`` is the raw BM25 score (0 = no shared term)."""

    article: Article
    score: float
    rank: int
    lexical: float
    source: str


@dataclass(frozen=True, slots=True)
class CaseHit:
    case: Case
    score: float
    cited: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class Weights:
    bm25: float = 10.0
    expansion: float = 0.5
    history: float = 0.5
    core: float = 1.0
    law_prior: float = 0.5
    memory: float = 2.0
    memory_dense: float = 0.0
    popularity: float = 0.0
    cocitation: float = 2.0
    cocitation_seeds: int = 10
    category: float = 1.0
    # Dense similarity enters stage 1 as one more linear signal (rescaled by dense_signal); a
    # dense ranking of the whole corpus can also be fused by RRF (dense_rrf), and the first
    # rerank_depth candidates re-ordered by RRF with their dense order (dense_rerank).
    dense_linear: float = 6.0
    dense_rrf: float = 0.0
    dense_rerank: float = 0.0
    rerank_depth: int = 30
    # The dense query is the question's vector plus this share of the earlier turns' mean
    # direction (embedding the whole dialogue as one text let old turns drown the question).
    dense_history: float = 0.5
    # Only the first dense_chars characters of each turn are embedded: measured on the dev
    # splits (national corpus), 32 keeps STARD (R@10 0.657 -> 0.655) and LexRAG equal, lifts
    # LawBench-consult (long questions: 0.337 -> 0.348) and cuts the embedding time of long
    # questions (STARD p95 64 -> 55 ms); 0 embeds the whole text.
    dense_chars: int = 32
    neighbours: int = 20
    candidates: int = 300
    rrf_k: int = 60


HEAD = 8  # positions taken from the precision profile before the recall profile continues


@dataclass(frozen=True, slots=True)
class Signals:
    """Query-dependent signals over all corpus rows (``None`` when not available)."""

    lexical: np.ndarray  # raw BM25
    bm25: np.ndarray  # BM25 / max
    memory: np.ndarray
    memory_dense: np.ndarray | None
    dense: np.ndarray | None  # raw cosine similarity
    in_category: np.ndarray | None


def splice(first: np.ndarray, second: np.ndarray, *, head: int) -> np.ndarray:
    """``first[:head]`` followed by ``second`` without those rows, cut to ``len(first)``."""
    top = first[:head]
    rest = second[~np.isin(second, top)]
    return np.concatenate([top, rest])[: len(first)]


def recall_profile(w: Weights, *, dense: bool) -> Weights:
    """Weights that favour recall deeper in the list: more memory evidence and popularity."""
    return replace(w, memory=4.0, popularity=0.5, memory_dense=3.0 if dense else 0.0)


# With multilingual-e5-small vectors: chosen by eval/tune_retrieval.py (coordinate ascent,
# cross-validated signals) on the STARD, LexRAG and LawBench-consult dev splits.
HYBRID = Weights(bm25=6.0, law_prior=0.7, memory=1.0, memory_dense=1.0, category=2.0,
                 dense_linear=6.0)
HYBRID_RECALL = Weights(memory=2.0, memory_dense=3.0, popularity=0.5, dense_linear=4.0)


def default_profiles(*, dense: bool) -> tuple[Weights, Weights]:
    """(precision, recall) weights: BM25 + memory only, or with dense vectors."""
    if dense:
        return HYBRID, HYBRID_RECALL
    plain = Weights(dense_linear=0.0)
    return plain, recall_profile(plain, dense=False)


class Expander(Protocol):
    def expand(self, text: str) -> list[str]: ...


class DenseSearch(Protocol):
    """Dense similarity over the same corpus rows."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised query vectors of ``texts`` (also used for the question memory)."""
        ...

    def scores(self, vector: np.ndarray) -> np.ndarray:
        """Cosine similarity of one query vector to every row, in corpus order."""
        ...


def dense_signal(cosine: np.ndarray) -> np.ndarray:
    """Cosine rescaled per question so the best row is 1 and the average row 0.

    Raw e5 cosines of a question to every article sit in a narrow band (about 0.7–0.9) whose
    place differs between questions; this puts them on BM25/max's scale."""
    mean = float(cosine.mean())
    top = float(cosine.max()) - mean
    return (cosine - mean) / top if top > 0 else np.zeros_like(cosine)


class HybridRetriever:
    def __init__(
        self,
        *,
        corpus: Corpus,
        tokenizer: Tokenizer,
        bm25: BM25Index,
        memory: QuestionMemory,
        is_core: np.ndarray,
        expander: Expander | None = None,
        category_laws: Mapping[str, frozenset[str]] | None = None,
        dense: DenseSearch | None = None,
        weights: Weights | None = None,
        recall_weights: Weights | None = None,
        head: int = HEAD,
    ) -> None:
        if bm25.n_docs != len(corpus) or len(is_core) != len(corpus):
            raise ValueError("index rows do not match the corpus")
        self.corpus = corpus
        self.tokenizer = tokenizer
        self.bm25 = bm25
        self.memory = memory
        self.is_core = is_core.astype(np.float32)
        self.expander = expander
        self.category_laws = dict(category_laws or {})
        self.dense = dense
        self.weights = weights or Weights()
        self.recall_weights = recall_weights
        self.head = head
        self._law_of_row = [a.law_key for a in corpus]
        # One 0/1 row mask per category, built once (a pass over 58,364 rows costs ~5 ms).
        self._category_masks = {
            name: np.fromiter((law in laws for law in self._law_of_row), np.float32, len(corpus))
            for name, laws in self.category_laws.items() if laws}
        # The question is embedded on this thread while BM25 and the memory are scored on the
        # caller's: the engine's C call releases the GIL, so the two overlap.
        self._embedding = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed")
        self._compute_priors()

    def _compute_priors(self) -> None:
        self._law_prior = self._compute_law_prior()
        counts = np.zeros(len(self.corpus), dtype=np.float32)
        for item in self.memory.items:
            counts[list(item.articles)] += 1.0
        self._popularity = np.log1p(counts)
        rows: list[int] = []
        cols: list[int] = []
        for item in self.memory.items:
            arts = list(item.articles)
            if 1 < len(arts) <= 12:
                rows += [a for a in arts for b in arts if a != b]
                cols += [b for a in arts for b in arts if a != b]
        n = len(self.corpus)
        ones = np.ones(len(rows), dtype=np.float32)
        self._cooc = sp.csr_matrix((ones, (rows, cols)), shape=(n, n))

    def _compute_law_prior(self) -> np.ndarray:
        counts = self.memory.law_counts(self._law_of_row)
        sizes: dict[str, int] = {}
        for law in self._law_of_row:
            sizes[law] = sizes.get(law, 0) + 1
        per_law = {law: math.log((counts.get(law, 0) + 0.1) / n) for law, n in sizes.items()}
        return np.array([per_law[law] for law in self._law_of_row], dtype=np.float32)

    def _cocited(self, score: np.ndarray) -> np.ndarray:
        """Spread the top articles' scores to articles cited together with them (memory items)."""
        m = min(int(self.weights.cocitation_seeds), len(score))
        seeds = np.argpartition(-score, m - 1)[:m]
        weights = np.zeros(len(score), dtype=np.float32)
        weights[seeds] = np.exp(score[seeds] - score[seeds].max())
        spread = np.asarray(self._cooc @ weights).ravel()
        peak = float(spread.max())
        return spread / peak if peak > 0 else spread

    def with_memory(self, memory: QuestionMemory) -> HybridRetriever:
        other = HybridRetriever.__new__(HybridRetriever)
        other.__dict__.update(self.__dict__)
        other.memory = memory
        other._compute_priors()
        return other

    def with_weights(self, **changes: float) -> HybridRetriever:
        other = HybridRetriever.__new__(HybridRetriever)
        other.__dict__.update(self.__dict__)
        other.weights = replace(self.weights, **changes)  # type: ignore[arg-type]
        return other

    def query_terms(self, query: str, history: Sequence[str] = ()) -> tuple[list[str], list[float]]:
        """Weighted terms: the question, lexicon expansions, and earlier turns."""
        w = self.weights
        terms = self.tokenizer.tokens(query)
        weights = [1.0] * len(terms)
        if self.expander is not None:
            extra = self.tokenizer.tokens(" ".join(self.expander.expand(query)))
            terms += extra
            weights += [w.expansion] * len(extra)
        for turn in history:
            past = self.tokenizer.tokens(turn)
            terms += past
            weights += [w.history] * len(past)
        return terms, weights

    def signals(self, query: str, history: Sequence[str] = (), category: str | None = None
                ) -> Signals:
        """Every query-dependent signal once; profiles only weigh them differently."""
        w = self.weights
        pending = (self._embedding.submit(self.query_vector, query, history)
                   if self.dense is not None else None)
        terms, tw = self.query_terms(query, history)
        lexical = self.bm25.score(terms, term_weights=tw)
        top = float(lexical.max()) if len(lexical) else 0.0
        n = len(self.corpus)
        memory = self.memory.vote(terms, n, neighbours=w.neighbours, term_weights=tw)
        dense = memory_dense = None
        if pending is not None:
            assert self.dense is not None  # pending exists only with dense vectors
            vector = pending.result()
            dense = self.dense.scores(vector)
            memory_dense = self.memory.vote_dense(vector, n, neighbours=w.neighbours)
        in_category = self._category_masks.get(category or "")
        return Signals(lexical, lexical / top if top > 0 else np.zeros_like(lexical), memory,
                       memory_dense, dense, in_category)

    def query_vector(self, query: str, history: Sequence[str] = ()) -> np.ndarray:
        """The question's dense vector, leaning ``dense_history`` towards the earlier turns."""
        assert self.dense is not None
        cut = int(self.weights.dense_chars)
        vectors = self.dense.embed([t[:cut] if cut > 0 else t for t in (query, *history)])
        vector = vectors[0]
        share = self.weights.dense_history
        if len(vectors) > 1 and share:
            past = vectors[1:].sum(axis=0)
            vector = vector + share * past / max(float(np.linalg.norm(past)), 1e-9)
            vector = vector / max(float(np.linalg.norm(vector)), 1e-9)
        return np.asarray(vector, dtype=np.float32)

    def _combine(self, s: Signals, w: Weights) -> np.ndarray:
        score = w.bm25 * s.bm25 + w.core * self.is_core + w.law_prior * self._law_prior
        score += w.memory * s.memory + w.popularity * self._popularity
        if s.dense is not None and w.dense_linear:
            score += w.dense_linear * dense_signal(s.dense)
        if s.memory_dense is not None:
            score += w.memory_dense * s.memory_dense
        if w.cocitation:
            score += w.cocitation * self._cocited(score)
        if s.in_category is not None:
            score += w.category * s.in_category
        return score

    def _ranked(self, score: np.ndarray, n: int) -> np.ndarray:
        cand = np.argpartition(-score, n - 1)[:n]
        return cand[np.argsort(-score[cand], kind="stable")]

    def search(self, query: str, *, k: int = 10, history: Sequence[str] = (),
               category: str | None = None) -> list[Hit]:
        """The ``k`` best articles for ``query`` (earlier user turns in ``history``, oldest first).

        Returns an empty list when the question shares no term with the corpus or the memory:
        nothing relevant is not an error, the caller abstains.
        """
        signals = self.signals(query, history, category)
        if not signals.lexical.any() and self.dense is None:
            return []
        return self.rank(signals, k=k)

    def rank(self, signals: Signals, *, k: int = 10) -> list[Hit]:
        """The ``k`` best articles given one question's :meth:`signals`."""
        w = self.weights
        score = self._combine(signals, w)
        n = min(max(k, w.candidates), len(score))
        cand = self._ranked(score, n)
        if self.recall_weights is not None:
            # Precision profile for the first positions, recall profile below them.
            cand = splice(cand, self._ranked(self._combine(signals, self.recall_weights), n),
                          head=self.head)
        ranked = [(int(i), float(score[i])) for i in cand]
        if signals.dense is not None and w.dense_rerank:
            ranked = self._reranked(ranked, signals.dense, w)
        if signals.dense is not None and w.dense_rrf:
            rows = self._ranked(signals.dense, n)
            fused = reciprocal_rank_fusion([[i for i, _ in ranked], rows.tolist()], k=w.rrf_k,
                                           weights=[1.0, w.dense_rrf])
            ranked = [(int(i), s) for i, s in fused]
        source = "hybrid" if signals.dense is None else "hybrid+dense"
        lexical = signals.lexical
        return [
            Hit(self.corpus.articles[i], s, r, float(lexical[i]), source)
            for r, (i, s) in enumerate(ranked[:k], 1)
        ]

    @staticmethod
    def _reranked(ranked: list[tuple[int, float]], cosine: np.ndarray, w: Weights
                  ) -> list[tuple[int, float]]:
        """The first ``rerank_depth`` candidates re-ordered by RRF of their order and their
        dense order (the rest keep their places)."""
        depth = min(int(w.rerank_depth), len(ranked))
        head = [i for i, _ in ranked[:depth]]
        by_dense = sorted(head, key=lambda i: -float(cosine[i]))
        fused = reciprocal_rank_fusion([head, by_dense], k=w.rrf_k, weights=[1.0, w.dense_rerank])
        return [(int(i), s) for i, s in fused] + ranked[depth:]


class CaseRetriever:
    """BM25 over official cases (title, holding, facts); each hit lists its cited articles."""

    def __init__(self, *, cases: Sequence[Case], bm25: BM25Index, tokenizer: Tokenizer,
                 corpus: Corpus) -> None:
        if bm25.n_docs != len(cases):
            raise ValueError("case index rows do not match the cases")
        self.cases = tuple(cases)
        self.bm25 = bm25
        self.tokenizer = tokenizer
        self.corpus = corpus

    def search(self, query: str, *, k: int = 3) -> list[CaseHit]:
        scores = self.bm25.score(self.tokenizer.tokens(query))
        order = np.argsort(-scores)[:k]
        out = []
        for i in order:
            if scores[i] <= 0:
                break
            case = self.cases[int(i)]
            cited = tuple(a for r in case.cited_refs
                          if (a := self.corpus.find(r.law, r.article_no)) is not None)
            out.append(CaseHit(case, float(scores[i]), cited))
        return out
