"""A classification set whose labels follow from the law, not from anyone's reading.

A question's category is the category of its gold articles (issue 13): each law belongs to the
one category whose key laws (``knowledge/data/categories``) name it, and 民法典 articles go by
book and chapter — 婚姻家庭编 and 继承编 to family; 合同编 to contract and debt except 租赁合同 and
物业服务合同 (housing); 物权编 to housing except 土地承包经营权 and 宅基地使用权 (rural land); 侵权责任编 to
personal injury except 机动车交通事故责任 (traffic); 人格权编 to personal injury. A law several
categories name (劳动法, 社会保险法 …), the general part of 民法典 and procedure laws (民事诉讼法,
法律援助法 …) decide nothing. Questions whose gold articles point to two categories, or to none,
are left out.

``python -m eval.lawderived`` writes the set built from the dev splits (STARD, LawBench 3-8, LexRAG
first turns) as ``{"id", "question", "category"}`` lines to ``eval/data/classify_lawderived_dev.jsonl``;
``legalaid eval classify --file`` scores the classifier on it.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from assistant.config import Settings
from eval.output import write_json
from knowledge.corpus import law_key
from knowledge.taxonomy import CATEGORY_CODES, load_categories

OUT = Path(__file__).resolve().parent / "data" / "classify_lawderived_dev.jsonl"

# Laws that say how, not what: they never decide a question's category.
NEUTRAL_LAWS = frozenset(law_key(x) for x in (
    "民事诉讼法", "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释", "法律援助法", "律师法",
))
# 民法典 by book, then chapters of that book that belong elsewhere.
CIVIL_CODE_BOOKS: dict[str, tuple[str | None, dict[str, str]]] = {
    "第一编 总则": (None, {}),
    "第二编 物权": ("housing_property_neighbor", {"土地承包经营权": "rural_land_grassland",
                                             "宅基地使用权": "rural_land_grassland"}),
    "第三编 合同": ("contract_debt", {"租赁合同": "housing_property_neighbor",
                                   "物业服务合同": "housing_property_neighbor"}),
    "第四编 人格权": ("personal_injury_tort_medical", {}),
    "第五编 婚姻家庭": ("marriage_family_inheritance", {}),
    "第六编 继承": ("marriage_family_inheritance", {}),
    "第七编 侵权责任": ("personal_injury_tort_medical", {"机动车交通事故责任": "traffic_accident"}),
}
CIVIL_CODE = "民法典"


def law_categories() -> dict[str, str]:
    """law_key → the one category whose key laws name it (laws named by several: absent)."""
    owners: dict[str, set[str]] = {}
    for c in load_categories():
        if c.code in CATEGORY_CODES:
            for law in c.key_laws:
                owners.setdefault(law_key(law), set()).add(c.code)
    return {law: next(iter(cats)) for law, cats in owners.items()
            if len(cats) == 1 and law not in NEUTRAL_LAWS and law != CIVIL_CODE}


def civil_code_chapters(statutes: Path) -> dict[str, str]:
    """民法典 article → its chapter path in the pack ("第三编 合同 / … / 第十四章 租赁合同")."""
    out: dict[str, str] = {}
    with (statutes / "civil_code.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            out[row["article"]] = row.get("chapter", "")
    return out


def article_category(law: str, article: str, *, laws: Mapping[str, str],
                     chapters: Mapping[str, str]) -> str | None:
    key = law_key(law)
    if key != CIVIL_CODE:
        return laws.get(key)
    path = chapters.get(article, "")
    book = path.split(" / ")[0]
    default, exceptions = CIVIL_CODE_BOOKS.get(book, (None, {}))
    for words, category in exceptions.items():
        if words in path:
            return category
    return default


def question_category(gold: Iterable[Mapping[str, str]], *, laws: Mapping[str, str],
                      chapters: Mapping[str, str]) -> str | None:
    """The one category every deciding gold article points to; None for none or several."""
    cats = {c for a in gold
            if (c := article_category(a["law"], a["article"], laws=laws, chapters=chapters))}
    return next(iter(cats)) if len(cats) == 1 else None


def dev_questions(eval_dir: Path) -> Iterator[tuple[str, str, list[dict[str, str]]]]:
    """(id, question, gold articles) of the dev splits that have gold articles."""
    for name, gold_key in (("stard", "gold_articles"), ("lawbench_consult",
                                                         "cited_articles_heuristic")):
        with (eval_dir / name / "dev.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                yield row["id"], row["query"], row.get(gold_key) or []
    with (eval_dir / "lexrag" / "dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            first = row["turns"][0]
            yield f"{row['id']}#t1", first["user"], first.get("gold_articles") or []


def build(settings: Settings) -> tuple[list[dict[str, str]], dict[str, Any]]:
    laws = law_categories()
    chapters = civil_code_chapters(settings.data_dir / "statutes")
    items: list[dict[str, str]] = []
    left_out = Counter[str]()
    for qid, question, gold in dev_questions(settings.data_dir / "eval"):
        category = question_category(gold, laws=laws, chapters=chapters)
        if category is None:
            left_out["no gold" if not gold else "none or several categories"] += 1
            continue
        items.append({"id": qid, "question": question, "category": category})
    counts = Counter(i["category"] for i in items)
    return items, {"n_items": len(items), "left_out": dict(left_out),
                   "per_category": dict(sorted(counts.items()))}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Build the law-derived classification set.")
    p.add_argument("--out", type=Path, default=OUT, help=f"where to write (default {OUT})")
    p.add_argument("--json", type=Path, help="write the counts here")
    args = p.parse_args(argv)
    items, summary = build(Settings())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{summary['n_items']} questions → {args.out}; left out: {summary['left_out']}")
    for code, n in summary["per_category"].items():
        print(f"  {code:<30} {n}")
    write_json(args.json, summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["article_category", "build", "law_categories", "main", "question_category"]
