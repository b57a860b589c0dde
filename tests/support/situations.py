"""One category's situations, and how a phrasing ranks among them (the category tests' reader)."""

from __future__ import annotations

from knowledge.signals import default_reader
from knowledge.situations import Situation, match, situations


def category_pool(category: str) -> list[Situation]:
    return [s for s in situations() if s.category == category]


def ranked_in(category: str, text: str, age: int | None = None) -> list[str]:
    """The ids of ``category``'s situations that fit ``text``, best first."""
    reading = default_reader().read(text)
    return [s.id for _, s in match(reading.signals, roles=reading.roles, age=age,
                                   pool=category_pool(category))]
