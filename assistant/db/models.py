"""Tables of the service. The schema itself is created by the Alembic revisions, not from here."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in Python on every backend (SQLite stores naive text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value)


def as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON}


class SessionRow(Base):
    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    # A document goes with its session: the kiosk's 新对话 must leave nothing for the next person.
    session_id: Mapped[str | None] = mapped_column(
        String(64), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=True, index=True
    )
    template_id: Mapped[str] = mapped_column(String(64))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    docx: Mapped[bytes] = mapped_column(LargeBinary)
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


# ------------------------------------------------------------------ shared by replicas
# What several replicas (or ``--workers``) must agree on lives here, not in a process's memory
# (revision 0003): see ``assistant.db.coordination``.


class ReplicaRow(Base):
    """One running server process; ``beat_at`` is refreshed every few seconds while it lives."""

    __tablename__ = "replicas"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    host: Mapped[str] = mapped_column(String(64))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class MessageClaimRow(Base):
    """One inbound message (WeChat MsgId): the replica that won the insert answers it.

    ``mode`` is decided once, by compare-and-set: ``passive`` (the answer went back in a
    callback response) or ``push`` (a callback said "success"; the owner pushes the answer).
    ``payload`` (the sealed message, for a takeover) and ``answer`` are dropped when done.
    """

    __tablename__ = "message_claims"

    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    owner: Mapped[str] = mapped_column(String(32))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    mode: Mapped[str | None] = mapped_column(String(8), nullable=True)
    payload: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    answer: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    attempts: Mapped[int] = mapped_column(Integer, default=1)


class ConsentAskRow(Base):
    """A follower was asked for 同意 at ``asked_at`` (WeChat hand-off)."""

    __tablename__ = "consent_asks"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class AccessTokenRow(Base):
    """The WeChat access token of one app ID (one per account: fetching a new one retires the
    old one, so all replicas must share it)."""

    __tablename__ = "access_tokens"

    app_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    token: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class FollowerRow(Base):
    """A WeChat follower with open escalations: the OpenID, sealed (AES-GCM, key derived from
    the app secret), so a staff answer handled by any replica can be pushed; kept only while an
    escalation is open and never beyond WeChat's 48-hour customer-service window."""

    __tablename__ = "followers"

    openid_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    sealed_open_id: Mapped[bytes] = mapped_column(LargeBinary)
    open_count: Mapped[int] = mapped_column(Integer)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


# ------------------------------------------------------------------ kiosk take-home links


class TakeHomeRow(Base):
    """What a citizen takes home from the kiosk (QR code or print): the answer, the document and
    the pickup code, behind an unguessable link that expires. Only the SHA-256 of the link's
    token is stored, so the table does not hold live links."""

    __tablename__ = "take_home"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    docx: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
