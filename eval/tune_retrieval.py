"""Coordinate-ascent tuning of the retriever's fusion weights on a dev split.

Every evaluation inside the search is cross-validated the same way ``legalaid eval retrieval``
is (the question memory never contains the fold being scored), so the chosen weights are not
fitted to answers they have seen. Run: ``python -m eval.tune_retrieval --dataset stard``.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from assistant.app import load_knowledge
from assistant.config import get_settings
from eval import metrics as m
from eval.datasets import DATASETS, Query, dataset_path, load_queries
from eval.retrieval import rank_queries
from knowledge.retrieval import HybridRetriever

GRID: dict[str, list[float]] = {
    "bm25": [6.0, 8.0, 10.0, 14.0],
    "expansion": [0.0, 0.3, 0.5, 0.8],
    "core": [0.0, 0.5, 1.0, 1.5, 2.0],
    "law_prior": [0.2, 0.35, 0.5, 0.7],
    "memory": [0.0, 1.0, 2.0, 3.0, 4.0],
    "popularity": [0.0, 0.3, 0.6],
}


def objective(retriever: HybridRetriever, queries: list[Query]) -> tuple[float, dict[str, float]]:
    rankings, _ = rank_queries(retriever, queries)
    golds = [q.gold for q in queries]
    r = {"r10": m.recall_at_k(rankings, golds, 10), "r100": m.recall_at_k(rankings, golds, 100),
         "mrr": m.mrr_at_k(rankings, golds, 10)}
    return r["r10"] + r["r100"] + r["mrr"], r


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dataset", choices=DATASETS, default="stard")
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--out", type=Path, default=Path("var/results/tuned-weights.json"))
    args = p.parse_args()
    settings = get_settings()
    queries = load_queries(args.dataset, dataset_path(settings.data_dir, args.dataset))
    retriever = load_knowledge(settings, corpus="full").articles
    best, parts = objective(retriever, queries)
    print(f"start {best:.4f} {parts}")
    for _ in range(args.rounds):
        for name, values in GRID.items():
            for v in values:
                cand = retriever.with_weights(**{name: v})
                score, parts = objective(cand, queries)
                if score > best + 1e-4:
                    best, retriever = score, cand
                    print(f"{name}={v}: {score:.4f} {parts}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"objective": best, "weights": asdict(retriever.weights)},
                                   indent=2) + "\n")
    print(f"best {best:.4f} -> {args.out}")


if __name__ == "__main__":
    main()
