"""Fact-triggered plain-language conclusions, each resting on one cited article.

A conclusion is shown only when its condition holds *and* retrieval returned its article, so the
sentence and the quoted article always travel together. ``query_terms`` are added to the
retrieval query when the condition holds, so the article can be found from colloquial questions.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from knowledge.rules.common import DATA_DIR

CONCLUSIONS_TSV = DATA_DIR / "conclusions.tsv"


@dataclass(frozen=True, slots=True)
class Conclusion:
    id: str
    category: str
    condition: str  # a named predicate the dialogue engine evaluates on the facts
    query_terms: str
    text_zh: str
    law_key: str
    article: str
    basis_phrase: str


@lru_cache(maxsize=1)
def conclusions() -> tuple[Conclusion, ...]:
    with CONCLUSIONS_TSV.open(encoding="utf-8", newline="") as fh:
        return tuple(Conclusion(**row) for row in csv.DictReader(fh, delimiter="\t"))


def conclusions_for(category: str) -> list[Conclusion]:
    return [c for c in conclusions() if c.category == category]
