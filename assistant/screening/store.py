"""Applications, decisions, status flow, assignments, follow-ups, staff users and the audit log.

Every change and its audit row are written in one transaction, so an action is never recorded
without its audit entry or the other way round. The audit log is only ever inserted into here;
the database triggers of revision 0002 reject UPDATE and DELETE from anywhere else.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.db.models import as_utc
from assistant.screening.auth import Principal, hash_password, verify_password
from assistant.screening.errors import (
    AlreadyDoneError,
    NotFoundError,
    PickupCodeNotFoundError,
    ReasonRequiredError,
    TransitionError,
    UserExistsError,
)
from assistant.screening.models import (
    STATUS_ZH,
    Applicant,
    ApplicationIn,
    ApplicationOut,
    AuditEntry,
    Case,
    Economic,
    FollowUp,
    FollowUpIn,
    Proposal,
    PublicStatus,
    QueueItem,
    Recommendation,
    Role,
    Status,
    StatusChange,
)
from assistant.screening.rules import FIRST_AID_DAYS, LocalPolicy, priority_rank, propose
from assistant.screening.tables import (
    ApplicationRow,
    AuditRow,
    FollowUpRow,
    StaffUserRow,
    StatusHistoryRow,
)

# The visible status flow. "screened" is reached by a decision and "assigned" by choosing a
# lawyer (their own endpoints); referral goes both ways between legal aid and mediation.
TRANSITIONS: dict[str, frozenset[str]] = {
    "received": frozenset({"screened", "closed"}),
    "screened": frozenset({"assigned", "referred_mediation", "closed"}),
    "assigned": frozenset({"referred_mediation", "closed"}),
    "referred_mediation": frozenset({"screened", "assigned", "closed"}),
    "closed": frozenset(),
}
FOLLOW_UP_DAYS = 30
MIN_REASON_CHARS = 2


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return secrets.token_hex(16)


def write_audit(db: Session, who: Principal | None, action: str, target: str, *,
                reason: str = "", detail: dict[str, Any] | None = None,
                system: bool = False) -> None:
    """Append one audit row inside the caller's transaction (the only writer of audit_log).
    ``who`` None is the citizen, or the service itself with ``system`` (e.g. retention)."""
    anonymous = "system" if system else "citizen"
    db.add(AuditRow(at=utcnow(), actor=who.username if who else anonymous,
                    role=who.role if who else anonymous, action=action, target=target,
                    reason=reason, detail=detail or {}))


@dataclass(frozen=True, slots=True)
class NewApplication:
    application: ApplicationOut
    pickup_code: str


class ScreeningStore:
    """The only code that reads or writes the screening tables (escalations and lawyers have
    their own modules over the same engine)."""

    def __init__(self, engine: Engine, *, policy: LocalPolicy | None = None,
                 follow_up_days: int = FOLLOW_UP_DAYS) -> None:
        self.engine = engine
        self.policy = policy or LocalPolicy()
        self.follow_up_days = follow_up_days
        self.session = sessionmaker(engine, expire_on_commit=False)

    # ------------------------------------------------------------------ staff users

    def add_user(self, username: str, password: str, *, role: Role) -> None:
        with self.session.begin() as db:
            if db.get(StaffUserRow, username) is not None:
                raise UserExistsError(username)
            db.add(StaffUserRow(username=username, password_hash=hash_password(password),
                                role=role, active=True, created_at=utcnow()))
            write_audit(db, None, "user_added", f"user:{username}", detail={"role": role})

    def authenticate(self, username: str, password: str) -> Principal | None:
        with self.session() as db:
            row = db.get(StaffUserRow, username)
        if row is None or not row.active:
            verify_password(password, _dummy_hash())  # same time whether the user exists or not
            return None
        return Principal(row.username, row.role) if verify_password(  # type: ignore[arg-type]
            password, row.password_hash) else None

    def principal(self, username: str) -> Principal | None:
        with self.session() as db:
            row = db.get(StaffUserRow, username)
        if row is None or not row.active:
            return None
        return Principal(row.username, row.role)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ applications

    def create(self, app: ApplicationIn, *, who: Principal | None, today: date,
               session_id: str | None = None, pickup_code: str) -> NewApplication:
        proposal = propose(app, today=today, policy=self.policy)
        now = utcnow()
        row = ApplicationRow(
            id=new_id(), pickup_code=pickup_code, received_at=now, updated_at=now,
            status="received", source=app.source, referred_from=app.referred_from,
            session_id=session_id, category=app.case.category, decision_reason="",
            **_json_parts(app), **_proposal_columns(proposal))
        with self.session.begin() as db:
            db.add(row)
            db.add(StatusHistoryRow(application_id=row.id, from_status=None,
                                    to_status="received", at=now, actor=_actor(who),
                                    reason=f"来源：{app.source}"))
            write_audit(db, who, "application_created", f"application:{row.id}",
                        detail={"source": app.source, "category": app.case.category})
        return NewApplication(self.get(row.id), pickup_code)

    def update(self, app_id: str, app: ApplicationIn, *, who: Principal, today: date,
               reason: str = "") -> ApplicationOut:
        proposal = propose(app, today=today, policy=self.policy)
        with self.session.begin() as db:
            row = _row(db, app_id)
            if row.status == "closed":
                raise TransitionError("closed applications are read-only")
            changed = [k for k, v in _json_parts(app).items() if getattr(row, k) != v]
            for k, v in {**_json_parts(app), **_proposal_columns(proposal)}.items():
                setattr(row, k, v)
            row.category, row.updated_at = app.case.category, utcnow()
            write_audit(db, who, "application_updated", f"application:{app_id}",
                        reason=reason, detail={"changed": changed})
        return self.get(app_id)

    def get(self, app_id: str) -> ApplicationOut:
        with self.session() as db:
            row = _row(db, app_id)
            history = db.scalars(select(StatusHistoryRow).where(
                StatusHistoryRow.application_id == app_id).order_by(StatusHistoryRow.id)).all()
            return _out(row, list(history))

    def app_input(self, app_id: str) -> ApplicationIn:
        with self.session() as db:
            row = _row(db, app_id)
            return _input(row)

    def proposal(self, app_id: str, *, today: date) -> Proposal:
        """The proposal recomputed for ``today`` (deadlines move); stored for the queue."""
        proposal = propose(self.app_input(app_id), today=today, policy=self.policy)
        with self.session.begin() as db:
            row = _row(db, app_id)
            for k, v in _proposal_columns(proposal).items():
                setattr(row, k, v)
        return proposal

    def decide(self, app_id: str, *, who: Principal, today: date, override: bool,
               decision: Recommendation | None, reason: str) -> ApplicationOut:
        """Confirm the proposal or override it (a reason is required); moves to screened."""
        proposal = self.proposal(app_id, today=today)
        reason = reason.strip()
        if override and (decision is None or len(reason) < MIN_REASON_CHARS):
            raise ReasonRequiredError("override without decision or reason")
        chosen = decision if override and decision else proposal.recommendation
        with self.session.begin() as db:
            row = _row(db, app_id)
            if row.status != "received":
                raise TransitionError(f"decide in status {row.status}")
            row.decision, row.decision_reason = chosen, reason
            row.decision_kind = "overridden" if override else "confirmed"
            _move(db, row, "screened", who=who, reason=reason or "确认审查建议")
            write_audit(db, who, "decision_overridden" if override else "decision_confirmed",
                        f"application:{app_id}", reason=reason,
                        detail={"proposed": proposal.recommendation, "decision": chosen,
                                "means_test": proposal.means_test,
                                "citations": sorted({f"{b.law}{b.article}" for b in
                                                     proposal.reasons if b.law})})
        return self.get(app_id)

    def transition(self, app_id: str, to: Status, *, who: Principal, reason: str) -> ApplicationOut:
        """Generic moves: to mediation, back from mediation, and closing."""
        if to in ("assigned",) or len(reason.strip()) < MIN_REASON_CHARS:
            raise TransitionError(f"use the dedicated endpoint or give a reason for {to}")
        with self.session.begin() as db:
            row = _row(db, app_id)
            if to == "screened" and row.status != "referred_mediation":
                raise TransitionError("screening happens by confirming or overriding")
            _move(db, row, to, who=who, reason=reason.strip())
            write_audit(db, who, "status_changed", f"application:{app_id}", reason=reason,
                        detail={"to": to})
            if to == "closed":
                self._schedule_follow_up(db, row, who=who)
        return self.get(app_id)

    def _schedule_follow_up(self, db: Session, row: ApplicationRow, *, who: Principal) -> None:
        fid = new_id()
        db.add(FollowUpRow(id=fid, application_id=row.id, status="scheduled", outcome="",
                           due_on=utcnow().date() + timedelta(days=self.follow_up_days),
                           recorded_by=""))
        write_audit(db, who, "follow_up_scheduled", f"follow_up:{fid}",
                    detail={"application": row.id})

    def queue(self, *, today: date, include_closed: bool = False,
              limit: int = 500) -> list[QueueItem]:
        """Open applications, most urgent first: rank, then nearest deadline, then age."""
        q = select(ApplicationRow)
        if not include_closed:
            q = q.where(ApplicationRow.status != "closed")
        with self.session() as db:
            rows = db.scalars(q.order_by(ApplicationRow.received_at).limit(limit)).all()
        items = [_queue_item(r, today) for r in rows]
        return sorted(items, key=lambda i: (i.priority_rank, i.nearest_deadline or date.max,
                                            i.received_at))

    def public_status(self, pickup_code: str) -> PublicStatus:
        with self.session() as db:
            row = db.scalars(select(ApplicationRow).where(
                ApplicationRow.pickup_code == pickup_code)).first()
            if row is None:
                raise PickupCodeNotFoundError("no application with that code")
            hist = db.scalars(select(StatusHistoryRow).where(
                StatusHistoryRow.application_id == row.id).order_by(StatusHistoryRow.id)).all()
            return PublicStatus(status=row.status, status_zh=STATUS_ZH[row.status],  # type: ignore[arg-type]
                                history=[(h.to_status, as_utc(h.at).date()) for h in hist])  # type: ignore[misc]

    def all_applications(self) -> list[ApplicationOut]:
        with self.session() as db:
            rows = db.scalars(select(ApplicationRow).order_by(ApplicationRow.received_at)).all()
            return [_out(r, []) for r in rows]

    # ------------------------------------------------------------------ follow-ups and audit

    def follow_ups(self, *, status: str | None = None) -> list[FollowUp]:
        q = select(FollowUpRow).order_by(FollowUpRow.due_on)
        if status:
            q = q.where(FollowUpRow.status == status)
        with self.session() as db:
            return [_follow_up(r) for r in db.scalars(q).all()]

    def record_follow_up(self, fid: str, data: FollowUpIn, *, who: Principal) -> FollowUp:
        with self.session.begin() as db:
            row = db.get(FollowUpRow, fid)
            if row is None:
                raise NotFoundError(f"follow-up {fid}")
            if row.status == "done":
                raise AlreadyDoneError(f"follow-up {fid}")
            row.status, row.outcome, row.satisfaction = "done", data.outcome, data.satisfaction
            row.recorded_by, row.recorded_at = who.username, utcnow()
            write_audit(db, who, "follow_up_recorded", f"follow_up:{fid}",
                        detail={"application": row.application_id,
                                "satisfaction": data.satisfaction})
            return _follow_up(row)

    def audit_entries(self, *, target: str | None = None, limit: int = 1000) -> list[AuditEntry]:
        q = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
        if target:
            q = q.where(AuditRow.target == target)
        with self.session() as db:
            return [AuditEntry(id=r.id, at=as_utc(r.at), actor=r.actor, role=r.role,
                               action=r.action, target=r.target, reason=r.reason,
                               detail=dict(r.detail)) for r in db.scalars(q).all()]

    def audit(self, who: Principal | None, action: str, target: str, *, reason: str = "",
              detail: dict[str, Any] | None = None) -> None:
        """A stand-alone audit row (e.g. an export or a read of personal data)."""
        with self.session.begin() as db:
            write_audit(db, who, action, target, reason=reason, detail=detail)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password(secrets.token_hex(8))


def _actor(who: Principal | None) -> str:
    return who.username if who else "citizen"


def _row(db: Session, app_id: str) -> ApplicationRow:
    row = db.get(ApplicationRow, app_id)
    if row is None:
        raise NotFoundError(f"application {app_id}")
    return row


def _move(db: Session, row: ApplicationRow, to: str, *, who: Principal, reason: str) -> None:
    if to not in TRANSITIONS[row.status]:
        raise TransitionError(f"{row.status} -> {to}")
    db.add(StatusHistoryRow(application_id=row.id, from_status=row.status, to_status=to,
                            at=utcnow(), actor=who.username, reason=reason))
    row.status, row.updated_at = to, utcnow()


def move_to_assigned(db: Session, row: ApplicationRow, *, who: Principal, reason: str) -> None:
    """Used by lawyer assignment (lawyers.py), in its own transaction."""
    if row.decision == "refuse":
        raise TransitionError("refused applications get no lawyer")
    _move(db, row, "assigned", who=who, reason=reason)


def _json_parts(app: ApplicationIn) -> dict[str, Any]:
    return {"applicant": app.applicant.model_dump(mode="json"),
            "case": app.case.model_dump(mode="json"),
            "economic": app.economic.model_dump(mode="json")}


def _proposal_columns(p: Proposal) -> dict[str, Any]:
    return {"proposal": p.model_dump(mode="json"), "priority_rank": priority_rank(p),
            "priority_labels": [f.label for f in p.priority],
            "nearest_deadline": p.nearest_deadline}


def _input(row: ApplicationRow) -> ApplicationIn:
    return ApplicationIn(applicant=Applicant.model_validate(row.applicant),
                         case=Case.model_validate(row.case),
                         economic=Economic.model_validate(row.economic),
                         source=row.source, referred_from=row.referred_from)  # type: ignore[arg-type]


def _out(row: ApplicationRow, history: list[StatusHistoryRow]) -> ApplicationOut:
    app = _input(row)
    return ApplicationOut(
        id=row.id, received_at=as_utc(row.received_at), status=row.status,  # type: ignore[arg-type]
        status_zh=STATUS_ZH[row.status], applicant=app.applicant, case=app.case,
        economic=app.economic, source=app.source, referred_from=row.referred_from,
        decision=row.decision, decision_kind=row.decision_kind,  # type: ignore[arg-type]
        decision_reason=row.decision_reason, priority_rank=row.priority_rank,
        nearest_deadline=row.nearest_deadline, lawyer_id=row.lawyer_id,
        history=[StatusChange(from_status=h.from_status, to_status=h.to_status,  # type: ignore[arg-type]
                              at=as_utc(h.at), actor=h.actor, reason=h.reason) for h in history],
    )


def _queue_item(row: ApplicationRow, today: date) -> QueueItem:
    # The stored rank was computed on the day of the last change; a deadline that has come
    # within seven days since then must still lift the application to the top.
    rank = row.priority_rank
    nd = row.nearest_deadline
    if nd is not None and 0 <= (nd - today).days < FIRST_AID_DAYS:
        rank = 0
    return QueueItem(id=row.id, received_at=as_utc(row.received_at), status=row.status,  # type: ignore[arg-type]
                     status_zh=STATUS_ZH[row.status], applicant_name=row.applicant["name"],
                     category=row.category, priority_rank=rank,
                     priority_labels=list(row.priority_labels), nearest_deadline=nd)


def _follow_up(r: FollowUpRow) -> FollowUp:
    return FollowUp(id=r.id, application_id=r.application_id, due_on=r.due_on,
                    status=r.status, outcome=r.outcome, satisfaction=r.satisfaction,  # type: ignore[arg-type]
                    recorded_by=r.recorded_by,
                    recorded_at=as_utc(r.recorded_at) if r.recorded_at else None)
