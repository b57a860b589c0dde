"""Colloquial → statutory lexicon: how people talk (房东, 欠工资) mapped to the law's words.

Used for query expansion before retrieval (``expand``), as weak category evidence
(``category_votes``) and as the source of a jieba user dictionary (``terms``). The data lives in
``knowledge/data/lexicon.tsv``; each statutory term occurs verbatim in the statutes pack.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge.taxonomy import CATEGORY_CODES, OUT_OF_SCOPE

DEFAULT_LEXICON_PATH = Path(__file__).resolve().parent / "data" / "lexicon.tsv"

_HEADER = ("colloquial", "statutory", "categories")
_VALID_CATEGORIES = frozenset((*CATEGORY_CODES, OUT_OF_SCOPE))


@dataclass(frozen=True)
class LexiconEntry:
    """One colloquial phrase, the statutory terms it stands for and the categories it hints at.

    An empty ``categories`` marks a cross-cutting procedure word (打官司, 法院) that casts no vote.
    """

    colloquial: str
    statutory: tuple[str, ...]
    categories: tuple[str, ...]


class Lexicon:
    """Greedy leftmost-longest phrase matcher over the colloquial side of the lexicon."""

    def __init__(self, entries: Iterable[LexiconEntry]) -> None:
        self.entries: tuple[LexiconEntry, ...] = tuple(entries)
        self._by_phrase: dict[str, LexiconEntry] = {}
        for e in self.entries:
            if e.colloquial in self._by_phrase:
                raise ValueError(f"duplicate colloquial phrase {e.colloquial!r}")
            self._by_phrase[e.colloquial] = e
        # Longest first, so 拖欠工资 is tried before 工资 at the same position.
        self._lengths: tuple[int, ...] = tuple(
            sorted({len(p) for p in self._by_phrase}, reverse=True)
        )

    def __len__(self) -> int:
        return len(self.entries)

    def _scan(self, text: str) -> Iterator[LexiconEntry]:
        """Entries found left to right; at each position the longest phrase wins and is consumed."""
        i, n = 0, len(text)
        while i < n:
            for length in self._lengths:
                if i + length <= n:
                    entry = self._by_phrase.get(text[i : i + length])
                    if entry is not None:
                        yield entry
                        i += length
                        break
            else:
                i += 1

    def matches(self, text: str) -> list[LexiconEntry]:
        """Entries whose colloquial phrase occurs in ``text``, in order, each at most once."""
        seen: set[str] = set()
        out: list[LexiconEntry] = []
        for entry in self._scan(text):
            if entry.colloquial not in seen:
                seen.add(entry.colloquial)
                out.append(entry)
        return out

    def expand(self, text: str) -> list[str]:
        """Statutory terms for the phrases in ``text``, de-duplicated, in order of appearance.

        Terms already present verbatim in ``text`` are left out: they add nothing to a query.
        """
        out: list[str] = []
        for entry in self.matches(text):
            for term in entry.statutory:
                if term not in out and term not in text:
                    out.append(term)
        return out

    def category_votes(self, text: str) -> dict[str, int]:
        """Category code → number of matched phrases hinting at it (cross-cutting ones excluded)."""
        votes: Counter[str] = Counter()
        for entry in self.matches(text):
            votes.update(entry.categories)
        return dict(votes)

    def terms(self) -> set[str]:
        """Every colloquial and statutory term: the vocabulary of a jieba user dictionary."""
        out: set[str] = set()
        for e in self.entries:
            out.add(e.colloquial)
            out.update(e.statutory)
        return out


def _split(field: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in field.split("|") if p.strip())


def _parse_line(line: str, where: str) -> LexiconEntry:
    cols = line.split("\t")
    if len(cols) == 2:
        cols.append("")
    if len(cols) != 3:
        raise ValueError(f"{where}: expected 3 tab-separated columns, got {len(cols)}")
    colloquial, statutory, categories = cols[0].strip(), _split(cols[1]), _split(cols[2])
    if len(colloquial) < 2:
        raise ValueError(f"{where}: colloquial phrase {colloquial!r} is shorter than 2 characters")
    if not statutory:
        raise ValueError(f"{where}: no statutory term for {colloquial!r}")
    if statutory == (colloquial,):
        raise ValueError(f"{where}: {colloquial!r} maps only to itself")
    unknown = [c for c in categories if c not in _VALID_CATEGORIES]
    if unknown:
        raise ValueError(f"{where}: unknown category code(s) {unknown}")
    return LexiconEntry(colloquial, statutory, categories)


def parse_lexicon(lines: Iterable[str], *, source: str = "<lexicon>") -> Lexicon:
    """Parse TSV lines: ``#`` comments and blank lines skipped, first other line is the header."""
    entries: list[LexiconEntry] = []
    header_seen = False
    for line_no, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not header_seen:
            if tuple(c.strip() for c in line.split("\t")) != _HEADER:
                raise ValueError(f"{source}:{line_no}: header must be {'<TAB>'.join(_HEADER)}")
            header_seen = True
            continue
        entries.append(_parse_line(line, f"{source}:{line_no}"))
    return Lexicon(entries)


@lru_cache(maxsize=8)
def _load(path: Path) -> Lexicon:
    with path.open(encoding="utf-8") as fh:
        return parse_lexicon(fh, source=str(path))


def load_lexicon(path: Path | None = None) -> Lexicon:
    """The lexicon at ``path`` (default: the packaged ``lexicon.tsv``); cached per path."""
    return _load((path or DEFAULT_LEXICON_PATH).resolve())
