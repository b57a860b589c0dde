from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.citations import (
    DEFAULT_ALIASES,
    DEFAULT_REPEALED,
    DEFAULT_SUCCESSORS,
    CitationResolver,
    load_aliases,
    load_repealed,
    load_successors,
)
from knowledge.corpus import Article, Corpus, law_key, load_statute_corpus, load_statutes


def _art(law: str, no: int, text: str = "条文", *, sub: int = 0, short: str = "") -> Article:
    label = f"第{no}条" + (f"之{sub}" if sub else "")
    return Article(law, law_key(law), short or law_key(law), "法律", "", label, no, sub, text,
                   "2020-01-01")


@pytest.fixture(scope="module")
def small() -> CitationResolver:
    arts = [_art("中华人民共和国劳动合同法", n) for n in range(1, 20)]
    arts += [_art("中华人民共和国劳动法", n) for n in range(1, 20)]
    arts += [_art("中华人民共和国刑法", 133), _art("中华人民共和国刑法", 133, sub=1)]
    arts += [_art("中华人民共和国民法典", 1079, "感情确已破裂", short="民法典")]
    return CitationResolver(Corpus(tuple(arts)))


@pytest.fixture(scope="module")
def pack_corpus(data_dir: Path) -> Corpus:
    return Corpus(tuple(load_statutes(data_dir / "statutes")))


@pytest.fixture(scope="module")
def pack(pack_corpus: Corpus) -> CitationResolver:
    return CitationResolver(pack_corpus)


def _ids(r: CitationResolver, text: str, **kw: str) -> list[str | None]:
    return [x.article.id if x.article else None for x in r.resolve(text, **kw)]


# -- small corpus ----------------------------------------------------------------------


def test_small_full_title_and_offsets(small: CitationResolver) -> None:
    text = "根据《中华人民共和国劳动合同法》第十条规定"
    (c,) = small.parse(text)
    assert (c.law_key, c.article_no, c.sub) == ("劳动合同法", 10, 0)
    assert c.raw == "《中华人民共和国劳动合同法》第十条" == text[c.start : c.end]
    assert c.law_title == "中华人民共和国劳动合同法"


def test_small_longest_name_wins(small: CitationResolver) -> None:
    (c,) = small.parse("劳动合同法第3条")
    assert c.law_key == "劳动合同法"
    (d,) = small.parse("劳动法第3条")
    assert d.law_key == "劳动法"


def test_small_sub_article(small: CitationResolver) -> None:
    (res,) = small.resolve("刑法第一百三十三条之一")
    assert res.citation.sub == 1 and res.status == "ok"
    assert res.article is not None and res.article.id.startswith("刑法#133.1@")


def test_small_lists_ranges_and_inheritance(small: CitationResolver) -> None:
    text = "劳动合同法第十条、第十一条和第十二条，劳动法第三条至第五条。第六条"
    cits = small.parse(text)
    got = [(c.law_key, c.article_no) for c in cits]
    assert got == [("劳动合同法", 10), ("劳动合同法", 11), ("劳动合同法", 12),
                   ("劳动法", 3), ("劳动法", 4), ("劳动法", 5), (None, 6)]


def test_small_bare_article_inherits_within_sentence(small: CitationResolver) -> None:
    cits = small.parse("依照劳动法的规定，用人单位应当……，第九条另有规定")
    assert [(c.law_key, c.article_no) for c in cits] == [("劳动法", 9)]


def test_small_this_law_needs_default(small: CitationResolver) -> None:
    (res,) = small.resolve("本法第十条")
    assert res.status == "unknown_law" and res.citation.law_key is None
    (res,) = small.resolve("本法第十条", default_law="《劳动合同法》")
    assert res.status == "ok" and res.citation.law_key == "劳动合同法"


def test_small_unknown_law_in_brackets(small: CitationResolver) -> None:
    (res,) = small.resolve("劳动法规定……，《某某不存在条例》第五条")
    assert res.status == "unknown_law"
    assert res.citation.law_title == "某某不存在条例"


def test_small_unknown_article(small: CitationResolver) -> None:
    (res,) = small.resolve("劳动合同法第九百条")
    assert res.status == "unknown_article" and res.article is None
    assert "第九百条" in res.message_zh


def test_small_repealed_without_successor_in_corpus(small: CitationResolver) -> None:
    (res,) = small.resolve("《中华人民共和国合同法》第一百零七条")
    # The small corpus lacks 民法典第五百七十七条, so no successor can be offered.
    assert res.status == "repealed" and res.successors == ()
    assert "2021年1月1日废止" in res.message_zh and "民法典" in res.message_zh


def test_small_repealed_with_successor(small: CitationResolver) -> None:
    (res,) = small.resolve("婚姻法第三十二条")
    assert res.status == "repealed"
    assert [a.article_no for a in res.successors] == [1079]


def test_small_garbage_is_ignored(small: CitationResolver) -> None:
    assert small.parse("第十十条和第几条，没有引用") == []
    assert small.parse("他有3条狗") == []


# -- real pack -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("《中华人民共和国劳动合同法》第八十二条", ["劳动合同法#82@"]),
        ("劳动合同法第82条", ["劳动合同法#82@"]),
        ("劳动合同法第８２条", ["劳动合同法#82@"]),
        ("民法典第一千零七十九条第二款", ["民法典#1079@"]),
        ("《工伤保险条例》第十七条", ["工伤保险条例#17@"]),
        ("刑法第一百三十三条之一", ["刑法#133.1@"]),
        ("民间借贷规定第二十五条", ["最高人民法院关于审理民间借贷案件适用法律若干问题的规定#25@"]),
        ("民间借贷司法解释第二十五条", ["最高人民法院关于审理民间借贷案件适用法律若干问题的规定#25@"]),
        ("人身损害赔偿解释第十二条", ["最高人民法院关于审理人身损害赔偿案件适用法律若干问题的解释#12@"]),
        ("婚姻家庭编解释（一）第五条", ["最高人民法院关于适用民法典婚姻家庭编的解释(一)#5@"]),
        ("《最高人民法院关于适用〈中华人民共和国民法典〉婚姻家庭编的解释（一）》第五条",
         ["最高人民法院关于适用民法典婚姻家庭编的解释(一)#5@"]),
        ("劳动合同法实施条例第十条", ["劳动合同法实施条例#10@"]),
        ("最高人民法院《关于审理人身损害赔偿案件适用法律若干问题的解释》第六条",
         ["最高人民法院关于审理人身损害赔偿案件适用法律若干问题的解释#6@"]),
    ],
)
def test_pack_examples(pack: CitationResolver, text: str, expected: list[str]) -> None:
    res = pack.resolve(text)
    assert [r.status for r in res] == ["ok"] * len(expected)
    ids = [r.article.id for r in res if r.article]
    assert [i.split("@")[0] + "@" for i in ids] == expected


def test_pack_paragraph_and_item(pack: CitationResolver) -> None:
    (c,) = pack.parse("民法典第一千零六十二条第一款第（三）项")
    assert (c.article_no, c.paragraph, c.item) == (1062, 1, 3)
    cits = pack.parse("《劳动合同法》第三十八条第一款、第二款")
    assert [(c.article_no, c.paragraph) for c in cits] == [(38, 1), (38, 2)]


def test_pack_lists_and_ranges(pack: CitationResolver) -> None:
    for text in ("劳动合同法第十条、第十一条", "劳动合同法第十条和第十一条"):
        assert [c.article_no for c in pack.parse(text)] == [10, 11]
    res = pack.resolve("劳动合同法第十条至第十二条")
    assert [r.citation.article_no for r in res] == [10, 11, 12]
    assert all(r.status == "ok" for r in res)


def test_pack_resolve_one(pack: CitationResolver) -> None:
    res = pack.resolve_one("民法典", "第一千零七十九条")
    assert res.status == "ok" and res.article is not None
    assert "感情确已破裂" in res.article.text
    assert pack.resolve_one("中华人民共和国劳动合同法", "82").article is not None
    assert pack.resolve_one("劳动合同法", "第九百条").status == "unknown_article"
    assert pack.resolve_one("不存在法", "第一条").status == "unknown_law"
    with pytest.raises(ValueError):
        pack.resolve_one("民法典", "第几条")


def test_pack_law_key_for(pack: CitationResolver) -> None:
    assert pack.law_key_for("《中华人民共和国劳动合同法》") == "劳动合同法"
    assert pack.law_key_for("民间借贷规定") == (
        "最高人民法院关于审理民间借贷案件适用法律若干问题的规定"
    )
    assert pack.law_key_for("合同法") == "合同法"
    assert pack.law_key_for("完全不存在的法") is None


def test_pack_repealed_messages(pack: CitationResolver) -> None:
    (res,) = pack.resolve("《中华人民共和国合同法》第一百零七条")
    assert res.status == "repealed"
    assert [a.id.split("@")[0] for a in res.successors] == ["民法典#577"]
    assert res.message_zh.startswith("《合同法》已于2021年1月1日废止，现行规定见《民法典》第五百七十七条")
    (res,) = pack.resolve("合同法第五十二条")
    assert [a.article_no for a in res.successors] == [153, 154]
    (res,) = pack.resolve("经济合同法第三条")
    assert res.status == "repealed" and res.successors == ()
    assert "1999年10月1日" in res.message_zh and "《民法典》" in res.message_zh
    (res,) = pack.resolve("民法通则第一百三十五条")
    assert [a.article_no for a in res.successors] == [188]


def test_pack_mixed_paragraph_speed(pack: CitationResolver) -> None:
    text = (
        "劳动者依照《中华人民共和国劳动合同法》第三十八条、第四十六条的规定，可以要求用人单位支付"
        "经济补偿；用人单位违反本法第八十二条规定不与劳动者订立书面劳动合同的，应当每月支付二倍工资。"
        "根据《民法典》第一千一百七十九条，侵害他人造成人身损害的，应当赔偿医疗费。"
    )
    res = pack.resolve(text, default_law="劳动合同法")
    assert [(r.citation.law_key, r.citation.article_no, r.status) for r in res] == [
        ("劳动合同法", 38, "ok"), ("劳动合同法", 46, "ok"), ("劳动合同法", 82, "ok"),
        ("民法典", 1179, "ok"),
    ]


# -- data files checked against the pack -----------------------------------------------


def test_every_alias_points_to_a_pack_or_repealed_law(pack_corpus: Corpus) -> None:
    laws = pack_corpus.laws()
    repealed = load_repealed(DEFAULT_REPEALED)
    aliases = load_aliases(DEFAULT_ALIASES)
    assert len(aliases) >= 50
    for alias, key in aliases.items():
        assert key in laws or key in repealed, (alias, key)


def test_every_alias_resolves(pack: CitationResolver) -> None:
    for alias, key in load_aliases(DEFAULT_ALIASES).items():
        assert pack.law_key_for(alias) == key, alias
        (c,) = pack.parse(f"{alias}第一条")
        assert c.law_key == key, alias


def test_every_short_name_resolves(pack: CitationResolver, pack_corpus: Corpus) -> None:
    for key, info in pack_corpus.laws().items():
        assert pack.law_key_for(info.short) == key
        assert pack.law_key_for(info.law) == key


def test_repealed_table_against_pack(pack_corpus: Corpus) -> None:
    laws = pack_corpus.laws()
    repealed = load_repealed(DEFAULT_REPEALED)
    for name in ("合同法", "侵权责任法", "婚姻法", "继承法", "物权法", "民法通则", "民法总则",
                 "担保法", "收养法", "经济合同法", "涉外经济合同法", "技术合同法"):
        assert name in repealed
    for rep in repealed.values():
        assert rep.law_key not in laws, rep.law_key  # repealed laws are not current pack laws
        assert rep.replaced_by in laws or rep.replaced_by in repealed, rep
        if rep.evidence:
            key, no = rep.evidence.split("#")
            art = pack_corpus.find(key, int(no))
            assert art is not None, rep.evidence
            assert "废止" in art.text
            core = rep.law_key.removeprefix("最高人民法院")
            assert core in law_key(art.text), (rep.law_key, rep.evidence)


def test_successor_rows_against_pack(pack_corpus: Corpus) -> None:
    repealed = load_repealed(DEFAULT_REPEALED)
    rows = load_successors(DEFAULT_SUCCESSORS)
    assert 20 <= len(rows) <= 60
    for row in rows:
        assert row.old_law_key in repealed, row
        art = pack_corpus.find(row.new_law_key, row.new_article_no)
        assert art is not None, row
        assert row.evidence and row.evidence in art.text, row


def test_national_corpus(data_dir: Path) -> None:
    path = data_dir / "eval" / "statute_corpus" / "corpus.jsonl"
    r = CitationResolver(Corpus(tuple(load_statute_corpus(path))))
    text = (
        "依据最高人民法院关于适用《中华人民共和国民事诉讼法》的解释第九十条、商标法第五十七条，"
        "以及《中华人民共和国劳动合同法》第八十二条。合同法第五十二条"
    )
    res = r.resolve(text)
    assert [(x.citation.law_key, x.citation.article_no, x.status) for x in res] == [
        ("最高人民法院关于适用民事诉讼法的解释", 90, "ok"), ("商标法", 57, "ok"),
        ("劳动合同法", 82, "ok"), ("合同法", 52, "repealed"),
    ]
    assert [a.article_no for a in res[-1].successors] == [153, 154]
