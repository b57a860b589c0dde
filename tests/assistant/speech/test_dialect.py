from __future__ import annotations

from collections import Counter

import pytest

from assistant.speech.dialect import (
    DEFAULT_DIALECT_PATH,
    DialectLexicon,
    default_dialect_lexicon,
    parse_dialect_tsv,
)

REGIONS = {"晋语", "内蒙古西部方言", "东北官话", "冀鲁官话", "中原官话", "西北方言", "北方官话",
           "北京官话", "西南官话"}


def test_at_least_150_entries_each_with_region_and_standard():
    lex = default_dialect_lexicon()
    assert len(lex) >= 150
    for e in lex.entries:
        assert e.region in REGIONS, e
        assert e.standard and e.standard != e.word, e
        assert e.note, e
    words = Counter(e.word for e in lex.entries)
    assert [w for w, n in words.items() if n > 1] == []


def test_required_regions_and_words_present():
    lex = default_dialect_lexicon()
    regions = Counter(e.region for e in lex.entries)
    for region in ("晋语", "内蒙古西部方言", "东北官话"):
        assert regions[region] >= 5 or region == "内蒙古西部方言" and regions[region] >= 3
    by_word = {e.word: e for e in lex.entries}
    for word in ("婆姨", "后生", "受苦人", "工钱", "娃娃"):
        assert word in by_word


def test_doll_uses_of_wawa_are_left_alone():
    lex = default_dialect_lexicon()
    text, hits = lex.apply("娃娃在家哭，我给她买了布娃娃和洋娃娃")
    assert text == "孩子在家哭，我给她买了布娃娃和洋娃娃"
    assert [h.start for h in hits] == [0]


def test_word_boundaries_respected():
    lex = default_dialect_lexicon()
    text = "婚后生了孩子"
    boundaries = {0, 2, 3, 4, 6}  # 婚后/生/了/孩子
    assert lex.apply(text, boundaries=boundaries)[0] == text


def test_parse_rejects_malformed_rows():
    with pytest.raises(ValueError):
        parse_dialect_tsv(["婆姨\t妻子\t晋语\tmaybe\t\t注"])
    assert len(DialectLexicon(parse_dialect_tsv(DEFAULT_DIALECT_PATH.read_text().splitlines())))
