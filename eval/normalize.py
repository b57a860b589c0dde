"""``legalaid eval normalize``: does the transcript normaliser restore garbled legal terms without
changing what was said correctly?

On ``eval/data/noisy_transcripts.jsonl`` (built by ``python -m eval.make_noisy_set``):
- term_restore_rate: share of garbled legal terms that come out as the legal term (goal ≥ 0.85);
- false_change_rate: share of correct words (jieba words of the reference outside the annotated
  legal-term and dialect spans) that the normaliser altered (goal ≤ 0.01). A word counts as
  altered when a character of it is not aligned unchanged (difflib) to the output; punctuation
  and whitespace are ignored on both sides.
"""

from __future__ import annotations

import argparse
import difflib
import json
import unicodedata
from pathlib import Path
from typing import Any

from assistant.config import Settings
from eval.output import write_json

PRIMARY = "term_restore"
HELP = "Transcript normaliser: legal-term restore rate and false-change rate on a noisy set."
DEFAULT_SET = Path(__file__).resolve().parent / "data" / "noisy_transcripts.jsonl"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--set", type=Path, default=DEFAULT_SET, help="noisy-transcript JSONL")
    p.add_argument("--json", type=Path, default=None, help="write the figures here")


def _strip(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PSZC")


def _protected_spans(ref: str, item: dict[str, Any]) -> list[tuple[int, int]]:
    """Character spans of the reference that are expected to change (terms, dialect words)."""
    spans: list[tuple[int, int]] = []
    expected = [t["term"] for t in item["terms"]] + [d["standard"] for d in item["dialect"]]
    for word in expected:
        start = ref.find(word)
        while start != -1:
            spans.append((start, start + len(word)))
            start = ref.find(word, start + 1)
    return spans


def _changed_chars(ref: str, out: str) -> set[int]:
    matcher = difflib.SequenceMatcher(a=ref, b=out, autojunk=False)
    same: set[int] = set()
    for block in matcher.get_matching_blocks():
        same.update(range(block.a, block.a + block.size))
    return set(range(len(ref))) - same


def score_item(item: dict[str, Any], output: str) -> dict[str, Any]:
    from assistant.speech.normalize import segment

    ref, out = _strip(item["reference"]), _strip(output)
    restored = [t["term"] in out and t["garbled"] not in out.replace(t["term"], "")
                for t in item["terms"]]
    skip = _protected_spans(ref, item)
    changed = _changed_chars(ref, out)
    n_words, wrong, pos = 0, [], 0
    for w in segment(ref):
        span = range(pos, pos + len(w))
        pos += len(w)
        if any(a <= i < b for i in span for a, b in skip):
            continue
        n_words += 1
        if any(i in changed for i in span):
            wrong.append(w)
    return {"restored": restored, "n_words": n_words, "wrong": wrong}


def evaluate(items: list[dict[str, Any]]) -> dict[str, Any]:
    from assistant.speech.normalize import default_normalizer

    normalizer = default_normalizer()
    n_terms = n_restored = n_words = n_wrong = 0
    misses: list[dict[str, str]] = []
    for item in items:
        out = normalizer.normalize(item["noisy"]).text
        s = score_item(item, out)
        n_terms += len(s["restored"])
        n_restored += sum(s["restored"])
        n_words += s["n_words"]
        n_wrong += len(s["wrong"])
        if not all(s["restored"]) or s["wrong"]:
            misses.append({"id": item["id"], "noisy": item["noisy"], "output": out,
                           "reference": item["reference"], "wrong": "、".join(s["wrong"])})
    return {
        "term_restore_rate": round(n_restored / max(n_terms, 1), 4),
        "false_change_rate": round(n_wrong / max(n_words, 1), 4),
        "n": len(items), "n_terms": n_terms, "n_restored": n_restored,
        "n_correct_words": n_words, "n_wrongly_changed": n_wrong,
        "goals": {"term_restore_rate": ">= 0.85", "false_change_rate": "<= 0.01"},
        "misses": misses,
    }


def run(args: argparse.Namespace, settings: Settings) -> int:
    lines = args.set.read_text(encoding="utf-8").splitlines()
    result = evaluate([json.loads(x) for x in lines if x.strip()])
    result["set"] = str(args.set)
    print(json.dumps({k: v for k, v in result.items() if k != "misses"}, ensure_ascii=False))
    for m in result["misses"][:20]:
        print(f"  {m['id']}: {m['noisy']} → {m['output']}（应为：{m['reference']}）{m['wrong']}")
    write_json(args.json, result)
    return 0
