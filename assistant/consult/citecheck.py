"""Strip every citation from a generated answer that retrieval did not vouch for.

A citation survives only if it resolves ("ok") to a current article whose ``Article.id`` is in
``allowed`` (the IDs retrieval returned for this turn). Everything else — invented articles,
unknown laws, repealed laws, real articles retrieval did not return — is cut out of the text so
that the sentence still reads: "根据《劳动合同法》第九百条规定，用人单位……" becomes "用人单位……",
a list line quoting an invented article is dropped, "（见……）" disappears, and "第十条、第九百条"
keeps only "第十条".

Only the raw citation and the reason are logged, never the surrounding text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from knowledge.citations import CitationResolver, Resolution
from knowledge.corpus import Article
from knowledge.numerals import NUM_PATTERN

logger = logging.getLogger(__name__)

Reason = Literal["unknown_law", "unknown_article", "repealed", "not_retrieved"]

_NUM = NUM_PATTERN
# Where the article part of a citation's raw text starts ("《劳动法》|第五十条", "劳动法|50条").
_ARTICLE_HEAD = re.compile(rf"第\s*{_NUM}\s*条|(?<![第0-9０-９]){_NUM}\s*条|第\s*{_NUM}\s*款")
_JOINERS = frozenset({"", "、", "和", "及", "以及", "与", "或", "或者", "/", "至", "到", "-", "—",
                      "——", "－", "～", "~"})
_WORD_JOINERS = ("以及", "或者", "和", "及", "与", "或")
_SP = "[ \t\u3000]*"
_BULLET = re.compile(r"[-*•·]|\d{1,2}[.、)）]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、")
_BULLET_LINE_HEAD = re.compile(rf"^{_SP}(?P<b>{_BULLET.pattern})?{_SP}(?:根据|依据|依照|按照)?{_SP}$")
# A bulleted line may go on "规定：…"; an unbulleted one only straight into "：…" (a quotation).
_BULLET_LINE_TAIL = re.compile(rf"^{_SP}(?:的?规定)?{_SP}(?:[：:（(]|$)")
_PLAIN_LINE_TAIL = re.compile(rf"^{_SP}(?:[：:（(]|$)")
_SENTENCE_END = re.compile(r"[。！？!?](?=[^\n]*[^\s。！？!?”」』）)\"])")  # not the line's last
_HEAD_COLON = re.compile(rf"{_SP}(?:的?规定)?{_SP}[：:]{_SP}")
# RIGHT patterns are used with ``match(text, pos)``, which anchors at pos (``^`` would not).
_PAREN_LEFT = re.compile(rf"[（(]{_SP}(?:见|参见|详见|依据|根据|依照|按照)?{_SP}$")
_PAREN_RIGHT = re.compile(rf"{_SP}(?:的?规定|等)?{_SP}[)）]")
_VERB_LEFT = re.compile(rf"(?:根据|依据|依照|按照|参照|适用|援引){_SP}$")
_VERB_RIGHT = re.compile(rf"{_SP}(?P<rule>的?(?:相关|有关)?规定|之规定)?(?:{_SP}(?P<p>[，,：:]))?")
_SUBJECT_RIGHT = re.compile(rf"{_SP}(?:中|里)?(?:也|还|明确|明文)?规定了?{_SP}[：:，,]?{_SP}")
_QUOTES = {"“": "”", "「": "」", "『": "』", '"': '"', "‘": "’"}
_SOFT = "，,、；;：:"
_HARD = "。！？!?\n"
_MAX_QUOTE = 600


@dataclass(frozen=True)
class RemovedCitation:
    raw: str
    reason: Reason
    detail: str  # Chinese explanation from the resolver, for operators and audit trails


@dataclass(frozen=True)
class CiteCheck:
    text: str  # the cleaned answer
    kept: list[Article]  # allowed articles still cited, in order of first appearance
    removed: list[RemovedCitation]


@dataclass(frozen=True)
class _Item:
    res: Resolution
    keep: bool
    inner: bool  # filled in from a range ("第十条至第十二条"): shares its span with neighbours

    @property
    def start(self) -> int:
        return self.res.citation.start

    @property
    def end(self) -> int:
        return self.res.citation.end

    def split(self) -> tuple[str, str]:
        """(law-name prefix, article part) of the raw citation."""
        c = self.res.citation
        if self.inner:
            return "", c.article_label
        m = _ARTICLE_HEAD.search(c.raw)
        return ("", c.raw) if m is None else (c.raw[: m.start()], c.raw[m.start() :])


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    repl: str


def check_citations(
    text: str, *, allowed: Collection[str], resolver: CitationResolver
) -> CiteCheck:
    """Remove from ``text`` every citation not resolving to an article in ``allowed``.

    ``allowed`` holds ``Article.id`` values. Deterministic; about a millisecond per 1,000 chars.
    """
    allowed_ids = allowed if isinstance(allowed, (set, frozenset)) else set(allowed)
    items = _items(resolver.resolve(text), allowed_ids)
    removed = [_removed(it.res) for it in items if not it.keep]
    for r in removed:
        logger.info("removed citation %r (%s)", r.raw, r.reason)
    kept_spans = [(it.start, it.end) for it in items if it.keep]
    edits = _merge([_cluster_edit(text, c, kept_spans) for c in _clusters(text, items)])
    kept: dict[str, Article] = {}
    for it in items:
        if it.keep and it.res.article is not None:
            kept.setdefault(it.res.article.id, it.res.article)
    return CiteCheck(_apply(text, edits), list(kept.values()), removed)


def _items(resolutions: Sequence[Resolution], allowed: Collection[str]) -> list[_Item]:
    out: list[_Item] = []
    reach = -1
    for res in resolutions:
        art = res.article
        keep = res.status == "ok" and art is not None and art.id in allowed
        out.append(_Item(res, keep, inner=res.citation.start < reach))
        reach = max(reach, res.citation.end)
    return out


def _removed(res: Resolution) -> RemovedCitation:
    raw = res.citation.raw
    if res.status != "ok":
        return RemovedCitation(raw, res.status, res.message_zh)
    return RemovedCitation(raw, "not_retrieved", f"{res.message_zh}不在本次检索到的条文中")


def _clusters(text: str, items: list[_Item]) -> list[list[_Item]]:
    """Runs of citations joined only by list/range connectors ("第十条、第十一条和劳动法第三条")."""
    clusters: list[list[_Item]] = []
    end = -1
    for it in items:
        gap = text[end : it.start].strip() if clusters else None
        bare = not it.split()[0]
        if gap is not None and (
            it.start < end or gap in _JOINERS or (bare and gap in {",", "，"})
        ):
            clusters[-1].append(it)
            end = max(end, it.end)
        else:
            clusters.append([it])
            end = it.end
    return clusters


def _cluster_edit(text: str, cluster: list[_Item], kept: list[tuple[int, int]]) -> _Edit | None:
    if all(it.keep for it in cluster):
        return None
    start, end = _law_name_start(text, cluster[0]), max(it.end for it in cluster)
    if any(it.keep for it in cluster):
        return _Edit(start, end, _rewrite(text, cluster))
    return _removal(text, start, end, kept)


def _law_name_start(text: str, item: _Item) -> int:
    """Start of an unknown law's name written just before its citation ("《某某条例》|第五条").

    The resolver's span covers the name only for laws it knows; an unknown name left behind
    would read as if that law said something.
    """
    c = item.res.citation
    if item.res.status != "unknown_law" or not c.law_title or c.raw.find(c.law_title) >= 0:
        return c.start
    before = text[: c.start].rstrip(" \t\u3000")
    for name in (f"《{c.law_title}》", c.law_title):
        if before.endswith(name):
            return len(before) - len(name)
    return c.start


def _rewrite(text: str, cluster: list[_Item]) -> str:
    """The cluster with only its kept citations, each still carrying its law name."""
    groups: list[list[_Item]] = []
    for it in cluster:
        if not groups or (it.split()[0] and not it.inner):
            groups.append([])
        groups[-1].append(it)
    parts: list[str] = []
    for g in groups:
        if all(it.keep for it in g):
            parts.append(text[g[0].start : max(it.end for it in g)])
        elif any(it.keep for it in g):
            prefix = g[0].split()[0]
            parts.append(prefix + "、".join(it.split()[1] for it in g if it.keep))
    last_gap = text[groups[-2][-1].end : groups[-1][0].start].strip() if len(groups) > 1 else ""
    last_join = last_gap if last_gap in _WORD_JOINERS else "、"
    if len(parts) < 2:
        return "".join(parts)
    return "、".join(parts[:-1]) + last_join + parts[-1]


def _covers_kept(start: int, end: int, kept: list[tuple[int, int]]) -> bool:
    return any(start <= ks < end for ks, _ in kept)


def _removal(text: str, start: int, end: int, kept: list[tuple[int, int]]) -> _Edit:
    """The edit that removes a fully rejected cluster and the words that only served it."""
    for rule in (_line_rule, _paren_rule, _verb_rule, _subject_rule, _head_rule):
        edit = rule(text, start, end)
        if edit is not None and not _covers_kept(edit.start, edit.end, kept):
            return edit
    return _fallback(text, start, end)


def _fallback(text: str, start: int, end: int) -> _Edit:
    """Cut the citation; mid-clause ("违反了《…》第X条，") leave "有关规定" so the clause stands."""
    before = text[:start].rstrip(" \t\u3000")
    if not before or before[-1] in _SOFT + _HARD + "（(“「":
        return _Edit(start, end, "")
    return _Edit(start, end, "有关规定")


def _line_rule(text: str, start: int, end: int) -> _Edit | None:
    """A (bulleted) line that opens with the citation quotes that article: drop the line."""
    line_start = text.rfind("\n", 0, start) + 1
    nl = text.find("\n", end)
    line_end = len(text) if nl < 0 else nl
    head = _BULLET_LINE_HEAD.match(text[line_start:start])
    if head is None:
        return None
    bulleted = bool(head.group("b"))
    tail = (_BULLET_LINE_TAIL if bulleted else _PLAIN_LINE_TAIL).match(text[end:line_end])
    if tail is None:
        return None
    # Unbulleted, the line must be just this one quotation, not a paragraph that opens with it.
    if not bulleted and _SENTENCE_END.search(text, end, line_end):
        return None
    if nl >= 0:
        return _Edit(line_start, nl + 1, "")
    return _Edit(max(line_start - 1, 0), line_end, "")


def _head_rule(text: str, start: int, end: int) -> _Edit | None:
    """A line opening "- 《…》第X条：…" whose line cannot go: cut the citation and its colon."""
    line_start = text.rfind("\n", 0, start) + 1
    if not _BULLET_LINE_HEAD.match(text[line_start:start]):
        return None
    colon = _HEAD_COLON.match(text, end)
    if colon is None:
        return None
    quoted = _swallow_quote(text, colon.end())
    return _Edit(start, colon.end() if quoted is None else quoted, "")


def _paren_rule(text: str, start: int, end: int) -> _Edit | None:
    left = _PAREN_LEFT.search(text, max(0, start - 8), start)
    right = _PAREN_RIGHT.match(text, end)
    if left is None or right is None:
        return None
    return _Edit(left.start(), right.end(), "")


def _verb_rule(text: str, start: int, end: int) -> _Edit | None:
    """根据《…》第X条(的)规定，… → …; 依照《…》第X条的规定执行 → 依照有关规定执行."""
    left = _VERB_LEFT.search(text, max(0, start - 8), start)
    if left is None:
        return None
    right = _VERB_RIGHT.match(text, end)
    if right is None:  # cannot happen (every group is optional); keeps mypy exact
        return None
    if right.group("rule"):
        quoted = _swallow_quote(text, right.end())
        if quoted is not None:
            return _Edit(left.start(), quoted, "")
    if right.group("p"):
        return _Edit(left.start(), right.end(), "")
    verb = left.group().strip(" \t\u3000")
    return _Edit(left.start(), right.end(), f"{verb}有关规定")


def _subject_rule(text: str, start: int, end: int) -> _Edit | None:
    """《…》第X条规定：“……” → (gone); 《…》第X条规定，用人单位… → 用人单位…"""
    right = _SUBJECT_RIGHT.match(text, end)
    if right is None:
        return None
    quoted = _swallow_quote(text, right.end())
    return _Edit(start, right.end() if quoted is None else quoted, "")


def _swallow_quote(text: str, pos: int) -> int | None:
    """End of a quotation opening at ``pos`` (past its closing mark), if there is one."""
    close = _QUOTES.get(text[pos : pos + 1])
    if close is None:
        return None
    stop = text.find(close, pos + 1, pos + 1 + _MAX_QUOTE)
    return None if stop < 0 else stop + 1


def _merge(edits: list[_Edit | None]) -> list[_Edit]:
    out: list[_Edit] = []
    for e in sorted((e for e in edits if e is not None), key=lambda e: e.start):
        if out and e.start < out[-1].end:
            last = out[-1]
            if e.end > last.end:  # partial overlap: remove the union
                out[-1] = _Edit(last.start, e.end, "")
            continue
        out.append(e)
    return out


def _apply(text: str, edits: list[_Edit]) -> str:
    """Apply ``edits`` right to left, tidying punctuation at each seam."""
    for i in range(len(edits) - 1, -1, -1):
        e = edits[i]
        floor = edits[i - 1].end if i else 0
        left, right = text[: e.start], text[e.end :]
        if not e.repl:
            left, right = _tidy_seam(left, right, floor)
        text = left + e.repl + right
    return text


def _tidy_seam(left: str, right: str, floor: int) -> tuple[str, str]:
    """Fix the punctuation a removal leaves behind ("，，", "（）", "和的规定", "。，")."""
    trimmed = left.rstrip(" \t\u3000")
    if len(trimmed) < floor:
        trimmed = left[:floor]
    at_sentence_start = not trimmed or trimmed[-1] in _HARD
    if at_sentence_start:
        right = right.lstrip(_SOFT + "。")
        return left, right
    head = right[:1]
    if trimmed[-1] in "（(" and head in "）)" and head and len(trimmed) - 1 >= floor:
        return trimmed[:-1], right[1:]
    if trimmed[-1] in _SOFT and head and head in _SOFT + _HARD and len(trimmed) - 1 >= floor:
        return trimmed[:-1], right
    for word in _WORD_JOINERS + ("、",):
        if trimmed.endswith(word) and len(trimmed) - len(word) >= floor and (
            not head or head in _SOFT + _HARD + "的）)" or right.startswith("规定")
        ):
            return trimmed[: -len(word)], right
    return left, right
