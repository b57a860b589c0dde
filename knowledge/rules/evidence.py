"""Evidence checklists per category (``knowledge/data/evidence.json``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from knowledge.rules.common import DATA_DIR, check_category

EVIDENCE_JSON = DATA_DIR / "evidence.json"


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One piece of evidence to gather; ``held`` is True when the user said they have it."""

    key: str
    label_zh: str
    why_zh: str
    held: bool
    fact_keys: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def evidence_table() -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = json.loads(
        EVIDENCE_JSON.read_text(encoding="utf-8")
    )["categories"]
    return data


def _norm(s: str) -> str:
    return "".join(s.split()).lower()


def evidence_checklist(category: str, held: set[str]) -> list[EvidenceItem]:
    """The checklist for ``category``; ``held`` holds item keys or words the user used
    (e.g. ``{"工资条", "微信聊天记录"}``), matched against each item's key, label and fact_keys."""
    check_category(category)
    have = {_norm(h) for h in held}
    out = []
    for raw in evidence_table()[category]:
        names = {raw["key"], raw["label_zh"], *raw["fact_keys"]}
        out.append(
            EvidenceItem(
                key=raw["key"],
                label_zh=raw["label_zh"],
                why_zh=raw["why_zh"],
                held=any(_norm(n) in have for n in names),
                fact_keys=tuple(raw["fact_keys"]),
            )
        )
    return out


def missing_evidence(category: str, held: set[str]) -> list[EvidenceItem]:
    """Items of the checklist the user has not mentioned."""
    return [i for i in evidence_checklist(category, held) if not i.held]


__all__ = ["EvidenceItem", "evidence_checklist", "evidence_table", "missing_evidence"]
