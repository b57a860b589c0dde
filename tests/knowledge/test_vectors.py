from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from knowledge.dense import Role
from knowledge.vectors import VectorCache, embed_cached, text_key


class CountingEmbedder:
    """Deterministic vectors from the text's hash; remembers every text it was asked for."""

    name = "counting"
    dim = 4

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str], *, batch_size: int = 64,
               role: Role = "passage") -> np.ndarray:
        self.seen += list(texts)
        rows = [np.random.default_rng(zlib.crc32(f"{role}:{t}".encode())).normal(size=self.dim)
                for t in texts]
        m = np.array(rows, dtype=np.float32).reshape(len(texts), self.dim)
        return m / np.linalg.norm(m, axis=1, keepdims=True)


TEXTS = [f"第{i}条 劳动者的合法权益受法律保护" for i in range(10)]


def test_a_text_is_embedded_once_whatever_asks(tmp_path: Path) -> None:
    emb = CountingEmbedder()
    first = embed_cached(emb, TEXTS, role="passage", cache=VectorCache(tmp_path, dim=4), batch=4)
    assert first is not None and first.shape == (10, 4) and len(emb.seen) == 10
    # A new process (a new cache object over the same folder) embeds nothing again...
    again = embed_cached(emb, TEXTS[::-1], role="passage", cache=VectorCache(tmp_path, dim=4))
    assert len(emb.seen) == 10
    assert again is not None
    np.testing.assert_allclose(again, first[::-1], atol=1e-3)  # float16 on disk
    # ...and only the changed article when one text changes.
    changed = [*TEXTS[:9], "第9条 修改后的条文"]
    embed_cached(emb, changed, role="passage", cache=VectorCache(tmp_path, dim=4))
    assert emb.seen[10:] == ["第9条 修改后的条文"]


def test_the_role_is_part_of_the_key(tmp_path: Path) -> None:
    assert text_key("工资", "query") != text_key("工资", "passage")
    emb = CountingEmbedder()
    cache = VectorCache(tmp_path, dim=4)
    embed_cached(emb, ["工资"], role="passage", cache=cache)
    embed_cached(emb, ["工资"], role="query", cache=cache)
    assert emb.seen == ["工资", "工资"]


def test_an_interrupted_build_resumes_where_it_stopped(tmp_path: Path) -> None:
    emb = CountingEmbedder()
    done: list[int] = []
    stopped = embed_cached(emb, TEXTS, role="passage", cache=VectorCache(tmp_path, dim=4),
                           batch=3, progress=done.append, should_stop=lambda: len(emb.seen) >= 6)
    assert stopped is None and len(emb.seen) == 6 and sum(done) == 6
    done.clear()
    resumed = embed_cached(emb, TEXTS, role="passage", cache=VectorCache(tmp_path, dim=4),
                           batch=3, progress=done.append)
    assert resumed is not None and emb.seen[6:] == TEXTS[6:]
    assert done[0] == 6 and sum(done) == 10  # cached texts are reported done at once


def test_a_damaged_shard_is_ignored_and_its_texts_embedded_again(tmp_path: Path) -> None:
    emb = CountingEmbedder()
    embed_cached(emb, TEXTS[:4], role="passage", cache=VectorCache(tmp_path, dim=4))
    (shard,) = tmp_path.glob("shard-*.npz")
    shard.write_bytes(shard.read_bytes()[:50])  # a crash of the disk, not of our writer
    cache = VectorCache(tmp_path, dim=4)
    assert len(cache) == 0
    embed_cached(emb, TEXTS[:4], role="passage", cache=cache)
    assert len(emb.seen) == 8 and len(cache) == 4


def test_compact_merges_shards_without_losing_vectors(tmp_path: Path) -> None:
    emb = CountingEmbedder()
    cache = VectorCache(tmp_path, dim=4)
    before = embed_cached(emb, TEXTS, role="passage", cache=cache, batch=2)
    assert len(list(tmp_path.glob("shard-*.npz"))) == 5
    cache.compact()
    assert len(list(tmp_path.glob("shard-*.npz"))) == 1
    after = embed_cached(emb, TEXTS, role="passage", cache=VectorCache(tmp_path, dim=4))
    assert len(emb.seen) == 10
    assert before is not None and after is not None
    np.testing.assert_array_equal(after, before)


def test_a_shard_of_another_width_is_not_read(tmp_path: Path) -> None:
    VectorCache(tmp_path, dim=8).add([text_key("x", "query")], np.ones((1, 8)))
    assert len(VectorCache(tmp_path, dim=4)) == 0
    with pytest.raises(KeyError):
        VectorCache(tmp_path, dim=4).get([text_key("x", "query")])


def test_query_vectors_are_cached_by_digest_with_a_bound() -> None:
    from knowledge.index import VectorDense

    emb = CountingEmbedder()
    dense = VectorDense(emb, np.eye(3, 4, dtype=np.float32), cache_size=2)
    first = dense.embed(["上一轮的问题", "这一轮的问题"])
    again = dense.embed(["新的问题", "上一轮的问题"])
    assert emb.seen == ["上一轮的问题", "这一轮的问题", "新的问题"]  # the earlier turn once
    np.testing.assert_array_equal(again[1], first[0])
    assert all(isinstance(k, bytes) for k in dense._cache)  # digests, never the citizen's words
    assert len(dense._cache) == 2
    dense.embed(["这一轮的问题"])  # pushed out by the bound: embedded again
    assert emb.seen[-1] == "这一轮的问题" and len(emb.seen) == 4
    assert dense.scores(first[0]).shape == (3,)


def test_the_dense_query_leans_towards_earlier_turns_by_a_share() -> None:
    from knowledge.bm25 import BM25Index
    from knowledge.corpus import Article, Corpus
    from knowledge.index import VectorDense
    from knowledge.memory import QuestionMemory
    from knowledge.retrieval import HybridRetriever, Weights

    art = Article(law="甲法", law_key="甲法", short="甲法", level="法律", chapter="", article="第1条",
                  article_no=1, article_sub=0, text="工资", effective="2021")

    class Space:
        signature = "space"

        def tokens(self, text: str) -> list[str]:
            return text.split()

    emb = CountingEmbedder()
    r = HybridRetriever(corpus=Corpus((art,)), tokenizer=Space(), bm25=BM25Index.build([["工资"]]),
                        memory=QuestionMemory.build([], Space()), is_core=np.zeros(1, dtype=bool),
                        dense=VectorDense(emb, np.ones((1, 4), dtype=np.float32) / 2),
                        weights=Weights(dense_history=0.5))
    q, h = emb.encode(["现在的问题"], role="query")[0], emb.encode(["以前的问题"], role="query")[0]
    alone = r.query_vector("现在的问题")
    leaning = r.query_vector("现在的问题", ["以前的问题"])
    np.testing.assert_allclose(alone, q, atol=1e-6)
    expected = (q + 0.5 * h) / np.linalg.norm(q + 0.5 * h)
    np.testing.assert_allclose(leaning, expected, atol=1e-6)
