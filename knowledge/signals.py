"""Facts read from a citizen's words: yes/no signals, the user's role, evidence and intent.

Everything is data (``knowledge/data/signals/*.json``: ``core.json`` first, then one file per
category where its situations need more): a signal has ``yes`` and ``no`` patterns;
a match counts in its own clause, and a negation word right before it ("我没受伤", "不是买东西")
or a denial right after it ("合同没签", "发票没有", "伤残鉴定还没做") turns a negatable ``yes``
into false and a ``no`` into true. Later clauses win over earlier ones, so a correction in the
same message ("不对，是……") overrides what came before it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from knowledge.vocabulary import AMOUNT_KINDS, DATE_KINDS, EVIDENCE_KINDS, FLAGS, INTENTS, ROLES

SIGNALS_DIR = Path(__file__).resolve().parent / "data" / "signals"

CLAUSE_SPLIT = re.compile(r"[，,。；;！!？?\n、：:…]+|\s{2,}")
# Words that start with a negation character but do not negate what follows.
_BENIGN = re.compile(r"不小心|不幸|不慎|不久|不到|不少|不停|不断|不得不|不管|不知道|不一定|不光|不仅|"
                     r"不但|不过|不然|不对|没想到|没办法|没几天|没多久|没过多久|无故|无缘无故|别人|"
                     r"无论|没准|"
                     # "叫他别再打俺": what must stop has happened
                     r"别再|"
                     # A-not-A questions ask, they do not deny: "商家是不是欺诈", "有没有用".
                     r"是不是|能不能|会不会|有没有|算不算|要不要|可不可以|该不该|行不行|对不对|"
                     r"属不属于|给不给|用不用")
# A negator, then at most two filler words, then the match.
_NEG_BEFORE = re.compile(
    r"(?:没有|没得|冇得|冇|没|未|不|无|甭|别|从未|并未)"  # 冇, 没得: dialect 没
    r"(?:想|愿意|愿|敢|打算|准备|立|见|见过|看见|看到|听说|跟谁|和谁|同谁|给谁|有|再|能|啥|什么|任何|被|给|去|做|办|过|曾|是|用|也|都|还|怎么|太|咋|让|要|会|跟我|和我|给我|跟俺|"
    r"给俺|和俺|我|俺|他|她|人|人家|单位|公司|老板|正式|书面|签订|签|订|交|缴|开|打|写|拿到|拿|"
    r"买|留|保存|办理|出具|收到|收){0,2}$")
# A denial of the thing itself right after it: "合同没签", "发票没有", "鉴定还没做", "合同到现在
#都没签". Only 没/没有/未: after a noun, 不 is what its subject does ("店里不给退", "种子不出苗",
# "租客不交房租"), or a question ("能复核不"), never a denial of the noun.
_NEG_AFTER = re.compile(
    # "合同啥的没签", "病历俺们手里啥也没有": a few words may stand between
    r"^(?:啥的|什么的|之类的|这些|那些)?(?:(?:我|俺|咱)(?:们)?)?(?:手里|手上|家里)?"
    r"(?:啥|什么|一个|一张|一份|一点)?"
    r"(?:到现在|到今天|至今|一直|根本|从来|暂时|目前|现在|也|都|还|就){0,3}(?:没有|没得|冇得|冇|没|未)"
    r"(?P<verb>签|有|做|办|拿到|拿|开|出具|住|写|打|定|评|申请|保存|留|给我|交给我)?"
    r"(?P<tail>[了过的呢啊呀吧])?")
# "又不是我撞的", "不是俺偷的": a cleft denies who did it, not that it happened.
_CLEFT_BEFORE = re.compile(r"不是(?:我|俺|咱|他|她|我们|俺们|他们|人家)(?:自己|故意)?$")
# A term of the thing right after it: a negation before the thing denies the term.
_ATTRIBUTE = re.compile(r"^(?:的)?(?:多长时间|多久|多少|期限|期间|时间|范围|金额|数额|方式|比例|标准|日期|几年)")
# "以前也没被罚过": a clean past, not a denial of now.
_NEVER_BEFORE = re.compile(r"(以前|之前|此前|过去|从前|从来|向来)[^，,。；;！!？?\n]{0,6}(没|不曾|未)[^，,。；;！!？?\n]{0,8}过")
# Words of having a piece of evidence: "发票没有，就有个收据".
_HAVE = re.compile(r"有|留着|留了|还在|保存|存着|拍了|截(了)?图|收着")
# Evidence that was had and is gone: "小票丢了", "借条找不到了".
_LOST_AFTER = re.compile(r"^(?:也|都|早就|已经|当时)?(?:丢了|弄丢|找不到|没了|撕了|删了|扔了|没要|没拿|没开|没留|没存)")


@dataclass(frozen=True, slots=True)
class Signal:
    name: str
    zh: str
    yes: tuple[re.Pattern[str], ...]
    no: tuple[re.Pattern[str], ...] = ()
    negatable: bool = True
    # Words that contain a "yes" match and mean something else ("难看死了", "麦子被打死了"):
    # they cover the shorter match and say nothing either way.
    other: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True, slots=True)
class Reading:
    """What one text says. ``signals`` holds only what the text said (true or false)."""

    signals: dict[str, bool] = field(default_factory=dict)
    # Where in the text each signal was last said (a character offset): later words are
    # usually the complaint, earlier ones the background.
    positions: dict[str, int] = field(default_factory=dict)
    roles: tuple[str, ...] = ()
    evidence_held: frozenset[str] = frozenset()
    evidence_missing: frozenset[str] = frozenset()
    intents: tuple[str, ...] = ()

    @property
    def role(self) -> str | None:
        return self.roles[0] if self.roles else None


def clauses(text: str) -> list[str]:
    return [c for c in CLAUSE_SPLIT.split(text) if c.strip()]


def _offsets(text: str, parts: Sequence[str]) -> list[int]:
    out, at = [], 0
    for part in parts:
        at = text.find(part, at)
        out.append(at)
        at += len(part)
    return out


def negated(text: str, start: int, end: int) -> bool:
    """Whether the match ``text[start:end]`` is negated right before or right after it, within
    its clause."""
    before = _BENIGN.sub("·", text[:start])
    after_text = CLAUSE_SPLIT.split(text[end:], maxsplit=1)[0]
    if _CLEFT_BEFORE.search(before) and "的" in (text[start:end] + after_text)[:4]:
        return False  # "人又不是我撞的": the crash happened; who did it is denied
    if _NEG_BEFORE.search(before):
        # "没写担保多长时间", "没写合同期限": what is denied is the term, not the thing
        return not _ATTRIBUTE.match(after_text)
    after = _NEG_AFTER.match(after_text)
    if after is None:
        return False
    rest = after_text[after.end():]
    return bool(after["verb"] or after["tail"] or not rest.strip())


# "我要是不干了，这钱还能要回来不": a fact said as a supposition or a plan is not a fact.
_SUPPOSED = re.compile(r"要是|如果|假如|假设|万一|一旦|想|打算|准备|要不要|能不能|可不可以|会不会")


def _supposed(clause: str, start: int) -> bool:
    return bool(_SUPPOSED.search(clause[:start]))


def _judgements(clause: str, sig: Signal) -> Iterator[tuple[int, bool]]:
    spans: list[tuple[int, int, bool | None]] = [
        (m.start(), m.end(), value)
        for patterns, value in ((sig.other, None), (sig.yes, True), (sig.no, False))
        for pat in patterns for m in pat.finditer(clause) if m.end() > m.start()]
    # A match overlapping a longer one ("保人" in "担保人") reads the same words again: skip it.
    spans.sort(key=lambda s: s[0] - s[1])
    taken: list[tuple[int, int]] = []
    for start, end, value in spans:
        if any(start < b and a < end for a, b in taken):
            continue
        taken.append((start, end))
        if value is None:
            continue
        if sig.name in FLAGS and _supposed(clause, start):
            continue  # the yes/no facts only: "想离婚" still says what the person wants
        flip = sig.negatable and negated(clause, start, end)
        if flip and value and _NEVER_BEFORE.search(clause):
            continue  # "以前也没被罚过": a clean past, no denial of what happened now
        yield start, value != flip


@dataclass(frozen=True, slots=True)
class _Words:
    key: str
    yes: tuple[re.Pattern[str], ...]
    # Kinds of dates and sums only: generic words ("花了") used when no other kind's words do.
    fallback: tuple[re.Pattern[str], ...] = ()
    # Evidence only: words that show the thing is held when said, but whose denial says nothing
    # of it ("住了院" means records; "没住院" does not mean there are none).
    hints: tuple[re.Pattern[str], ...] = ()


class SignalReader:
    """Reads texts with the signal table; one instance per process (``default_reader()``)."""

    def __init__(self, signals: Sequence[Signal], roles: Sequence[_Words],
                 evidence: Sequence[_Words], intents: Sequence[_Words],
                 dates: Sequence[_Words] = (), amounts: Sequence[_Words] = ()) -> None:
        self.signals = {s.name: s for s in signals}
        self.roles = tuple(roles)
        self.evidence = tuple(evidence)
        self.intents = tuple(intents)
        self.date_kinds = tuple(dates)
        self.amount_kinds = tuple(amounts)

    def date_kind(self, text: str, start: int, end: int,
                  others: Sequence[tuple[int, int]] = ()) -> str | None:
        """What the date at ``text[start:end]`` is the date of (``left_job``, ``incident`` …),
        from the words of its clause; None when the clause does not say. ``others``: the spans
        of the message's other dates (a neighbour clause holding one speaks of that one)."""
        return _kind_near(text, start, end, self.date_kinds, others, negatable=True)

    def amount_kind(self, text: str, start: int, end: int,
                    others: Sequence[tuple[int, int]] = ()) -> str | None:
        """What the sum at ``text[start:end]`` is (``wages_owed``, ``loan`` …), or None."""
        return _kind_near(text, start, end, self.amount_kinds, others)

    def read(self, text: str) -> Reading:
        parts = clauses(text)
        offsets = _offsets(text, parts)
        values: dict[str, bool] = {}
        positions: dict[str, int] = {}
        for sig in self.signals.values():
            found = [(i, pos, v) for i, c in enumerate(parts) for pos, v in _judgements(c, sig)]
            if found:
                i, pos, values[sig.name] = max(found, key=lambda t: (t[0], t[1]))
                positions[sig.name] = offsets[i] + pos
        held, missing = self._evidence(parts)
        return Reading(signals=values, positions=positions, roles=self._roles(text),
                       evidence_held=held, evidence_missing=missing,
                       intents=self._intents(text))

    def _roles(self, text: str) -> tuple[str, ...]:
        # Across clauses: "我儿子15岁，偷了同学手机" names the role over a comma.
        return tuple(w.key for w in self.roles if self._affirmed(text, w.yes))

    def _evidence(self, parts: Sequence[str]) -> tuple[frozenset[str], frozenset[str]]:
        held: set[str] = set()
        missing: set[str] = set()
        for words in self.evidence:
            said = sorted((i, m.start(), bool(negated(c, m.start(), m.end())
                                             or _LOST_AFTER.match(c[m.end():])), bool(_HAVE.search(c)))
                          for i, c in enumerate(parts) for pat in words.yes for m in pat.finditer(c))
            has: bool | None = None
            for _, _, gone, have in said:
                # A denial wins over what was said before it; a thing said missing is held again
                # only by words of having it ("发票没有，就有个收据"), not by "让他补发票".
                if gone:
                    has = False
                elif has is None or have:
                    has = True
            if has is not None:
                (held if has else missing).add(words.key)
            if any(self._affirmed(c, words.hints) for c in parts):
                held.add(words.key)
        return frozenset(held - missing), frozenset(missing)

    def _intents(self, text: str) -> tuple[str, ...]:
        first: dict[str, int] = {}
        for words in self.intents:
            for pat in words.yes:
                m = pat.search(text)
                if m and (words.key not in first or m.start() < first[words.key]):
                    first[words.key] = m.start()
        return tuple(sorted(first, key=first.__getitem__))

    @staticmethod
    def _affirmed(text: str, patterns: Iterable[re.Pattern[str]]) -> bool:
        return any(not negated(text, m.start(), m.end())
                   for p in patterns for m in p.finditer(text) if m.end() > m.start())


def _kind_near(text: str, start: int, end: int, table: Sequence[_Words],
               others: Sequence[tuple[int, int]] = (), *, negatable: bool = False) -> str | None:
    """The kind whose words stand nearest ``text[start:end]``: in its own clause first, then
    the clause after it ("上个月25号，我在工地摔了"), then the one before — a neighbour clause
    that holds another mention (``others``) speaks of that one and is skipped. The kinds'
    generic ``fallback`` words only when no kind's own words do, in any of these clauses. With
    ``negatable`` (dates: "没签合同那天" is no signing day) negated words do not count; a sum
    is about what it names either way ("没交房租，一个月一千五" is the rent)."""
    spans = _clauses_around(text, start, end)
    own, neighbours = spans[0], spans[1:]
    spans = [own, *(s for s in neighbours
                    if not any(s[0] <= a < s[1] for a, _ in others))]
    for fallback in (False, True):
        for span in spans:
            found = _nearest(text, start, end, span, table, fallback=fallback,
                             negatable=negatable)
            if found is not None:
                return found
    return None


def _clauses_around(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [0, *(m.end() for m in CLAUSE_SPLIT.finditer(text)), len(text) + 1]
    bounds = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False)]
    at = next((i for i, (a, b) in enumerate(bounds) if a <= start < b), 0)
    order = [at, at + 1, at - 1]
    return [bounds[i] for i in order if 0 <= i < len(bounds)]


def _nearest(text: str, start: int, end: int, span: tuple[int, int], table: Sequence[_Words],
             *, fallback: bool, negatable: bool) -> str | None:
    left, right = span
    clause = text[left:right]
    best: tuple[int, int, str] | None = None
    for rank, words in enumerate(table):
        for pat in (words.fallback if fallback else words.yes):
            for m in pat.finditer(clause):
                a, b = m.start() + left, m.end() + left
                if negatable and negated(text, a, b) and words.key != "left_job":
                    continue
                distance = 0 if (a < end and start < b) else min(abs(a - end), abs(start - b))
                if best is None or (distance, rank) < best[:2]:
                    best = (distance, rank, words.key)
    return best[2] if best else None


def _compile(patterns: Iterable[str], where: str) -> tuple[re.Pattern[str], ...]:
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p))
        except re.error as e:
            raise ValueError(f"{where}: bad pattern {p!r}: {e}") from e
    return tuple(out)


def _words(rows: Iterable[dict[str, object]], key: str, vocabulary: dict[str, str],
           section: str) -> list[_Words]:
    out = []
    for row in rows:
        name = str(row[key])
        if name not in vocabulary:
            raise ValueError(f"{section}: {name!r} is not in knowledge/vocabulary.py")
        out.append(_Words(name, _compile(row["yes"], f"{section}:{name}"),  # type: ignore[arg-type]
                          _compile(row.get("fallback", ()), f"{section}:{name}"),  # type: ignore[arg-type]
                          _compile(row.get("hints", ()), f"{section}:{name}")))  # type: ignore[arg-type]
    return out


def _merged(folder: Path) -> dict[str, list[dict[str, object]]]:
    """The sections of every file in ``folder``, ``core.json`` first."""
    files = sorted(folder.glob("*.json"), key=lambda p: (p.name != "core.json", p.name))
    if not files:
        raise ValueError(f"no signal tables in {folder}")
    out: dict[str, list[dict[str, object]]] = {
        k: [] for k in ("signals", "roles", "evidence", "intents", "dates", "amounts")}
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        unknown = set(data) - set(out) - {"_note"}
        if unknown:
            raise ValueError(f"{path.name}: unknown sections {sorted(unknown)}")
        for key in out:
            out[key] += data.get(key, [])
    return out


def load_reader(folder: Path = SIGNALS_DIR) -> SignalReader:
    """Parse and check the signal tables (unknown keys, duplicate names and bad patterns fail)."""
    data = _merged(folder)
    signals: list[Signal] = []
    for row in data["signals"]:
        unknown = set(row) - {"name", "zh", "yes", "no", "other", "negatable", "note"}
        if unknown:
            raise ValueError(f"signal {row.get('name')}: unknown keys {sorted(unknown)}")
        name = str(row["name"])
        signals.append(Signal(name=name, zh=str(row["zh"]),
                              yes=_compile(row["yes"], name),  # type: ignore[arg-type]
                              no=_compile(row.get("no", ()), name),  # type: ignore[arg-type]
                              other=_compile(row.get("other", ()), name),  # type: ignore[arg-type]
                              negatable=bool(row.get("negatable", True))))
    names = [s.name for s in signals]
    if len(set(names)) != len(names):
        raise ValueError("duplicate signal names")
    return SignalReader(
        signals,
        _words(data["roles"], "role", ROLES, "roles"),
        _words(data["evidence"], "kind", EVIDENCE_KINDS, "evidence"),
        _words(data["intents"], "intent", INTENTS, "intents"),
        _words(data["dates"], "kind", DATE_KINDS, "dates"),
        _words(data["amounts"], "kind", AMOUNT_KINDS, "amounts"),
    )


@lru_cache(maxsize=1)
def default_reader() -> SignalReader:
    return load_reader()


__all__ = ["Reading", "Signal", "SignalReader", "clauses", "default_reader", "load_reader",
           "negated"]
