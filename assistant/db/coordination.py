"""What several replicas must agree on, kept in the database instead of a process's memory.

With two replicas behind a load balancer (or ``legalaid serve --workers 2``) any request may land
on any process, so everything that has to be consistent between requests is a row here
(revision 0003), changed only by statements that are atomic on SQLite and PostgreSQL alike:

- **replicas**: each process writes a heartbeat; a process whose beat is older than the
  timeout is presumed dead (``kill -9`` leaves no goodbye) and its unfinished work is taken over;
- **message claims**: an inbound message (WeChat MsgId) is answered by the replica whose
  ``INSERT`` won; how its answer is delivered (``passive`` reply or ``push``) is decided once,
  by compare-and-set, so exactly one path delivers it;
- **consent asks**: a follower asked for 同意 on one replica may agree on another;
- **access tokens**: WeChat retires the old token whenever a new one is fetched, so one token is
  shared, refreshed under a row lock;
- **followers**: the sealed OpenID of a follower with an open escalation, so a staff answer can
  be pushed from whichever replica handles it.

The per-client rate limit is not here: the load balancer limits globally (``deploy/nginx``), and
each replica keeps its own bucket as a backstop (see docs/service.md).
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from assistant.db.models import (
    AccessTokenRow,
    Base,
    ConsentAskRow,
    FollowerRow,
    MessageClaimRow,
    ReplicaRow,
    as_utc,
)

Clock = Callable[[], datetime]
MODES = ("passive", "push")
CLAIM_TTL = timedelta(days=1)  # WeChat retries within ~15 s; a day is a wide margin
REPLICA_TTL = timedelta(days=1)  # rows of replicas gone for good
CONSENT_WINDOW = timedelta(minutes=10)  # a 同意 counts only this long after the question
FOLLOWER_TTL = timedelta(hours=48)  # WeChat refuses customer-service messages after 48 h


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_replica_id() -> str:
    return uuid.uuid4().hex[:16]


@dataclass(frozen=True, slots=True)
class Claim:
    key: str
    owner: str
    claimed_at: datetime
    mode: str | None
    payload: bytes | None
    answer: list[str] | None
    done: bool
    attempts: int


@dataclass(frozen=True, slots=True)
class PurgedShared:
    claims: int
    consents: int
    followers: int
    replicas: int


class SharedState:
    """The shared rows of one database, seen from one replica (``replica_id``)."""

    def __init__(self, engine: Engine, *, replica_id: str | None = None,
                 clock: Clock = utcnow) -> None:
        self.engine = engine
        self.replica_id = replica_id or new_replica_id()
        self.clock = clock
        self._session = sessionmaker(engine, expire_on_commit=False)

    # ------------------------------------------------------------------ replicas

    def beat(self) -> None:
        """Record that this replica is alive (insert on the first beat)."""
        now = self.clock()
        with self._session.begin() as db:
            _upsert(db, ReplicaRow, {"id": self.replica_id, "host": socket.gethostname()[:64],
                                     "pid": os.getpid(), "started_at": now, "beat_at": now},
                    keys=("id",), update=("beat_at",))

    def leave(self) -> None:
        """Forget this replica at a clean shutdown: its unfinished claims are orphans at once."""
        with self._session.begin() as db:
            db.execute(delete(ReplicaRow).where(ReplicaRow.id == self.replica_id))

    def alive(self, replica_id: str, *, timeout_s: float) -> bool:
        cutoff = self.clock() - timedelta(seconds=timeout_s)
        with self._session() as db:
            row = db.get(ReplicaRow, replica_id)
            return row is not None and as_utc(row.beat_at) >= cutoff

    # ------------------------------------------------------------------ message claims

    def claim(self, key: str, *, payload: bytes | None) -> bool:
        """True when this replica is the first to claim ``key`` (then it answers the message)."""
        with self._session.begin() as db:
            return _insert_ignore(db, MessageClaimRow, {
                "key": key, "owner": self.replica_id, "claimed_at": self.clock(), "mode": None,
                "payload": payload, "answer": None, "answered_at": None, "done": False,
                "attempts": 1})

    def claim_of(self, key: str) -> Claim | None:
        with self._session() as db:
            row = db.get(MessageClaimRow, key)
            return None if row is None else _claim(row)

    def take_over(self, key: str, *, from_owner: str) -> bool:
        """Become the owner of an unfinished claim whose owner is gone (compare-and-set)."""
        with self._session.begin() as db:
            result = db.execute(
                update(MessageClaimRow)
                .where(MessageClaimRow.key == key, MessageClaimRow.owner == from_owner,
                       MessageClaimRow.done.is_(False))
                .values(owner=self.replica_id, attempts=MessageClaimRow.attempts + 1))
            return _rowcount(result) == 1

    def record_answer(self, key: str, pieces: list[str]) -> None:
        with self._session.begin() as db:
            db.execute(update(MessageClaimRow).where(MessageClaimRow.key == key)
                       .values(answer=list(pieces), answered_at=self.clock()))

    def decide(self, key: str, mode: str) -> tuple[str | None, bool]:
        """Set the delivery ``mode`` unless one was set before: (the mode in force, whether this
        call set it). Of several replicas deciding at once, exactly one sets it."""
        if mode not in MODES:
            raise ValueError(mode)
        with self._session.begin() as db:
            result = db.execute(update(MessageClaimRow)
                                .where(MessageClaimRow.key == key, MessageClaimRow.mode.is_(None))
                                .values(mode=mode))
            held = db.scalar(select(MessageClaimRow.mode).where(MessageClaimRow.key == key))
            return held, _rowcount(result) == 1

    def finish(self, key: str) -> None:
        """The answer was delivered: drop the sealed message (the key stays, for de-duplication)."""
        with self._session.begin() as db:
            db.execute(update(MessageClaimRow).where(MessageClaimRow.key == key)
                       .values(done=True, payload=None))

    def orphans(self, *, timeout_s: float, min_age_s: float, limit: int = 20) -> list[Claim]:
        """Unfinished claims whose owner has not beaten for ``timeout_s`` (oldest first)."""
        now = self.clock()
        live = select(ReplicaRow.id).where(
            ReplicaRow.beat_at >= now - timedelta(seconds=timeout_s))
        q = (select(MessageClaimRow)
             .where(MessageClaimRow.done.is_(False), MessageClaimRow.owner.not_in(live),
                    MessageClaimRow.claimed_at <= now - timedelta(seconds=min_age_s),
                    MessageClaimRow.claimed_at >= now - CLAIM_TTL)
             .order_by(MessageClaimRow.claimed_at).limit(limit))
        with self._session() as db:
            return [_claim(r) for r in db.scalars(q).all()]

    # ------------------------------------------------------------------ consent asks

    def ask_consent(self, key: str) -> None:
        with self._session.begin() as db:
            _upsert(db, ConsentAskRow, {"key": key, "asked_at": self.clock()},
                    keys=("key",), update=("asked_at",))

    def take_consent(self, key: str, *, window: timedelta = CONSENT_WINDOW) -> bool:
        """Whether ``key`` was asked within ``window``; the question is used up either way (only
        one of two replicas taking it at once gets True: the DELETE decides)."""
        cutoff = self.clock() - window
        with self._session.begin() as db:
            fresh = db.execute(delete(ConsentAskRow).where(
                ConsentAskRow.key == key, ConsentAskRow.asked_at >= cutoff))
            db.execute(delete(ConsentAskRow).where(ConsentAskRow.key == key))
            return _rowcount(fresh) == 1

    # ------------------------------------------------------------------ access tokens

    def token(self, app_id: str) -> tuple[str, datetime] | None:
        with self._session() as db:
            row = db.get(AccessTokenRow, app_id)
            if row is None or not row.token:
                return None
            return row.token, as_utc(row.expires_at)

    def refresh_token(self, app_id: str, fetch: Callable[[], tuple[str, float]], *,
                      replacing: str | None, margin_s: float) -> tuple[str, datetime]:
        """A token valid for more than ``margin_s``: the stored one unless it is ``replacing``
        (rejected) or about to expire, else ``fetch()`` → (token, lifetime s), stored.

        The row is locked while fetching (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's single
        writer), so replicas refreshing at once fetch once and the others read the result.
        """
        now = self.clock()
        with self._session.begin() as db:
            _insert_ignore(db, AccessTokenRow, {"app_id": app_id, "token": "",
                                                "expires_at": datetime(1970, 1, 1, tzinfo=UTC)})
            row = db.scalars(select(AccessTokenRow).where(AccessTokenRow.app_id == app_id)
                             .with_for_update()).one()
            expires = as_utc(row.expires_at)
            if row.token and row.token != replacing and expires - now > timedelta(
                    seconds=margin_s):
                return row.token, expires
            token, lifetime = fetch()
            row.token, row.expires_at = token, now + timedelta(seconds=lifetime)
            return token, as_utc(row.expires_at)

    # ------------------------------------------------------------------ followers

    def remember_follower(self, openid_hash: str, sealed: bytes) -> None:
        """One more open escalation of this follower (the sealed OpenID is refreshed)."""
        now = self.clock()
        with self._session.begin() as db:
            _upsert(db, FollowerRow, {"openid_hash": openid_hash, "sealed_open_id": sealed,
                                      "open_count": 1, "seen_at": now},
                    keys=("openid_hash",), update=("sealed_open_id", "seen_at"),
                    increment="open_count")

    def follower(self, openid_hash: str, *, ttl: timedelta = FOLLOWER_TTL) -> bytes | None:
        """The sealed OpenID, if the follower has an open escalation seen within ``ttl``."""
        with self._session() as db:
            row = db.get(FollowerRow, openid_hash)
            if row is None or as_utc(row.seen_at) < self.clock() - ttl:
                return None
            return bytes(row.sealed_open_id)

    def release_follower(self, openid_hash: str) -> None:
        """One escalation fewer; the OpenID is deleted with the last one."""
        with self._session.begin() as db:
            db.execute(update(FollowerRow).where(FollowerRow.openid_hash == openid_hash)
                       .values(open_count=FollowerRow.open_count - 1))
            db.execute(delete(FollowerRow).where(FollowerRow.openid_hash == openid_hash,
                                                 FollowerRow.open_count <= 0))

    # ------------------------------------------------------------------ retention

    def purge_expired(self) -> PurgedShared:
        """Delete claims, consent asks, followers and replicas past their time."""
        now = self.clock()
        with self._session.begin() as db:
            claims = db.execute(delete(MessageClaimRow).where(
                MessageClaimRow.claimed_at < now - CLAIM_TTL))
            consents = db.execute(delete(ConsentAskRow).where(
                ConsentAskRow.asked_at < now - CONSENT_WINDOW))
            followers = db.execute(delete(FollowerRow).where(
                FollowerRow.seen_at < now - FOLLOWER_TTL))
            replicas = db.execute(delete(ReplicaRow).where(
                ReplicaRow.beat_at < now - REPLICA_TTL))
            return PurgedShared(_rowcount(claims), _rowcount(consents), _rowcount(followers),
                                _rowcount(replicas))


def _claim(row: MessageClaimRow) -> Claim:
    return Claim(row.key, row.owner, as_utc(row.claimed_at), row.mode,
                 None if row.payload is None else bytes(row.payload),
                 None if row.answer is None else list(row.answer), bool(row.done), row.attempts)


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def _dialect_insert(db: Session, table: type[Base]) -> Any:
    name = db.get_bind().dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    if name == "sqlite":
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(table)
    raise NotImplementedError(f"no atomic upsert for {name}")  # the two supported backends


def _insert_ignore(db: Session, table: type[Base], values: dict[str, Any]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING: True when this statement inserted the row."""
    key = next(iter(table.__mapper__.primary_key))
    stmt = _dialect_insert(db, table).values(**values).on_conflict_do_nothing().returning(key)
    # RETURNING, not the row count: psycopg reports -1 for this statement.
    return db.connection().execute(stmt).first() is not None


def _upsert(db: Session, table: type[Base], values: dict[str, Any], *, keys: tuple[str, ...],
            update: tuple[str, ...], increment: str | None = None) -> None:
    stmt = _dialect_insert(db, table).values(**values)
    columns = table.__table__.c
    changes: dict[str, Any] = {name: getattr(stmt.excluded, name) for name in update}
    if increment is not None:
        changes[increment] = columns[increment] + 1
    db.connection().execute(stmt.on_conflict_do_update(index_elements=list(keys), set_=changes))


__all__ = ["CLAIM_TTL", "CONSENT_WINDOW", "FOLLOWER_TTL", "Claim", "PurgedShared",
           "SharedState", "new_replica_id", "utcnow"]
