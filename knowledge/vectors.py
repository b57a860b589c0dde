"""A content-addressed cache of embeddings, so a text is embedded once per model.

Each vector is stored under the SHA-256 of ``(role, text)`` in a folder per embedder name: an
article whose text did not change is never embedded again, whichever corpus or index asks, and
an interrupted build resumes from the last shard written. Shards are small ``.npz`` files
(keys + float16 vectors) written to a temporary name and renamed, so a crash never leaves a
half-written shard; several processes may add shards to the same folder.
"""

from __future__ import annotations

import hashlib
import os
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from knowledge.dense import Embedder, Role

KEY_BYTES = 16
SHARD_GLOB = "shard-*.npz"
Progress = Callable[[int], None]


def text_key(text: str, role: Role) -> bytes:
    """The cache key of one text: 16 bytes of SHA-256 over the role and the UTF-8 text."""
    return hashlib.sha256(f"{role}\0{text}".encode()).digest()[:KEY_BYTES]


class VectorCache:
    """Vectors of one embedder, keyed by :func:`text_key`, stored as float16 shards in ``directory``."""

    def __init__(self, directory: Path, *, dim: int) -> None:
        self.directory = directory
        self.dim = dim
        self._rows: dict[bytes, int] = {}
        self._blocks: list[np.ndarray] = []
        self._matrix = np.zeros((0, dim), dtype=np.float16)
        self._shards: set[str] = set()
        self.refresh()

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, key: bytes) -> bool:
        return key in self._rows

    def refresh(self) -> None:
        """Read shards written since the last look (by this or another process)."""
        if not self.directory.is_dir():
            return
        for path in sorted(self.directory.glob(SHARD_GLOB)):
            if path.name in self._shards:
                continue
            try:
                with np.load(path) as data:
                    keys, vecs = data["keys"], data["vectors"]
            except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
                continue  # damaged (a disk fault, a partial copy): its texts are embedded again
            if vecs.ndim != 2 or vecs.shape[1] != self.dim or len(keys) != len(vecs):
                continue
            self._shards.add(path.name)
            self._absorb([bytes(k) for k in keys], vecs.astype(np.float16))

    def _absorb(self, keys: Sequence[bytes], vecs: np.ndarray) -> None:
        base = len(self._matrix) + sum(len(b) for b in self._blocks)
        fresh = [j for j, k in enumerate(keys) if k not in self._rows]
        for n, j in enumerate(fresh):
            self._rows[keys[j]] = base + n
        if fresh:
            self._blocks.append(vecs[fresh])

    def _all(self) -> np.ndarray:
        if self._blocks:
            self._matrix = np.concatenate([self._matrix, *self._blocks])
            self._blocks = []
        return self._matrix

    def get(self, keys: Sequence[bytes]) -> np.ndarray:
        """float32 ``(len(keys), dim)``; every key must be present."""
        rows = np.fromiter((self._rows[k] for k in keys), dtype=np.int64, count=len(keys))
        return self._all()[rows].astype(np.float32)

    def missing(self, keys: Sequence[bytes]) -> list[int]:
        """Positions of ``keys`` not in the cache."""
        return [i for i, k in enumerate(keys) if k not in self._rows]

    def add(self, keys: Sequence[bytes], vectors: np.ndarray) -> None:
        """Store one shard (atomically) and make its vectors available at once."""
        if not len(keys):
            return
        vecs = np.asarray(vectors, dtype=np.float16)
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"shard-{time.time_ns():020d}-{os.getpid()}.npz"
        tmp = self.directory / f".{name}.tmp"
        with tmp.open("wb") as fh:
            np.savez(fh, keys=np.array(keys, dtype=f"S{KEY_BYTES}"), vectors=vecs)
        tmp.rename(self.directory / name)
        self._shards.add(name)
        self._absorb(list(keys), vecs)

    def disk_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.directory.glob(SHARD_GLOB))

    def compact(self) -> None:
        """Merge the shards this process has read into one (fewer files to open at start-up)."""
        if len(self._shards) <= 1:
            return
        old = sorted(self._shards)
        keys = sorted(self._rows, key=self._rows.__getitem__)
        matrix = self._all()
        self._shards = set()
        self._rows, self._blocks = {}, []
        self._matrix = np.zeros((0, self.dim), dtype=np.float16)
        self.add(keys, matrix)
        for name in old:
            (self.directory / name).unlink(missing_ok=True)


def embed_cached(embedder: Embedder, texts: Sequence[str], *, role: Role, cache: VectorCache,
                 batch: int = 64, progress: Progress | None = None,
                 should_stop: Callable[[], bool] | None = None) -> np.ndarray | None:
    """Vectors of ``texts`` (float32, ``(len, dim)``), embedding only those not yet cached.

    Each batch of ``batch`` new texts is written as one shard before the next starts, so an
    interruption loses at most one batch. ``progress`` is called with the number of texts done
    (cached ones at once); ``should_stop`` is polled between batches and returns ``None``.
    """
    keys = [text_key(t, role) for t in texts]
    todo = list(dict.fromkeys(keys[i] for i in cache.missing(keys)))
    text_of = dict(zip(keys, texts, strict=True))
    if progress is not None:
        progress(len(texts) - len(todo))
    for start in range(0, len(todo), batch):
        if should_stop is not None and should_stop():
            return None
        chunk = todo[start : start + batch]
        cache.add(chunk, embedder.encode([text_of[k] for k in chunk], role=role))
        if progress is not None:
            progress(len(chunk))
    return cache.get(keys)
