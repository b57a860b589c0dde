"""``legalaid eval classify``: question → category on LawBench task 2-4 (CrimeKgAssitant topics).

The 20 source labels map to our categories through the pack's ``label_map.json`` (values are
aliases, resolved with ``canonical_code``); labels mapped to null (公司法, 知识产权, 综合咨询…) are
counted in ``n_total`` but not scored. The classifier never sees these items in training.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from assistant.config import Settings
from assistant.consult.models import Classification
from eval.metrics import percentile
from eval.output import write_json
from knowledge.taxonomy import CATEGORY_CODES, OUT_OF_SCOPE, canonical_code

HELP = "分类评测 — LawBench 2-4 topic classification (accuracy on mapped labels, confusion matrix)"
DATASETS = ("lawbench_topic",)
PREDICTED_LABELS: tuple[str, ...] = (*CATEGORY_CODES, OUT_OF_SCOPE)


class TextClassifier(Protocol):
    def classify(self, text: str, *, history: Sequence[str] = ()) -> Classification: ...


@dataclass(frozen=True, slots=True)
class TopicItem:
    id: str
    query: str
    label: str


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dataset", choices=DATASETS, default="lawbench_topic")
    p.add_argument("--file", type=Path, help="JSONL {id, query, label} instead of the dev split")
    p.add_argument("--json", type=Path, help="write the metrics here")
    p.add_argument("--plot", type=Path,
                   help="confusion matrix PNG (default: <results_dir>/classify-confusion.png)")


def load_items(path: Path) -> list[TopicItem]:
    with path.open(encoding="utf-8") as fh:
        return [TopicItem(str(r["id"]), str(r["query"]), str(r["label"]))
                for r in (json.loads(line) for line in fh if line.strip())]


def load_label_map(path: Path) -> dict[str, str | None]:
    """Source label → canonical category code (None: not scored)."""
    raw = json.loads(path.read_text(encoding="utf-8"))["map"]
    return {label: canonical_code(code) if code else None for label, code in raw.items()}


def evaluate(classifier: TextClassifier, items: Sequence[TopicItem],
             label_map: dict[str, str | None]) -> dict[str, Any]:
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
        "latency_ms_p50": round(percentile(latencies, 50), 3),
        "latency_ms_p95": round(percentile(latencies, 95), 3),
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
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    golds = [c for c in PREDICTED_LABELS if any(g == c for g, _ in rows)]
    m = np.zeros((len(golds), len(PREDICTED_LABELS)), dtype=int)
    for g, p in rows:
        m[golds.index(g), PREDICTED_LABELS.index(p)] += 1
    fig, ax = plt.subplots(figsize=(9, 0.5 * len(golds) + 2.5))
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
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.consult.classify import load_classifier

    base = settings.data_dir / "eval" / args.dataset
    path: Path = args.file or base / "dev.jsonl"
    items = load_items(path)
    label_map = load_label_map(base / "label_map.json")
    t0 = time.perf_counter()
    classifier = load_classifier(settings.data_dir)
    load_seconds = round(time.perf_counter() - t0, 2)
    result = evaluate(classifier, items, label_map)
    result |= {"dataset": args.dataset, "file": str(path), "classifier_load_seconds": load_seconds}
    _print_summary(result)
    plot = args.plot or settings.results_dir / "classify-confusion.png"
    pairs = [(r["gold"], r["predicted"]) for r in result["predictions"]]
    plot_confusion(pairs, plot, f"{args.dataset}: accuracy_mapped {result['accuracy_mapped']:.3f} "
                                f"(n={result['n_mapped']})")
    print(f"plot: {plot}")
    write_json(args.json, result)
    return 0


def _print_summary(r: dict[str, Any]) -> None:
    print(f"{r['dataset']}: {r['n_total']} items, {r['n_mapped']} mapped; "
          f"accuracy_mapped {r['accuracy_mapped']:.3f} (top-2 {r['accuracy_top2_mapped']:.3f}); "
          f"latency p50 {r['latency_ms_p50']:.2f} ms p95 {r['latency_ms_p95']:.2f} ms; "
          f"classifier load {r['classifier_load_seconds']} s")
    for code, e in r["per_class"].items():
        print(f"  {code:<30} {e['correct']:>3}/{e['n']:<3} {e['accuracy']:.2f}")
    print(f"  unmapped items predicted out_of_scope: {r['unmapped_predicted_out_of_scope']:.2f}")
    for c in r["confusions"][:8]:
        print(f"  confusion {c['gold']} → {c['predicted']}: {c['count']}")
