from __future__ import annotations

import logging
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.consult.citecheck import check_citations
from knowledge.citations import CitationResolver
from knowledge.corpus import Corpus, load_statutes
from tests.assistant.consult import labor_articles as la

A82 = la.article("劳动合同法", 82)
A30 = la.article("劳动合同法", 30)
A10 = la.article("劳动合同法", 10)  # in the corpus, but retrieval did not return it
L50 = la.article("劳动法", 50)
C577 = la.article("民法典", 577)
ALLOWED = {A82.id, A30.id, L50.id, C577.id}
ARTIFACTS = ("《》", "，，", "（）", "()", "根据，", "根据。", "和的", "、的", "，。", "、、")


@pytest.fixture(scope="module")
def resolver() -> CitationResolver:
    return la.resolver()


def _check(text: str, resolver: CitationResolver) -> tuple[str, list[str], list[tuple[str, str]]]:
    out = check_citations(text, allowed=ALLOWED, resolver=resolver)
    for artifact in ARTIFACTS:
        assert artifact not in out.text, (artifact, out.text)
    return out.text, [a.id for a in out.kept], [(r.raw, r.reason) for r in out.removed]


def test_test_articles_match_the_pack(data_dir: Path) -> None:
    pack = Corpus(tuple(load_statutes(data_dir / "statutes")))
    for a in la.articles():
        real = pack.find(a.law_key, a.article_no)
        assert real is not None and real.id == a.id and real.text == a.text, a.id
    assert pack.find("劳动合同法", 900) is None
    assert not any(la.UNKNOWN_LAW in law for law in pack.laws())


def test_retrieved_citations_are_kept_verbatim(resolver: CitationResolver) -> None:
    text = (
        "根据《中华人民共和国劳动合同法》第八十二条规定，单位没签书面合同要每月付二倍工资。"
        "劳动合同法第30条也要求及时足额发工资（《劳动法》第五十条）。"
    )
    got, kept, removed = _check(text, resolver)
    assert got == text
    assert kept == [A82.id, A30.id, L50.id]
    assert removed == []


@pytest.mark.parametrize(
    ("text", "expected", "removed"),
    [
        # invented article: the lead-in goes with it
        ("根据《中华人民共和国劳动合同法》第九百条规定，用人单位应当支付十倍工资。",
         "用人单位应当支付十倍工资。",
         [("《中华人民共和国劳动合同法》第九百条", "unknown_article")]),
        # unknown law: its name goes too, or the sentence would still vouch for it
        ("根据《某某不存在条例》第五条，您可以索赔。", "您可以索赔。", [("第五条", "unknown_law")]),
        # repealed law, even though its successor (民法典第五百七十七条) is allowed
        ("《中华人民共和国合同法》第一百零七条规定，对方应承担违约责任。", "对方应承担违约责任。",
         [("《中华人民共和国合同法》第一百零七条", "repealed")]),
        # a real article that retrieval did not return
        ("依照劳动合同法第十条的规定执行。", "依照有关规定执行。",
         [("劳动合同法第十条", "not_retrieved")]),
        # a quotation of the invented article goes with it
        ("《劳动合同法》第九百条规定：“用人单位应当赔偿十倍工资。”您可以据此主张。",
         "您可以据此主张。", [("《劳动合同法》第九百条", "unknown_article")]),
        ("单位应当按时发工资（见《劳动合同法》第九百条）。", "单位应当按时发工资。",
         [("《劳动合同法》第九百条", "unknown_article")]),
        ("单位拖欠工资违反了《劳动合同法》第九百条，也违反了《劳动法》第五十条。",
         "单位拖欠工资违反了有关规定，也违反了《劳动法》第五十条。",
         [("《劳动合同法》第九百条", "unknown_article")]),
    ],
)
def test_rejected_citations_are_cut_cleanly(
    resolver: CitationResolver, text: str, expected: str, removed: list[tuple[str, str]]
) -> None:
    got, _, got_removed = _check(text, resolver)
    assert got == expected
    assert got_removed == removed


def test_lists_keep_only_retrieved_members(resolver: CitationResolver) -> None:
    text = "根据《劳动合同法》第三十条、第九百条和《劳动法》第五十条的规定，单位要按时足额发工资。"
    got, kept, removed = _check(text, resolver)
    assert got == "根据《劳动合同法》第三十条和《劳动法》第五十条的规定，单位要按时足额发工资。"
    assert kept == [A30.id, L50.id]
    assert removed == [("第九百条", "unknown_article")]

    got, kept, _ = _check("根据劳动合同法第九百条和劳动法第五十条的规定，单位要发工资。", resolver)
    assert got == "根据劳动法第五十条的规定，单位要发工资。"
    assert kept == [L50.id]


def test_range_keeps_retrieved_articles_with_their_law(resolver: CitationResolver) -> None:
    got, kept, removed = _check("《劳动合同法》第二十九条至第三十一条都与此相关。", resolver)
    assert got == "《劳动合同法》第三十条都与此相关。"
    assert kept == [A30.id]
    # the test corpus has neither 第二十九条 nor 第三十一条
    assert [r for _, r in removed] == ["unknown_article", "unknown_article"]


def test_bullet_line_quoting_a_rejected_article_is_dropped(resolver: CitationResolver) -> None:
    text = (
        "法律依据：\n"
        "- 《劳动合同法》第八十二条：没签书面合同的，每月付二倍工资。\n"
        "- 《劳动合同法》第九百条：用人单位应当赔偿十倍工资。\n"
        "2. 《中华人民共和国婚姻法》第三十二条规定：感情破裂的应准予离婚。\n"
        "- 《劳动法》第五十条：工资按月足额支付。"
    )
    got, kept, removed = _check(text, resolver)
    assert got == (
        "法律依据：\n"
        "- 《劳动合同法》第八十二条：没签书面合同的，每月付二倍工资。\n"
        "- 《劳动法》第五十条：工资按月足额支付。"
    )
    assert kept == [A82.id, L50.id]
    assert [r for _, r in removed] == ["unknown_article", "repealed"]


def test_removal_never_swallows_a_kept_citation(resolver: CitationResolver) -> None:
    text = "- 《劳动合同法》第九百条：另见《劳动合同法》第三十条，单位要及时发工资。"
    got, kept, _ = _check(text, resolver)
    assert got == "- 另见《劳动合同法》第三十条，单位要及时发工资。"
    assert kept == [A30.id]


def test_unbulleted_paragraph_is_not_dropped_whole(resolver: CitationResolver) -> None:
    got, _, _ = _check(f"{la.INVENTED}：单位要及时发工资。您可以主张。\n下一段", resolver)
    assert got == "单位要及时发工资。您可以主张。\n下一段"
    got, _, _ = _check(f"{la.INVENTED}：“单位要赔十倍工资。”\n下一段", resolver)
    assert got == "下一段"


TEMPLATES = (
    "根据{c}规定，单位要及时发工资。",
    "根据{c}的规定，单位要及时发工资。",
    "依照{c}的规定执行。",
    "{c}规定：“单位要及时发工资。”您可以主张。",
    "{c}规定，单位要及时发工资。",
    "单位要及时发工资（见{c}）。",
    "单位违反了{c}，您可以投诉。",
    "- {c}：单位要及时发工资。",
)
GOOD = ("《劳动合同法》第三十条", "劳动法第五十条")
BAD = (la.INVENTED, "《合同法》第一百零七条", f"《{la.UNKNOWN_LAW}》第五条", "劳动合同法第十条")


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(
        st.tuples(st.sampled_from(TEMPLATES), st.sampled_from(GOOD + BAD)), min_size=1, max_size=4
    )
)
def test_any_mix_keeps_good_and_drops_bad(parts: list[tuple[str, str]]) -> None:
    text = "\n".join(t.format(c=c) for t, c in parts)
    got, kept, removed = _check(text, la.resolver())
    for _, c in parts:
        if c in GOOD:
            assert c in got
        else:
            assert c not in got and c.split("》")[-1] not in got
    assert la.UNKNOWN_LAW not in got
    assert len(removed) == sum(c in BAD for _, c in parts)
    assert set(kept) == {ALLOWED_BY_CITE[c] for _, c in parts if c in GOOD}


ALLOWED_BY_CITE = {GOOD[0]: A30.id, GOOD[1]: L50.id}


def test_logs_only_citation_and_reason(
    resolver: CitationResolver, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "张三的身份证号110101199001011234"
    with caplog.at_level(logging.INFO, logger="assistant.consult.citecheck"):
        check_citations(f"{secret}。根据{la.INVENTED}，单位要赔。", allowed=ALLOWED,
                        resolver=resolver)
    assert len(caplog.records) == 1
    message = caplog.records[0].getMessage()
    assert la.INVENTED in message and "unknown_article" in message
    assert "张三" not in caplog.text and "110101" not in caplog.text and "单位要赔" not in caplog.text


def test_a_thousand_char_answer_with_repeated_citations(data_dir: Path) -> None:
    pack = Corpus(tuple(load_statutes(data_dir / "statutes")))
    resolver = CitationResolver(pack)
    allowed = {a.id for a in pack.articles if a.law_key == "劳动合同法" and a.article_no < 50}
    unit = ("根据《中华人民共和国劳动合同法》第三十条规定，单位要及时足额发工资；"
            "依照劳动合同法第九百条、第八十二条和《合同法》第一百零七条，"
            "您可以先协商，再申请劳动仲裁。")
    text = (unit * 20)[:1000]
    out = check_citations(text, allowed=allowed, resolver=resolver)
    # Speed is measured by `legalaid eval answers` (latency figures), not asserted here.
    assert out.removed and out.kept
