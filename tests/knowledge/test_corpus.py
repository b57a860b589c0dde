from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.corpus import (
    Article,
    Corpus,
    case_from_record,
    law_key,
    load_cases,
    load_statute_corpus,
    load_statutes,
    merge_corpora,
)


def _a(law: str, no: int, *, sub: int = 0, effective: str = "2021-01-01", chapter: str = "") -> Article:
    return Article(law=law, law_key=law_key(law), short=law_key(law), level="法律", chapter=chapter,
                   article=f"第{no}条", article_no=no, article_sub=sub, text=f"{law}{no}",
                   effective=effective)


def test_law_key_follows_the_eval_definition() -> None:
    assert law_key("《中华人民共和国劳动合同法》") == "劳动合同法"
    assert law_key("最高人民法院关于审理劳动争议案件适用法律问题的解释（一）") == (
        "最高人民法院关于审理劳动争议案件适用法律问题的解释(一)")
    assert law_key("民法 典\u3000") == "民法典"


def test_ids_are_stable_and_distinguish_sub_articles_and_versions() -> None:
    assert _a("中华人民共和国刑法", 133, sub=1).id == "刑法#133.1@2021-01-01"
    assert _a("中华人民共和国刑法", 133).id != _a("中华人民共和国刑法", 133, sub=1).id
    assert _a("公司法", 1, effective="2018").id != _a("公司法", 1, effective="2023").id


def test_corpus_lookups_and_duplicate_refusal() -> None:
    c = Corpus((_a("民法典", 1079), _a("中华人民共和国刑法", 133, sub=1)))
    assert c.find("刑法", 133, 1) is c.articles[1]
    assert c.find("刑法", 133) is None
    assert c.by_key(("民法典", "第1079条")) is c.articles[0]
    assert c.laws()["民法典"].n_articles == 1
    with pytest.raises(ValueError):
        Corpus((_a("民法典", 1), _a("民法典", 1)))


def test_fingerprint_changes_with_text() -> None:
    a = _a("民法典", 1)
    b = Article(**{**{f: getattr(a, f) for f in Article.__slots__}, "text": "改"})
    assert Corpus((a,)).fingerprint() != Corpus((b,)).fingerprint()


def test_merge_fills_chapters_and_adds_missing_articles() -> None:
    full = [_a("民法典", 1)]
    core = [_a("民法典", 1, chapter="第一编 总则"), _a("民法典", 2, chapter="第一编 总则")]
    merged = merge_corpora(full, core)
    assert [a.article_no for a in merged] == [1, 2]
    assert merged[0].chapter == "第一编 总则"


def test_case_fields_given_as_python_literal_strings() -> None:
    case = case_from_record({
        "id": "X", "title": "t", "holding": "None", "categories": "['labor_wages']",
        "cited_refs": "[{'law': '中华人民共和国劳动合同法', 'article_no': 82}]", "keywords": "None",
    })
    assert case.categories == ("labor_wages",)
    assert case.cited_refs[0].law == "劳动合同法" and case.cited_refs[0].article_no == 82
    assert case.holding == "" and case.keywords == ()


def test_tiny_pack_loaders(tiny_pack: Path) -> None:
    statutes = load_statutes(tiny_pack / "statutes")
    assert {a.law_key for a in statutes} == {"劳动合同法", "民法典"}
    full = load_statute_corpus(tiny_pack / "eval" / "statute_corpus" / "corpus.jsonl")
    assert any(a.law_key == "旅游法" for a in full)
    assert load_cases(tiny_pack / "cases")[0].cited_refs[0].article_no == 82


def test_real_pack_counts(data_dir: Path) -> None:
    statutes = load_statutes(data_dir / "statutes")
    assert len(statutes) == 8688
    assert len({a.law_key for a in statutes}) == 95
    assert len(Corpus(tuple(statutes))) == 8688  # IDs unique
    assert len(load_cases(data_dir / "cases")) == 814
