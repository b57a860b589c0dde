"""Legal situations as cited data: what legal-aid centres see every day, one record each.

A situation ("wages owed after leaving the job", "guarantor pursued after the guarantee
period", "15-year-old accused of theft") says how it is recognised (signals, the user's role,
an age), which facts it needs (asked only when missing), its key articles (each with a phrase a
test finds in the article's text), the direct answer and its conditions, the deadline rule that
applies (or why none does), the competent body and steps, the materials, and the 法律援助法 item.
``points`` say what is true for this person when the facts meet their conditions ("借条上没写连带、
债主在期间内没告借款人 → 不用再还"), each resting on its own cited article; a point that holds leads
the answer. ``after`` names the limits whose lapse a "the deadline has passed" situation answers.
Files: ``knowledge/data/situations/<category>.json`` (a list of records, schema below).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge.corpus import law_key
from knowledge.taxonomy import CATEGORY_CODES
from knowledge.vocabulary import (
    AMOUNT_KINDS,
    DATE_KINDS,
    EVIDENCE_KINDS,
    FLAGS,
    INTENTS,
    KIN_ROLES,
    ROLES,
    SIDES,
    WEAK_ROLES,
)

SITUATIONS_DIR = Path(__file__).resolve().parent / "data" / "situations"
SHARED_POINTS = "shared_points.json"
ROUTES = ("arbitration", "court", "administrative", "police", "criminal", "mediation",
          "registration", "insurance", "complaint", "negotiation", "other")
"""Where the person goes first: court fees are estimated only when the route is ``court``."""
MAX_ANSWER_CHARS = 160
KEPT_BONUS = 0.75  # a situation the conversation is already about (see ``match``)
STAGE_BONUS = 4.0  # a later stage of the dispute (an award, a judgment) the user has reached
QUESTION_BONUS = 1.5  # a situation whose own conditions the user's question names (see ``match``)
_AGE = re.compile(r"age(<|<=|>=|>)(\d{1,3})|age:(\d{1,3})-(\d{1,3})")
_RECORD_KEYS = {"id", "category", "title_zh", "when", "ask", "articles", "answer_zh",
                "conditions_zh", "deadline", "body_zh", "steps_zh", "materials", "legal_aid",
                "route", "faq", "glossary", "risk_zh", "note", "after", "points", "any_category",
                "stage", "companion", "for_liable", "needs_role"}


@dataclass(frozen=True, slots=True)
class Cite:
    """An article and the phrase of its text the situation rests on."""

    law_key: str
    article: str
    phrase: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.law_key, self.article)


@dataclass(frozen=True, slots=True)
class When:
    """Recognition: every ``all`` condition holds, at least one ``any`` condition holds (when
    there are any), no ``not`` condition holds, and the role (when known) is one of ``roles``.

    A condition is ``name`` (the signal is true), ``!name`` (said to be false), ``~name`` (not
    said to be true), an age test ``age<14``, ``age>=75``, ``age:14-15`` (inclusive), or
    several of these joined by ``|`` (any of them holds). The engine sets the signal
    ``deadline_passed`` itself when a situation's time limit, counted from the user's date, has
    run out. Within one ``|`` alternative, ``&`` joins conditions that must all hold
    (``draws_pension&~retired_here``: a pensioner working for someone else).
    """

    all: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    not_: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()

    def conditions(self) -> tuple[str, ...]:
        return (*self.all, *self.any, *self.not_)


@dataclass(frozen=True, slots=True)
class Ask:
    """A fact the situation needs (``dates.left_job``, ``amounts.wages_owed``, ``flags.X``,
    ``role``, ``age``, ``evidence.X``) and the plain question that asks for it."""

    fact: str
    question_zh: str


@dataclass(frozen=True, slots=True)
class Deadline:
    """The time limit that applies: a rule of ``deadlines.tsv`` counted from a date fact, or
    ``none_zh`` with the article saying why no limit applies (e.g. support claims)."""

    rule: str | None = None
    start: str | None = None
    none_zh: str = ""
    cite: Cite | None = None
    # Counted from leaving a job while the person still works there: what to add to "it has
    # not started yet" (e.g. a part of the claim some places count month by month).
    ongoing_zh: str = ""
    # Date kinds ("a|b", first said wins) that come no later than ``start`` (an IOU's due day
    # never comes before it was written): while ``start`` is unknown, the limit is counted from
    # one, as the safe earliest estimate.
    safe_start: str | None = None
    # A period the other side must act in (a creditor's guarantee period): what it means for
    # this person, said instead of urgency ("这期间债主没起诉借款人的，您就不再承担保证责任").
    theirs_zh: str = ""
    # Another rule when the user is another side ("employer" → the employer's 30 days to apply
    # for work-injury recognition), and what to add when it applies.
    by_role: tuple[tuple[str, str], ...] = ()
    role_zh: str = ""


@dataclass(frozen=True, slots=True)
class Material:
    label_zh: str
    why_zh: str
    evidence: str | None = None  # a key of EVIDENCE_KINDS; None for e.g. an ID card


_ASKING_SIGNAL = re.compile(r"_(?:ask|asked|q)(?:$|[|&])")


@dataclass(frozen=True, slots=True)
class Point:
    """What is true for this person when the facts say so: shown right after the general
    answer when every condition in ``when`` holds ("您说借条上没写连带…"), resting on ``cite``."""

    when: tuple[str, ...]
    zh: str
    cite: Cite

    @property
    def asked(self) -> bool:
        """Whether it answers a question the person asked: one of its conditions is a signal
        of asking (named ``…_ask``, ``…_asked`` or ``…_q``, as "crim_visit_ask")."""
        return any(_ASKING_SIGNAL.search(c) for c in self.when)


@dataclass(frozen=True, slots=True)
class LegalAid:
    text_zh: str
    cite: Cite


@dataclass(frozen=True, slots=True)
class Situation:
    id: str
    category: str
    title_zh: str
    when: When
    ask: tuple[Ask, ...]
    articles: tuple[Cite, ...]
    answer_zh: str
    conditions_zh: tuple[str, ...]
    deadline: Deadline | None
    body_zh: str
    steps_zh: tuple[str, ...]
    materials: tuple[Material, ...]
    legal_aid: LegalAid | None
    route: str
    faq: Mapping[str, str]
    glossary: Mapping[str, str]
    risk_zh: tuple[str, ...]
    # Per step: conditions under which it is already done or no longer fits ("accident_report"
    # for "拿到事故认定书", "incident_weeks_ago" for on-the-scene steps); "" = always shown.
    steps_done_if: tuple[str, ...] = ()
    # A situation recognised on ``deadline_passed`` answers the lapse of these limits only
    # (deadlines.tsv ids): a missed 5-day hearing request is not a missed review or lawsuit.
    # Empty = the lapse of any limit.
    after: tuple[str, ...] = ()
    points: tuple[Point, ...] = ()
    # A step of any civil case (an appeal): it belongs to the case's own category, whichever
    # that is; ``category`` is where the table keeps it.
    any_category: bool = False
    # A later stage of a dispute (an award, a judgment, a debt already paid for someone): when
    # it fits, it answers before the situations of the dispute itself, which the user is past.
    stage: bool = False
    # A procedural step that goes with the dispute's own answer (a summons received): when it
    # fits it is always one of the answer's situations, beside the dispute's, not instead of it.
    companion: bool = False
    # Written also for the party asked to pay (a dog's keeper, the at-fault driver): see
    # ``LIABLE_SIDE``.
    for_liable: bool = False
    # Applies only to a user who said a role it names outright (a kinship word standing for it
    # does not do): the same words ("先扣了一万利息") come from both sides, and a role-less
    # telling belongs to the situation of the usual speaker.
    needs_role: bool = False

    def steps_for(self, signals: Mapping[str, bool], *, age: int | None) -> tuple[str, ...]:
        """The steps that still fit: a step whose ``done_if`` holds for the facts is left out."""
        done = self.steps_done_if or ("",) * len(self.steps_zh)
        return tuple(step for step, cond in zip(self.steps_zh, done, strict=True)
                     if not cond or not holds(cond, signals, age=age))

    def points_for(self, signals: Mapping[str, bool], *, age: int | None) -> tuple[Point, ...]:
        """The points whose conditions the facts meet, in table order."""
        return tuple(p for p in self.points if all(holds(c, signals, age=age) for c in p.when))

    def cites(self) -> list[Cite]:
        """Every article the record relies on (key articles, points, deadline, legal aid)."""
        out = [*self.articles, *(p.cite for p in self.points)]
        if self.deadline is not None and self.deadline.cite is not None:
            out.append(self.deadline.cite)
        if self.legal_aid is not None:
            out.append(self.legal_aid.cite)
        return out


def _cite(row: Mapping[str, str], where: str) -> Cite:
    missing = {"law_key", "article", "phrase"} - set(row)
    if missing:
        raise ValueError(f"{where}: citation lacks {sorted(missing)}")
    # law_key() as the pack spells keys: "（一）" → "(一)", no "中华人民共和国", no 《》.
    return Cite(law_key(row["law_key"]), row["article"], row["phrase"])


_PARTS = re.compile(r"[|&]")  # the single conditions of a joined one ("a|b&~c")


def check_condition(cond: str, signals: Iterable[str], where: str) -> None:
    if "|" in cond or "&" in cond:
        names = set(signals)
        for part in _PARTS.split(cond):
            check_condition(part, names, where)
        return
    if _AGE.fullmatch(cond):
        return
    name = cond.lstrip("!~")
    if name not in set(signals):
        raise ValueError(f"{where}: unknown signal {name!r} in condition {cond!r}")


FACT_PREFIXES: dict[str, Iterable[str]] = {
    "dates": DATE_KINDS, "amounts": AMOUNT_KINDS, "flags": FLAGS, "evidence": EVIDENCE_KINDS}


def check_fact(fact: str, where: str) -> None:
    if "|" in fact:
        for part in fact.split("|"):
            check_fact(part, where)
        return
    if fact in ("role", "age"):
        return
    head, _, tail = fact.partition(".")
    if head == "said" and tail:
        return  # any signal (checked against the signal tables by the situation tests)
    if head not in FACT_PREFIXES or tail not in FACT_PREFIXES[head]:
        raise ValueError(f"{where}: unknown fact {fact!r}")


def _when(row: Mapping[str, list[str]], where: str) -> When:
    unknown = set(row) - {"all", "any", "not", "roles"}
    if unknown:
        raise ValueError(f"{where}: unknown keys in when: {sorted(unknown)}")
    roles = tuple(row.get("roles", ()))
    bad = [r for r in roles if r not in ROLES]
    if bad:
        raise ValueError(f"{where}: unknown roles {bad}")
    when = When(all=tuple(row.get("all", ())), any=tuple(row.get("any", ())),
                not_=tuple(row.get("not", ())), roles=roles)
    if not when.all and not when.any:
        raise ValueError(f"{where}: needs at least one 'all' or 'any' condition")
    return when


def _deadline(row: Mapping[str, object] | None, where: str) -> Deadline | None:
    if row is None:
        return None
    if "rule" in row:
        start = str(row.get("from", ""))
        if start not in DATE_KINDS:
            raise ValueError(f"{where}: deadline 'from' must be a date kind, not {start!r}")
        safe = row.get("safe_from")
        if safe is not None and any(k not in DATE_KINDS for k in str(safe).split("|")):
            raise ValueError(f"{where}: deadline 'safe_from' must be date kinds, not {safe!r}")
        return Deadline(rule=str(row["rule"]), start=start,
                        ongoing_zh=str(row.get("ongoing_zh", "")),
                        theirs_zh=str(row.get("theirs_zh", "")),
                        by_role=tuple((str(k), str(v)) for k, v in dict(
                            row.get("by_role", {})).items()),  # type: ignore[call-overload]
                        role_zh=str(row.get("role_zh", "")),
                        safe_start=str(safe) if safe is not None else None)
    if "none_zh" in row:
        return Deadline(none_zh=str(row["none_zh"]), cite=_cite(row, where))  # type: ignore[arg-type]
    raise ValueError(f"{where}: deadline needs 'rule'+'from' or 'none_zh'+citation")


def _step_text(step: str | Mapping[str, str]) -> str:
    """A step is its text, or ``{"zh": text, "done_if": condition}``."""
    return step if isinstance(step, str) else step["zh"]


def _situation(row: dict[str, object], where: str,
               shared: Mapping[str, Mapping[str, object]] | None = None) -> Situation:
    unknown = set(row) - _RECORD_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    sid = str(row["id"])
    where = f"{where}:{sid}"
    category = str(row["category"])
    if category not in CATEGORY_CODES:
        raise ValueError(f"{where}: unknown category {category!r}")
    route = str(row.get("route", "other"))
    if route not in ROUTES:
        raise ValueError(f"{where}: unknown route {route!r}")
    answer = str(row["answer_zh"])
    if len(answer) > MAX_ANSWER_CHARS:
        raise ValueError(f"{where}: answer_zh has {len(answer)} > {MAX_ANSWER_CHARS} characters")
    asks = tuple(Ask(a["fact"], a["question_zh"]) for a in row.get("ask", ()))  # type: ignore[attr-defined]
    for a in asks:
        check_fact(a.fact, where)
    materials = tuple(Material(m["label_zh"], m["why_zh"], m.get("evidence"))
                      for m in row.get("materials", ()))  # type: ignore[attr-defined]
    for m in materials:
        if m.evidence is not None and m.evidence not in EVIDENCE_KINDS:
            raise ValueError(f"{where}: unknown evidence kind {m.evidence!r}")
    faq = dict(row.get("faq", {}))  # type: ignore[call-overload]
    bad = [k for k in faq if k not in INTENTS]
    if bad:
        raise ValueError(f"{where}: unknown intents {bad}")
    aid = row.get("legal_aid")
    articles = tuple(_cite(c, where) for c in row["articles"])  # type: ignore[attr-defined]
    if not articles:
        raise ValueError(f"{where}: needs at least one key article")
    return Situation(
        id=sid, category=category, title_zh=str(row["title_zh"]),
        when=_when(row["when"], where),  # type: ignore[arg-type]
        ask=asks, articles=articles, answer_zh=answer,
        conditions_zh=tuple(row.get("conditions_zh", ())),  # type: ignore[arg-type]
        deadline=_deadline(row.get("deadline"), where),  # type: ignore[arg-type]
        body_zh=str(row.get("body_zh", "")),
        steps_zh=tuple(_step_text(x) for x in row.get("steps_zh", ())),  # type: ignore[attr-defined]
        steps_done_if=tuple(x.get("done_if", "") if isinstance(x, dict) else ""
                            for x in row.get("steps_zh", ())),  # type: ignore[attr-defined]
        materials=materials,
        legal_aid=None if aid is None else LegalAid(str(aid["text_zh"]), _cite(aid, where)),  # type: ignore[index,arg-type]
        route=route, faq=faq,
        glossary=dict(row.get("glossary", {})),  # type: ignore[call-overload]
        risk_zh=tuple(row.get("risk_zh", ())),  # type: ignore[arg-type]
        after=tuple(row.get("after", ())),  # type: ignore[arg-type]
        points=tuple(_point(_shared(p, shared or {}, where), where)
                     for p in row.get("points", ())),  # type: ignore[attr-defined]
        any_category=bool(row.get("any_category", False)),
        stage=bool(row.get("stage", False)),
        companion=bool(row.get("companion", False)),
        for_liable=bool(row.get("for_liable", False)),
        needs_role=bool(row.get("needs_role", False)),
    )


def _point(row: Mapping[str, object], where: str) -> Point:
    conds = tuple(str(c) for c in row.get("if", ()))  # type: ignore[attr-defined]
    text = str(row.get("zh", ""))
    if not conds or not text:
        raise ValueError(f"{where}: a point needs 'if' conditions and 'zh'")
    if len(text) > MAX_ANSWER_CHARS:
        raise ValueError(f"{where}: point has {len(text)} > {MAX_ANSWER_CHARS} characters")
    return Point(conds, text, _cite(row, where))  # type: ignore[arg-type]


def _shared(point: object, shared: Mapping[str, Mapping[str, object]],
            where: str) -> Mapping[str, object]:
    """A point written in place, or the name of one several situations share."""
    if not isinstance(point, str):
        return point  # type: ignore[return-value]
    if point not in shared:
        raise ValueError(f"{where}: unknown shared point {point!r}")
    return shared[point]


def read_situations(folder: Path) -> tuple[Situation, ...]:
    """Every situation under ``folder`` (``<category>.json`` files), schema-checked. A point
    several situations share is written once in ``shared_points.json`` beside the folder and
    named in theirs."""
    shared_file = folder.parent / SHARED_POINTS
    shared = json.loads(shared_file.read_text(encoding="utf-8")) if shared_file.exists() else {}
    out: list[Situation] = []
    for path in sorted(folder.glob("*.json")):
        rows = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(rows, list):
            raise ValueError(f"{path.name}: expected a JSON list of situations")
        out += [_situation(r, path.name, shared) for r in rows]
    ids = [s.id for s in out]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"duplicate situation ids: {dupes}")
    return tuple(out)


@lru_cache(maxsize=1)
def situations() -> tuple[Situation, ...]:
    """The packaged situations (``knowledge/data/situations/``)."""
    return read_situations(SITUATIONS_DIR)


def holds(cond: str, signals: Mapping[str, bool], *, age: int | None) -> bool:
    """One recognition condition against what the user said (see ``When``)."""
    if "|" in cond:
        return any(holds(part, signals, age=age) for part in cond.split("|"))
    if "&" in cond:
        return all(holds(part, signals, age=age) for part in cond.split("&"))
    m = _AGE.fullmatch(cond)
    if m is not None:
        if age is None:
            return False
        if m[3] is not None:
            return int(m[3]) <= age <= int(m[4])
        limit = int(m[2])
        return {"<": age < limit, "<=": age <= limit, ">=": age >= limit, ">": age > limit}[m[1]]
    if cond.startswith("!"):
        return signals.get(cond[1:]) is False
    if cond.startswith("~"):
        return signals.get(cond[1:]) is not True
    return signals.get(cond) is True


def role_fit(roles: Sequence[str], allowed: Sequence[str]) -> str | None:
    """The user's role as a situation for ``allowed`` roles sees it: the first candidate it
    names, else the first family role a kinship candidate stands for (``KIN_ROLES``)."""
    direct = next((r for r in roles if r in allowed), None)
    if direct is not None:
        return direct
    return next((f for r in roles for f in KIN_ROLES.get(r, ()) if f in allowed), None)


LIABLE_SIDE = "liable_side"
"""The signal of a user asked to pay for harm ("要俺再给两万", "俺还得赔吗", "我把他撞了")."""
HARMED_OTHER = "harmed_other"
"""The signal of a user who hurt someone else ("送单时把一个老太太撞了"): a worker saying so is
not the one a work injury happened to."""
_CLAIMANT_CATEGORIES = frozenset({"personal_injury_tort_medical", "traffic_accident"})
# ... and where only a situation naming the harmed among its roles is the harmed side's
_CLAIMANT_ROLE_CATEGORIES = frozenset({"housing_property_neighbor", "consumer_rights"})
_CLAIMANT_ROLES = frozenset({"victim", "victim_family", "patient", "patient_family"})


def claimant_only(s: Situation, roles: Sequence[str] = (), *, harmed_other: bool = False) -> bool:
    """Whether ``s`` is written for the one who was harmed only: an injury or road-accident
    situation, a neighbour's or a product's damage naming the harmed among its roles, or a work
    injury told to someone who did not say they are the worker, or who said he hurt someone
    else (``harmed_other``: "送单时把一个老太太撞了") — unless marked ``for_liable``.
    Told to the one asked to pay ("在要求赔偿时，一并提出精神损害抚慰金" to a dog's keeper) it misleads."""
    if s.for_liable:
        return False
    if s.category in _CLAIMANT_CATEGORIES:
        return True
    if s.category == "work_injury":
        return ("worker" not in roles or harmed_other) and "employer" not in s.when.roles
    return s.category in _CLAIMANT_ROLE_CATEGORIES and bool(_CLAIMANT_ROLES & set(s.when.roles))


def _payers_only(s: Situation) -> bool:
    """Written for the side asked to pay only, so it needs that side said: "让我赔" comes from
    the worker who hurt someone on the job and from the man whose hired hand fell alike."""
    return s.for_liable and not _CLAIMANT_ROLES & set(s.when.roles)


def score(s: Situation, signals: Mapping[str, bool], *, roles: Sequence[str] = (),
          age: int | None) -> float:
    """How well ``s`` fits (0 = it does not apply): every ``all`` condition, one ``any``
    condition (when there are any) and no ``not`` condition must hold, and one of the user's
    candidate ``roles`` must fit the situation's roles (``role_fit``) — status and kinship
    roles aside: an elder, or a relative asking for someone ("我妈家小区物业…"), rules no
    situation out. More conditions met → higher score; a role named outright adds a little."""
    w = s.when
    if w.roles and _other_side(roles, w.roles):
        return 0.0
    if signals.get(LIABLE_SIDE) is True and claimant_only(
            s, roles, harmed_other=signals.get(HARMED_OTHER) is True):
        return 0.0
    fit = role_fit(roles, w.roles) if w.roles else None
    if s.needs_role and fit not in roles:
        return 0.0  # the role itself said, not one a kinship word stands for
    if w.roles and fit is None and (_payers_only(s) or any(
            r not in WEAK_ROLES and r not in KIN_ROLES for r in roles)):
        return 0.0
    if w.roles and fit is None and set(w.roles) <= _EMPLOYER_ONLY and roles:
        return 0.0  # "帮我老公问的…主管让他明天不用来了": the family of a worker, not a boss
    if not all(holds(c, signals, age=age) for c in w.all):
        return 0.0
    if any(holds(c, signals, age=age) for c in w.not_):
        return 0.0
    hits = sum(holds(c, signals, age=age) for c in w.any)
    if w.any and not hits:
        return 0.0
    bonus = 0.5 if fit in roles else 0.25 if fit is not None else 0.0
    return 2.0 * len(w.all) + hits + bonus


_EMPLOYER_ONLY = frozenset({"employer"})


def _other_side(roles: Sequence[str], allowed: Sequence[str]) -> bool:
    """The situation is for the other side only: no role the user said fits it (kinship
    aside: "俺儿子" in a landlord's story is the buyer, not the user's side), and one of the
    user's roles has its other side, not its own, among the situation's roles, with nothing the
    user said on that other side. A role without sides ("applicant", "elder") fitting it does
    not make it theirs: a boss who said he owes the wages is not the worker the crime-report
    situation is for because both may face a government decision."""
    sided = any(r in SIDES for r in roles)
    if any(r in allowed for r in roles
           if r in SIDES or (not sided and r not in KIN_ROLES)):
        return False
    for r in roles:
        if r not in SIDES:
            continue
        own, other = SIDES[r]
        if not own & set(allowed) and other & set(allowed) and not other & set(roles):
            return True
    return False


def match(signals: Mapping[str, bool], *, role: str | None = None, roles: Sequence[str] = (),
          age: int | None = None, pool: Iterable[Situation] | None = None,
          salience: Mapping[str, int] | None = None,
          previous: Iterable[str] = (), asked: int | None = None) -> list[tuple[float, Situation]]:
    """Situations that apply, best first. A situation of ``previous`` (the ones the
    conversation is already about) counts ``KEPT_BONUS`` more: details added later do not
    change the subject unless another situation fits clearly better; a ``stage`` situation
    counts ``STAGE_BONUS`` more (someone holding an award is past the dispute it settled), and
    one whose own conditions the latest message's question names (``salience`` at or after
    ``asked``, where that question begins) ``QUESTION_BONUS`` more: "还算不算自首" is answered.
    Equal: the one the conversation is about, then the one whose conditions the user said
    last in ``salience`` (offsets in the latest message), then table order."""
    candidates = tuple(roles) or ((role,) if role else ())
    scored = [(score(s, signals, roles=candidates, age=age), s) for s in (pool or situations())]
    said = salience or {}
    kept = set(previous)

    def last_said(s: Situation) -> int:
        return said_at(s, said)

    return sorted(((sc, s) for sc, s in scored if sc > 0),
                  key=lambda t: (-(t[0] + (KEPT_BONUS if t[1].id in kept else 0.0)
                                   + (STAGE_BONUS if t[1].stage else 0.0)
                                   + (QUESTION_BONUS if asked is not None
                                      and last_said(t[1]) >= asked else 0.0)),
                                 t[1].id not in kept, -last_said(t[1])))


def said_at(s: Situation, salience: Mapping[str, int]) -> int:
    """Where in the latest message the user last named one of ``s``'s ``all`` conditions
    (``salience``: offsets of the signals read in it); -1 when none."""
    names = [c.lstrip("!~") for cond in s.when.all for c in _PARTS.split(cond)]
    return max((salience[n] for n in names if n in salience), default=-1)


def get_situation(sid: str) -> Situation:
    for s in situations():
        if s.id == sid:
            return s
    raise KeyError(sid)


__all__ = ["FACT_PREFIXES", "MAX_ANSWER_CHARS", "ROUTES", "Ask", "Cite", "Deadline",
           "LIABLE_SIDE", "LegalAid", "Material", "Point", "Situation", "When", "check_condition",
           "check_fact", "claimant_only",
           "get_situation", "holds", "match", "read_situations", "role_fit", "said_at", "score",
           "situations"]
