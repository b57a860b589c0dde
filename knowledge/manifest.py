"""The index manifest: what an index directory was built from, checked before it is served."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from knowledge.errors import IndexMismatchError, IndexMissingError

MANIFEST = "manifest.json"
# 2: dense vectors as dense.npy / memory_dense.npy, added after the BM25 build (was FAISS).
FORMAT_VERSION = 2


@dataclass(frozen=True, slots=True)
class Manifest:
    corpus: str
    corpus_fingerprint: str
    cases_fingerprint: str
    tokenizer: str
    dictionary_hash: str
    embedder: str | None  # whose vectors the index holds (None: BM25 only)
    n_articles: int
    n_cases: int
    built_at: str
    build_seconds: float
    peak_rss_mb: float
    format_version: int = FORMAT_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        text = json.dumps(asdict(self), ensure_ascii=False, indent=2)
        # Written beside and renamed: a server reading it while vectors are attached never
        # sees half a file.
        tmp = directory / f".{MANIFEST}.{os.getpid()}.tmp"
        tmp.write_text(text + "\n", encoding="utf-8")
        tmp.replace(directory / MANIFEST)

    @classmethod
    def load(cls, directory: Path) -> Manifest:
        path = directory / MANIFEST
        if not path.is_file():
            raise IndexMissingError(f"no {MANIFEST} in {directory}")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**data)
        except (json.JSONDecodeError, TypeError) as e:
            raise IndexMismatchError(f"unreadable manifest {path}: {e}") from e


@dataclass(frozen=True, slots=True)
class Expected:
    """What the running configuration would build; compared field by field with a manifest."""

    corpus: str
    corpus_fingerprint: str
    cases_fingerprint: str
    tokenizer: str


def check_manifest(manifest: Manifest, expected: Expected, *, directory: Path) -> None:
    """Raise :class:`IndexMismatchError` naming every field that differs and how to rebuild.

    The embedder is not compared: an index without the configured embedder's vectors still
    serves BM25 and gains them later (``legalaid ingest --dense``)."""
    diffs = []
    if manifest.format_version != FORMAT_VERSION:
        diffs.append(f"format_version {manifest.format_version} != {FORMAT_VERSION}")
    for name in ("corpus", "corpus_fingerprint", "cases_fingerprint", "tokenizer"):
        have, want = getattr(manifest, name), getattr(expected, name)
        if have != want:
            diffs.append(f"{name}: index has {have!r}, configuration needs {want!r}")
    if diffs:
        command = f"legalaid ingest --corpus {expected.corpus} --force"
        raise IndexMismatchError(
            f"index at {directory} does not match the configuration ("
            + "; ".join(diffs) + f"). Rebuild it with: {command}",
            message=f"知识库索引与当前法规数据或设置不一致。请管理员运行 `{command}` 重新建立索引。",
        )
