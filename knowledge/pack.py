"""The knowledge pack's layout: which files make up each corpus choice.

Takes the pack directory as a plain argument; callers get it from settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from knowledge.citations import DEFAULT_REPEALED, load_repealed
from knowledge.corpus import (
    Article,
    Case,
    Corpus,
    load_cases,
    load_statute_corpus,
    load_statutes,
    merge_corpora,
)
from knowledge.errors import DataMissingError

CorpusChoice = Literal["core", "full"]
FULL_CORPUS = Path("eval") / "statute_corpus" / "corpus.jsonl"


def _require(path: Path) -> Path:
    if not path.exists():
        raise DataMissingError(f"knowledge pack file missing: {path}")
    return path


def load_pack_corpus(data_dir: Path, choice: CorpusChoice) -> Corpus:
    """``core``: the 95 curated statutes. ``full``: latest versions of the national corpus plus
    any curated article it lacks, with chapter titles taken from the curated statutes.

    Laws listed as repealed (``knowledge/data/repealed_laws.tsv``) are left out of both: the
    national corpus still marks some repealed judicial interpretations as their latest version,
    and a repealed text must never be served as current law."""
    core = load_statutes(_require(data_dir / "statutes"))
    if choice == "core":
        return Corpus(tuple(drop_repealed(core)))
    full = load_statute_corpus(_require(data_dir / FULL_CORPUS), latest_only=True)
    return Corpus(tuple(drop_repealed(merge_corpora(full, core))))


def drop_repealed(articles: list[Article]) -> list[Article]:
    """``articles`` without those of a law in the repealed-laws table."""
    repealed = load_repealed(DEFAULT_REPEALED)
    return [a for a in articles if a.law_key not in repealed]


def core_keys(data_dir: Path) -> frozenset[tuple[str, str]]:
    return frozenset(a.key for a in load_statutes(_require(data_dir / "statutes")))


def load_pack_cases(data_dir: Path) -> list[Case]:
    return load_cases(_require(data_dir / "cases"))


def legal_user_words(corpus: Corpus) -> list[str]:
    """Words for the jieba user dictionary: short law names, lexicon and category terms.

    Built from the corpus and the packaged tables only, so the same inputs give the same
    dictionary (its hash is recorded in the index manifest).
    """
    from knowledge.lexicon import load_lexicon
    from knowledge.taxonomy import load_categories

    words = {law.short for law in corpus.laws().values() if 2 <= len(law.short) <= 12}
    words |= {key for key in corpus.laws() if 2 <= len(key) <= 12}
    words |= load_lexicon().terms()
    for c in load_categories():
        words.update(c.keywords)
    return sorted(w for w in words if 2 <= len(w) <= 12)
