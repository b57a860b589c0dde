"""Open a built index directory and assemble the retrievers, refusing a mismatched index.

An index directory always holds the BM25 parts; dense vectors (one row per article, one per
question-memory item) are added by :func:`attach_vectors` when an embedder is configured, from
a content-addressed cache, without touching the rest. An index without vectors for the
configured embedder still serves, BM25 only (``KnowledgeIndex.mode == "bm25"``).
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
import zipfile
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import numpy as np

from knowledge.bm25 import BM25Index
from knowledge.corpus import Article, Case, Corpus
from knowledge.dense import Embedder
from knowledge.errors import IndexMismatchError, IndexMissingError
from knowledge.lexicon import load_lexicon
from knowledge.manifest import Expected, Manifest, check_manifest
from knowledge.memory import QuestionMemory
from knowledge.pack import CorpusChoice, legal_user_words, load_pack_cases, load_pack_corpus
from knowledge.retrieval import (
    CaseRetriever,
    DenseSearch,
    HybridRetriever,
    Weights,
    default_profiles,
    recall_profile,
)
from knowledge.taxonomy import load_categories
from knowledge.tokenize import JiebaTokenizer
from knowledge.vectors import Progress, VectorCache, embed_cached, text_key

ARTICLES = "articles"
CASES = "cases"
MEMORY = "memory.jsonl"
IS_CORE = "is_core.npy"
DENSE = "dense.npy"  # float16 (n_articles, dim), corpus row order
MEMORY_DENSE = "memory_dense.npy"  # float16 (n_memory_items, dim), memory.jsonl order

Mode = Literal["bm25", "hybrid"]


def article_text(a_short: str, chapter: str, text: str) -> str:
    """What BM25 indexes (and the embedder reads) for one article: law short name, chapter, text."""
    return f"{a_short} {chapter} {text}"


def passage_text(a: Article) -> str:
    return article_text(a.short, a.chapter, a.text)


def make_tokenizer(corpus: Corpus) -> JiebaTokenizer:
    return JiebaTokenizer(user_words=legal_user_words(corpus), bigrams=True)


def cases_fingerprint(cases: list[Case]) -> str:
    h = hashlib.sha256()
    for c in cases:
        h.update(c.id.encode())
        h.update(c.search_text.encode())
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class KnowledgeIndex:
    manifest: Manifest
    corpus: Corpus
    cases: tuple[Case, ...]
    articles: HybridRetriever
    case_search: CaseRetriever

    @property
    def mode(self) -> Mode:
        """``hybrid`` when dense vectors are in use, else ``bm25``."""
        return "hybrid" if self.articles.dense is not None else "bm25"


class VectorDense:
    """:class:`DenseSearch` over vectors held in memory: one matrix product per question
    (58,364 × 384 float32 is about 90 MB and a few milliseconds on 2 cores).

    The last ``cache_size`` query vectors are kept, keyed by a digest of the text (never the
    text itself): a dialogue's earlier turns are embedded once, not at every turn."""

    def __init__(self, embedder: Embedder, vectors: np.ndarray, *, cache_size: int = 512) -> None:
        self._embedder = embedder
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.name = embedder.name
        self._cache: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        keys = [text_key(t, "query") for t in texts]
        with self._lock:
            known = {k: self._cache[k] for k in keys if k in self._cache}
        todo = list(dict.fromkeys(k for k in keys if k not in known))
        if todo:
            text_of = dict(zip(keys, texts, strict=True))
            fresh = self._embedder.encode([text_of[k] for k in todo], role="query")
            known |= dict(zip(todo, fresh, strict=True))
        with self._lock:
            for k in keys:
                self._cache[k] = known[k]
                self._cache.move_to_end(k)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        out = np.zeros((len(texts), self._embedder.dim), dtype=np.float32)
        for i, k in enumerate(keys):
            out[i] = known[k]
        return out

    def scores(self, vector: np.ndarray) -> np.ndarray:
        return self.vectors @ np.asarray(vector, dtype=np.float32)


def open_index(
    directory: Path,
    *,
    data_dir: Path,
    corpus_choice: CorpusChoice,
    embedder: Embedder | None = None,
    weights: Weights | None = None,
) -> KnowledgeIndex:
    """Load the index at ``directory`` after checking it matches the pack and configuration.

    With ``embedder``, the index serves hybrid retrieval if it holds that embedder's vectors,
    else BM25 only (build them with :func:`attach_vectors` / ``legalaid ingest --dense``).
    """
    try:
        manifest = Manifest.load(directory)
    except IndexMissingError as e:
        command = f"legalaid ingest --corpus {corpus_choice}"
        raise IndexMissingError(f"{e}; build it with: {command}",
                                message=f"知识库索引还没有建立。请管理员运行 `{command}` 后再试。") from e
    corpus = load_pack_corpus(data_dir, corpus_choice)
    cases = load_pack_cases(data_dir)
    tokenizer = make_tokenizer(corpus)
    expected = Expected(
        corpus=corpus_choice,
        corpus_fingerprint=corpus.fingerprint(),
        cases_fingerprint=cases_fingerprint(cases),
        tokenizer=tokenizer.signature,
    )
    check_manifest(manifest, expected, directory=directory)
    use = embedder if embedder is not None and manifest.embedder == embedder.name else None
    try:
        articles, case_search = _load_retrievers(directory, corpus, cases, tokenizer, use, weights)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as e:
        # The manifest matched but a data file is truncated or missing (a crash mid-build, a
        # partial copy): the same remedy as a mismatch.
        raise IndexMismatchError(
            f"index at {directory} is damaged ({type(e).__name__}: {e}). "
            f"Rebuild it with: legalaid ingest --corpus {corpus_choice} --force") from e
    return KnowledgeIndex(manifest, corpus, tuple(cases), articles, case_search)


def attach_vectors(directory: Path, corpus: Corpus, embedder: Embedder, cache: VectorCache, *,
                   progress: Progress | None = None, batch: int = 64,
                   should_stop: Callable[[], bool] | None = None) -> Manifest | None:
    """Add ``embedder``'s vectors to the built index at ``directory`` (articles as passages,
    question-memory items as queries), embedding only what ``cache`` lacks.

    Returns the updated manifest, or ``None`` when ``should_stop`` interrupted the build (what
    was embedded stays in the cache; the next call resumes). ``progress`` receives counts of
    articles and memory items done, out of ``len(corpus)`` + the number of memory items.
    """
    manifest = Manifest.load(directory)
    if manifest.n_articles != len(corpus):
        raise IndexMismatchError(f"index at {directory} has {manifest.n_articles} articles, "
                                 f"corpus has {len(corpus)}")
    started = time.perf_counter()
    items = QuestionMemory.load_items(directory / MEMORY)
    rows = embed_cached(embedder, [passage_text(a) for a in corpus], role="passage", cache=cache,
                        batch=batch, progress=progress, should_stop=should_stop)
    if rows is None:
        return None
    memory = embed_cached(embedder, [i.text for i in items], role="query", cache=cache,
                          batch=batch, progress=progress, should_stop=should_stop)
    if memory is None:
        return None
    _save_npy(directory / DENSE, rows.astype(np.float16))
    _save_npy(directory / MEMORY_DENSE, memory.reshape(len(items), embedder.dim).astype(np.float16))
    dense = {"rows": len(corpus), "memory_rows": len(items), "dim": embedder.dim,
             "attach_seconds": round(time.perf_counter() - started, 1),
             "bytes": (directory / DENSE).stat().st_size + (directory / MEMORY_DENSE).stat().st_size}
    updated = replace(manifest, embedder=embedder.name, extra={**manifest.extra, "dense": dense})
    updated.save(directory)
    return updated


def _save_npy(path: Path, array: np.ndarray) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        np.save(fh, array)
    tmp.replace(path)


def _load_retrievers(
    directory: Path, corpus: Corpus, cases: list[Case], tokenizer: JiebaTokenizer,
    embedder: Embedder | None, weights: Weights | None,
) -> tuple[HybridRetriever, CaseRetriever]:
    items = QuestionMemory.load_items(directory / MEMORY)
    dense: DenseSearch | None = None
    memory_vectors = None
    if embedder is not None:
        vectors = np.load(directory / DENSE)
        memory_vectors = np.load(directory / MEMORY_DENSE).astype(np.float32)
        if vectors.shape != (len(corpus), embedder.dim) or len(memory_vectors) != len(items):
            raise ValueError(f"dense vectors {vectors.shape} do not match the index rows")
        dense = VectorDense(embedder, vectors)
    memory = QuestionMemory.build(items, tokenizer, vectors=memory_vectors)
    has_dense = dense is not None
    precision, recall = default_profiles(dense=has_dense)
    articles = HybridRetriever(
        corpus=corpus,
        tokenizer=tokenizer,
        bm25=BM25Index.load(directory, ARTICLES),
        memory=memory,
        is_core=np.load(directory / IS_CORE),
        expander=load_lexicon(),
        category_laws=_category_laws(),
        dense=dense,
        weights=weights or precision,
        recall_weights=recall if weights is None else recall_profile(weights, dense=has_dense),
    )
    case_search = CaseRetriever(cases=cases, bm25=BM25Index.load(directory, CASES),
                                tokenizer=tokenizer, corpus=corpus)
    return articles, case_search


def _category_laws() -> dict[str, frozenset[str]]:
    return {c.code: frozenset(c.key_laws) for c in load_categories()}
