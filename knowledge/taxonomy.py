"""The twelve problem categories of the design (plus ``out_of_scope``), loaded from data.

Categories live in ``knowledge/data/categories.json`` so that keywords, key laws and competent
bodies can be corrected without touching code. Codes used by other sources (the LawBench label
map, the case pack's ``category`` hints, Chinese topic labels) resolve through ``aliases``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_CATEGORIES_PATH = Path(__file__).resolve().parent / "data" / "categories.json"

OUT_OF_SCOPE = "out_of_scope"

# DESIGN.md order; the JSON file must list exactly these (then out_of_scope).
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


@dataclass(frozen=True)
class Category:
    """One problem category; ``key_laws`` are ``law_key()`` values of laws in the pack."""

    code: str
    name_zh: str
    description_zh: str
    key_laws: tuple[str, ...]
    keywords: tuple[str, ...]
    competent_bodies: tuple[str, ...]
    aliases: tuple[str, ...]
    referral_zh: str = ""
    # The sides a person asking in this category is, in order: the user's role when the
    # recognised situation names none (an administrative matter's citizen is the "applicant").
    user_roles: tuple[str, ...] = ()


def _category_from_record(r: dict[str, Any]) -> Category:
    try:
        return Category(
            code=str(r["code"]),
            name_zh=str(r["name_zh"]),
            description_zh=str(r["description_zh"]),
            key_laws=tuple(str(x) for x in r.get("key_laws", ())),
            keywords=tuple(str(x) for x in r["keywords"]),
            competent_bodies=tuple(str(x) for x in r.get("competent_bodies", ())),
            aliases=tuple(str(x) for x in r.get("aliases", ())),
            referral_zh=str(r.get("referral_zh", "")),
            user_roles=tuple(str(x) for x in r.get("user_roles", ())),
        )
    except KeyError as e:
        raise ValueError(f"category record lacks field {e}: {r.get('code', '?')}") from e


def _validate(categories: tuple[Category, ...], path: Path) -> None:
    codes = tuple(c.code for c in categories)
    if codes != (*CATEGORY_CODES, OUT_OF_SCOPE):
        raise ValueError(f"{path}: categories must be the twelve codes in order, then out_of_scope")
    seen: dict[str, str] = {}
    for c in categories:
        for name in (c.code, *c.aliases):
            if name in seen and seen[name] != c.code:
                raise ValueError(f"{path}: alias {name!r} used by {seen[name]} and {c.code}")
            seen[name] = c.code


@lru_cache(maxsize=8)
def _load(path: Path) -> tuple[Category, ...]:
    with path.open(encoding="utf-8") as fh:
        doc = json.load(fh)
    categories = tuple(_category_from_record(r) for r in doc["categories"])
    _validate(categories, path)
    return categories


def load_categories(path: Path | None = None) -> tuple[Category, ...]:
    """The twelve categories in design order followed by ``out_of_scope`` (13 in all); cached."""
    return _load((path or DEFAULT_CATEGORIES_PATH).resolve())


@lru_cache(maxsize=8)
def _alias_table(path: Path | None) -> dict[str, Category]:
    table: dict[str, Category] = {}
    for c in load_categories(path):
        for name in (c.code, *c.aliases):
            table[name.strip().lower()] = c
    return table


def get_category(code_or_alias: str, *, path: Path | None = None) -> Category:
    """The category whose code or alias is ``code_or_alias`` (case-insensitive).

    Raises ValueError naming the valid codes when nothing matches.
    """
    found = _alias_table(path).get(code_or_alias.strip().lower())
    if found is None:
        valid = ", ".join((*CATEGORY_CODES, OUT_OF_SCOPE))
        raise ValueError(f"unknown category {code_or_alias!r}; valid codes: {valid}")
    return found


def canonical_code(code_or_alias: str) -> str:
    """The canonical code for ``code_or_alias``, e.g. ``contract_debt_loan`` → ``contract_debt``."""
    return get_category(code_or_alias).code
