"""Okapi BM25 over a sparse term matrix (Robertson & Zaragoza, 2009).

Scores are computed as ``W[:, query_terms] @ query_weights`` on a CSC matrix whose entries are the
per-document BM25 term weights, so a query costs one sparse column gather (a few ms for 60k docs).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp


@dataclass(frozen=True, slots=True)
class BM25Params:
    k1: float = 1.2
    b: float = 0.75


class BM25Index:
    """Immutable BM25 index over pre-tokenised documents (rows keep the input order)."""

    def __init__(self, weights: sp.csc_matrix, vocab: dict[str, int], idf: np.ndarray,
                 params: BM25Params) -> None:
        self._w = weights
        self._vocab = vocab
        self._idf = idf
        self.params = params

    @property
    def n_docs(self) -> int:
        return int(self._w.shape[0])

    @classmethod
    def build(cls, docs: Sequence[Sequence[str]], *, params: BM25Params | None = None) -> BM25Index:
        params = params or BM25Params()
        vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        lengths = np.zeros(len(docs), dtype=np.float64)
        for i, doc in enumerate(docs):
            lengths[i] = len(doc)
            for term, tf in Counter(doc).items():
                rows.append(i)
                cols.append(vocab.setdefault(term, len(vocab)))
                vals.append(tf)
        tf_m = sp.csr_matrix(
            (np.asarray(vals, dtype=np.float64), (rows, cols)), shape=(len(docs), len(vocab))
        )
        df = np.bincount(tf_m.indices, minlength=len(vocab)).astype(np.float64)
        n = max(len(docs), 1)
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
        avgdl = float(lengths.mean()) if len(docs) else 1.0
        norm = params.k1 * (1 - params.b + params.b * lengths / max(avgdl, 1e-9))
        coo = tf_m.tocoo()
        tf = coo.data
        w = tf * (params.k1 + 1) / (tf + norm[coo.row]) * idf[coo.col]
        weights = sp.csc_matrix((w.astype(np.float32), (coo.row, coo.col)), shape=tf_m.shape)
        return cls(weights, vocab, idf.astype(np.float32), params)

    def score(self, query_terms: Sequence[str], *, term_weights: Sequence[float] | None = None
              ) -> np.ndarray:
        """BM25 score of every document for the query (repeated terms count once per weight)."""
        agg: dict[int, float] = {}
        for j, t in enumerate(query_terms):
            col = self._vocab.get(t)
            if col is not None:
                agg[col] = agg.get(col, 0.0) + (1.0 if term_weights is None else term_weights[j])
        if not agg:
            return np.zeros(self.n_docs, dtype=np.float32)
        cols = np.fromiter(agg.keys(), dtype=np.int64)
        qw = np.fromiter(agg.values(), dtype=np.float32)
        return np.asarray(self._w[:, cols] @ qw).ravel()

    def idf(self, term: str) -> float:
        col = self._vocab.get(term)
        return 0.0 if col is None else float(self._idf[col])

    def save(self, directory: Path, name: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        sp.save_npz(directory / f"{name}.npz", self._w, compressed=False)
        np.save(directory / f"{name}.idf.npy", self._idf)
        terms = sorted(self._vocab, key=self._vocab.__getitem__)
        meta = {"k1": self.params.k1, "b": self.params.b, "terms": terms}
        (directory / f"{name}.vocab.json").write_text(json.dumps(meta, ensure_ascii=False))

    @classmethod
    def load(cls, directory: Path, name: str) -> BM25Index:
        w = sp.load_npz(directory / f"{name}.npz").tocsc()
        idf = np.load(directory / f"{name}.idf.npy")
        meta = json.loads((directory / f"{name}.vocab.json").read_text())
        vocab = {t: i for i, t in enumerate(meta["terms"])}
        return cls(w, vocab, idf, BM25Params(k1=meta["k1"], b=meta["b"]))
