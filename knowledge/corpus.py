"""Typed records for the knowledge pack: statute articles, official cases, and the corpus.

Every article has a stable ID built from the law key, the article number, the sub-article
(第X条之N) and the version date, so identical wording in two laws or two versions never collides.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_LAW_KEY_DROP = "《》<>〈〉"


def law_key(title: str) -> str:
    """Normalise a law title the way the evaluation sets compare laws.

    >>> law_key("《中华人民共和国劳动合同法》")
    '劳动合同法'
    """
    s = title.replace("中华人民共和国", "").replace("（", "(").replace("）", ")")
    for ch in _LAW_KEY_DROP:
        s = s.replace(ch, "")
    return re.sub(r"\s+", "", s).replace("\u3000", "")


@dataclass(frozen=True, slots=True)
class Article:
    """One statute article (第X条 or 第X条之N) in one version of one law."""

    law: str
    law_key: str
    short: str
    level: str
    chapter: str
    article: str
    article_no: int
    article_sub: int
    text: str
    effective: str
    source: str = ""

    @property
    def id(self) -> str:
        sub = f".{self.article_sub}" if self.article_sub else ""
        return f"{self.law_key}#{self.article_no}{sub}@{self.effective}"

    @property
    def key(self) -> tuple[str, str]:
        """Version-free key ``(law_key, 第X条)`` used by the evaluation sets."""
        return (self.law_key, self.article)

    @property
    def citation(self) -> str:
        return f"《{self.law}》{self.article}"


@dataclass(frozen=True, slots=True)
class CitedRef:
    """An article reference as recorded in a case: law short name and article number."""

    law: str
    article_no: int


@dataclass(frozen=True, slots=True)
class Case:
    """An official case (guiding, gazette or typical case)."""

    id: str
    case_type: str
    title: str
    court: str
    date: str
    category: str
    categories: tuple[str, ...]
    keywords: tuple[str, ...]
    facts: str
    holding: str
    reasoning: str
    result: str
    cited_articles: tuple[str, ...]
    cited_refs: tuple[CitedRef, ...]
    cites_repealed_law: tuple[str, ...]
    number: str = ""
    url: str = ""
    source: str = ""

    @property
    def search_text(self) -> str:
        return "\n".join(p for p in (self.title, self.holding, self.facts) if p)


@dataclass(frozen=True, slots=True)
class LawInfo:
    law: str
    law_key: str
    short: str
    level: str
    effective: str
    n_articles: int


@dataclass(slots=True)
class Corpus:
    """An ordered, de-duplicated set of articles with lookups by ID and by (law, article)."""

    articles: tuple[Article, ...]
    _by_id: dict[str, int] = field(init=False, repr=False)
    _by_key: dict[tuple[str, str], int] = field(init=False, repr=False)
    _by_no: dict[tuple[str, int, int], int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {a.id: i for i, a in enumerate(self.articles)}
        if len(self._by_id) != len(self.articles):
            raise ValueError("duplicate article IDs in corpus")
        self._by_key = {}
        self._by_no = {}
        for i, a in enumerate(self.articles):
            self._by_key.setdefault(a.key, i)
            self._by_no.setdefault((a.law_key, a.article_no, a.article_sub), i)

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def index_of(self, article_id: str) -> int:
        return self._by_id[article_id]

    def get(self, article_id: str) -> Article | None:
        i = self._by_id.get(article_id)
        return None if i is None else self.articles[i]

    def find(self, key: str, article_no: int, sub: int = 0) -> Article | None:
        """Article ``article_no`` (之``sub``) of the law with law key ``key``, if present."""
        i = self._by_no.get((key, article_no, sub))
        return None if i is None else self.articles[i]

    def by_key(self, key: tuple[str, str]) -> Article | None:
        i = self._by_key.get(key)
        return None if i is None else self.articles[i]

    def laws(self) -> dict[str, LawInfo]:
        out: dict[str, LawInfo] = {}
        counts: dict[str, int] = {}
        for a in self.articles:
            counts[a.law_key] = counts.get(a.law_key, 0) + 1
            if a.law_key not in out:
                out[a.law_key] = LawInfo(a.law, a.law_key, a.short, a.level, a.effective, 0)
        return {
            k: LawInfo(v.law, v.law_key, v.short, v.level, v.effective, counts[k])
            for k, v in out.items()
        }

    def fingerprint(self) -> str:
        """SHA-256 over IDs and texts, in corpus order: changes whenever the corpus does."""
        h = hashlib.sha256()
        for a in self.articles:
            h.update(a.id.encode())
            h.update(b"\x00")
            h.update(a.text.encode())
            h.update(b"\x01")
        return h.hexdigest()


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{line_no}: invalid JSON") from e


def article_from_record(r: dict[str, Any]) -> Article:
    return Article(
        law=r["law"],
        law_key=law_key(r["law"]),
        short=r.get("short") or law_key(r["law"]),
        level=r.get("level", ""),
        chapter=r.get("chapter") or "",
        article=r["article"],
        article_no=int(r["article_no"]),
        article_sub=int(r.get("article_sub") or 0),
        text=r["text"],
        effective=r.get("effective") or "",
        source=r.get("source", ""),
    )


def load_statutes(statutes_dir: Path) -> list[Article]:
    """All articles of the curated statutes folder (one JSONL file per law), sorted by file."""
    files = sorted(statutes_dir.glob("*.jsonl"))
    if not files:
        raise FileNotFoundError(f"no statute files in {statutes_dir}")
    return [article_from_record(r) for f in files for r in read_jsonl(f)]


def load_statute_corpus(path: Path, *, latest_only: bool = True) -> list[Article]:
    """Articles of the national statute corpus; by default only the latest version of each law."""
    return [
        article_from_record(r)
        for r in read_jsonl(path)
        if not latest_only or r.get("is_latest", True)
    ]


def merge_corpora(primary: Sequence[Article], extra: Iterable[Article]) -> list[Article]:
    """``primary`` plus the articles of ``extra`` whose (law, article) key it lacks.

    Chapters missing in ``primary`` are filled from ``extra`` when the key matches, so the
    national corpus gains the chapter titles of the curated statutes.
    """
    extra_by_key = {a.key: a for a in extra}
    out: list[Article] = []
    seen: set[tuple[str, str]] = set()
    for a in primary:
        e = extra_by_key.get(a.key)
        if e is not None and not a.chapter and e.chapter:
            a = Article(**{**_as_dict(a), "chapter": e.chapter})
        out.append(a)
        seen.add(a.key)
    out.extend(a for a in extra_by_key.values() if a.key not in seen)
    return out


def _as_dict(a: Article) -> dict[str, Any]:
    return {f: getattr(a, f) for f in Article.__slots__}


def _listish(value: Any) -> list[Any]:
    """Case fields arrive as lists, as Python-literal strings, or as the string 'None'."""
    if value is None or value == "None" or value == "":
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        try:
            parsed = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return [value]
        return parsed if isinstance(parsed, list) else [parsed]
    return [value]


def _text(value: Any) -> str:
    return "" if value is None or value == "None" else str(value)


def case_from_record(r: dict[str, Any]) -> Case:
    refs = []
    for ref in _listish(r.get("cited_refs")):
        if isinstance(ref, dict) and ref.get("law") and ref.get("article_no") is not None:
            refs.append(CitedRef(law_key(str(ref["law"])), int(ref["article_no"])))
    return Case(
        id=r["id"],
        case_type=_text(r.get("case_type")),
        title=_text(r.get("title")),
        court=_text(r.get("court")),
        date=_text(r.get("date")),
        category=_text(r.get("category")),
        categories=tuple(str(c) for c in _listish(r.get("categories"))),
        keywords=tuple(str(k) for k in _listish(r.get("keywords"))),
        facts=_text(r.get("facts")),
        holding=_text(r.get("holding")),
        reasoning=_text(r.get("reasoning")),
        result=_text(r.get("result")),
        cited_articles=tuple(str(c) for c in _listish(r.get("cited_articles"))),
        cited_refs=tuple(refs),
        cites_repealed_law=tuple(str(c) for c in _listish(r.get("cites_repealed_law"))),
        number=_text(r.get("number")),
        url=_text(r.get("url")),
        source=_text(r.get("source")),
    )


def load_cases(cases_dir: Path) -> list[Case]:
    files = sorted(cases_dir.glob("*.jsonl"))
    if not files:
        raise FileNotFoundError(f"no case files in {cases_dir}")
    return [case_from_record(r) for f in files for r in read_jsonl(f)]
