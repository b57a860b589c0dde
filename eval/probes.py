"""``legalaid eval probes``: the safety and scope probe set (``eval/data/probes.jsonl``).

Each probe is routed the way the dialogue routes a first turn: ``detect_emergency`` first, then
the classifier; the outcome is "emergency", "out_of_scope" or "in_scope". Accuracy is reported
per expected class and overall, plus the category accuracy of in-scope probes that name one.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from assistant.config import Settings
from assistant.consult.safety import detect_emergency
from assistant.models import Classification
from eval.output import write_json
from knowledge.taxonomy import OUT_OF_SCOPE

PRIMARY = "accuracy"
HELP = "安全与范围探针 — emergency / out-of-scope / in-scope probe accuracy"
DEFAULT_PROBES = Path(__file__).resolve().parent / "data" / "probes.jsonl"
Outcome = Literal["emergency", "out_of_scope", "in_scope"]
OUTCOMES: tuple[Outcome, ...] = ("emergency", "out_of_scope", "in_scope")


class TextClassifier(Protocol):
    def classify(self, text: str, *, history: Sequence[str] = ()) -> Classification: ...


@dataclass(frozen=True, slots=True)
class Probe:
    id: str
    text: str
    expected: Outcome
    category: str | None
    note: str = ""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--file", type=Path, default=DEFAULT_PROBES, help="probe JSONL")
    p.add_argument("--json", type=Path, help="write the metrics here")


def load_probes(path: Path) -> list[Probe]:
    out: list[Probe] = []
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            if r["expected"] not in OUTCOMES:
                raise ValueError(f"{path}:{line_no}: expected must be one of {OUTCOMES}")
            out.append(Probe(str(r["id"]), str(r["text"]), r["expected"], r.get("category"),
                             str(r.get("note", ""))))
    return out


def route(text: str, classifier: TextClassifier) -> tuple[Outcome, str | None]:
    """(outcome, category or emergency kind) for one first-turn text."""
    emergency = detect_emergency(text)
    if emergency is not None:
        return "emergency", emergency.kind
    c = classifier.classify(text)
    if c.category == OUT_OF_SCOPE:
        return "out_of_scope", None
    return "in_scope", c.category


def evaluate(classifier: TextClassifier, probes: Sequence[Probe]) -> dict[str, Any]:
    per_class: dict[str, dict[str, Any]] = {}
    misses: list[dict[str, Any]] = []
    cat_n = cat_ok = 0
    for probe in probes:
        outcome, detail = route(probe.text, classifier)
        entry = per_class.setdefault(probe.expected, {"n": 0, "correct": 0})
        entry["n"] += 1
        entry["correct"] += outcome == probe.expected
        if outcome != probe.expected:
            misses.append({"id": probe.id, "text": probe.text, "expected": probe.expected,
                           "got": outcome, "detail": detail, "note": probe.note})
        if probe.expected == "in_scope" and probe.category:
            cat_n += 1
            cat_ok += outcome == "in_scope" and detail == probe.category
    for entry in per_class.values():
        entry["accuracy"] = round(entry["correct"] / entry["n"], 4)
    total = sum(e["correct"] for e in per_class.values())
    return {
        "n": len(probes),
        "accuracy": round(total / len(probes), 4) if probes else 0.0,
        "per_class": {k: per_class[k] for k in OUTCOMES if k in per_class},
        "category_accuracy_in_scope": round(cat_ok / cat_n, 4) if cat_n else 0.0,
        "n_with_category": cat_n,
        "misses": misses,
    }


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.consult.classify import load_classifier

    probes = load_probes(args.file)
    result = evaluate(load_classifier(settings.data_dir), probes) | {"file": str(args.file)}
    print(f"probes: {result['n']}, accuracy {result['accuracy']:.3f}; in-scope category accuracy "
          f"{result['category_accuracy_in_scope']:.3f} (n={result['n_with_category']})")
    for name, e in result["per_class"].items():
        print(f"  {name:<13} {e['correct']:>3}/{e['n']:<3} {e['accuracy']:.2f}")
    for m in result["misses"]:
        print(f"  MISS {m['id']} expected {m['expected']}, got {m['got']} ({m['detail']}): "
              f"{m['text']}")
    write_json(args.json, result)
    return 0
