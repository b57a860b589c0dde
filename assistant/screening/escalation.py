"""Hand-offs from the citizen side to people: escalated questions and kiosk applications.

When the assistant abstains, the citizen asks for a person, or the risk is high, the question
(with the facts and the retrieved articles, only with consent) joins a queue that staff, duty
lawyers and trained volunteers (法律明白人) answer in the console. The citizen gets the reply
through WeChat's customer-service message (a ``ReplyDeliverer`` the WeChat adapter provides)
or by entering a pickup code at the kiosk.

Pickup codes: 8 characters from a 30-character alphabet without look-alikes (no 0/O, 1/I/L, and
no U, which reads like V), drawn with ``secrets``: 30**8 ≈ 6.6e11 codes, so guessing one is hopeless behind the
per-IP rate limit.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import delete, func, select

from assistant.db.models import as_utc
from assistant.models import CitedArticle, Facts, SessionState
from assistant.screening.auth import Principal
from assistant.screening.errors import (
    AlreadyDoneError,
    ConsentRequiredError,
    NoCategoryError,
    NotFoundError,
    PickupCodeNotFoundError,
)
from assistant.screening.models import (
    APPLICANT_GROUPS,
    ApplicationIn,
    Case,
    Channel,
    EscalationOut,
    EscalationReason,
    FromSessionIn,
    KeyDate,
    PickupReply,
)
from assistant.screening.store import ScreeningStore, new_id, utcnow, write_audit
from assistant.screening.tables import EscalationRow
from assistant.screening.words import facts_in_words
from knowledge.rules.common import CATEGORY_CODES
from knowledge.rules.legal_aid import matter_tags

log = logging.getLogger(__name__)

PICKUP_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # 8 digits + 22 letters = 30
PICKUP_LENGTH = 8
MAX_QUESTION_CHARS = 2000

# What the citizen agrees to, in one place for the kiosk checkbox and the WeChat prompt.
CONSENT_WHAT_ZH = "您的问题、您说过的情况（事实）和刚才答复里引用的法律条文"
CONSENT_WHO_ZH = "法律援助机构的工作人员、值班律师和经过培训的法律明白人"
CONSENT_KEPT_ZH = ("作为法律援助咨询记录，由法律援助机构按档案管理规定保存，只用于答复您的问题；"
                   "不会转给其他单位")


def consent_text_zh() -> str:
    """One paragraph saying what is shared, who sees it and how long it is kept."""
    return (f"转给工作人员的内容：{CONSENT_WHAT_ZH}。能看到的人：{CONSENT_WHO_ZH}。"
            f"保存：{CONSENT_KEPT_ZH}。您的姓名、身份证号不会自动转过去，除非您在问题里写了。")


def pickup_message_zh(code: str, *, channel: str = "kiosk", pushed: bool = False) -> str:
    """What the citizen is told after a hand-off: the code and how to come back with it, in the
    words of the channel they used (a kiosk never shows a 公众号; WeChat has no 一体机 page).
    ``pushed``: the staff answer will also be sent to the WeChat user directly."""
    if channel == "wechat":
        where = "在本公众号发送“取件码 " + code + "”"
    else:
        where = ("回到任一法律援助一体机，点“凭取件码查看答复”输入取件码，"
                 "或用手机扫“发到手机”的二维码，在手机上查看")
    tail = "；工作人员答复后也会直接发到您的微信。" if pushed else "。"
    return (f"您的问题已转给工作人员。请记下取件码 {code}，工作人员答复后，"
            f"{where}{tail}急事请拨打12348法律援助热线。")


def pickup_status_zh(reply: PickupReply) -> str:
    """The answer behind a pickup code as plain text (kiosk and WeChat)."""
    if reply.status != "answered":
        return "工作人员还在处理您的问题，请稍后再查。急事请拨打12348法律援助热线。"
    return f"工作人员的答复：\n{reply.answer}"


class ReplyDeliverer(Protocol):
    """Sends a staff reply to a WeChat user (customer-service message); raises on failure."""

    def deliver(self, openid_hash: str, text: str) -> None: ...


def new_pickup_code() -> str:
    return "".join(secrets.choice(PICKUP_ALPHABET) for _ in range(PICKUP_LENGTH))


def normalize_pickup_code(code: str) -> str:
    """Upper-cased without spaces or dashes; ``PickupCodeNotFoundError`` if it cannot be one."""
    c = code.strip().upper().replace("-", "").replace(" ", "")
    if len(c) != PICKUP_LENGTH or any(ch not in PICKUP_ALPHABET for ch in c):
        raise PickupCodeNotFoundError("malformed pickup code")
    return c


class EscalationQueue:
    def __init__(self, store: ScreeningStore, *, deliverer: ReplyDeliverer | None = None) -> None:
        self.store = store
        self.deliverer = deliverer

    def escalate(self, state: SessionState, *, consent: bool, reason: EscalationReason,
                 channel: Channel, articles: list[CitedArticle], risk_level: str | None = None,
                 openid_hash: str | None = None) -> str:
        """Queue the conversation's question for a person; returns the pickup code."""
        if not consent:
            raise ConsentRequiredError("escalation without consent")
        question = "\n".join(state.user_texts()[-3:])[-MAX_QUESTION_CHARS:]
        code = new_pickup_code()
        with self.store.session.begin() as db:
            row = EscalationRow(
                id=new_id(), pickup_code=code, created_at=utcnow(), reason=reason,
                channel=channel, openid_hash=openid_hash, question=question,
                facts=state.facts.model_dump(mode="json"),
                articles=[a.model_dump(mode="json") for a in articles], risk_level=risk_level,
                status="open", answer="", answered_by="", delivered=False)
            db.add(row)
            write_audit(db, None, "escalation_created", f"escalation:{row.id}",
                        detail={"reason": reason, "channel": channel, "consent": True})
        return code

    def list(self, *, status: str | None = "open", limit: int = 200) -> list[EscalationOut]:
        """Oldest first (a queue); high risk ahead of the rest."""
        q = select(EscalationRow).order_by(EscalationRow.created_at).limit(limit)
        if status:
            q = q.where(EscalationRow.status == status)
        with self.store.session() as db:
            out = [_out(r) for r in db.scalars(q).all()]
        return sorted(out, key=lambda e: (e.risk_level != "high", e.created_at))

    def answer(self, esc_id: str, text: str, *, who: Principal) -> EscalationOut:
        with self.store.session.begin() as db:
            row = db.get(EscalationRow, esc_id)
            if row is None:
                raise NotFoundError(f"escalation {esc_id}")
            if row.status == "answered":
                raise AlreadyDoneError(f"escalation {esc_id}")
            row.status, row.answer = "answered", text.strip()
            row.answered_by, row.answered_at = who.username, utcnow()
            write_audit(db, who, "escalation_answered", f"escalation:{esc_id}",
                        detail={"chars": len(row.answer)})
        if row.channel == "wechat" and row.openid_hash:
            self._deliver(row, who=who)
        return _out(row)

    def _deliver(self, row: EscalationRow, *, who: Principal) -> None:
        if self.deliverer is None:
            return  # the citizen can still fetch the reply with the pickup code
        text = f"您之前咨询的问题，工作人员回复如下：\n{row.answer}\n（取件码 {row.pickup_code}）"
        try:
            self.deliverer.deliver(row.openid_hash or "", text)
        except Exception:  # a WeChat outage must not lose the answer: it stays retrievable
            log.exception("WeChat delivery of escalation %s failed", row.id)
            return
        with self.store.session.begin() as db:
            stored = db.get(EscalationRow, row.id)
            if stored is not None:
                stored.delivered = True
            write_audit(db, who, "escalation_delivered", f"escalation:{row.id}")
        row.delivered = True

    def purge_older_than(self, days: int, *, now: datetime | None = None) -> int:
        """Delete escalations whose last activity (asked or answered) is more than ``days`` days
        old, as sessions are purged; one audit row records how many went."""
        cutoff = (now or utcnow()) - timedelta(days=days)
        last = func.coalesce(EscalationRow.answered_at, EscalationRow.created_at)
        with self.store.session.begin() as db:
            result = db.execute(delete(EscalationRow).where(last < cutoff))
            count = int(getattr(result, "rowcount", 0) or 0)
            if count:
                write_audit(db, None, "escalations_purged", "escalations",
                            detail={"count": count, "days": days}, system=True)
        return count

    def by_pickup(self, code: str) -> PickupReply:
        c = normalize_pickup_code(code)
        with self.store.session() as db:
            row = db.scalars(select(EscalationRow).where(EscalationRow.pickup_code == c)).first()
            if row is None:
                raise PickupCodeNotFoundError("unknown pickup code")
            return PickupReply(status=row.status, answer=row.answer,  # type: ignore[arg-type]
                               answered_at=as_utc(row.answered_at) if row.answered_at else None)


def _out(r: EscalationRow) -> EscalationOut:
    return EscalationOut(
        id=r.id, created_at=as_utc(r.created_at), reason=r.reason, channel=r.channel,  # type: ignore[arg-type]
        question=r.question, facts=Facts.model_validate(r.facts),
        articles=[CitedArticle.model_validate(a) for a in r.articles], risk_level=r.risk_level,
        status=r.status, answer=r.answer, answered_by=r.answered_by,  # type: ignore[arg-type]
        answered_at=as_utc(r.answered_at) if r.answered_at else None, delivered=r.delivered,
        facts_zh=facts_in_words(Facts.model_validate(r.facts)))


# The other side of the dispute, by the user's role (what a staff member would write).
OPPOSING_PARTY: dict[str, tuple[str, str]] = {
    "worker": ("用人单位", "organisation"), "tenant": ("出租人", "person"),
    "landlord": ("承租人", "person"), "lender": ("借款人", "person"),
    "borrower": ("出借人", "person"), "guarantor": ("债权人", "person"),
    "buyer": ("经营者", "organisation"), "patient": ("医院", "organisation"),
    "patient_family": ("医院", "organisation"), "applicant": ("行政机关", "government"),
    "land_contractor": ("村集体", "organisation"), "villager": ("村集体", "organisation"),
}
# Date kinds as the screening rules name the events that start a time limit (rules.py).
DATE_LABELS: dict[str, str] = {
    "left_job": "离职", "incident": "事故", "diagnosis": "诊断", "decision": "决定",
    "accident_report": "认定书", "loan_due": "到期", "started_job": "入职",
    "loan_made": "借款", "purchase": "购买", "judgment": "判决", "marriage": "结婚",
    "death": "去世",
}


def application_from_session(state: SessionState, data: FromSessionIn) -> ApplicationIn:
    """An application built from a kiosk conversation; the caller has checked consent."""
    if not data.consent:
        raise ConsentRequiredError("application from session without consent")
    cls = state.classification
    if cls is None or cls.category not in CATEGORY_CODES:
        raise NoCategoryError("session has no category")
    facts = state.facts
    groups = sorted((set(data.applicant.groups) | set(facts.groups)) & APPLICANT_GROUPS)
    applicant = data.applicant.model_copy(update={"groups": groups})
    opposing, kind = OPPOSING_PARTY.get(facts.role or "", ("", "person"))
    amount = max((m.value for m in facts.amounts.values()), default=None)
    case = Case(
        category=cls.category,
        summary="\n".join(state.user_texts())[-4000:],
        opposing_party=opposing,
        opposing_kind=kind,  # type: ignore[arg-type]
        amount=amount,
        key_dates=[KeyDate(label=DATE_LABELS.get(k, k), on=d.first)
                   for k, d in list(facts.dates.items())[:20]],
        matter_tags=sorted(set(facts.matter_tags) & matter_tags()),
    )
    return ApplicationIn(applicant=applicant, case=case, economic=data.economic, source="kiosk")


