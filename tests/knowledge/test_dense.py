from __future__ import annotations

import logging
import socket
from pathlib import Path

import numpy as np
import pytest

from knowledge.dense import (
    BGE_SMALL_ZH_SHA256,
    DenseIndex,
    load_embedder,
    verify_bge_weights,
)
from knowledge.errors import ModelIntegrityError, ModelNotFoundError

KEYWORDS = ["[UNK]", "工资", "离婚", "车祸", "房租"]


def _tiny_model(folder: Path, *, weights: np.ndarray | None = None) -> Path:
    """A real sentence-transformers folder: keyword one-hot static embeddings (predictable)."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    from tokenizers import Tokenizer, models, pre_tokenizers

    vocab = {w: i for i, w in enumerate(KEYWORDS)}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    if weights is None:
        weights = np.eye(len(KEYWORDS), 8, dtype=np.float32)
    model = SentenceTransformer(modules=[StaticEmbedding(tok, embedding_weights=weights)])
    model.save(str(folder), create_model_card=False)
    return folder


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _tiny_model(tmp_path_factory.mktemp("models") / "tiny-static")


def test_embedder_encodes_unit_rows(tiny_model: Path) -> None:
    emb = load_embedder(tiny_model)
    assert emb.dim == 8
    assert emb.name.startswith("tiny-static-") and len(emb.name) == len("tiny-static-") + 12
    vecs = emb.encode(["工资 工资", "离婚", "车祸 房租"])
    assert vecs.dtype == np.float32 and vecs.shape == (3, 8)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, rtol=1e-5)
    assert vecs[0] @ vecs[1] == pytest.approx(0.0, abs=1e-6)
    assert emb.encode([]).shape == (0, 8)


def test_name_changes_with_weights(tiny_model: Path, tmp_path: Path) -> None:
    other = np.eye(len(KEYWORDS), 8, dtype=np.float32)[::-1].copy()
    changed = _tiny_model(tmp_path / "tiny-static", weights=other)
    assert load_embedder(changed).name != load_embedder(tiny_model).name


def test_dense_index_roundtrip_finds_neighbour(tiny_model: Path, tmp_path: Path) -> None:
    emb = load_embedder(tiny_model)
    docs = ["工资", "离婚", "车祸", "房租"]
    index = DenseIndex.build(emb.encode(docs))
    path = tmp_path / "索引" / "dense.faiss"
    path.parent.mkdir()
    index.save(path)
    loaded = DenseIndex.load(path)
    assert len(loaded) == 4 and loaded.dim == 8
    scores, rows = loaded.search(emb.encode(["车祸 车祸", "离婚"]), k=2)
    assert rows.shape == (2, 2)
    assert rows[0, 0] == 2 and rows[1, 0] == 1
    assert scores[0, 0] == pytest.approx(1.0, abs=1e-5)
    _, all_rows = loaded.search(emb.encode(["房租"])[0], k=50)
    assert all_rows.shape == (1, 4)
    with pytest.raises(ValueError):
        loaded.search(np.ones((1, 3), dtype=np.float32), k=1)


def test_corrupt_bge_weights_refused(tmp_path: Path) -> None:
    folder = tmp_path / "bge-small-zh-v1.5"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"not the published weights")
    with pytest.raises(ModelIntegrityError) as err:
        load_embedder(folder)
    assert err.value.code == "model_corrupt"
    assert "does not match published" in str(err.value)


def test_bge_check_accepts_published_and_warns_on_unknown(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    digests = {
        tmp_path / "model.safetensors": BGE_SMALL_ZH_SHA256["model.safetensors"],
        tmp_path / "model.onnx": "0" * 64,
    }
    with caplog.at_level(logging.WARNING, logger="knowledge.dense"):
        verify_bge_weights(tmp_path, digests)
    assert "model.onnx" in caplog.text


def test_hub_name_refused_without_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ModelNotFoundError) as err:
        load_embedder(Path("BAAI/bge-small-zh-v1.5"))
    assert "本机" in err.value.message
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelNotFoundError):
        load_embedder(tmp_path / "empty")
