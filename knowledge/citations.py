"""Find statute citations in Chinese text and resolve them to articles of a corpus.

Handles 《中华人民共和国劳动合同法》第八十二条, 劳动合同法第82条, 第X条之一, 第X条第Y款第Z项,
lists (第十条、第十一条), ranges (第十条至第十二条), bare 第X条 inheriting the last law named in
the same sentence, 本法/本条例 (needs ``default_law``), aliases (民间借贷规定) and repealed laws
(合同法 → 民法典) with evidence-backed successor articles.

The law-name matcher is one trie-shaped regex built in ``__init__`` (longest name wins), so
resolving a paragraph costs a few regex scans, not one scan per law.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from knowledge.corpus import Article, Corpus, law_key
from knowledge.numerals import NUM_PATTERN, cn_to_int, int_to_cn

Status = Literal["ok", "unknown_law", "unknown_article", "repealed"]

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_ALIASES = DATA_DIR / "law_aliases.tsv"
DEFAULT_REPEALED = DATA_DIR / "repealed_laws.tsv"
DEFAULT_SUCCESSORS = DATA_DIR / "successors.tsv"
_Trie = dict[str, "_Trie"]
MAX_RANGE = 200  # longer "第X条至第Y条" spans are almost surely misreads; do not expand them

_NUM = NUM_PATTERN
_ART_RE = re.compile(
    rf"(?:第(?P<a>{_NUM})|(?P<ad>[0-9]+))条(?:之(?P<s>{_NUM}))?"
    rf"(?:第(?P<p>{_NUM})款)?(?:第\(?(?P<i>{_NUM})\)?项)?"
    rf"|第(?P<p2>{_NUM})款(?:第\(?(?P<i2>{_NUM})\)?项)?"
)
_PRONOUN_RE = re.compile(r"(?P<kind>[本该])(?:法|条例|规定|解释|办法|细则|决定|规则|意见)")
_LIST_GAP = frozenset({"", "、", ",", "，", "和", "及", "以及", "与", "或", "或者", "/"})
_RANGE_GAP = frozenset({"至", "到", "-", "—", "——", "－", "～", "~"})
_SENTENCE_RE = re.compile(r"[。！？!?]")
_DROP_RE = re.compile(r"中华人民共和国|[《》〈〉<>\s\u3000]")
_TRANS = str.maketrans({"（": "(", "）": ")", "\n": "。", **{chr(0xFF10 + d): str(d) for d in range(10)}})
_BRACKET_BEFORE_RE = re.compile(r"《([^《》\n]{1,80})》[ \t\u3000]*$")
_TAIL_NAME_RE = re.compile(
    r"[\u4e00-\u9fff()]{2,40}?(?:法|条例|规定|解释|办法|细则|决定|规则|意见|修正案)(?:\([一二三四五六七八九十]+\))?$"
)
_LEAD_VERB_RE = re.compile(r"^(?:根据|依据|依照|按照|参照|适用|违反|对照|援引|引用|依|按|据|照|和|及|与|或)+")


@dataclass(frozen=True)
class Citation:
    """One article reference found in text; ``start``/``end`` index the original text.

    ``law_key`` is None when the law is unknown; ``law_title`` is the name as written (or the
    inherited/default law). Articles filled in from a range share the range's span.
    """

    raw: str
    law_title: str | None
    law_key: str | None
    article_no: int
    sub: int
    paragraph: int | None
    item: int | None
    start: int
    end: int

    @property
    def article_label(self) -> str:
        sub = f"之{int_to_cn(self.sub)}" if self.sub else ""
        return f"第{int_to_cn(self.article_no)}条{sub}"


@dataclass(frozen=True)
class Resolution:
    citation: Citation
    status: Status
    article: Article | None
    successors: tuple[Article, ...]
    message_zh: str


@dataclass(frozen=True)
class RepealedLaw:
    law_key: str
    repealed_on: str
    replaced_by: str
    note_zh: str
    evidence: str = ""  # "law_key#article_no" of the pack article that repeals it, if any


@dataclass(frozen=True)
class SuccessorRow:
    old_law_key: str
    old_article_no: int
    new_law_key: str
    new_article_no: int
    evidence: str  # phrase that occurs in the successor article's text
    note_zh: str = ""


@dataclass(frozen=True)
class _Binding:
    """Which law an article reference belongs to, and where its name starts (normalised)."""

    law_key: str | None
    title: str | None
    name_start: int | None = None


@dataclass(frozen=True)
class _LawToken:
    start: int
    end: int
    law_key: str | None
    title: str
    pronoun: str = ""  # "本" or "该" for 本法/该条例 etc.


def read_tsv(path: Path) -> Iterator[list[str]]:
    """Rows of a tab-separated data file, skipping blank lines, ``#`` comments and the header."""
    with path.open(encoding="utf-8") as fh:
        for i, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)):
            if not row or not row[0].strip() or row[0].startswith("#"):
                continue
            if i == 0 and row[0] in ("law_key", "alias", "old_law_key"):
                continue
            yield [c.strip() for c in row]


def load_aliases(path: Path) -> dict[str, str]:
    return {law_key(r[0]): r[1] for r in read_tsv(path)}


def load_repealed(path: Path) -> dict[str, RepealedLaw]:
    out: dict[str, RepealedLaw] = {}
    for r in read_tsv(path):
        evidence = r[4] if len(r) > 4 else ""
        out[r[0]] = RepealedLaw(r[0], r[1], r[2], r[3] if len(r) > 3 else "", evidence)
    return out


def load_successors(path: Path) -> list[SuccessorRow]:
    return [
        SuccessorRow(r[0], int(r[1]), r[2], int(r[3]), r[4], r[5] if len(r) > 5 else "")
        for r in read_tsv(path)
    ]


def _normalise(text: str) -> tuple[str, list[int]]:
    """Text without 《》, 中华人民共和国 and whitespace, plus the original index of each char."""
    t = text.translate(_TRANS)
    parts: list[str] = []
    omap: list[int] = []
    pos = 0
    for m in _DROP_RE.finditer(t):
        parts.append(t[pos : m.start()])
        omap.extend(range(pos, m.start()))
        pos = m.end()
    parts.append(t[pos:])
    omap.extend(range(pos, len(t)))
    return "".join(parts), omap


def _trie_regex(words: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any of ``words``, preferring the longest at each position."""
    trie: _Trie = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        alt = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{alt})?" if "" in node else alt

    return re.compile(build(trie) or r"(?!x)x")


def _name_variants(name: str) -> list[str]:
    """``name`` plus the forms people also write: 解释一 for 解释(一), and judicial
    interpretations cited without their issuer (最高人民法院《关于审理……的解释》)."""
    out = [name]
    if name.startswith("最高人民法院关于"):
        out.append(name.removeprefix("最高人民法院"))
    for n in list(out):
        m = re.fullmatch(r"(.+)\(([一二三四五六七八九十]+)\)", n)
        if m:
            out.append(m.group(1) + m.group(2))
    return out


def _date_zh(iso: str) -> str:
    try:
        y, m, d = (int(x) for x in iso.split("-"))
    except ValueError:
        return iso
    return f"{y}年{m}月{d}日"


class CitationResolver:
    """Parses citations in text and resolves them against ``corpus``.

    Law names are recognised from the corpus itself (full titles and ``short`` names), from
    ``aliases_path`` (alias → law_key, rows for laws absent from the corpus are ignored) and
    from ``repealed_path`` (repealed laws, which are never in a current corpus).
    """

    def __init__(
        self,
        corpus: Corpus,
        *,
        aliases_path: Path | None = None,
        repealed_path: Path | None = None,
        successors_path: Path | None = None,
    ) -> None:
        self.corpus = corpus
        self._laws = corpus.laws()
        self.repealed = load_repealed(repealed_path or DEFAULT_REPEALED)
        self._names = self._build_names(load_aliases(aliases_path or DEFAULT_ALIASES))
        self._matcher = _trie_regex(sorted(self._names))
        self._successors = self._build_successors(
            load_successors(successors_path or DEFAULT_SUCCESSORS)
        )

    # -- construction -------------------------------------------------------------------

    def _build_names(self, aliases: dict[str, str]) -> dict[str, str]:
        """Normalised name → law_key. Earlier tiers win: titles, shorts, aliases, repealed."""
        names: dict[str, str] = {}
        known = set(self._laws) | set(self.repealed)
        tiers: list[list[tuple[str, str]]] = [
            [(k, k) for k in self._laws],
            [(law_key(i.short), k) for k, i in self._laws.items()],
            [(a, k) for a, k in aliases.items() if k in known],
            [(k, k) for k in self.repealed],
        ]
        for tier in tiers:
            seen: dict[str, str | None] = {}
            for name, key in tier:
                for variant in _name_variants(name):
                    if variant in names or len(variant) < 2:
                        continue
                    # A name two laws claim in the same tier is ambiguous: drop it.
                    seen[variant] = key if seen.get(variant, key) == key else None
            names.update({n: k for n, k in seen.items() if k is not None})
        return names

    def _build_successors(self, rows: list[SuccessorRow]) -> dict[tuple[str, int], tuple[
            tuple[Article, ...], str]]:
        out: dict[tuple[str, int], tuple[tuple[Article, ...], str]] = {}
        for row in rows:
            art = self.corpus.find(row.new_law_key, row.new_article_no)
            if art is None:
                continue  # this corpus lacks the successor law; keep the citation "repealed" only
            arts, note = out.get((row.old_law_key, row.old_article_no), ((), ""))
            note = "；".join(n for n in (note, row.note_zh) if n)
            out[(row.old_law_key, row.old_article_no)] = ((*arts, art), note)
        return out

    # -- public API ---------------------------------------------------------------------

    def law_key_for(self, name: str) -> str | None:
        """law_key of a law name, short name or alias (with or without 《》/中华人民共和国)."""
        return self._names.get(law_key(name.strip()))

    def parse(self, text: str, *, default_law: str | None = None) -> list[Citation]:
        """All article citations in ``text``, in order of appearance (ranges expanded)."""
        norm, omap = _normalise(text)
        tokens = self._law_tokens(norm, text, omap)
        default = self._default_binding(default_law)
        return list(_Parser(text, norm, omap, tokens, default).citations())

    def resolve(self, text: str, *, default_law: str | None = None) -> list[Resolution]:
        return [self.resolve_citation(c) for c in self.parse(text, default_law=default_law)]

    def resolve_one(self, law: str, article: str) -> Resolution:
        """Resolve e.g. ``("民法典", "第一千零七十九条")``; ``article`` may be 1079 or 第1079条第二款."""
        text = article.strip()
        if not text.startswith("第"):
            text = "第" + text
        if not re.search(r"条", text):
            text += "条"
        m = _ART_RE.fullmatch(_normalise(text)[0])
        if m is None or m.group("a") is None:
            raise ValueError(f"无法识别的条文编号：{article!r}")
        key = self.law_key_for(law)
        title = law.strip().strip("《》")
        cit = _citation_from_match(m, text, _Binding(key, title), 0, len(text))
        return self.resolve_citation(cit)

    def resolve_citation(self, c: Citation) -> Resolution:
        if c.law_key is None:
            what = f"“{c.law_title}”" if c.law_title else "该条文所属法律"
            return Resolution(c, "unknown_law", None, (), f"未能识别{what}，无法核对{c.article_label}")
        if c.law_key in self.repealed:
            return self._resolve_repealed(c)
        art = self.corpus.find(c.law_key, c.article_no, c.sub)
        name = self._display(c.law_key)
        if art is None:
            if c.law_key not in self._laws:
                return Resolution(c, "unknown_law", None, (), f"知识库未收录《{name}》")
            msg = f"《{name}》没有{c.article_label}（知识库现行版本）"
            return Resolution(c, "unknown_article", None, (), msg)
        para = f"第{int_to_cn(c.paragraph)}款" if c.paragraph else ""
        return Resolution(c, "ok", art, (), f"《{name}》{art.article}{para}")

    # -- internals ----------------------------------------------------------------------

    def _display(self, key: str) -> str:
        info = self._laws.get(key)
        return info.short if info is not None else key

    def _resolve_repealed(self, c: Citation) -> Resolution:
        rep = self.repealed[c.law_key or ""]
        successors, note = self._successors.get((rep.law_key, c.article_no), ((), ""))
        msg = f"《{self._display(rep.law_key)}》已于{_date_zh(rep.repealed_on)}废止"
        current = self._current_successor(rep)
        if current != rep.replaced_by:
            msg += f"（由《{self._display(rep.replaced_by)}》取代，该法亦已废止）"
        if successors:
            arts = "、".join(a.article for a in successors)
            msg += f"，现行规定见《{self._display(successors[0].law_key)}》{arts}"
        elif current:
            msg += f"，现行法律为《{self._display(current)}》，请核对其中的相应规定"
        if note:
            msg += f"（{note}）"
        old = self.corpus.find(rep.law_key, c.article_no, c.sub)
        return Resolution(c, "repealed", old, successors, msg)

    def _current_successor(self, rep: RepealedLaw) -> str:
        """Follow replaced_by through repealed laws (经济合同法 → 合同法 → 民法典)."""
        key, seen = rep.replaced_by, {rep.law_key}
        while key in self.repealed and key not in seen:
            seen.add(key)
            key = self.repealed[key].replaced_by
        return key

    def _default_binding(self, default_law: str | None) -> _Binding:
        if default_law is None:
            return _Binding(None, None)
        return _Binding(self.law_key_for(default_law), default_law.strip().strip("《》"))

    def _law_tokens(self, norm: str, text: str, omap: list[int]) -> list[_LawToken]:
        tokens = [
            _LawToken(m.start(), m.end(), self._names[m.group()], _title(text, omap, m))
            for m in self._matcher.finditer(norm)
            if m.group()
        ]
        tokens += [
            _LawToken(m.start(), m.end(), None, m.group(), pronoun=m.group("kind"))
            for m in _PRONOUN_RE.finditer(norm)
        ]
        return sorted(tokens, key=lambda t: t.start)


def _title(text: str, omap: list[int], m: re.Match[str]) -> str:
    """The law name as written, minus 《》 and spaces (keeps 中华人民共和国 if present)."""
    start = _extend_left(text, omap[m.start()])
    raw = text[start : omap[m.end() - 1] + 1]
    return re.sub(r"[《》\s\u3000]", "", raw)


def _extend_left(text: str, pos: int) -> int:
    """Move ``pos`` left over a preceding 中华人民共和国 and 《 so spans cover the full title."""
    if text.endswith("中华人民共和国", 0, pos):
        pos -= len("中华人民共和国")
    while pos > 0 and text[pos - 1] in " \u3000":
        pos -= 1
    if pos > 0 and text[pos - 1] == "《":
        pos -= 1
    return pos


def _num(s: str | None) -> int | None:
    return None if s is None else cn_to_int(s)


def _citation_from_match(
    m: re.Match[str], text: str, law: _Binding, start: int, end: int
) -> Citation:
    return Citation(
        raw=text[start:end],
        law_title=law.title,
        law_key=law.law_key,
        article_no=cn_to_int(m.group("a") or m.group("ad")),
        sub=_num(m.group("s")) or 0,
        paragraph=_num(m.group("p")),
        item=_num(m.group("i")),
        start=start,
        end=end,
    )


class _Parser:
    """One pass over the article references of a normalised text."""

    def __init__(
        self, text: str, norm: str, omap: list[int], tokens: list[_LawToken], default: _Binding
    ) -> None:
        self.text, self.norm, self.omap = text, norm, omap
        self.tokens = tokens
        self.by_end = {t.end: t for t in tokens}
        self.default = default
        self.boundaries = [m.start() for m in _SENTENCE_RE.finditer(norm)]

    def citations(self) -> Iterator[Citation]:
        prev: tuple[re.Match[str], Citation, _Binding] | None = None
        for m in _ART_RE.finditer(self.norm):
            gap = self.norm[prev[0].end() : m.start()] if prev else None
            try:
                produced = self._handle(m, gap, prev)
            except ValueError:
                continue  # not a numeral after all (e.g. 第十十条): skip, never guess
            for cit, binding in produced:
                yield cit
                prev = (m, cit, binding)

    def _handle(
        self,
        m: re.Match[str],
        gap: str | None,
        prev: tuple[re.Match[str], Citation, _Binding] | None,
    ) -> list[tuple[Citation, _Binding]]:
        start, end = self.omap[m.start()], self.omap[m.end() - 1] + 1
        tok = self.by_end.get(m.start())
        if m.group("p2") is not None:  # "、第二款" continues the previous article
            if prev is None or tok is not None or gap not in _LIST_GAP:
                return []
            c = prev[1]
            cit = Citation(self.text[start:end], c.law_title, c.law_key, c.article_no, c.sub,
                           cn_to_int(m.group("p2")), _num(m.group("i2")), start, end)
            return [(cit, prev[2])]
        if tok is None and m.group("ad") is not None:
            return []  # "3条" without 第 counts only right after a law name
        binding = self._binding(m, gap, prev, tok)
        if binding.name_start is not None:
            start = _extend_left(self.text, self.omap[binding.name_start])
        cit = _citation_from_match(m, self.text, binding, start, end)
        out = [(cit, binding)]
        if tok is None and prev is not None and gap in _RANGE_GAP:
            out = self._expand_range(prev[1], cit, binding) + out
        return out

    def _binding(
        self,
        m: re.Match[str],
        gap: str | None,
        prev: tuple[re.Match[str], Citation, _Binding] | None,
        tok: _LawToken | None,
    ) -> _Binding:
        if tok is not None:
            return self._token_binding(tok, tok.start)
        if prev is not None and (gap in _LIST_GAP or gap in _RANGE_GAP):
            return _Binding(prev[2].law_key, prev[2].title)
        unknown = self._unknown_name(m.start())
        if unknown is not None:
            return _Binding(None, unknown)
        last = self._last_token(m.start())
        return self.default if last is None else self._token_binding(last, None)

    def _token_binding(self, tok: _LawToken, name_start: int | None) -> _Binding:
        if tok.pronoun == "本":
            if self.default.law_key is None:
                return _Binding(None, self.default.title or tok.title, name_start)
            return _Binding(self.default.law_key, self.default.title, name_start)
        if tok.pronoun == "该":  # 该法 = the law named before it in the same sentence
            last = self._last_token(tok.start)
            inherited = self.default if last is None else self._token_binding(last, None)
            return _Binding(inherited.law_key, inherited.title, name_start)
        return _Binding(tok.law_key, tok.title, name_start)

    def _last_token(self, pos: int) -> _LawToken | None:
        sentence_start = max((b for b in self.boundaries if b < pos), default=-1)
        found = None
        for t in self.tokens:
            if t.end > pos:
                break
            if t.start > sentence_start:
                found = t
        return found

    def _unknown_name(self, norm_pos: int) -> str | None:
        """A law-like name right before 第 that is not a known law (《某某条例》第五条)."""
        pos = self.omap[norm_pos]
        m = _BRACKET_BEFORE_RE.search(self.text, max(0, pos - 90), pos)
        if m is not None:
            return m.group(1)
        tail = _TAIL_NAME_RE.search(self.norm, max(0, norm_pos - 42), norm_pos)
        if tail is None:
            return None
        name = _LEAD_VERB_RE.sub("", tail.group())
        return name if len(name) >= 3 else None

    def _expand_range(self, first: Citation, last: Citation, law: _Binding) -> list[
            tuple[Citation, _Binding]]:
        lo, hi = first.article_no, last.article_no
        if first.sub or last.sub or not 0 < hi - lo <= MAX_RANGE:
            return []
        start = first.start
        raw = self.text[start : last.end]
        return [
            (Citation(raw, law.title, law.law_key, n, 0, None, None, start, last.end), law)
            for n in range(lo + 1, hi)
        ]
