"""Next steps, competent bodies and hotlines per category (``knowledge/data/steps.json``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from knowledge.rules.common import DATA_DIR, check_category

STEPS_JSON = DATA_DIR / "steps.json"

# Public hotlines (number → who answers), shown next to steps.
HOTLINES: dict[str, str] = {
    "12348": "公共法律服务（法律援助）热线",
    "12315": "市场监管投诉举报（消费维权）热线",
    "12333": "人力资源和社会保障（劳动、工伤、社保）热线",
    "12338": "妇女维权公益服务热线",
    "12355": "青少年服务台",
    "12309": "检察服务热线",
    "110": "报警电话",
    "120": "急救电话",
}


@dataclass(frozen=True, slots=True)
class Step:
    """One thing a citizen can do; ``law_key``/``article`` are empty when no article is cited."""

    key: str
    text_zh: str
    body_zh: str
    hotline: str = ""
    law_key: str = ""
    article: str = ""
    basis_phrase: str = ""

    @property
    def citation(self) -> str:
        return f"《{self.law_key}》{self.article}" if self.law_key else ""


@lru_cache(maxsize=1)
def steps_table() -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = json.loads(
        STEPS_JSON.read_text(encoding="utf-8")
    )["categories"]
    return data


def steps_for_category(category: str) -> list[Step]:
    """The ordered steps for one of the twelve category codes."""
    check_category(category)
    return [
        Step(
            key=r["key"],
            text_zh=r["text_zh"],
            body_zh=r["body_zh"],
            hotline=r.get("hotline", ""),
            law_key=r.get("law_key", ""),
            article=r.get("article", ""),
            basis_phrase=r.get("basis_phrase", ""),
        )
        for r in steps_table()[category]
    ]


__all__ = ["HOTLINES", "Step", "steps_for_category", "steps_table"]
