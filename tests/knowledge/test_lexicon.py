from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.corpus import load_statutes
from knowledge.lexicon import (
    DEFAULT_LEXICON_PATH,
    Lexicon,
    LexiconEntry,
    load_lexicon,
    parse_lexicon,
)
from knowledge.taxonomy import CATEGORY_CODES

HEADER = "colloquial\tstatutory\tcategories"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="module")
def statute_text(data_dir: Path) -> str:
    return "\n".join(a.text for a in load_statutes(data_dir / "statutes"))


def test_size_and_coverage_per_category(lexicon: Lexicon) -> None:
    assert len(lexicon) >= 300
    per_category = Counter(c for e in lexicon.entries for c in e.categories)
    thin = {code: per_category[code] for code in CATEGORY_CODES if per_category[code] < 15}
    assert not thin


def test_every_statutory_term_occurs_in_the_statutes(lexicon: Lexicon, statute_text: str) -> None:
    targets = {t for e in lexicon.entries for t in e.statutory}
    missing = sorted(t for t in targets if t not in statute_text)
    assert not missing


def test_packaged_file_has_no_duplicate_or_pointless_phrases() -> None:
    rows = [
        line.split("\t")
        for line in DEFAULT_LEXICON_PATH.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ][1:]
    phrases = [r[0] for r in rows]
    assert len(phrases) == len(set(phrases))
    for colloquial, statutory, _ in rows:
        assert len(colloquial) >= 2
        assert statutory.split("|") != [colloquial]


def test_landlord_deposit(lexicon: Lexicon) -> None:
    assert "出租人" in lexicon.expand("房东不退押金")


def test_factory_owes_wages(lexicon: Lexicon) -> None:
    terms = lexicon.expand("厂里欠工资")
    assert "用人单位" in terms and "拖欠劳动报酬" in terms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("前天出了车祸", "交通事故"),
        ("被老板炒鱿鱼了", "解除劳动合同"),
        ("入职半年没签合同", "未订立书面劳动合同"),
        ("我老公家暴", "家庭暴力"),
        ("网购收到假货", "欺诈"),
        ("医院出事了找谁", "医疗损害"),
        ("我弟弟被抓了", "逮捕"),
        ("想告政府", "行政诉讼"),
        ("草场被人占了", "草原"),
        ("在工地上班受伤", "工伤"),
        ("儿女老人不养怎么办", "赡养"),
    ],
)
def test_expansion_examples(lexicon: Lexicon, text: str, expected: str) -> None:
    assert expected in lexicon.expand(text)


def test_longest_match_wins() -> None:
    lex = Lexicon(
        [
            LexiconEntry("工资", ("劳动报酬",), ("labor_wages",)),
            LexiconEntry("拖欠工资", ("拖欠劳动报酬",), ("labor_wages",)),
        ]
    )
    assert lex.expand("公司拖欠工资") == ["拖欠劳动报酬"]
    assert lex.expand("工资太低") == ["劳动报酬"]
    assert [e.colloquial for e in lex.matches("拖欠工资，工资条")] == ["拖欠工资", "工资"]


def test_packaged_longest_match(lexicon: Lexicon) -> None:
    # 老公打我 (家暴) must beat 老公 (配偶) at the same position.
    assert [e.colloquial for e in lexicon.matches("老公打我")] == ["老公打我"]
    assert [e.colloquial for e in lexicon.matches("拖欠工资")] == ["拖欠工资"]


def test_expand_order_dedup_and_skips_present_terms(lexicon: Lexicon) -> None:
    terms = lexicon.expand("房东说租客欠房租，房东要赶人")
    assert terms.index("出租人") < terms.index("承租人") < terms.index("租金")
    assert terms.count("出租人") == 1
    assert "出租人" not in lexicon.expand("出租人就是房东")


def test_category_votes(lexicon: Lexicon) -> None:
    votes = lexicon.category_votes("撞车以后交警说我全责，交强险赔不赔")
    assert max(votes, key=lambda k: votes[k]) == "traffic_accident"
    assert votes["traffic_accident"] >= 3
    assert lexicon.category_votes("打官司要去法院") == {}


def test_terms_cover_both_sides(lexicon: Lexicon) -> None:
    terms = lexicon.terms()
    assert {"房东", "出租人", "欠工资", "拖欠劳动报酬"} <= terms


def test_load_is_cached() -> None:
    assert load_lexicon() is load_lexicon()


def test_load_custom_file(tmp_path: Path) -> None:
    path = tmp_path / "lex.tsv"
    path.write_text(f"# comment\n{HEADER}\n\n房东\t出租人\thousing_property_neighbor\n", "utf-8")
    lex = load_lexicon(path)
    assert lex.entries == (
        LexiconEntry("房东", ("出租人",), ("housing_property_neighbor",)),
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("房\t出租人\t", "shorter than 2"),
        ("房东\t房东\t", "only to itself"),
        ("房东\t出租人\tfoo_bar", "unknown category"),
        ("房东\t\t", "no statutory"),
        ("房东\t出租人\thousing_property_neighbor\textra", "3 tab-separated"),
    ],
)
def test_bad_rows_are_rejected(row: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_lexicon([HEADER, row])


def test_bad_header_and_duplicates_are_rejected() -> None:
    with pytest.raises(ValueError, match="header"):
        parse_lexicon(["a\tb\tc", "房东\t出租人\t"])
    with pytest.raises(ValueError, match="duplicate"):
        parse_lexicon([HEADER, "房东\t出租人\t", "房东\t出租人\t"])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="房东租客欠工资老板厂里开除出租人车祸的了不", max_size=40))
def test_expand_never_repeats_or_echoes_text(text: str) -> None:
    terms = load_lexicon().expand(text)
    assert len(terms) == len(set(terms))
    assert not any(t in text for t in terms)
