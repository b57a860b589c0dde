"""Take-home links: a snapshot of what the kiosk showed, fetched by an expiring random token.

The token (128 random bits, URL-safe) is the only key and carries nothing personal; the table
keeps its SHA-256, the snapshot and the document, and expired rows are deleted on every write
and read.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from assistant.db.models import TakeHomeRow, as_utc
from assistant.db.store import utcnow


@dataclass(frozen=True, slots=True)
class TakeHome:
    payload: dict[str, Any]
    docx: bytes | None
    expires_at: datetime


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """22 URL-safe characters (128 random bits)."""
    return secrets.token_urlsafe(16)


class TakeHomeStore:
    def __init__(self, engine: Engine) -> None:
        self._session = sessionmaker(engine, expire_on_commit=False)

    def add(self, payload: dict[str, Any], *, docx: bytes | None, ttl: timedelta,
            now: datetime | None = None) -> tuple[str, datetime]:
        """Store a snapshot; returns (token, expiry)."""
        now = now or utcnow()
        token = new_token()
        expires = now + ttl
        with self._session.begin() as db:
            db.execute(delete(TakeHomeRow).where(TakeHomeRow.expires_at <= now))
            db.add(TakeHomeRow(token_hash=_hash(token), payload=payload, docx=docx,
                               created_at=now, expires_at=expires))
        return token, expires

    def get(self, token: str, *, now: datetime | None = None) -> TakeHome | None:
        """The snapshot behind ``token``, or ``None`` when unknown or expired."""
        now = now or utcnow()
        with self._session.begin() as db:
            db.execute(delete(TakeHomeRow).where(TakeHomeRow.expires_at <= now))
            row = db.get(TakeHomeRow, _hash(token))
            if row is None:
                return None
            return TakeHome(dict(row.payload), None if row.docx is None else bytes(row.docx),
                            as_utc(row.expires_at))

    def purge_expired(self, *, now: datetime | None = None) -> int:
        with self._session.begin() as db:
            result = db.execute(delete(TakeHomeRow).where(
                TakeHomeRow.expires_at <= (now or utcnow())))
            return int(getattr(result, "rowcount", 0))
