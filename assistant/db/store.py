"""Session and document stores: the only code that reads or writes the tables.

Sessions are saved optimistically: each save names the ``updated_at`` it read, and fails with
``SessionConflictError`` when another request (possibly in another worker) saved in between,
so two workers never silently overwrite each other's turns.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from assistant.db.models import DocumentRow, SessionRow, as_utc
from assistant.errors import AssistantError
from assistant.models import SessionState


class SessionConflictError(AssistantError):
    code = "session_conflict"
    message = "这段对话刚刚在别处更新过，请重新发送您的问题。"
    status = 409


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class StoredSession:
    """A loaded session; ``version`` is the ``updated_at`` to hand back to ``save``."""

    state: SessionState
    channel: str
    version: datetime


@dataclass(frozen=True, slots=True)
class StoredDocument:
    id: str
    session_id: str | None
    template_id: str
    fields: dict[str, Any]
    docx: bytes
    pdf: bytes | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Purged:
    sessions: int
    documents: int


class SessionStore:
    """Conversation state by session ID (``SessionState`` as JSON)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._session = sessionmaker(engine, expire_on_commit=False)

    def ping(self) -> None:
        """Raises when the database cannot be reached (for /readyz)."""
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def get(self, session_id: str) -> StoredSession | None:
        with self._session() as db:
            row = db.get(SessionRow, session_id)
            if row is None:
                return None
            state = SessionState.model_validate(row.state)
            return StoredSession(state, row.channel, as_utc(row.updated_at))

    def save(self, state: SessionState, *, channel: str, version: datetime | None) -> datetime:
        """Insert (``version=None``) or update the row read at ``version``; returns the new one."""
        now = utcnow()
        if version is not None and now <= version:
            now = version + timedelta(microseconds=1)  # a clock step back must not hide a write
        state_json = state.model_dump(mode="json")
        with self._session.begin() as db:
            if version is None:
                _insert(db, state, channel=channel, state_json=state_json, now=now)
            else:
                _update(db, state.session_id, state_json=state_json, version=version, now=now)
        return now

    def delete(self, session_id: str) -> bool:
        """Remove the session and its documents; ``False`` when there was none."""
        with self._session.begin() as db:
            db.execute(delete(DocumentRow).where(DocumentRow.session_id == session_id))
            result = db.execute(delete(SessionRow).where(SessionRow.id == session_id))
            return bool(getattr(result, "rowcount", 0))

    def purge_older_than(self, days: int, *, now: datetime | None = None) -> Purged:
        """Delete sessions idle for more than ``days`` days and documents older than that."""
        cutoff = (now or utcnow()) - timedelta(days=days)
        with self._session.begin() as db:
            old = select(SessionRow.id).where(SessionRow.updated_at < cutoff)
            docs = db.execute(
                delete(DocumentRow).where(
                    (DocumentRow.created_at < cutoff) | DocumentRow.session_id.in_(old)
                )
            )
            sessions = db.execute(delete(SessionRow).where(SessionRow.updated_at < cutoff))
            return Purged(int(getattr(sessions, "rowcount", 0)), int(getattr(docs, "rowcount", 0)))


def _insert(db: Session, state: SessionState, *, channel: str, state_json: dict[str, Any],
            now: datetime) -> None:
    if db.get(SessionRow, state.session_id) is not None:
        raise SessionConflictError(f"session {state.session_id} already exists")
    db.add(SessionRow(id=state.session_id, channel=channel, state=state_json,
                      created_at=as_utc(state.created_at), updated_at=now))
    try:
        db.flush()
    except Exception as e:  # IntegrityError: a concurrent insert of the same ID won the race
        raise SessionConflictError(f"session {state.session_id} inserted concurrently") from e


def _update(db: Session, session_id: str, *, state_json: dict[str, Any], version: datetime,
            now: datetime) -> None:
    result = db.execute(
        update(SessionRow)
        .where(SessionRow.id == session_id, SessionRow.updated_at == version)
        .values(state=state_json, updated_at=now)
    )
    if not getattr(result, "rowcount", 0):
        raise SessionConflictError(f"session {session_id} changed or vanished since {version}")


def new_document_id() -> str:
    """128 random bits as 32 lowercase hex digits: unguessable, and safe in any path or URL."""
    return secrets.token_hex(16)


class DocumentStore:
    """Drafted documents (.docx and optional PDF bytes) by document ID."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._session = sessionmaker(engine, expire_on_commit=False)

    def add(self, *, session_id: str | None, template_id: str, fields: dict[str, Any],
            docx: bytes, pdf: bytes | None) -> StoredDocument:
        doc = StoredDocument(new_document_id(), session_id, template_id, fields, docx, pdf,
                             utcnow())
        with self._session.begin() as db:
            db.add(DocumentRow(id=doc.id, session_id=session_id, template_id=template_id,
                               fields=fields, docx=docx, pdf=pdf, created_at=doc.created_at))
        return doc

    def get(self, document_id: str) -> StoredDocument | None:
        with self._session() as db:
            row = db.get(DocumentRow, document_id)
            if row is None:
                return None
            return StoredDocument(row.id, row.session_id, row.template_id, dict(row.fields),
                                  bytes(row.docx), None if row.pdf is None else bytes(row.pdf),
                                  as_utc(row.created_at))
