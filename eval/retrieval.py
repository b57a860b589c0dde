"""``legalaid eval retrieval``: statute retrieval on STARD / LexRAG / LawBench-consult.

The question memory contains the dev splits themselves, so scoring a dev split uses 5-fold
cross-validation: each query is answered by a retriever whose memory lacks the items of the
query's fold (grouped by dialogue for LexRAG). A ``--file`` with other IDs (e.g. a held-out
split) is scored with the full memory.
"""

from __future__ import annotations

import argparse
import resource
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from assistant.config import Settings
from eval import metrics as m
from eval.datasets import DATASETS, DatasetName, Query, dataset_path, load_queries
from eval.output import new_figure, save_figure, write_json
from knowledge.retrieval import HybridRetriever

PRIMARY = "recall@10"
HELP = "检索评测 — STARD / LexRAG / LawBench-consult retrieval metrics (recall@k, MRR, nDCG, latency)"
KS = (1, 5, 10, 20, 100)
FOLDS = 5


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dataset", choices=DATASETS, default="stard")
    p.add_argument("--file", type=Path, help="JSONL in the dataset's format instead of the dev split")
    p.add_argument("--corpus", choices=["core", "full"], default="full",
                   help="index to evaluate (default full: the benchmark corpus)")
    p.add_argument("--json", type=Path, help="write the metrics here")
    p.add_argument("--plot", type=Path, help="recall@k plot (default: <results_dir>/retrieval-<dataset>.png)")
    p.add_argument("--limit", type=int, help="only the first N queries")
    p.add_argument("--no-category", action="store_true",
                   help="do not classify questions (no category-aware boosting)")
    p.add_argument("--no-dense", action="store_true",
                   help="BM25 + memory only, even when the index holds dense vectors")


def group_of(query_id: str) -> str:
    """Cross-validation group: a LexRAG dialogue, otherwise the query itself."""
    return query_id.split("#", 1)[0]


def fold_of(query_id: str) -> int:
    return zlib.crc32(group_of(query_id).encode()) % FOLDS


class Categorizer(Protocol):
    def classify(self, text: str, *, history: Sequence[str] = ()) -> Any: ...


def rank_queries(retriever: HybridRetriever, queries: Sequence[Query], *, k: int = 100,
                 classifier: Callable[[frozenset[str]], Categorizer] | None = None
                 ) -> tuple[list[list[tuple[str, str]]], list[float]]:
    """Rankings (as gold-comparable keys) and per-query latency in ms, cross-validating the
    memory items that share an ID with the queries. With ``classifier`` (a factory taking the
    IDs to leave out of training), each query's category is predicted as the engine does and
    passed to retrieval; its fold is left out of the classifier's training too."""
    query_groups = {group_of(q.id) for q in queries}
    rankings: list[list[tuple[str, str]]] = [[] for _ in queries]
    latencies: list[float] = [0.0] * len(queries)
    for fold in range(FOLDS):
        members = [i for i, q in enumerate(queries) if fold_of(q.id) == fold]
        if not members:
            continue
        held = {it.id for it in retriever.memory.items
                if group_of(it.id) in query_groups and fold_of(it.id) == fold}
        held |= {queries[i].id for i in members}  # the classifier's weak labels use query IDs
        fold_retriever = (retriever.with_memory(retriever.memory.without(held, retriever.tokenizer))
                          if held else retriever)
        fold_classifier = classifier(frozenset(held)) if classifier is not None else None
        for i in members:
            q = queries[i]
            t0 = time.perf_counter()
            category = (fold_classifier.classify(q.text, history=q.history).category
                        if fold_classifier is not None else None)
            hits = fold_retriever.search(q.text, k=k, history=q.history, category=category)
            latencies[i] = (time.perf_counter() - t0) * 1000
            rankings[i] = [h.article.key for h in hits]
    return rankings, latencies


def _classifier_factory(settings: Settings) -> Callable[[frozenset[str]], Categorizer]:
    from assistant.consult.classify import load_classifier

    return lambda held: load_classifier(settings.data_dir, exclude=held)


def evaluate(rankings: list[list[tuple[str, str]]], queries: Sequence[Query],
             latencies: Sequence[float]) -> dict[str, Any]:
    """Recall / hit @k, MRR@10, nDCG@10 and the latency summary of ranked queries."""
    golds = [q.gold for q in queries]
    out: dict[str, Any] = {f"recall@{k}": m.recall_at_k(rankings, golds, k) for k in KS}
    out |= {f"micro_recall@{k}": m.micro_recall_at_k(rankings, golds, k) for k in KS}
    out |= {f"hit@{k}": m.hit_at_k(rankings, golds, k) for k in KS}
    out["mrr@10"] = m.mrr_at_k(rankings, golds, 10)
    out["ndcg@10"] = m.ndcg_at_k(rankings, golds, 10)
    out |= m.latency_summary(latencies, digits=2)
    out["queries"] = len(queries)
    out["queries_with_gold"] = sum(1 for q in queries if q.gold)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}


def plot_recall(result: dict[str, Any], path: Path, title: str) -> None:

    fig, ax = new_figure(figsize=(5, 3.5))
    ax.plot(KS, [result[f"recall@{k}"] for k in KS], marker="o", label="macro recall@k")
    ax.plot(KS, [result[f"hit@{k}"] for k in KS], marker="s", label="hit@k")
    ax.set_xscale("log")
    ax.set_xticks(KS, [str(k) for k in KS])
    ax.set_ylim(0, 1)
    ax.set_xlabel("k")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend()
    save_figure(fig, path)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.app import configured_embedder, load_knowledge

    name: DatasetName = args.dataset
    path = args.file or dataset_path(settings.data_dir, name)
    queries = load_queries(name, path)[: args.limit]
    embedder = None if args.no_dense else configured_embedder(settings)
    kb = load_knowledge(settings, corpus=args.corpus, embedder=embedder)
    if embedder is not None and kb.mode == "bm25":
        print(f"note: the {args.corpus} index has no {embedder.name} vectors; BM25 only "
              f"(build them with: legalaid ingest --corpus {args.corpus} --dense)")
    factory = None if args.no_category else _classifier_factory(settings)
    rankings, latencies = rank_queries(kb.articles, queries, classifier=factory)
    result = evaluate(rankings, queries, latencies)
    dense_build = kb.manifest.extra.get("dense", {}) if kb.mode == "hybrid" else {}
    result |= {
        "dataset": name, "file": str(path), "corpus": args.corpus, "articles": len(kb.corpus),
        "mode": kb.mode,
        "index_build_seconds": kb.manifest.build_seconds,
        "index_peak_rss_mb": kb.manifest.peak_rss_mb,
        "vectors_build_seconds": dense_build.get("build_seconds"),
        "vectors_peak_rss_mb": dense_build.get("peak_rss_mb"),
        "vectors_bytes": dense_build.get("bytes"),
        "eval_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "embedder": kb.manifest.embedder if kb.mode == "hybrid" else None,
        "category_boost": not args.no_category,
    }
    _print_table(result)
    plot = args.plot or settings.results_dir / f"retrieval-{name}.png"
    dense = f", embedder {result['embedder']}" if result["embedder"] else ", BM25 only"
    plot_recall(result, plot, f"{name} ({result['queries']} queries, {args.corpus} corpus{dense})")
    print(f"plot: {plot}")
    write_json(args.json, result)
    return 0


def _print_table(r: dict[str, Any]) -> None:
    print(f"{r['dataset']}: {r['queries']} queries ({r['queries_with_gold']} with gold), "
          f"{r['articles']} articles, embedder={r['embedder']}")
    print("  k     recall   micro    hit")
    for k in KS:
        print(f"  {k:<5} {r[f'recall@{k}']:.3f}    {r[f'micro_recall@{k}']:.3f}    {r[f'hit@{k}']:.3f}")
    print(f"  MRR@10 {r['mrr@10']:.3f}  nDCG@10 {r['ndcg@10']:.3f}  "
          f"latency p50 {r['latency_ms_p50']:.1f} ms  p95 {r['latency_ms_p95']:.1f} ms")
    print(f"  index build {r['index_build_seconds']} s, peak RSS {r['index_peak_rss_mb']} MB; "
          f"eval peak RSS {r['eval_peak_rss_mb']} MB")
    if r["mode"] == "hybrid":
        size = r["vectors_bytes"] / 1e6 if r["vectors_bytes"] else float("nan")
        print(f"  vectors: build {r['vectors_build_seconds']} s, peak RSS "
              f"{r['vectors_peak_rss_mb']} MB, {size:.1f} MB on disk")
