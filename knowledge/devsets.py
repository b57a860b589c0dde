"""Question sets with gold articles (the pack's dev splits), as typed queries.

Used by the evaluation runners and, as question memory, by the index builder.

Gold articles are compared on ``(law_key, 第X条)``, the definition in the pack's eval README.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from knowledge.corpus import law_key, read_jsonl

DatasetName = Literal["stard", "lexrag", "lawbench_consult"]
DATASETS: tuple[DatasetName, ...] = ("stard", "lexrag", "lawbench_consult")

GoldKey = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Query:
    """One retrieval query: the text, earlier user turns (oldest first) and the gold articles."""

    id: str
    text: str
    gold: tuple[GoldKey, ...]
    history: tuple[str, ...] = ()
    reference_answer: str = ""


def _gold(items: list[dict[str, Any]] | None) -> tuple[GoldKey, ...]:
    seen: dict[GoldKey, None] = {}
    for g in items or []:
        key = g.get("law_key") or law_key(g["law"])
        seen.setdefault((key, g["article"]), None)
    return tuple(seen)


def dataset_path(data_dir: Path, name: DatasetName) -> Path:
    return data_dir / "eval" / name / "dev.jsonl"


def load_queries(name: DatasetName, path: Path) -> list[Query]:
    """Queries of ``name``'s format from ``path`` (dev split or any JSONL in the same format).

    LexRAG yields one query per turn, carrying the earlier user turns as history; turns without
    gold articles are kept (they count for abstention) but have an empty ``gold``.
    """
    rows = list(read_jsonl(path))
    if name == "lexrag":
        return [q for r in rows for q in _lexrag_turns(r)]
    if name == "lawbench_consult":
        return [
            Query(r["id"], r["query"], _gold(r.get("cited_articles_heuristic")),
                  reference_answer=r.get("reference_answer") or "")
            for r in rows
        ]
    return [
        Query(r["id"], r["query"], _gold(r.get("gold_articles")),
              reference_answer=r.get("reference_answer") or "")
        for r in rows
    ]


def _lexrag_turns(r: dict[str, Any]) -> list[Query]:
    out = []
    users: list[str] = []
    for t in r["turns"]:
        out.append(Query(f"{r['id']}#t{t['turn']}", t["user"], _gold(t.get("gold_articles")),
                         history=tuple(users)))
        users.append(t["user"])
    return out
