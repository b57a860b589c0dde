"""Reciprocal-rank fusion of several rankings, keyed by stable article ID.

Cormack, Clarke & Büttcher, "Reciprocal Rank Fusion outperforms Condorcet and individual Rank
Learning Methods", SIGIR 2009: score(d) = Σ_r w_r / (k + rank_r(d)), ranks starting at 1, k = 60.
Fusing by ID (never by text) matters because identical wording appears in several laws/versions.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

RRF_K = 60


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[K]],
    *,
    k: int = RRF_K,
    weights: Sequence[float] | None = None,
) -> list[tuple[K, float]]:
    """Fuse ``rankings`` (best first) into one list of ``(id, score)``, best first.

    A duplicate ID inside one ranking counts only at its best rank. Ties keep the order in which
    IDs were first seen (earlier rankings first), so the result is deterministic.
    """
    if k < 1:
        raise ValueError("k must be >= 1")
    if weights is not None and len(weights) != len(rankings):
        raise ValueError("one weight per ranking")
    scores: dict[K, float] = {}
    for r_i, ranking in enumerate(rankings):
        w = 1.0 if weights is None else weights[r_i]
        seen: set[K] = set()
        for rank, item in enumerate(ranking, 1):
            if item in seen:
                continue
            seen.add(item)
            scores[item] = scores.get(item, 0.0) + w / (k + rank)
    order = {item: i for i, item in enumerate(scores)}
    return sorted(scores.items(), key=lambda kv: (-kv[1], order[kv[0]]))
