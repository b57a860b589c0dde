"""Property tests for the pieces that take free text: the citation resolver, the dialect and
legal-term normaliser, the 大写 amount converter, the ID-number validator and the document
renderers. (Round trips of 大写 and ID check digits, lexicon expansion and numerals already
have properties in tests/assistant/drafting and tests/knowledge; these add the bad-input side.)
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.drafting import get_template, list_templates, preview_text, render_docx, validate
from assistant.drafting.errors import DocumentInvalidFieldError
from assistant.drafting.validators import amount_to_chinese_upper, check_id_number
from assistant.speech.normalize import Normalizer, default_normalizer
from knowledge.citations import CitationResolver
from knowledge.corpus import Article, Corpus, law_key
from knowledge.numerals import int_to_cn

FAST = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])
# Any text a person (or an attacker) might send: every plane, controls and surrogates excluded
# only where the API already refuses them.
ANY_TEXT = st.text(max_size=80)
HAN = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=20)
NOISE = st.text(alphabet="我有一个问题，老板欠钱怎么办abcXYZ .!?；（）", max_size=20)
UPPER_CHARS = set("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")
LAW = "中华人民共和国劳动合同法"


def _art(no: int) -> Article:
    return Article(LAW, law_key(LAW), "劳动合同法", "法律", "", f"第{int_to_cn(no)}条", no, 0,
                   "条文", "2020-01-01")


@pytest.fixture(scope="module")
def resolver() -> CitationResolver:
    return CitationResolver(Corpus(tuple(_art(n) for n in range(1, 98))))


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return default_normalizer()


# -- citation resolver -------------------------------------------------------------------

@FAST
@given(text=ANY_TEXT)
def test_citation_parse_never_fails_and_spans_index_the_text(
    resolver: CitationResolver, text: str
) -> None:
    for c in resolver.parse(text):
        assert 0 <= c.start < c.end <= len(text)
        assert c.article_no >= 1 and c.raw
    for r in resolver.resolve(text):
        assert r.status in ("ok", "unknown_law", "unknown_article", "repealed")
        assert r.article is None or r.status == "ok"


@FAST
@given(no=st.integers(min_value=1, max_value=200), arabic=st.booleans(),
       before=NOISE, after=NOISE)
def test_a_citation_in_noise_is_found_and_checked(
    resolver: CitationResolver, no: int, arabic: bool, before: str, after: str
) -> None:
    label = f"第{no}条" if arabic else f"第{int_to_cn(no)}条"
    text = f"{before}。《{LAW}》{label}。{after}"
    found = [r for r in resolver.resolve(text) if r.citation.law_key == law_key(LAW)]
    assert [r.citation.article_no for r in found] == [no]
    if no <= 97:
        assert found[0].status == "ok" and found[0].article is not None
        assert found[0].article.article_no == no
    else:  # beyond the law's last article: refused, never invented
        assert found[0].status == "unknown_article" and found[0].article is None


# -- normaliser --------------------------------------------------------------------------

@FAST
@given(text=ANY_TEXT)
def test_normaliser_keeps_the_original_and_is_idempotent(
    normalizer: Normalizer, text: str
) -> None:
    out = normalizer.normalize(text)
    assert out.original == text
    again = normalizer.normalize(out.text)
    assert again.text == out.text
    assert all(c.kind in ("t2s", "dialect", "legal_term", "punctuation") for c in out.changes)


@FAST
@given(words=HAN)
def test_normaliser_never_loses_the_han_content(normalizer: Normalizer, words: str) -> None:
    out = normalizer.normalize(words)
    # t2s may map to Extension A/B characters (燶 -> 㶶): count every Han block.
    han = re.sub(r"[^\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]", "", out.text)
    # Edits replace words (dialect, mis-heard terms) but a message never collapses to nothing.
    assert bool(han) == bool(words.strip())
    assert len(han) >= len(words.strip()) // 3


# -- 大写 and ID numbers -------------------------------------------------------------------

@FAST
@given(text=ANY_TEXT)
def test_amount_in_words_accepts_figures_or_refuses_in_chinese(text: str) -> None:
    try:
        upper = amount_to_chinese_upper(text)
    except ValueError as e:
        assert re.search(r"[\u4e00-\u9fff]", str(e))
    else:
        assert upper and set(upper) <= UPPER_CHARS


@FAST
@given(amount=st.decimals(min_value=0, max_value=10**11, places=2, allow_nan=False))
def test_amount_in_words_is_closed_and_reads_one_zero_per_run(amount: object) -> None:
    upper = amount_to_chinese_upper(str(amount))
    assert upper.endswith(("整", "分"))
    assert "零零" not in upper  # inner zero runs read one 零


@FAST
@given(text=ANY_TEXT)
def test_id_number_check_never_raises(text: str) -> None:
    message = check_id_number(text)
    assert message is None or re.search(r"[\u4e00-\u9fff]", message)
    if message is None:
        assert len(re.sub(r"\s", "", text)) == 18


# -- document renderers --------------------------------------------------------------------

PRINTABLE = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
                    min_size=1, max_size=40).filter(lambda s: s.strip() == s and s.strip())


def _example(template_id: str) -> dict[str, str | list[str]]:
    tpl = get_template(template_id)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in tpl.example.items()}


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(value=PRINTABLE)
def test_field_values_render_literally(tmp_path: Path, value: str) -> None:
    """Whatever a user types into a text field appears as typed, in preview and .docx, and
    never becomes markup (XML specials, template braces, injected instructions)."""
    from docx import Document

    tpl = get_template("loan_note")
    fields = {**_example("loan_note"), "purpose": value}
    if validate(tpl, fields):  # e.g. a citation written into the field that does not resolve
        return
    assert value in preview_text(tpl, fields)
    out = render_docx(tpl, fields, tmp_path / "d.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(out.read_bytes())).paragraphs)
    assert value in text


@FAST
@given(junk=st.text(alphabet=st.characters(max_codepoint=0x1F), min_size=1, max_size=5))
def test_control_characters_are_a_field_error_not_a_crash(tmp_path_factory: pytest.TempPathFactory,
                                                           junk: str) -> None:
    tpl = get_template("loan_note")
    fields = {**_example("loan_note"), "purpose": f"装修{junk}房子"}
    bad = set(junk) - set("\t\n\r")
    problems = validate(tpl, fields)
    assert bool(problems) == bool(bad)
    if bad:
        with pytest.raises(DocumentInvalidFieldError):
            render_docx(tpl, fields, tmp_path_factory.mktemp("d") / "d.docx")


TEMPLATE_IDS = sorted(t.id for t in list_templates())


@FAST
@given(template_id=st.sampled_from(TEMPLATE_IDS), value=ANY_TEXT, other=ANY_TEXT)
def test_preview_and_validation_of_any_input_never_fail(
    template_id: str, value: str, other: str
) -> None:
    """A half-filled or nonsensical form previews (values as typed) and validates to a list
    of problems; it never raises (the preview endpoint used to 500 on an amount like 5万)."""
    tpl = get_template(template_id)
    fields: dict[str, object] = {}
    for i, f in enumerate(tpl.fields):
        text = value if i % 2 == 0 else other
        fields[f.key] = [text] if f.type == "list" else text
    problems = validate(tpl, fields)
    assert all(p.message_zh for p in problems)
    assert preview_text(tpl, fields).strip()
