"""``legalaid eval classify``: question → category on LawBench task 2-4 (CrimeKgAssitant topics).

The 20 source labels map to our categories through the pack's ``label_map.json`` (values are
aliases, resolved with ``canonical_code``); labels mapped to null (公司法, 知识产权, 综合咨询…) are
counted in ``n_total`` but not scored. The classifier never sees these items in training.

The source labels are noisy (a loan question labelled 婚姻家庭) and follow a scheme that files some
questions elsewhere than DESIGN.md does (物业 under 消费权益, work injuries under 劳动纠纷/人身损害).
``eval/data/lawbench_topic_dev_review.tsv`` holds blind reviews of the dev items (made from the
questions and DESIGN.md alone, without any classifier output): each reviewer's category and a
verdict. The runner reports, beside ``accuracy_mapped``, the accuracy on the items every reviewer
agreed with, the accuracy against each reviewer's categories, and the ``source_label_ceiling`` —
the ``accuracy_mapped`` a classifier filing every question as that reviewer did would get.
Items not in the review file (the held-out split) are simply not part of that section.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from assistant.config import Settings
from assistant.models import Classification
from eval.metrics import latency_summary
from eval.output import new_figure, save_figure, write_json
from knowledge.taxonomy import CATEGORY_CODES, OUT_OF_SCOPE, canonical_code

PRIMARY = "accuracy_mapped"
HELP = "分类评测 — LawBench 2-4 topic classification (accuracy on mapped labels, confusion matrix)"
DATASETS = ("lawbench_topic",)
PREDICTED_LABELS: tuple[str, ...] = (*CATEGORY_CODES, OUT_OF_SCOPE)
REVIEW_PATH = Path(__file__).resolve().parent / "data" / "lawbench_topic_dev_review.tsv"
VERDICTS = ("agree", "taxonomy", "wrong_label", "unclear")
NO_CATEGORY = "none"  # the reviewer found no category that fits (a bare procedure question)


class TextClassifier(Protocol):
    def classify(self, text: str, *, history: Sequence[str] = ()) -> Classification: ...


@dataclass(frozen=True, slots=True)
class TopicItem:
    id: str
    query: str
    label: str


@dataclass(frozen=True, slots=True)
class Review:
    """One reviewer's reading of one item under DESIGN.md's taxonomy."""

    id: str
    source_label: str
    reviewer: str
    category: str | None  # None: no category fits
    verdict: str
    reason: str


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dataset", choices=DATASETS, default="lawbench_topic")
    p.add_argument("--file", type=Path,
                   help="JSONL {id, query, label} (source labels) or {id, question, category} "
                        "(our codes, e.g. eval/data/classify_lawderived_dev.jsonl) instead of "
                        "the dev split")
    p.add_argument("--folds", type=int, default=0,
                   help="cross-validate: train K classifiers, each without one fold's questions "
                        "(and the rest of their dialogues), and score each fold with the one "
                        "that never saw it — required on the law-derived set, whose questions "
                        "come from the dev splits the classifier trains on")
    p.add_argument("--json", type=Path, help="write the metrics here")
    p.add_argument("--plot", type=Path,
                   help="confusion matrix PNG (default: <results_dir>/classify-confusion.png)")
    p.add_argument("--review", type=Path, default=REVIEW_PATH,
                   help="blind label reviews (TSV; items not in it are not part of that section)")


def load_items(path: Path) -> list[TopicItem]:
    """Items with a source label (``query``/``label``) or with one of our codes
    (``question``/``category``: the label is the code itself)."""
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [TopicItem(str(r["id"]), str(r["question"]), str(r["category"])) if "question" in r
            else TopicItem(str(r["id"]), str(r["query"]), str(r["label"])) for r in rows]


def coded(items: Sequence[TopicItem]) -> bool:
    """Whether the items are labelled with our category codes (no label map needed)."""
    return bool(items) and all(i.label in PREDICTED_LABELS for i in items)


def load_label_map(path: Path) -> dict[str, str | None]:
    """Source label → canonical category code (None: not scored)."""
    raw = json.loads(path.read_text(encoding="utf-8"))["map"]
    return {label: canonical_code(code) if code else None for label, code in raw.items()}


def load_reviews(path: Path) -> list[Review]:
    """Rows ``id, source_label, reviewer, category, verdict, reason`` after a header line."""
    out: list[Review] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line_no, line in enumerate(lines[1:], 2):
        cols = line.split("\t")
        if len(cols) != 6 or cols[4] not in VERDICTS:
            raise ValueError(f"{path}:{line_no}: expected 6 columns and a verdict in {VERDICTS}")
        category = None if cols[3] == NO_CATEGORY else canonical_code(cols[3])
        out.append(Review(cols[0], cols[1], cols[2], category, cols[4], cols[5]))
    return out


def review_summary(items: Sequence[TopicItem], predictions: Sequence[dict[str, Any]],
                   reviews: Sequence[Review]) -> dict[str, Any]:
    """Accuracy read against blind reviews of the same items (a review whose source label
    differs from the item's is for another file and is ignored)."""
    label = {i.id: i.label for i in items}
    pred = {p["id"]: p for p in predictions}
    usable = [r for r in reviews if r.id in pred and label.get(r.id) == r.source_label]
    if not usable:
        return {}
    by_reviewer: dict[str, list[Review]] = {}
    for r in usable:
        by_reviewer.setdefault(r.reviewer, []).append(r)
    per_reviewer = {name: _reviewer_figures(rows, pred) for name, rows in sorted(by_reviewer.items())}
    verdicts: dict[str, set[str]] = {}
    for r in usable:
        verdicts.setdefault(r.id, set()).add(r.verdict)
    agreed = [i for i, v in verdicts.items() if v == {"agree"}]
    return {
        "n_reviewed": len(verdicts),
        "n_all_reviewers_agree": len(agreed),
        "accuracy_where_all_reviewers_agree": _share(pred[i]["correct"] for i in agreed),
        "reviewers": per_reviewer,
    }


def _reviewer_figures(rows: Sequence[Review], pred: dict[str, dict[str, Any]]) -> dict[str, Any]:
    filed = [r for r in rows if r.category is not None]
    return {
        "n": len(rows),
        "verdicts": {v: sum(r.verdict == v for r in rows) for v in VERDICTS},
        "source_label_ceiling": _share(r.category == pred[r.id]["gold"] for r in rows),
        "accuracy_vs_reviewer": _share(pred[r.id]["predicted"] == r.category for r in filed),
    }


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return round(sum(values) / len(values), 4) if values else 0.0


def evaluate(classifier: TextClassifier, items: Sequence[TopicItem],
             label_map: Mapping[str, str | None]) -> dict[str, Any]:
    """Accuracy on mapped items, per gold category, top-2, latency and the confusion pairs."""
    rows: list[tuple[str, str, Classification]] = []  # (item id, gold code, prediction)
    latencies: list[float] = []
    unmapped_oos = unmapped = 0
    for item in items:
        t0 = time.perf_counter()
        pred = classifier.classify(item.query)
        latencies.append((time.perf_counter() - t0) * 1000)
        gold = label_map.get(item.label)
        if gold is None:
            unmapped += 1
            unmapped_oos += pred.category == OUT_OF_SCOPE
            continue
        rows.append((item.id, gold, pred))
    correct = [gold == p.category for _, gold, p in rows]
    top2 = [gold in (p.category, *p.secondary[:1]) for _, gold, p in rows]
    return {
        "n_total": len(items),
        "n_mapped": len(rows),
        "accuracy_mapped": round(sum(correct) / len(rows), 4) if rows else 0.0,
        "accuracy_top2_mapped": round(sum(top2) / len(rows), 4) if rows else 0.0,
        "per_class": _per_class(rows),
        "unmapped_predicted_out_of_scope": round(unmapped_oos / unmapped, 4) if unmapped else 0.0,
        "confusions": [{"gold": g, "predicted": p, "count": n}
                       for (g, p), n in _confusions(rows).most_common()],
        "predictions": [{"id": i, "gold": g, "predicted": p.category, "correct": g == p.category}
                        for i, g, p in rows],
        **latency_summary(latencies, digits=3),
    }


def held_ids(item_id: str) -> frozenset[str]:
    """The training questions an item must be hidden from: itself, and for a LexRAG turn every
    turn of its dialogue (later turns carry the first as history)."""
    if "#t" not in item_id:
        return frozenset({item_id})
    dialogue = item_id.split("#t")[0]
    return frozenset(f"{dialogue}#t{n}" for n in range(1, 40))


def cross_validated(train: Callable[[frozenset[str]], TextClassifier],
                    items: Sequence[TopicItem], label_map: Mapping[str, str | None], *,
                    folds: int) -> dict[str, Any]:
    """``evaluate`` with each item classified by a classifier trained without its fold."""
    order = sorted(items, key=lambda i: i.id)
    parts = [order[k::folds] for k in range(folds)]
    results = []
    for part in parts:
        held = frozenset().union(*(held_ids(i.id) for i in part))
        results.append(evaluate(train(held), part, label_map))
    merged = _merge(results)
    merged["folds"] = folds
    return merged


def _merge(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One result from the folds' results (accuracies recomputed from the predictions)."""
    preds = [p for r in results for p in r["predictions"]]
    n_total = sum(r["n_total"] for r in results)
    top2 = sum(r["accuracy_top2_mapped"] * r["n_mapped"] for r in results)
    per_class: dict[str, dict[str, Any]] = {}
    for p in preds:
        e = per_class.setdefault(p["gold"], {"n": 0, "correct": 0})
        e["n"] += 1
        e["correct"] += p["correct"]
    for e in per_class.values():
        e["accuracy"] = round(e["correct"] / e["n"], 4)
    confusions = Counter((p["gold"], p["predicted"]) for p in preds if not p["correct"])
    latencies = [x for r in results for x in (r["latency_ms_p50"],)]
    return {
        "n_total": n_total, "n_mapped": len(preds),
        "accuracy_mapped": round(sum(p["correct"] for p in preds) / len(preds), 4) if preds
        else 0.0,
        "accuracy_top2_mapped": round(top2 / len(preds), 4) if preds else 0.0,
        "per_class": dict(sorted(per_class.items())),
        "unmapped_predicted_out_of_scope": 0.0,
        "confusions": [{"gold": g, "predicted": p, "count": n}
                       for (g, p), n in confusions.most_common()],
        "predictions": preds,
        "latency_ms_p50": round(sorted(latencies)[len(latencies) // 2], 3),
        "latency_ms_p95": max(r["latency_ms_p95"] for r in results),
    }


def _per_class(rows: Sequence[tuple[str, str, Classification]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for _, gold, pred in rows:
        entry = out.setdefault(gold, {"n": 0, "correct": 0})
        entry["n"] += 1
        entry["correct"] += gold == pred.category
    for entry in out.values():
        entry["accuracy"] = round(entry["correct"] / entry["n"], 4)
    return dict(sorted(out.items()))


def _confusions(rows: Sequence[tuple[str, str, Classification]]) -> Counter[tuple[str, str]]:
    return Counter((g, p.category) for _, g, p in rows if g != p.category)


def plot_confusion(rows: Sequence[tuple[str, str]], path: Path, title: str) -> None:
    """Gold (rows) × predicted (columns) counts; ``rows`` are (gold, predicted) pairs."""
    import numpy as np

    golds = [c for c in PREDICTED_LABELS if any(g == c for g, _ in rows)]
    m = np.zeros((len(golds), len(PREDICTED_LABELS)), dtype=int)
    for g, p in rows:
        m[golds.index(g), PREDICTED_LABELS.index(p)] += 1
    fig, ax = new_figure(figsize=(9, 0.5 * len(golds) + 2.5))
    ax.imshow(m, cmap="Blues")
    ax.set_xticks(range(len(PREDICTED_LABELS)), PREDICTED_LABELS, rotation=60, ha="right",
                  fontsize=7)
    ax.set_yticks(range(len(golds)), golds, fontsize=7)
    for (i, j), v in np.ndenumerate(m):
        if v:
            ax.text(j, i, str(v), ha="center", va="center", fontsize=7,
                    color="white" if v > m.max() / 2 else "black")
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold (mapped)")
    ax.set_title(title, fontsize=9)
    save_figure(fig, path)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.consult.classify import load_classifier

    base = settings.data_dir / "eval" / args.dataset
    path: Path = args.file or base / "dev.jsonl"
    items = load_items(path)
    label_map = ({code: code for code in PREDICTED_LABELS} if coded(items)
                 else load_label_map(base / "label_map.json"))
    t0 = time.perf_counter()
    if args.folds > 1:
        result = cross_validated(lambda held: load_classifier(settings.data_dir, exclude=held),
                                 items, label_map, folds=args.folds)
    else:
        result = evaluate(load_classifier(settings.data_dir), items, label_map)
    load_seconds = round(time.perf_counter() - t0, 2)
    result |= {"dataset": "our codes" if coded(items) else args.dataset, "file": str(path),
               "classifier_load_seconds": load_seconds}
    if coded(items):
        result["accuracy"] = result["accuracy_mapped"]  # every item is scored
    if args.review and args.review.exists():
        result["review"] = review_summary(items, result["predictions"], load_reviews(args.review))
    result["predictions"] = result.pop("predictions")  # the long list last: reports truncate
    _print_summary(result)
    plot = args.plot or settings.results_dir / "classify-confusion.png"
    pairs = [(r["gold"], r["predicted"]) for r in result["predictions"]]
    plot_confusion(pairs, plot, f"{args.dataset}: accuracy_mapped {result['accuracy_mapped']:.3f} "
                                f"(n={result['n_mapped']})")
    print(f"plot: {plot}")
    write_json(args.json, result)
    return 0


def _print_summary(r: dict[str, Any]) -> None:
    folds = f" ({r['folds']}-fold cross-validated)" if r.get("folds") else ""
    print(f"{r['dataset']}{folds}: {r['n_total']} items, {r['n_mapped']} mapped; "
          f"accuracy_mapped {r['accuracy_mapped']:.3f} (top-2 {r['accuracy_top2_mapped']:.3f}); "
          f"latency p50 {r['latency_ms_p50']:.2f} ms p95 {r['latency_ms_p95']:.2f} ms; "
          f"classifier load {r['classifier_load_seconds']} s")
    for code, e in r["per_class"].items():
        print(f"  {code:<30} {e['correct']:>3}/{e['n']:<3} {e['accuracy']:.2f}")
    print(f"  unmapped items predicted out_of_scope: {r['unmapped_predicted_out_of_scope']:.2f}")
    for c in r["confusions"][:8]:
        print(f"  confusion {c['gold']} → {c['predicted']}: {c['count']}")
    review = r.get("review")
    if review:
        print(f"  blind review of {review['n_reviewed']} items: accuracy on the "
              f"{review['n_all_reviewers_agree']} every reviewer agreed with "
              f"{review['accuracy_where_all_reviewers_agree']:.3f}")
        for name, f in review["reviewers"].items():
            print(f"  reviewer {name}: verdicts {f['verdicts']}; accuracy vs reviewer "
                  f"{f['accuracy_vs_reviewer']:.3f}; ceiling of accuracy_mapped for a "
                  f"classifier filing as this reviewer {f['source_label_ceiling']:.3f}")
