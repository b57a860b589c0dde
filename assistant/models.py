"""The shared vocabulary: what a consultation carries between turns, what each turn returns,
and the words a hand-off to a person is described in. Each type is defined here once.

Pydantic models so the same objects serialise to the API, the session store and the kiosk.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

ReplyKind = Literal["emergency", "clarify", "answer", "abstain", "out_of_scope"]
RiskLevel = Literal["low", "medium", "high"]
EscalationReason = Literal["abstain", "user_request", "high_risk"]
"""Why a conversation goes to a person: the assistant abstained, the user asked, high risk."""
Channel = Literal["kiosk", "wechat", "api"]
"""Where a hand-off came from."""


class Titles:
    """Section titles of an answer: the composer writes them, the LLM prompt names them, the
    kiosk lays them out (one set)."""

    CONCLUSION = "简要结论"
    BASIS = "法律依据"
    STEPS = "您可以这样做"
    MATERIALS = "需要准备的材料"
    RISK = "风险提示"
    CASES = "类似案例"


RISK_LEVEL_ZH: dict[str, str] = {"low": "较低", "medium": "中等", "high": "较高"}
"""The risk level in words (风险较低 / 中等 / 较高)."""


def _now() -> datetime:
    return datetime.now(UTC)


class CitedArticle(BaseModel):
    article_id: str
    law: str
    article: str
    text: str
    # "search": returned by retrieval for this question and quoted under 法律依据;
    # "rule": named by a cited rule table (deadline, fee, legal aid) and looked up in the index.
    source: Literal["search", "rule"] = "search"


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    text: str
    at: datetime = Field(default_factory=_now)
    # Assistant turns only (set by the engine): what the reply was, so a later
    # hand-off to a person carries the articles the citizen was shown and the risk level.
    kind: ReplyKind | None = None
    risk_level: RiskLevel | None = None
    citations: list[CitedArticle] = Field(default_factory=list)


class Party(BaseModel):
    role: str  # e.g. 用人单位, 出租人, 对方司机, 医院, 行政机关
    kind: Literal["person", "organisation", "government"] = "person"


class DateFact(BaseModel):
    label: str  # e.g. 离职, 事故, 受伤, 借款到期, 作出决定, 知道
    value: date
    raw: str


class Amount(BaseModel):
    label: str  # e.g. 欠薪, 借款, 押金, 医疗费, 标的
    value: Decimal
    raw: str


class Duration(BaseModel):
    label: str
    days: int
    raw: str


class Facts(BaseModel):
    """Facts extracted from the user's turns; ``None`` means not said yet."""

    parties: list[Party] = Field(default_factory=list)
    events: list[str] = Field(default_factory=list)
    dates: list[DateFact] = Field(default_factory=list)
    durations: list[Duration] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    written_contract: bool | None = None
    employment_ongoing: bool | None = None
    evidence: list[str] = Field(default_factory=list)
    injuries: list[str] = Field(default_factory=list)
    place: str | None = None
    groups: list[str] = Field(default_factory=list)
    matter_tags: list[str] = Field(default_factory=list)


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
    asked: list[str] = Field(default_factory=list)  # slot keys already asked about
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
    deadline: date | None
    days_left: int | None
    urgency: Literal["expired", "urgent", "soon", "ok", "open"]
    message: str
    basis: Basis


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
    text: str  # the whole answer as plain text, sized for a kiosk screen
    sections: list[Section] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)
    citations: list[CitedArticle] = Field(default_factory=list)
    cases: list[CaseRef] = Field(default_factory=list)
    risk: RiskAssessment | None = None
    classification: Classification | None = None
    generated_by: Literal["grounded", "llm"] = "grounded"


def assistant_turn(reply: Reply) -> Turn:
    """The assistant turn a reply leaves in the conversation: its text, kind, risk level and
    the articles it quoted (a later hand-off to a person carries them)."""
    return Turn(role="assistant", text=reply.text, kind=reply.kind,
                risk_level=reply.risk.level if reply.risk else None,
                citations=list(reply.citations))
