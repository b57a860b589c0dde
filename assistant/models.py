"""The shared vocabulary: what a consultation carries between turns, what each turn returns,
and the words a hand-off to a person is described in. Each type is defined here once.

Pydantic models so the same objects serialise to the API, the session store and the kiosk.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from knowledge.vocabulary import (
    AMOUNT_KINDS,
    DATE_KINDS,
    EVIDENCE_KINDS,
    FLAG_CATEGORIES,
    FLAGS,
    ROLES,
)

ReplyKind = Literal["emergency", "clarify", "answer", "abstain", "out_of_scope"]
RiskLevel = Literal["low", "medium", "high"]
EscalationReason = Literal["abstain", "user_request", "high_risk"]
"""Why a conversation goes to a person: the assistant abstained, the user asked, high risk."""
Channel = Literal["kiosk", "wechat", "api"]
"""Where a hand-off came from."""


class Titles:
    """Section titles of an answer: the composer writes them, the LLM prompt names them, the
    kiosk lays them out (one set). ``ANSWER`` is the first screen; the rest fold away."""

    ANSWER = "答复"
    ASK = "请再告诉我"
    UNDERSTOOD = "我理解的情况"
    BASIS = "法律依据"
    STEPS = "怎么办"
    MATERIALS = "还需要准备的材料"
    RISK = "风险提示"
    CASES = "类似案例"
    GLOSSARY = "词语解释"
    REFERRAL = "转介"


RISK_LEVEL_ZH: dict[str, str] = {"low": "较低", "medium": "中等", "high": "较高"}
"""The risk level in words (风险较低 / 中等 / 较高)."""


def _now() -> datetime:
    return datetime.now(UTC)


class CitedArticle(BaseModel):
    article_id: str
    law: str
    article: str
    text: str  # the whole article (opened on demand)
    # "situation": a key article of the recognised situation, looked up and verified;
    # "search": returned by retrieval for this question; "rule": named by a cited rule table
    # (deadline, fee, legal aid) and looked up in the index.
    source: Literal["situation", "search", "rule"] = "search"
    quote: str = ""  # what the answer shows: the whole article or the clause that matters
    short: str = ""  # the law's short name (民间借贷司法解释), when it has one

    @property
    def law_zh(self) -> str:
        """The law as an answer names it: a law without 中华人民共和国, a court interpretation
        by its short name after 最高法 (the full title runs to 30-odd characters)."""
        if self.law.startswith("最高人民法院") and self.short:
            return f"最高法《{self.short}》"
        return f"《{self.law.removeprefix('中华人民共和国')}》"


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    text: str
    at: datetime = Field(default_factory=_now)
    # Assistant turns only (set by the engine): what the reply was, so a later
    # hand-off to a person carries the articles the citizen was shown and the risk level.
    kind: ReplyKind | None = None
    risk_level: RiskLevel | None = None
    citations: list[CitedArticle] = Field(default_factory=list)
    # The reply's first screen (direct answer, time limit, next step): what read-aloud reads first.
    first_screen: str = ""


class DateSpan(BaseModel):
    """A day the user named, or the span of days a vague expression may mean ("九月底" →
    25–30 September): ``first`` == ``last`` for an exact day."""

    first: date
    last: date
    raw: str  # the user's words, quoted back when an estimate is used
    estimated: bool = False

    def zh(self, *, addressed: bool = True) -> str:
        """The day in words; an estimate quotes the user's words (to them, or to staff)."""
        said = "您说的" if addressed else "原话"
        if not self.estimated:
            day = f"{self.first.year}年{self.first.month}月{self.first.day}日"
            return day if addressed else f"{day}（{said}“{self.raw}”）"
        return f"约{_zh_span(self.first, self.last)}（{said}“{self.raw}”）"


def _zh_span(a: date, b: date) -> str:
    head = f"{a.year}年{a.month}月{a.day}日"
    if a.year != b.year:
        return f"{head}至{b.year}年{b.month}月{b.day}日"
    if a.month != b.month:
        return f"{head}至{b.month}月{b.day}日"
    return head if a.day == b.day else f"{head}至{b.day}日"


class Money(BaseModel):
    value: Decimal
    raw: str


class Facts(BaseModel):
    """What the user said, in the vocabulary of ``knowledge.vocabulary``; a key is absent until
    said. Later statements override earlier ones key by key.

    ``signals`` holds every yes/no the signal tables read (the ``FLAGS`` among them:
    ``employment_ongoing``, ``written_contract``, ``injured`` …); ``dates`` and ``amounts`` are
    keyed by kind (``left_job``, ``wages_owed`` …); ``durations`` in days (``employment``), a
    loan's term in months (``loan_term_months``).
    """

    role: str | None = None
    # Every role the user's words fit, first said first ("俺男人让公安带走了": spouse and
    # suspect_family); ``role`` is the one the recognised situation confirms.
    roles: list[str] = Field(default_factory=list)
    signals: dict[str, bool] = Field(default_factory=dict)
    dates: dict[str, DateSpan] = Field(default_factory=dict)
    amounts: dict[str, Money] = Field(default_factory=dict)
    durations: dict[str, int] = Field(default_factory=dict)
    age: int | None = None
    evidence_held: list[str] = Field(default_factory=list)
    evidence_missing: list[str] = Field(default_factory=list)
    groups: list[str] = Field(default_factory=list)
    place: str | None = None
    matter_tags: list[str] = Field(default_factory=list)

    def flag(self, name: str) -> bool | None:
        return self.signals.get(name)

    def in_words(self, *, addressed: bool = True, category: str | None = None) -> list[str]:
        """What was understood, one short item each: to the citizen (``addressed``: "您是劳动者")
        or to staff ("身份：劳动者", the user's own words quoted, groups and place added). With
        ``category``, flags that mean nothing there are left out (``FLAG_CATEGORIES``)."""
        out = []
        if self.role:
            out.append(f"您是{ROLES[self.role]}" if addressed else f"身份：{ROLES[self.role]}")
        for name, (yes, no) in FLAGS.items():
            value = self.signals.get(name)
            where = FLAG_CATEGORIES.get(name)
            if category is not None and where is not None and category not in where:
                continue
            if value is not None:
                out.append(yes if value else no)
        out += [f"{DATE_KINDS[k]}：{d.zh(addressed=addressed)}" for k, d in self.dates.items()
                if k in DATE_KINDS]
        out += [f"{AMOUNT_KINDS[k]}：{yuan(m.value)}" + ("" if addressed else f"（原话“{m.raw}”）")
                for k, m in self.amounts.items() if k in AMOUNT_KINDS]
        if "employment" in self.durations:
            out.append(f"干了约{_months(self.durations['employment'])}")
        if self.age is not None:
            out.append(f"年龄：{self.age}岁")
        if self.evidence_held:
            out.append("有：" + "、".join(EVIDENCE_KINDS[e] for e in self.evidence_held))
        if self.evidence_missing:
            out.append("没有：" + "、".join(EVIDENCE_KINDS[e] for e in self.evidence_missing))
        if self.place:
            out.append("地点：" + self.place)
        if self.groups and not addressed:
            out.append("特殊群体：" + "、".join(self.groups))
        return out


def yuan(value: Decimal) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") + "元"


def _months(days: int) -> str:
    return f"{days // 365}年" if days >= 365 and days % 365 < 30 else f"{max(1, days // 30)}个月"


class Classification(BaseModel):
    category: str  # one of the twelve codes or "out_of_scope"
    confidence: float
    secondary: list[str] = Field(default_factory=list)
    groups: list[str] = Field(default_factory=list)  # 未成年人, 老年人, 妇女, 残疾人, 农民工, 军人


class SessionState(BaseModel):
    session_id: str
    turns: list[Turn] = Field(default_factory=list)
    classification: Classification | None = None
    facts: Facts = Field(default_factory=Facts)
    # Situations (and, without one, categories) already asked about: each asks once.
    asked: list[str] = Field(default_factory=list)
    # Facts the last clarifying question asked for: an answer like "十月十二号" fills them.
    expecting: list[str] = Field(default_factory=list)
    situations: list[str] = Field(default_factory=list)  # recognised, best first
    # What the person asked ("这字能签不" → sign), kept while later turns only add facts.
    intents: list[str] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=_now)
    updated_at: datetime = Field(default_factory=_now)

    def user_texts(self) -> list[str]:
        return [t.text for t in self.turns if t.role == "user"]


class CaseRef(BaseModel):
    case_id: str
    title: str
    holding: str
    cited: list[str] = Field(default_factory=list)
    note: str = ""  # e.g. a warning that the case applied a law since repealed


class Basis(BaseModel):
    """A reason and the article it rests on."""

    text: str
    law: str = ""
    article: str = ""


class DeadlineOut(BaseModel):
    rule_id: str
    name: str
    deadline: date | None  # the nominal last day (the safe one)
    days_left: int | None
    urgency: Literal["expired", "urgent", "soon", "ok", "open"]
    message: str
    basis: Basis
    estimated: bool = False  # counted from a vague date ("九月底"): an estimate
    extended_to: date | None = None  # the legal last day when the nominal one is a rest day


class EvidenceOut(BaseModel):
    key: str
    label: str
    why: str
    held: bool


class FeeOut(BaseModel):
    case_type: str
    amount_yuan: Decimal
    amount_max_yuan: Decimal | None = None
    breakdown: list[str] = Field(default_factory=list)
    relief: str = ""
    relief_brief: str = ""  # the general route and the one of this case type
    basis: list[Basis] = Field(default_factory=list)


class LegalAidOut(BaseModel):
    in_scope: bool | None
    exempt_from_means_test: bool
    means_check_waived: bool
    reasons: list[Basis] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)


class RiskAssessment(BaseModel):
    level: RiskLevel
    reasons: list[Basis] = Field(default_factory=list)
    deadlines: list[DeadlineOut] = Field(default_factory=list)
    evidence: list[EvidenceOut] = Field(default_factory=list)
    fee: FeeOut | None = None
    legal_aid: LegalAidOut | None = None


class Section(BaseModel):
    title: str
    body: str


class Reply(BaseModel):
    kind: ReplyKind
    text: str  # the whole answer as plain text
    # The first screen: the direct answer, the deadline that applies, the one next step.
    first_screen: str = ""
    sections: list[Section] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)
    citations: list[CitedArticle] = Field(default_factory=list)
    cases: list[CaseRef] = Field(default_factory=list)
    risk: RiskAssessment | None = None
    classification: Classification | None = None
    situations: list[str] = Field(default_factory=list)  # the situations the answer is about
    facts: Facts | None = None  # what the engine understood (shown back to the user)
    generated_by: Literal["grounded", "llm"] = "grounded"


def assistant_turn(reply: Reply) -> Turn:
    """The assistant turn a reply leaves in the conversation: its text, kind, risk level, the
    articles it quoted (a later hand-off to a person carries them) and its first screen."""
    return Turn(role="assistant", text=reply.text, kind=reply.kind,
                risk_level=reply.risk.level if reply.risk else None,
                citations=list(reply.citations), first_screen=reply.first_screen)
