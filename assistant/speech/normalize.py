"""Transcript normalisation: Traditional → simplified, dialect words, garbled legal terms, punctuation.

Legal-term correction is deliberately conservative: a span is replaced only when it sounds like a
legal term (same toneless pinyin, allowing the z/zh, c/ch, s/sh, n/l, in/ing, en/eng mergers of
northern and southwestern speech), shares characters with it, lies on word boundaries, and is not
itself a common word or on the protect-list (工商 must never become 工伤). The original transcript
is always kept next to the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from assistant.speech.dialect import DialectLexicon, default_dialect_lexicon
from knowledge.lexicon import load_lexicon

DATA_DIR = Path(__file__).resolve().parent / "data"
LEGAL_TERMS_PATH = DATA_DIR / "legal_terms.txt"
PROTECT_PATH = DATA_DIR / "protect.txt"

# A span this frequent in jieba's dictionary is an ordinary word, so it is not a garble.
COMMON_WORD_FREQ = 50
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"))
_FUZZY_FINALS = (("ing", "in"), ("eng", "en"))

ChangeKind = Literal["t2s", "dialect", "legal_term", "punctuation"]


@dataclass(frozen=True)
class Change:
    """One edit; ``start`` indexes the text as it was when that step ran."""

    kind: ChangeKind
    original: str
    replacement: str
    start: int
    note: str = ""


@dataclass(frozen=True)
class Normalized:
    """The recogniser's text (``original``), the normalised ``text`` and every edit made."""

    original: str
    text: str
    changes: list[Change] = field(default_factory=list)
    dialect_tags: list[str] = field(default_factory=list)


def _read_words(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [w.strip() for w in lines if w.strip() and not w.startswith("#")]


def fuzzy_syllable(syl: str) -> str:
    """Collapse the sound distinctions many speakers (and ASR) do not keep apart."""
    for a, b in _FUZZY_INITIALS:
        if syl.startswith(a):
            syl = b + syl[len(a) :]
            break
    for a, b in _FUZZY_FINALS:
        if syl.endswith(a):
            syl = syl[: -len(a)] + b
            break
    return syl


class _Chinese:
    """pypinyin + jieba word frequencies and boundaries; imported lazily, built once."""

    def __init__(self) -> None:
        import jieba
        import pypinyin

        self._pinyin = pypinyin
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        self.freq: dict[str, int] = self._jieba.FREQ

    def syllables(self, text: str) -> list[str]:
        """Toneless syllables of a run of Han characters (callers check one per character)."""
        return list(self._pinyin.lazy_pinyin(text, errors="default"))

    def tones(self, text: str) -> list[str]:
        style = self._pinyin.Style.TONE3
        return [p[0][-1:] for p in self._pinyin.pinyin(text, style=style, errors="default")]

    def words(self, text: str) -> list[str]:
        return list(self._jieba.cut(text, HMM=False))

    def boundaries(self, text: str) -> set[int]:
        """Offsets where jieba starts a word, plus the end of the text."""
        out, pos = {0}, 0
        for w in self.words(text):
            pos += len(w)
            out.add(pos)
        return out


@lru_cache(maxsize=1)
def _chinese() -> _Chinese:
    return _Chinese()


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese (OpenCC t2s); other characters unchanged."""
    return str(_t2s().convert(text))


@dataclass(frozen=True)
class _Candidate:
    term: str
    start: int
    end: int


class LegalTermCorrector:
    """Restores legal terms garbled by speech recognition (老动仲裁 → 劳动仲裁, 公伤 → 工伤)."""

    def __init__(self, terms: Iterable[str], *, protect: Iterable[str] = ()) -> None:
        self._zh = _chinese()
        self.terms = sorted({t for t in terms if len(t) >= 2 and _HAN_RUN.fullmatch(t)})
        self.protect = frozenset(protect)
        self._index: dict[tuple[str, ...], list[str]] = {}
        for t in self.terms:
            key = tuple(fuzzy_syllable(s) for s in self._zh.syllables(t))
            self._index.setdefault(key, []).append(t)
        self._lengths = sorted({len(t) for t in self.terms}, reverse=True)
        self._term_set = frozenset(self.terms)

    def correct(self, text: str) -> tuple[str, list[Change]]:
        changes: list[Change] = []
        out: list[str] = []
        pos = 0
        for run in _HAN_RUN.finditer(text):
            for cand in self._candidates(run.group(), run.start()):
                out.append(text[pos : cand.start])
                out.append(cand.term)
                changes.append(
                    Change("legal_term", text[cand.start : cand.end], cand.term, cand.start)
                )
                pos = cand.end
        out.append(text[pos:])
        return "".join(out), changes

    def _candidates(self, run: str, offset: int) -> list[_Candidate]:
        syl = [fuzzy_syllable(s) for s in self._zh.syllables(run)]
        if len(syl) != len(run):
            return []
        # Correct spellings of terms are reserved (span id per character): a fix may only cover
        # one whole and keep its characters (老动仲裁 → 劳动仲裁 keeps 仲裁), never cut into it.
        reserved = [-1] * len(run)
        for n in self._lengths:
            for i in range(len(run) - n + 1):
                if run[i : i + n] in self._term_set and all(r < 0 for r in reserved[i : i + n]):
                    reserved[i : i + n] = [i] * n
        fixed = [False] * len(run)
        bounds = self._zh.boundaries(run)
        found: list[_Candidate] = []
        for n in self._lengths:
            for i in range(len(run) - n + 1):
                if any(fixed[i : i + n]) or _cuts_reserved(reserved, i, n):
                    continue
                best = self._best(run, i, n, syl, bounds)
                if best is None or not _keeps_reserved(run, reserved, i, best):
                    continue
                fixed[i : i + n] = [True] * n
                found.append(_Candidate(best, offset + i, offset + i + n))
        return sorted(found, key=lambda c: c.start)

    def _best(
        self, run: str, i: int, n: int, syl: list[str], bounds: set[int]
    ) -> str | None:
        span = run[i : i + n]
        if span in self.protect or self._zh.freq.get(span, 0) >= COMMON_WORD_FREQ:
            return None
        # Short spans must sit on jieba word boundaries (both edges for two characters, one
        # for three): 婚后生 or 公司上 are pieces of other words, not garbled terms.
        edges = (i in bounds) + (i + n in bounds)
        if (n == 2 and edges < 2) or (n == 3 and edges < 1):
            return None
        options = self._index.get(tuple(syl[i : i + n]), [])
        scored = [(self._distance(span, t), t) for t in options if self._plausible(span, t)]
        if not scored:
            return None
        return min(scored)[1]

    def _plausible(self, span: str, term: str) -> bool:
        same = sum(a == b for a, b in zip(span, term, strict=True))
        if len(term) == 2:
            return same >= 1
        # Longer terms: at most half the characters garbled, so 劳动合同 cannot come from noise.
        return same * 2 >= len(term)

    def _distance(self, span: str, term: str) -> tuple[int, int]:
        chars = sum(a != b for a, b in zip(span, term, strict=True))
        tones = sum(
            a != b for a, b in zip(self._zh.tones(span), self._zh.tones(term), strict=True)
        )
        return (chars, tones)


def _cuts_reserved(reserved: list[int], i: int, n: int) -> bool:
    """True when a reserved span crosses the window's edge, or the window is that span."""
    inside = reserved[i : i + n]
    if inside and inside[0] >= 0 and all(r == inside[0] for r in inside):
        return True
    left = i > 0 and reserved[i] >= 0 and reserved[i - 1] == reserved[i]
    end = i + n
    right = end < len(reserved) and reserved[end] >= 0 and reserved[end - 1] == reserved[end]
    return bool(left or right)


def _keeps_reserved(run: str, reserved: list[int], i: int, term: str) -> bool:
    return all(reserved[i + k] < 0 or run[i + k] == ch for k, ch in enumerate(term))


_QUESTION_END = re.compile(r"(吗|呢|么|嘛)$")
_QUESTION_WORDS = re.compile(
    r"怎么|怎样|如何|什么|多少|哪|能不能|可不可以|是不是|有没有|会不会|要不要|行不行|为什么|几|谁|咋|多久|多长"
)
_ASCII_TO_FULL = {",": "，", "?": "？", "!": "！", ";": "；", ":": "："}


def punctuate(text: str) -> str:
    """Full-width punctuation, commas for whisper's inter-phrase spaces, and a final stop."""
    text = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "，", text.strip())
    text = re.sub(
        r"(?<=[\u4e00-\u9fff])[,?!;:]|[,?!;:](?=[\u4e00-\u9fff])",
        lambda m: _ASCII_TO_FULL[m.group()],
        text,
    )
    text = re.sub(r"(?<=[\u4e00-\u9fff])\.(?!\d)", "。", text)
    if not text or text[-1] in "。？！…」”）":
        return text
    last = re.split(r"[，。；！？]", text)[-1]
    if _QUESTION_END.search(text) or _QUESTION_WORDS.search(last):
        return text + "？"
    return text + "。"


class Normalizer:
    """t2s → dialect → legal-term correction → punctuation; each step optional."""

    def __init__(
        self,
        *,
        dialect: DialectLexicon | None = None,
        corrector: LegalTermCorrector | None = None,
        punctuation: bool = True,
    ) -> None:
        self.dialect = dialect
        self.corrector = corrector
        self.punctuation = punctuation

    def normalize(self, text: str) -> Normalized:
        original = text
        changes: list[Change] = []
        simplified = to_simplified(text.strip())
        changes.extend(_char_changes(text.strip(), simplified))
        text, tags = self._apply_dialect(simplified, changes)
        if self.corrector is not None:
            text, legal = self.corrector.correct(text)
            changes.extend(legal)
        if self.punctuation:
            text = punctuate(text)
        return Normalized(original=original, text=text, changes=changes, dialect_tags=tags)

    def _apply_dialect(self, text: str, changes: list[Change]) -> tuple[str, list[str]]:
        if self.dialect is None:
            return text, []
        tags: list[str] = []
        new, hits = self.dialect.apply(text, boundaries=_dialect_boundaries(text))
        for h in hits:
            e = h.entry
            if h.replaced:
                changes.append(Change("dialect", e.word, e.standard, h.start, e.region))
            else:
                tags.append(f"{e.word}（{e.region}，{e.standard}）")
        return new, tags


def _dialect_boundaries(text: str) -> set[int]:
    out: set[int] = {len(text)}
    for run in _HAN_RUN.finditer(text):
        out.update(run.start() + b for b in _chinese().boundaries(run.group()))
    # Non-Han characters (digits, punctuation) are boundaries on both sides.
    out.update(i for i, ch in enumerate(text) if not _HAN_RUN.match(ch))
    out.update(i + 1 for i, ch in enumerate(text) if not _HAN_RUN.match(ch))
    return out


def _char_changes(before: str, after: str) -> list[Change]:
    if before == after or len(before) != len(after):
        return [] if before == after else [Change("t2s", before, after, 0)]
    return [Change("t2s", a, b, i) for i, (a, b) in enumerate(zip(before, after, strict=True))
            if a != b]


def default_legal_terms(*, with_lexicon: bool = True) -> list[str]:
    """The speech data file's terms plus the knowledge lexicon's terms of three or more characters.

    Two-character lexicon words (房东, 厂里) are everyday words: correcting towards them would
    change correct speech, so only the curated file contributes two-character terms.
    """
    terms = _read_words(LEGAL_TERMS_PATH)
    if with_lexicon:
        terms.extend(t for t in load_lexicon().terms() if len(t) >= 3)
    return terms


@lru_cache(maxsize=1)
def default_normalizer() -> Normalizer:
    """Normaliser with the packaged dialect lexicon, legal terms and protect-list."""
    corrector = LegalTermCorrector(default_legal_terms(), protect=_read_words(PROTECT_PATH))
    return Normalizer(dialect=default_dialect_lexicon(), corrector=corrector)


def segment(text: str) -> list[str]:
    """jieba words of ``text`` (default dictionary, no HMM), as the corrector sees them."""
    return list(_chinese().words(text))
