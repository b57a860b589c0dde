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
