"""Coordinate-ascent tuning of the retriever's fusion weights on the three dev splits.

Each question's signals (BM25, question-memory votes, dense similarity, category) are computed
once, by a retriever whose question memory lacks the question's cross-validation fold and with
a category from a classifier trained without that fold — exactly as ``legalaid eval retrieval``
answers it — so the chosen weights are never fitted to answers they have seen. Weight
candidates then only re-combine the stored signals, which makes a grid search over the full
corpus take minutes instead of hours.

The objective adds STARD R@10 + R@100 + MRR@10, LexRAG per-turn micro R@10 and LawBench-consult
R@10. The weights are chosen on the same dev questions they are reported on: the figures of a
tuned configuration are optimistic by the amount a held-out check would show (``--split``
tunes on one half of each split's folds and reports the other half).

Run: ``python -m eval.tune_retrieval --corpus full --out var/results/tuned-weights.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from assistant.app import configured_embedder, load_knowledge
from assistant.config import get_settings
from eval import metrics as m
from eval.datasets import DATASETS, DatasetName, Query, dataset_path, load_queries
from eval.retrieval import FOLDS, Categorizer, _classifier_factory, fold_of, group_of
from knowledge.retrieval import HEAD, HybridRetriever, Signals, Weights

GRID: dict[str, list[float]] = {
    "bm25": [6.0, 8.0, 10.0, 14.0],
    "core": [0.0, 0.5, 1.0, 1.5],
    "law_prior": [0.2, 0.35, 0.5, 0.7],
    "memory": [0.0, 1.0, 2.0, 3.0, 4.0],
    "memory_dense": [0.0, 1.0, 2.0, 4.0, 6.0],
    "popularity": [0.0, 0.3, 0.6],
    "cocitation": [0.0, 1.0, 2.0, 3.0],
    "category": [0.0, 0.5, 1.0, 2.0],
    "dense_linear": [0.0, 2.0, 4.0, 6.0, 8.0, 12.0],
    "dense_rrf": [0.0, 0.5, 1.0],
    "dense_rerank": [0.0, 0.5, 1.0, 2.0],
}
RECALL_GRID: dict[str, list[float]] = {
    "memory": [2.0, 4.0, 6.0],
    "memory_dense": [0.0, 2.0, 3.0, 4.0, 6.0],
    "popularity": [0.0, 0.5, 1.0],
    "dense_linear": [0.0, 4.0, 6.0, 8.0, 12.0],
}


@dataclass(slots=True)
class Item:
    dataset: DatasetName
    query: Query
    retriever: HybridRetriever  # the query's fold retriever
    signals: Signals


@dataclass(frozen=True, slots=True)
class Config:
    weights: Weights
    recall: Weights
    head: int = HEAD


def collect(retriever: HybridRetriever, dataset: DatasetName, queries: Sequence[Query],
            classifier: Callable[[frozenset[str]], Categorizer] | None) -> list[Item]:
    """Signals of every query, cross-validated as :func:`eval.retrieval.rank_queries` does."""
    query_groups = {group_of(q.id) for q in queries}
    items: list[Item] = []
    for fold in range(FOLDS):
        members = [q for q in queries if fold_of(q.id) == fold]
        held = {it.id for it in retriever.memory.items
                if group_of(it.id) in query_groups and fold_of(it.id) == fold}
        held |= {q.id for q in members}
        fold_r = retriever.with_memory(retriever.memory.without(held, retriever.tokenizer))
        fold_c = classifier(frozenset(held)) if classifier is not None else None
        for q in members:
            category = fold_c.classify(q.text, history=q.history).category if fold_c else None
            items.append(Item(dataset, q, fold_r, fold_r.signals(q.text, q.history, category)))
    return items


def rankings(items: Iterable[Item], config: Config, k: int = 100) -> list[list[tuple[str, str]]]:
    out = []
    for it in items:
        r = it.retriever
        r.weights, r.recall_weights, r.head = config.weights, config.recall, config.head
        out.append([h.article.key for h in r.rank(it.signals, k=k)])
    return out


def score(items: Sequence[Item], config: Config) -> dict[str, float]:
    """The figures the issue sets goals for, per dataset present in ``items``."""
    out: dict[str, float] = {}
    for name in DATASETS:
        part = [it for it in items if it.dataset == name]
        if not part:
            continue
        ranked = rankings(part, config)
        golds = [it.query.gold for it in part]
        if name == "stard":
            out |= {"stard_r10": m.recall_at_k(ranked, golds, 10),
                    "stard_r100": m.recall_at_k(ranked, golds, 100),
                    "stard_mrr": m.mrr_at_k(ranked, golds, 10)}
        elif name == "lexrag":
            out["lexrag_micro_r10"] = m.micro_recall_at_k(ranked, golds, 10)
        else:
            out["lawbench_r10"] = m.recall_at_k(ranked, golds, 10)
    return {k: round(v, 4) for k, v in out.items()}


def objective(parts: dict[str, float]) -> float:
    return sum(parts.values())


def ascend(items: Sequence[Item], start: Config, *, rounds: int = 2,
           log: Callable[[str], None] = print) -> tuple[Config, dict[str, float]]:
    """Coordinate ascent: one weight at a time over its grid, keeping any improvement."""
    best = start
    parts = score(items, best)
    log(f"start {objective(parts):.4f} {parts}")
    for _ in range(rounds):
        improved = False
        for profile, grid in (("weights", GRID), ("recall", RECALL_GRID), ("head", {"head": [4, 8, 12]})):
            for name, values in grid.items():
                for v in values:
                    cand = _with(best, profile, name, v)
                    if cand == best:
                        continue
                    p = score(items, cand)
                    if objective(p) > objective(parts) + 1e-4:
                        best, parts, improved = cand, p, True
                        log(f"{profile}.{name}={v}: {objective(p):.4f} {p}")
        if not improved:
            break
    return best, parts


def _with(config: Config, profile: str, name: str, value: float) -> Config:
    if profile == "head":
        return replace(config, head=int(value))
    if profile == "weights":
        return replace(config, weights=replace(config.weights, **{name: value}))  # type: ignore[arg-type]
    return replace(config, recall=replace(config.recall, **{name: value}))  # type: ignore[arg-type]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", choices=["core", "full"], default="full")
    p.add_argument("--datasets", nargs="+", choices=DATASETS, default=list(DATASETS))
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--split", action="store_true",
                   help="tune on folds 0-2 of every split, report folds 3-4 as well")
    p.add_argument("--out", type=Path, default=Path("var/results/tuned-weights.json"))
    args = p.parse_args()
    settings = get_settings()
    kb = load_knowledge(settings, corpus=args.corpus, embedder=configured_embedder(settings))
    print(f"{args.corpus}: {len(kb.corpus)} articles, mode {kb.mode}")
    factory = _classifier_factory(settings)
    items: list[Item] = []
    t0 = time.perf_counter()
    for name in args.datasets:
        queries = load_queries(name, dataset_path(settings.data_dir, name))
        items += collect(kb.articles, name, queries, factory)
    print(f"signals of {len(items)} questions in {time.perf_counter() - t0:.0f} s")
    start = Config(kb.articles.weights, kb.articles.recall_weights or kb.articles.weights,
                   kb.articles.head)
    train = [it for it in items if fold_of(it.query.id) < 3] if args.split else items
    best, parts = ascend(train, start, rounds=args.rounds)
    result: dict[str, Any] = {"corpus": args.corpus, "mode": kb.mode, "objective": objective(parts),
                              "figures": parts, "start": score(items, start),
                              "weights": asdict(best.weights), "recall_weights": asdict(best.recall),
                              "head": best.head}
    if args.split:
        test = [it for it in items if fold_of(it.query.id) >= 3]
        result |= {"test_start": score(test, start), "test_tuned": score(test, best)}
        print(f"held-out folds: start {result['test_start']} tuned {result['test_tuned']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"best {objective(parts):.4f} -> {args.out}")


if __name__ == "__main__":
    main()
