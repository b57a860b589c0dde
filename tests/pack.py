"""A tiny knowledge pack written by tests: same layout and record format as ../shared/data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

LAWS: dict[str, list[tuple[str, int, str]]] = {
    "中华人民共和国劳动合同法": [
        ("第一章 总则", 1, "为了完善劳动合同制度，保护劳动者的合法权益，制定本法。"),
        ("第二章 劳动合同的订立", 10, "建立劳动关系，应当订立书面劳动合同。"),
        ("第七章 法律责任", 82, "用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，"
         "应当向劳动者每月支付二倍的工资。"),
        ("第七章 法律责任", 85, "用人单位未及时足额支付劳动报酬的，由劳动行政部门责令限期支付。"),
    ],
    "中华人民共和国民法典": [
        ("第五编 婚姻家庭", 1079, "夫妻一方要求离婚的，可以由有关组织进行调解或者直接向人民法院提起离婚诉讼。"),
        ("第三编 合同", 721, "承租人应当按照约定的期限支付租金。"),
        ("第三编 合同", 722, "承租人无正当理由未支付或者迟延支付租金的，出租人可以请求承租人在合理期限内支付。"),
        ("第七编 侵权责任", 1208, "机动车发生交通事故造成损害的，依照道路交通安全法律和本法的有关规定承担赔偿责任。"),
    ],
}


def _article(law: str, chapter: str, no: int, text: str, **extra: Any) -> dict[str, Any]:
    from knowledge.numerals import int_to_cn

    short = law.replace("中华人民共和国", "")
    return {"law": law, "short": short, "level": "法律", "chapter": chapter,
            "article": f"第{int_to_cn(no)}条", "article_no": no, "text": text,
            "effective": "2021-01-01", "source": "test", **extra}


def write_tiny_pack(root: Path) -> Path:
    """Write statutes, one case file, a national corpus and a STARD-format dev split."""
    (root / "statutes").mkdir(parents=True)
    (root / "cases").mkdir()
    (root / "eval" / "statute_corpus").mkdir(parents=True)
    (root / "eval" / "stard").mkdir(parents=True)
    corpus = []
    for i, (law, rows) in enumerate(LAWS.items()):
        recs = [_article(law, *row) for row in rows]
        _write(root / "statutes" / f"law{i}.jsonl", recs)
        corpus += [{**r, "chapter": "", "is_latest": True} for r in recs]
    corpus.append({**_article("中华人民共和国旅游法", "", 1, "旅游者有权要求旅游经营者按照约定提供产品和服务。"),
                   "is_latest": True})
    _write(root / "eval" / "statute_corpus" / "corpus.jsonl", corpus)
    case = {"id": "T-1", "case_type": "典型案例", "title": "未签书面劳动合同二倍工资案",
            "facts": "某公司未与员工订立书面劳动合同。", "holding": "用人单位应支付二倍工资。",
            "reasoning": "", "result": "", "court": "", "date": "2020-01-01",
            "category": "labor_wages", "categories": "['labor_wages']", "keywords": "[]",
            "cited_articles": "['《中华人民共和国劳动合同法》第八十二条']",
            "cited_refs": "[{'law': '劳动合同法', 'article_no': 82}]", "cites_repealed_law": "[]"}
    _write(root / "cases" / "cases.jsonl", [case])
    gold = {"law": "中华人民共和国民法典", "article": "第七百二十二条", "law_key": "民法典"}
    _write(root / "eval" / "stard" / "dev.jsonl",
           [{"id": "stard-1", "query": "房客一直拖着不交房租怎么办", "gold_articles": [gold]}])
    return root


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
