"""What staff screening reads and returns: applications, proposals, lawyers, escalations, audit.

Pydantic models so the same objects serve the API, the store and the console. Personal fields
are validated once here (ID number per GB 11643, phone) with the drafting validators.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.drafting.validators import (
    check_id_number,
    check_phone,
    normalize_id_number,
    normalize_phone,
)
from assistant.models import Basis, Channel, CitedArticle, EscalationReason, Facts
from knowledge.rules.common import CATEGORY_CODES
from knowledge.rules.legal_aid import GROUPS, matter_tags

MeansTest = Literal["exempt", "waived", "required"]
Recommendation = Literal["grant", "refuse", "more_info"]
Status = Literal["received", "screened", "assigned", "referred_mediation", "closed"]
Source = Literal["staff", "kiosk", "wechat", "mediation_referral"]
Role = Literal["responder", "staff", "supervisor"]
PartyKind = Literal["person", "organisation", "government"]
DateKind = Literal["event", "deadline"]
DocumentKey = Literal[
    "id_card", "hardship_statement", "group_proof", "situation_proof", "guardian_proof",
    "case_materials",
]
Satisfaction = Literal["满意", "基本满意", "不满意", "未联系上"]

LEFT_BEHIND_CHILD = "留守儿童"
"""A local-policy group on top of the national vocabulary of ``knowledge.rules.legal_aid``."""
APPLICANT_GROUPS: frozenset[str] = GROUPS | {LEFT_BEHIND_CHILD}

STATUS_ZH: dict[str, str] = {
    "received": "已受理待审查",
    "screened": "已审查",
    "assigned": "已指派律师",
    "referred_mediation": "已转人民调解",
    "closed": "已结案",
}
RECOMMENDATION_ZH: dict[str, str] = {
    "grant": "建议给予法律援助",
    "refuse": "建议不予法律援助",
    "more_info": "需要补充材料或信息后再定",
}
MEANS_ZH: dict[str, str] = {
    "exempt": "不受经济困难条件限制（第三十二条等）",
    "waived": "免予核查经济困难状况（第四十二条）",
    "required": "需审查经济困难状况",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Applicant(_Strict):
    name: str = Field(min_length=1, max_length=50)
    id_number: str = Field(max_length=32)
    phone: str = Field(max_length=32)
    household_registration: str = Field(default="", max_length=200)  # 户籍地
    residence: str = Field(default="", max_length=200)  # 经常居住地
    region: str = Field(default="", max_length=50)  # 区/旗/县, used to match lawyers
    rural_household: bool = False  # 农业户籍 / 农村户口
    groups: list[str] = Field(default_factory=list, max_length=20)
    language: str = Field(default="", max_length=20)  # e.g. 蒙古语 when an interpreter is needed

    @field_validator("id_number")
    @classmethod
    def _id(cls, v: str) -> str:
        problem = check_id_number(v)
        if problem:
            raise ValueError(problem)
        return normalize_id_number(v)

    @field_validator("phone")
    @classmethod
    def _phone(cls, v: str) -> str:
        problem = check_phone(v)
        if problem:
            raise ValueError(problem)
        return normalize_phone(v)

    @field_validator("groups")
    @classmethod
    def _groups(cls, v: list[str]) -> list[str]:
        bad = [g for g in v if g not in APPLICANT_GROUPS]
        if bad:
            raise ValueError(f"不认识的特殊群体：{'、'.join(bad)}")
        return sorted(set(v))


class Economic(_Strict):
    """Declared economic status; amounts in yuan per month and per household member."""

    monthly_income_per_capita: Decimal | None = Field(default=None, ge=0, le=10_000_000)
    household_size: int | None = Field(default=None, ge=1, le=50)
    no_fixed_income: bool = False  # 无固定生活来源 (第四十二条第一项)
    note: str = Field(default="", max_length=500)


class KeyDate(_Strict):
    """A start event of a statutory period (``rule_id`` of knowledge/data/deadlines.tsv) or,
    with ``kind="deadline"``, a last day set by a court, tribunal or authority."""

    label: str = Field(min_length=1, max_length=50)
    on: date
    kind: DateKind = "event"
    rule_id: str | None = Field(default=None, max_length=64)


class Case(_Strict):
    category: str
    summary: str = Field(default="", max_length=4000)
    opposing_party: str = Field(default="", max_length=200)
    opposing_kind: PartyKind = "person"
    amount: Decimal | None = Field(default=None, ge=0, le=Decimal("9999999999999999.99"))
    key_dates: list[KeyDate] = Field(default_factory=list, max_length=20)
    documents_held: list[DocumentKey] = Field(default_factory=list)
    matter_tags: list[str] = Field(default_factory=list, max_length=20)
    major_or_difficult: bool = False  # marked by staff: 重大疑难
    claimants: int = Field(default=1, ge=1, le=10_000)
    mediation_refused: bool = False

    @field_validator("category")
    @classmethod
    def _category(cls, v: str) -> str:
        if v not in CATEGORY_CODES:
            raise ValueError("案件类别不在十二类之内")
        return v

    @field_validator("matter_tags")
    @classmethod
    def _tags(cls, v: list[str]) -> list[str]:
        bad = [t for t in v if t not in matter_tags()]
        if bad:
            raise ValueError(f"不认识的事项：{'、'.join(bad)}")
        return sorted(set(v))


class ApplicationIn(_Strict):
    applicant: Applicant
    case: Case
    economic: Economic = Field(default_factory=Economic)
    source: Source = "staff"
    referred_from: str = Field(default="", max_length=100)  # e.g. the mediation committee


class PriorityFlag(BaseModel):
    """``code``: priority_acceptance | no_hardship_review | priority_assignment."""

    code: str
    label: str
    reasons: list[Basis]
    local_policy: bool = False


class DocumentNeed(BaseModel):
    key: DocumentKey
    label: str
    basis: Basis | None = None


class DeadlineNote(BaseModel):
    label: str
    deadline: date
    days_left: int
    basis: Basis


class Proposal(BaseModel):
    """The engine's proposal; it never decides (staff confirm or override)."""

    in_scope: bool | None
    means_test: MeansTest
    recommendation: Recommendation
    recommendation_zh: str
    priority: list[PriorityFlag]
    mediation_first: bool
    city_wide_acceptance: bool
    documents_needed: list[DocumentNeed]
    deadlines: list[DeadlineNote]
    reasons: list[Basis]
    groups: list[str]

    @property
    def nearest_deadline(self) -> date | None:
        return min((d.deadline for d in self.deadlines if d.days_left >= 0), default=None)


class StatusChange(BaseModel):
    from_status: Status | None
    to_status: Status
    at: datetime
    actor: str
    reason: str


class ApplicationOut(BaseModel):
    id: str
    received_at: datetime
    status: Status
    status_zh: str
    applicant: Applicant
    case: Case
    economic: Economic
    source: Source
    referred_from: str
    decision: Recommendation | None
    decision_kind: Literal["confirmed", "overridden"] | None
    decision_reason: str
    priority_rank: int
    nearest_deadline: date | None
    lawyer_id: str | None
    history: list[StatusChange]


class QueueItem(BaseModel):
    id: str
    received_at: datetime
    status: Status
    status_zh: str
    applicant_name: str
    category: str
    priority_rank: int
    priority_labels: list[str]
    nearest_deadline: date | None


class DecisionIn(_Strict):
    decision: Recommendation | None = None  # required for an override
    reason: str = Field(default="", max_length=1000)


class TransitionIn(_Strict):
    to_status: Status
    reason: str = Field(min_length=2, max_length=1000)


class AssignIn(_Strict):
    lawyer_id: str = Field(min_length=1, max_length=32)
    reason: str = Field(default="", max_length=1000)


class Lawyer(BaseModel):
    id: str
    name: str
    firm: str
    specialties: list[str]
    region: str
    languages: list[str]
    caseload: int
    available: bool
    years_in_practice: int | None = None


class LawyerCandidate(BaseModel):
    lawyer: Lawyer
    score: float
    reasons: list[str]


class Assignment(BaseModel):
    application_id: str
    lawyer_id: str
    proposed: list[str]
    chosen_rank: int | None  # 1..3 when the pick was one of the proposed, else None
    actor: str
    at: datetime
    reason: str


class EscalationIn(_Strict):
    """Citizen side: hand the question to a person; ``consent`` must be true.

    The facts and the articles shared are those stored with the session (the last reply's
    citations), never a client's list, so staff see exactly what the citizen was shown.
    """

    session_id: str = Field(min_length=8, max_length=64)
    consent: bool
    reason: EscalationReason = "user_request"
    channel: Channel = "kiosk"
    openid_hash: str | None = Field(default=None, max_length=128)


class EscalationOut(BaseModel):
    id: str
    created_at: datetime
    reason: EscalationReason
    channel: Channel
    question: str
    facts: Facts
    articles: list[CitedArticle]
    risk_level: str | None
    status: Literal["open", "answered"]
    answer: str
    answered_by: str
    answered_at: datetime | None
    delivered: bool
    facts_zh: list[str] = Field(default_factory=list)  # the understood facts, in plain words


class EscalationTicket(BaseModel):
    """What the citizen gets back: only the pickup code."""

    pickup_code: str
    message: str


class PickupReply(BaseModel):
    status: Literal["open", "answered"]
    answer: str
    answered_at: datetime | None


class AnswerIn(_Strict):
    answer: str = Field(min_length=2, max_length=4000)


class FollowUp(BaseModel):
    id: str
    application_id: str
    due_on: date
    status: Literal["scheduled", "done"]
    outcome: str
    satisfaction: Satisfaction | None
    recorded_by: str
    recorded_at: datetime | None


class FollowUpIn(_Strict):
    outcome: str = Field(min_length=2, max_length=2000)
    satisfaction: Satisfaction


class AuditEntry(BaseModel):
    id: int
    at: datetime
    actor: str
    role: str
    action: str
    target: str
    reason: str
    detail: dict[str, object]


class FromSessionIn(_Strict):
    """Citizen side: turn a kiosk conversation into an application (explicit consent)."""

    session_id: str = Field(min_length=8, max_length=64)
    consent: bool
    applicant: Applicant
    economic: Economic = Field(default_factory=Economic)


class ApplicationTicket(BaseModel):
    pickup_code: str
    status: Status
    status_zh: str
    message: str


class PublicStatus(BaseModel):
    """All the citizen side may learn about an application: its status flow, nothing personal."""

    status: Status
    status_zh: str
    history: list[tuple[Status, date]]
