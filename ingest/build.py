"""Build the self-describing index directory: BM25 for articles and cases, question memory,
core-statute flags and the manifest that ties them to their inputs; then, separately and
resumably, the dense vectors of an embedder (:func:`build_vectors`)."""

from __future__ import annotations

import resource
import shutil
import time
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from tqdm import tqdm

from knowledge.bm25 import BM25Index
from knowledge.corpus import Case, Corpus
from knowledge.dense import Embedder
from knowledge.devsets import DATASETS, dataset_path, load_queries
from knowledge.index import (
    ARTICLES,
    CASES,
    IS_CORE,
    MEMORY,
    article_text,
    attach_vectors,
    cases_fingerprint,
    make_tokenizer,
)
from knowledge.manifest import Manifest
from knowledge.memory import MemoryItem, QuestionMemory
from knowledge.pack import CorpusChoice, core_keys, load_pack_cases, load_pack_corpus
from knowledge.tokenize import JiebaTokenizer, dictionary_hash
from knowledge.vectors import VectorCache


def memory_items(corpus: Corpus, cases: Iterable[Case], data_dir: Path) -> list[MemoryItem]:
    """Question memory: official cases (title and holding → cited articles) and the dev splits
    (question → gold articles). Items whose articles are not in the corpus are dropped."""
    rows = {a.id: i for i, a in enumerate(corpus)}
    items: list[MemoryItem] = []
    for c in cases:
        found = [corpus.find(r.law, r.article_no) for r in c.cited_refs]
        arts = tuple(dict.fromkeys(rows[a.id] for a in found if a is not None))
        if arts:
            items.append(MemoryItem(c.id, "case", f"{c.title} {c.holding[:300]}", arts))
    for name in DATASETS:
        path = dataset_path(data_dir, name)
        if not path.exists():
            continue
        for q in load_queries(name, path):
            found = [corpus.by_key(g) for g in q.gold]
            arts = tuple(dict.fromkeys(rows[a.id] for a in found if a is not None))
            if arts:
                items.append(MemoryItem(q.id, name, q.text, arts))
    return items


def _tokenize_all(tokenizer: JiebaTokenizer, texts: list[str], desc: str, progress: bool
                  ) -> list[list[str]]:
    return [tokenizer.tokens(t) for t in tqdm(texts, desc=desc, unit="doc", disable=not progress)]


def build_index(
    out_dir: Path,
    *,
    data_dir: Path,
    corpus_choice: CorpusChoice,
    embedder: Embedder | None = None,
    cache: VectorCache | None = None,
    progress: bool = True,
) -> Manifest:
    """Build the index for ``corpus_choice`` into ``out_dir`` (replaced atomically on success),
    with ``embedder``'s vectors when one is given (``cache`` then required)."""
    started = time.perf_counter()
    corpus = load_pack_corpus(data_dir, corpus_choice)
    cases = load_pack_cases(data_dir)
    tokenizer = make_tokenizer(corpus)
    tmp = out_dir.with_name(out_dir.name + ".building")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)

    docs = [article_text(a.short, a.chapter, a.text) for a in corpus]
    BM25Index.build(_tokenize_all(tokenizer, docs, "articles", progress)).save(tmp, ARTICLES)
    case_docs = [c.search_text for c in cases]
    BM25Index.build(_tokenize_all(tokenizer, case_docs, "cases", progress)).save(tmp, CASES)
    QuestionMemory(memory_items(corpus, cases, data_dir), BM25Index.build([])).save(tmp / MEMORY)
    keys = core_keys(data_dir)
    np.save(tmp / IS_CORE, np.array([a.key in keys for a in corpus], dtype=bool))

    manifest = Manifest(
        corpus=corpus_choice,
        corpus_fingerprint=corpus.fingerprint(),
        cases_fingerprint=cases_fingerprint(cases),
        tokenizer=tokenizer.signature,
        dictionary_hash=dictionary_hash(tokenizer.user_words),
        embedder=None,
        n_articles=len(corpus),
        n_cases=len(cases),
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        build_seconds=round(time.perf_counter() - started, 1),
        peak_rss_mb=_peak_rss_mb(),
    )
    manifest.save(tmp)
    shutil.rmtree(out_dir, ignore_errors=True)
    tmp.rename(out_dir)
    if embedder is not None:
        if cache is None:
            raise ValueError("an embedder needs a vector cache")
        return build_vectors(out_dir, corpus, embedder, cache, progress=progress)
    return manifest


def build_vectors(out_dir: Path, corpus: Corpus, embedder: Embedder, cache: VectorCache, *,
                  progress: bool = True) -> Manifest:
    """Add ``embedder``'s vectors to the built index in ``out_dir`` with a progress bar.

    Only texts missing from ``cache`` are embedded, one shard per batch: an interrupted build
    loses at most one batch and the next run resumes. The manifest records build time, peak
    memory and the vectors' size on disk."""
    started, cpu = time.perf_counter(), _cpu_seconds()
    total = len(corpus) + len(QuestionMemory.load_items(out_dir / MEMORY))
    with tqdm(total=total, desc=f"embed ({embedder.name})", unit="text", disable=not progress,
              mininterval=5) as bar:
        manifest = attach_vectors(out_dir, corpus, embedder, cache, progress=bar.update)
    assert manifest is not None  # only should_stop interrupts, and none was given
    # CPU seconds say what the build costs on an idle machine (wall time depends on the load).
    dense = {**manifest.extra["dense"], "build_seconds": round(time.perf_counter() - started, 1),
             "cpu_seconds": round(_cpu_seconds() - cpu, 1), "peak_rss_mb": _peak_rss_mb(),
             "cache_bytes": cache.disk_bytes()}
    manifest = replace(manifest, extra={**manifest.extra, "dense": dense})
    manifest.save(out_dir)
    return manifest


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
