"""Shared vocabulary of the rule tables: category codes (from the taxonomy), cited reasons,
package-data paths."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from knowledge.taxonomy import CATEGORY_CODES

# A table row whose category column is "*" applies to every category.
ALL_CATEGORIES = "*"

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True, slots=True)
class Reason:
    """One plain-Chinese statement and the article it rests on (``law_key``, ``第X条``)."""

    text_zh: str
    law_key: str
    article: str

    @property
    def citation(self) -> str:
        return f"《{self.law_key}》{self.article}"


def check_category(code: str) -> str:
    """Return ``code`` if it is one of the twelve categories, else raise ``ValueError``."""
    if code not in CATEGORY_CODES:
        raise ValueError(f"unknown category code: {code!r}")
    return code
