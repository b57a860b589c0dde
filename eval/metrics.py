"""Ranking metrics, as STARD and LexRAG define them.

- ``recall_at_k``: macro recall, mean over queries of |gold ∩ top-k| / |gold| (STARD ``Recall@k``).
- ``hit_at_k``: share of queries with at least one gold article in the top k (STARD ``one_recall@k``).
- ``mrr_at_k``: mean reciprocal rank of the first gold article within the top k, 0 if none.
- ``ndcg_at_k``: binary-gain nDCG with log2 discount.
- ``micro_recall_at_k``: total gold hits in top-k over total gold (LexRAG's Recall@k).
Queries without gold are skipped by every metric.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import Any

Ranking = Sequence[Hashable]
Gold = Sequence[Hashable]


def _pairs(rankings: Sequence[Ranking], golds: Sequence[Gold]) -> list[tuple[Ranking, set[Hashable]]]:
    if len(rankings) != len(golds):
        raise ValueError("rankings and golds differ in length")
    return [(r, set(g)) for r, g in zip(rankings, golds, strict=True) if g]


def recall_at_k(rankings: Sequence[Ranking], golds: Sequence[Gold], k: int) -> float:
    pairs = _pairs(rankings, golds)
    if not pairs:
        return 0.0
    return sum(len(g.intersection(r[:k])) / len(g) for r, g in pairs) / len(pairs)


def micro_recall_at_k(rankings: Sequence[Ranking], golds: Sequence[Gold], k: int) -> float:
    pairs = _pairs(rankings, golds)
    total = sum(len(g) for _, g in pairs)
    return sum(len(g.intersection(r[:k])) for r, g in pairs) / total if total else 0.0


def hit_at_k(rankings: Sequence[Ranking], golds: Sequence[Gold], k: int) -> float:
    pairs = _pairs(rankings, golds)
    if not pairs:
        return 0.0
    return sum(1 for r, g in pairs if g.intersection(r[:k])) / len(pairs)


def mrr_at_k(rankings: Sequence[Ranking], golds: Sequence[Gold], k: int) -> float:
    pairs = _pairs(rankings, golds)
    if not pairs:
        return 0.0
    total = 0.0
    for r, g in pairs:
        for rank, item in enumerate(r[:k], 1):
            if item in g:
                total += 1.0 / rank
                break
    return total / len(pairs)


def ndcg_at_k(rankings: Sequence[Ranking], golds: Sequence[Gold], k: int) -> float:
    pairs = _pairs(rankings, golds)
    if not pairs:
        return 0.0
    total = 0.0
    for r, g in pairs:
        dcg = sum(1.0 / math.log2(i + 2) for i, item in enumerate(r[:k]) if item in g)
        ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(g), k)))
        total += dcg / ideal
    return total / len(pairs)


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile, ``q`` in [0, 100]."""
    if not values:
        return 0.0
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def latency_summary(latencies_ms: Sequence[float], *, digits: int = 1,
                    tails: Sequence[int] = (50, 95)) -> dict[str, float]:
    """``latency_ms_p50`` / ``latency_ms_p95`` (and any other ``tails``), rounded: the one
    latency summary every runner reports (``max`` is added when 99 is among the tails)."""
    out = {f"latency_ms_p{q}": round(percentile(latencies_ms, q), digits) for q in tails}
    if 99 in tails:
        out["latency_ms_max"] = round(max(latencies_ms, default=0.0), digits)
    return out


def load_summary(samples: Sequence[tuple[float, int]], wall_s: float) -> dict[str, Any]:
    """Requests, errors (every non-200), server errors (5xx and transport failures, status 0),
    the status breakdown, throughput and latency percentiles of a load run's
    ``(latency ms, HTTP status)`` samples."""
    lat = [ms for ms, _ in samples]
    counts: dict[str, int] = {}
    for _, st in samples:
        counts[str(st)] = counts.get(str(st), 0) + 1
    return {
        "requests": len(samples),
        "errors": sum(1 for _, st in samples if st != 200),
        "server_errors": sum(1 for _, st in samples if st == 0 or st >= 500),
        "status_counts": dict(sorted(counts.items())),
        "seconds": round(wall_s, 2),
        "throughput_rps": round(len(samples) / wall_s, 2) if wall_s else 0,
        **latency_summary(lat, tails=(50, 95, 99)),
        "_latencies": lat,
    }
