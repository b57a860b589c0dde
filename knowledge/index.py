"""Open a built index directory and assemble the retrievers, refusing a mismatched index."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from knowledge.bm25 import BM25Index
from knowledge.corpus import Case, Corpus
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
    recall_profile,
)
from knowledge.taxonomy import load_categories
from knowledge.tokenize import JiebaTokenizer

ARTICLES = "articles"
CASES = "cases"
MEMORY = "memory.jsonl"
IS_CORE = "is_core.npy"
DENSE = "dense.faiss"


def article_text(a_short: str, chapter: str, text: str) -> str:
    """What BM25 indexes for one article: law short name, chapter title and text."""
    return f"{a_short} {chapter} {text}"


def make_tokenizer(corpus: Corpus) -> JiebaTokenizer:
    return JiebaTokenizer(user_words=legal_user_words(corpus), bigrams=True)


def cases_fingerprint(cases: list[Case]) -> str:
    import hashlib

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


class _FaissDense:
    """Adapts an embedder plus a FAISS index over corpus rows to :class:`DenseSearch`."""

    def __init__(self, embedder_path: Path, index_path: Path) -> None:
        from knowledge.dense import DenseIndex, load_embedder

        self._embedder = load_embedder(embedder_path)
        self._index = DenseIndex.load(index_path)
        self._vectors = self._index.vectors()
        self.name = self._embedder.name

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._embedder.encode(list(texts))

    def scores(self, text: str) -> np.ndarray:
        return np.asarray(self._vectors @ self._embedder.encode([text])[0], dtype=np.float32)

    def search(self, text: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        scores, rows = self._index.search(self._embedder.encode([text]), k)
        return scores[0], rows[0]


def embedder_name(embedder_path: Path | None) -> str | None:
    if embedder_path is None:
        return None
    from knowledge.dense import load_embedder

    return load_embedder(embedder_path).name


def open_index(
    directory: Path,
    *,
    data_dir: Path,
    corpus_choice: CorpusChoice,
    embedder_path: Path | None = None,
    weights: Weights | None = None,
) -> KnowledgeIndex:
    """Load the index at ``directory`` after checking it matches the pack and configuration."""
    try:
        manifest = Manifest.load(directory)
    except IndexMissingError as e:
        command = f"legalaid ingest --corpus {corpus_choice}"
        raise IndexMissingError(f"{e}; build it with: {command}",
                                message=f"知识库索引还没有建立。请管理员运行 `{command}` 后再试。") from e
    corpus = load_pack_corpus(data_dir, corpus_choice)
    cases = load_pack_cases(data_dir)
    tokenizer = make_tokenizer(corpus)
    dense: DenseSearch | None = None
    if embedder_path is not None:
        dense = _FaissDense(embedder_path, directory / DENSE)
    expected = Expected(
        corpus=corpus_choice,
        corpus_fingerprint=corpus.fingerprint(),
        cases_fingerprint=cases_fingerprint(cases),
        tokenizer=tokenizer.signature,
        embedder=dense.name if dense else None,
    )
    check_manifest(manifest, expected, directory=directory)
    try:
        articles, case_search = _load_retrievers(directory, corpus, cases, tokenizer, dense, weights)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as e:
        # The manifest matched but a data file is truncated or missing (a crash mid-build, a
        # partial copy): the same remedy as a mismatch.
        raise IndexMismatchError(
            f"index at {directory} is damaged ({type(e).__name__}: {e}). "
            f"Rebuild it with: legalaid ingest --corpus {corpus_choice} --force") from e
    return KnowledgeIndex(manifest, corpus, tuple(cases), articles, case_search)


def _load_retrievers(
    directory: Path, corpus: Corpus, cases: list[Case], tokenizer: JiebaTokenizer,
    dense: DenseSearch | None, weights: Weights | None,
) -> tuple[HybridRetriever, CaseRetriever]:
    memory = QuestionMemory.build(QuestionMemory.load_items(directory / MEMORY), tokenizer,
                                  encoder=dense)
    articles = HybridRetriever(
        corpus=corpus,
        tokenizer=tokenizer,
        bm25=BM25Index.load(directory, ARTICLES),
        memory=memory,
        is_core=np.load(directory / IS_CORE),
        expander=load_lexicon(),
        category_laws=_category_laws(),
        dense=dense,
        weights=weights,
        recall_weights=recall_profile(weights or Weights(), dense=dense is not None),
    )
    case_search = CaseRetriever(cases=cases, bm25=BM25Index.load(directory, CASES),
                                tokenizer=tokenizer, corpus=corpus)
    return articles, case_search


def _category_laws() -> dict[str, frozenset[str]]:
    return {c.code: frozenset(c.key_laws) for c in load_categories()}
