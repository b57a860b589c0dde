"""Shared vocabulary of the rule tables: category codes, cited reasons, package-data paths."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The twelve problem categories of DESIGN.md (knowledge/data/categories.json adds out_of_scope).
CATEGORY_CODES: tuple[str, ...] = (
    "marriage_family_inheritance",
    "labor_wages",
    "work_injury",
    "contract_debt",
    "traffic_accident",
    "consumer_rights",
    "housing_property_neighbor",
    "rural_land_grassland",
    "personal_injury_tort_medical",
    "vulnerable_groups_dv",
    "criminal",
    "administrative",
)

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
