"""``legalaid eval answers``: what the consultation engine cites, on the dev splits.

- ``citation_validity``: share of the citations an answer makes (outside verbatim quotations)
  that resolve to an existing article the answer was built from (retrieved or rule-table
  lookup) — must be 1.0.
- ``cited_recall``: per question, the share of gold (or lawyer-cited) articles among the
  articles the answer cites, averaged over questions with gold; ``quoted_precision``: share of
  the articles quoted under 法律依据 that are gold.
- ``abstain_rate``: share of questions answered with a referral instead of an answer.
- ``latency_ms_p50`` / ``latency_ms_p95``: one engine turn, without an LLM.
The engine answers directly (no clarifying round), as it would after the user said 不知道.
Neither the question memory nor the classifier's weak labels contain the questions being scored
(they are removed from both first).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from assistant.config import Settings
from eval import metrics as m
from eval.datasets import DATASETS, DatasetName, Query, dataset_path, load_queries
from eval.output import write_json

PRIMARY = "citation_validity"
HELP = "回答评测 — citation validity, cited recall, abstention and latency of the engine's answers"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dataset", choices=DATASETS, default="stard")
    p.add_argument("--file", type=Path, help="JSONL in the dataset's format instead of the dev split")
    p.add_argument("--corpus", choices=["core", "full"], help="index to answer from (default: settings)")
    p.add_argument("--json", type=Path, help="write the metrics here")
    p.add_argument("--limit", type=int, help="only the first N questions")
    p.add_argument("--no-dense", action="store_true",
                   help="BM25 + memory only, even when the index holds dense vectors")


def score_reply(reply: Any, gold: tuple[tuple[str, str], ...], resolver: Any, corpus: Any
                ) -> dict[str, float | int]:
    """Per-answer counts: valid/invalid citations, and overlap with the gold articles."""
    from assistant.consult.citecheck import check_citations
    from assistant.consult.compose import unquoted_text

    allowed = {c.article_id for c in reply.citations
               if (a := corpus.get(c.article_id)) is not None and a.text == c.text}
    check = check_citations(unquoted_text(reply), allowed=allowed, resolver=resolver)
    invalid = len(check.removed) + sum(1 for c in reply.citations if c.article_id not in allowed)
    cited = {(corpus.get(c.article_id).law_key, c.article) for c in reply.citations
             if c.article_id in allowed}
    quoted = {(corpus.get(c.article_id).law_key, c.article) for c in reply.citations
              if c.article_id in allowed and c.source == "search"}
    return {"valid": len(check.kept), "invalid": invalid, "quoted": len(quoted),
            "hit": len(cited & set(gold)), "quoted_hit": len(quoted & set(gold))}


def held_out(kb: Any, queries: list[Query]) -> frozenset[str]:
    """IDs of the scored questions and of every memory item of their dialogues."""
    groups = {q.id.split("#", 1)[0] for q in queries}
    return frozenset({it.id for it in kb.articles.memory.items
                      if it.id.split("#", 1)[0] in groups} | {q.id for q in queries})


def without_questions(kb: Any, held: frozenset[str]) -> Any:
    """The index with the ``held`` items removed from its question memory."""
    from dataclasses import replace

    memory = kb.articles.memory.without(held, kb.articles.tokenizer)
    return replace(kb, articles=kb.articles.with_memory(memory))


def evaluate(engine: Any, queries: list[Query], corpus: Any) -> dict[str, Any]:
    from assistant.models import SessionState

    rows, latencies, abstained = [], [], 0
    sessions: dict[str, SessionState] = {}
    for q in queries:
        dialogue = q.id.split("#", 1)[0]
        state = sessions.setdefault(dialogue, SessionState(session_id=dialogue))
        t0 = time.perf_counter()
        reply = engine.respond(state, q.text)
        latencies.append((time.perf_counter() - t0) * 1000)
        abstained += reply.kind in ("abstain", "out_of_scope")
        rows.append((score_reply(reply, q.gold, engine.resolver, corpus), q.gold))
    valid = sum(r["valid"] for r, _ in rows)
    invalid = sum(r["invalid"] for r, _ in rows)
    with_gold = [(r, g) for r, g in rows if g]
    return {
        "citation_validity": round(valid / (valid + invalid), 4) if valid + invalid else 1.0,
        "citations_checked": valid + invalid,
        "cited_recall": round(sum(r["hit"] / len(g) for r, g in with_gold) / len(with_gold), 4)
        if with_gold else 0.0,
        "quoted_precision": round(sum(r["quoted_hit"] for r, _ in with_gold)
                                  / max(1, sum(r["quoted"] for r, _ in with_gold)), 4),
        "abstain_rate": round(abstained / len(rows), 4) if rows else 0.0,
        **m.latency_summary(latencies),
        "queries": len(rows),
    }


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.app import build_engine, configured_embedder, load_knowledge
    from assistant.consult.classify import load_classifier

    name: DatasetName = args.dataset
    path = args.file or dataset_path(settings.data_dir, name)
    queries = load_queries(name, path)[: args.limit]
    embedder = None if args.no_dense else configured_embedder(settings)
    kb = load_knowledge(settings, corpus=args.corpus, embedder=embedder)
    held = held_out(kb, queries)
    engine = build_engine(without_questions(kb, held), settings)
    engine.classifier = load_classifier(settings.data_dir, exclude=held)
    engine.ask_clarifying = False
    result = evaluate(engine, queries, kb.corpus) | {
        "dataset": name, "corpus": args.corpus or settings.corpus, "mode": kb.mode,
        "embedder": kb.manifest.embedder if kb.mode == "hybrid" else None}
    for key, value in result.items():
        print(f"{key:>18}: {value}")
    write_json(args.json, result)
    return 0
