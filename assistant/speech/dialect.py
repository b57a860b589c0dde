"""Dialect lexicon: northern dialect words (Jin, western Inner Mongolia, Northeastern, ...) → standard.

Entries live in ``data/dialect.tsv``. ``map`` entries are replaced in the text before
classification; ``tag`` entries only get recorded, because the same characters are also an
ordinary word (受苦 "to suffer", 光景 "scene") and replacing them would break normal sentences.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

DEFAULT_DIALECT_PATH = Path(__file__).resolve().parent / "data" / "dialect.tsv"

Mode = Literal["map", "tag"]


@dataclass(frozen=True)
class DialectEntry:
    """One dialect word with its standard equivalent, region and the contexts it must not touch."""

    word: str
    standard: str
    region: str
    mode: Mode
    block: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class DialectHit:
    """A dialect word found at ``start`` of the text; ``replaced`` is False for tag-only entries."""

    entry: DialectEntry
    start: int
    replaced: bool


def parse_dialect_tsv(lines: Iterable[str]) -> list[DialectEntry]:
    """Rows of ``word, standard, region, mode, block, note``; '#' lines and the header skipped."""
    entries: list[DialectEntry] = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#") or line.startswith("word\t"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) != 6 or cols[3] not in ("map", "tag") or not cols[0] or not cols[1]:
            raise ValueError(f"dialect.tsv line {n}: expected 6 tab-separated columns: {line!r}")
        word, standard, region, mode, block, note = cols
        blocks = tuple(b for b in block.split("|") if b)
        entries.append(DialectEntry(word, standard, region, mode, blocks, note))  # type: ignore[arg-type]
    return entries


class DialectLexicon:
    """Longest-match lookup of dialect words, applied only at word boundaries."""

    def __init__(self, entries: Iterable[DialectEntry]) -> None:
        self.entries: tuple[DialectEntry, ...] = tuple(entries)
        self._by_word = {e.word: e for e in self.entries}
        self._lengths = sorted({len(w) for w in self._by_word}, reverse=True)

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def load(cls, path: Path = DEFAULT_DIALECT_PATH) -> DialectLexicon:
        return cls(parse_dialect_tsv(path.read_text(encoding="utf-8").splitlines()))

    def find(self, text: str, *, boundaries: Collection[int] | None = None) -> list[DialectHit]:
        """Non-overlapping hits, longest first. With ``boundaries`` (word-start offsets from a
        segmenter, plus ``len(text)``), a hit must start and end on one: 婚后生了 holds 后生 but
        segments as 婚后/生/了, so it is left alone."""
        hits: list[DialectHit] = []
        i = 0
        while i < len(text):
            hit = self._match_at(text, i, boundaries)
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i += len(hit.entry.word)
        return hits

    def _match_at(
        self, text: str, i: int, boundaries: Collection[int] | None
    ) -> DialectHit | None:
        for n in self._lengths:
            entry = self._by_word.get(text[i : i + n])
            if entry is None:
                continue
            if boundaries is not None and (i not in boundaries or i + n not in boundaries):
                continue
            if _blocked(text, i, entry):
                continue
            return DialectHit(entry, i, entry.mode == "map")
        return None

    def apply(
        self, text: str, *, boundaries: Collection[int] | None = None
    ) -> tuple[str, list[DialectHit]]:
        """Text with ``map`` entries replaced, and every hit (mapped or tagged)."""
        hits = self.find(text, boundaries=boundaries)
        out: list[str] = []
        pos = 0
        for h in hits:
            if h.replaced:
                out.append(text[pos : h.start])
                out.append(h.entry.standard)
                pos = h.start + len(h.entry.word)
        out.append(text[pos:])
        return "".join(out), hits


def _blocked(text: str, i: int, entry: DialectEntry) -> bool:
    """True when the word at ``i`` sits inside one of the entry's protected contexts."""
    for ctx in entry.block:
        off = ctx.find(entry.word)
        while off != -1:
            start = i - off
            if start >= 0 and text[start : start + len(ctx)] == ctx:
                return True
            off = ctx.find(entry.word, off + 1)
    return False


@lru_cache(maxsize=1)
def default_dialect_lexicon() -> DialectLexicon:
    return DialectLexicon.load()
