from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from knowledge.bm25 import BM25Index
from knowledge.corpus import Article, Corpus
from knowledge.memory import MemoryItem, QuestionMemory
from knowledge.retrieval import HybridRetriever, Weights


class SpaceTokenizer:
    """Whitespace tokens: predictable rankings without jieba."""

    signature = "space"

    def tokens(self, text: str) -> list[str]:
        return text.split()


def _art(law: str, no: int, text: str) -> Article:
    return Article(law=law, law_key=law, short=law, level="法律", chapter="", article=f"第{no}条",
                   article_no=no, article_sub=0, text=text, effective="2021")


ARTICLES = (
    _art("甲法", 1, "工资 支付 劳动者"),
    _art("甲法", 2, "合同 订立 书面"),
    _art("乙法", 1, "租金 出租人 承租人"),
    _art("乙法", 2, "押金 返还"),
    _art("丙法", 1, "罚款 处罚 决定"),
)
TOK = SpaceTokenizer()


def _retriever(items: list[MemoryItem] | None = None, **weights: float) -> HybridRetriever:
    corpus = Corpus(ARTICLES)
    bm25 = BM25Index.build([TOK.tokens(a.text) for a in ARTICLES])
    memory = QuestionMemory.build(items or [], TOK)
    return HybridRetriever(corpus=corpus, tokenizer=TOK, bm25=bm25, memory=memory,
                           is_core=np.zeros(len(ARTICLES), dtype=bool),
                           category_laws={"rent": frozenset({"乙法"})},
                           weights=Weights(**weights))  # type: ignore[arg-type]


def test_lexical_match_ranks_first_and_nothing_shared_returns_nothing() -> None:
    r = _retriever()
    assert r.search("押金", k=1)[0].article.key == ("乙法", "第2条")
    assert r.search("完全 无关") == []


def test_memory_vote_brings_an_article_without_shared_words() -> None:
    item = MemoryItem("q1", "dev", "房东 不退 钱", (3,))  # 押金 返还
    plain = _retriever(memory=0.0)
    assert plain.search("房东 不退 钱 工资", k=1)[0].article.key == ("甲法", "第1条")
    with_memory = _retriever([item], memory=20.0, cocitation=0.0)
    assert with_memory.search("房东 不退 钱 工资", k=1)[0].article.key == ("乙法", "第2条")
    # Excluding the item (as cross-validation does) removes its evidence again.
    without = with_memory.with_memory(with_memory.memory.without({"q1"}, TOK))
    assert without.search("房东 不退 钱 工资", k=1)[0].article.key == ("甲法", "第1条")


def test_category_boost_prefers_the_category_laws() -> None:
    r = _retriever(category=50.0)
    assert r.search("合同 订立 租金", k=1)[0].article.law_key == "甲法"
    assert r.search("合同 订立 租金", k=1, category="rent")[0].article.law_key == "乙法"


def test_history_terms_count_with_lower_weight() -> None:
    r = _retriever(history=0.5)
    hits = r.search("返还", k=2, history=["租金"])
    assert [h.article.key for h in hits] == [("乙法", "第2条"), ("乙法", "第1条")]


class FakeDense:
    """A dense retriever that always prefers the fifth article."""

    name = "fake"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return np.ones((len(texts), 2), dtype=np.float32) / np.sqrt(2)

    def scores(self, vector: np.ndarray) -> np.ndarray:
        return np.array([0.0, 0.0, 0.0, 0.0, 1.0], dtype=np.float32)


class FirstThenFifth(FakeDense):
    def scores(self, vector: np.ndarray) -> np.ndarray:
        return np.array([0.5, 0.0, 0.0, 0.0, 1.0], dtype=np.float32)


def test_dense_ranking_is_fused_by_article_id() -> None:
    lexical_only = _retriever()
    assert lexical_only.search("押金", k=1)[0].article.key == ("乙法", "第2条")
    r = _retriever(dense_rrf=3.0, dense_linear=0.0)
    r.dense = FakeDense()
    hits = r.search("押金", k=3)
    assert hits[0].source == "hybrid+dense"
    assert hits[0].article.key == ("丙法", "第1条")  # a heavily weighted dense ranking leads
    light = _retriever(dense_rrf=0.01, dense_linear=0.0)
    light.dense = FakeDense()
    assert light.search("押金", k=1)[0].article.key == ("乙法", "第2条")


def test_index_rows_must_match_the_corpus() -> None:
    with pytest.raises(ValueError):
        HybridRetriever(corpus=Corpus(ARTICLES[:2]), tokenizer=TOK,
                        bm25=BM25Index.build([["a"]]), memory=QuestionMemory.build([], TOK),
                        is_core=np.zeros(2, dtype=bool))


def test_dense_similarity_is_a_linear_signal_over_all_articles() -> None:
    r = _retriever(dense_linear=20.0, dense_rrf=0.0)
    r.dense = FakeDense()
    hits = r.search("押金", k=2)
    assert hits[0].article.key == ("丙法", "第1条")  # no shared word, but the embedder likes it
    assert hits[1].article.key == ("乙法", "第2条")


def test_splice_keeps_the_head_and_fills_from_the_second_ranking() -> None:
    from knowledge.retrieval import splice

    out = splice(np.array([5, 4, 3, 2, 1]), np.array([1, 9, 5, 8, 7]), head=2)
    assert out.tolist() == [5, 4, 1, 9, 8]


def test_recall_profile_only_changes_positions_below_the_head() -> None:
    from dataclasses import replace

    item = MemoryItem("q1", "dev", "房东 不退 钱", (3,))
    precise = _retriever([item], memory=0.0)
    spliced = _retriever([item], memory=0.0)
    spliced.head = 1
    spliced.recall_weights = replace(spliced.weights, memory=50.0)
    a = [h.article.key for h in precise.search("房东 不退 钱 工资", k=3)]
    b = [h.article.key for h in spliced.search("房东 不退 钱 工资", k=3)]
    assert a[0] == b[0] == ("甲法", "第1条")
    assert b[1] == ("乙法", "第2条") and a[1] != b[1]  # the memory's article moves up below it


def test_dense_rerank_only_reorders_the_first_candidates() -> None:
    r = _retriever(dense_linear=0.0, dense_rerank=5.0, rerank_depth=2)
    r.dense = FirstThenFifth()
    plain = [h.article.key for h in _retriever().search("租金 押金 工资", k=5)]
    reranked = [h.article.key for h in r.search("租金 押金 工资", k=5)]
    assert set(reranked[:2]) == set(plain[:2]) and reranked[2:] == plain[2:]
    assert reranked[0] == ("甲法", "第1条")  # the dense favourite among the first two


def test_dense_signal_puts_the_best_row_at_one_and_the_mean_at_zero() -> None:
    from knowledge.retrieval import dense_signal

    out = dense_signal(np.array([0.80, 0.82, 0.86, 0.84], dtype=np.float32))
    assert out.max() == pytest.approx(1.0) and out.mean() == pytest.approx(0.0, abs=1e-6)
    assert not dense_signal(np.full(3, 0.8, dtype=np.float32)).any()
