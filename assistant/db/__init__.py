"""Persistence of sessions and drafted documents (SQLAlchemy 2.x; SQLite or PostgreSQL)."""

from __future__ import annotations

from assistant.db.engine import make_engine
from assistant.db.migrate import upgrade_to_head
from assistant.db.store import DocumentStore, SessionStore, StoredDocument, StoredSession

__all__ = [
    "DocumentStore",
    "SessionStore",
    "StoredDocument",
    "StoredSession",
    "make_engine",
    "upgrade_to_head",
]
