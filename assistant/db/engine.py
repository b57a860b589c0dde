"""Engine factory: SQLite with WAL, foreign keys and a busy timeout; PostgreSQL via psycopg 3."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

SQLITE_BUSY_TIMEOUT_MS = 5_000


def normalise_url(url: str) -> str:
    """``postgresql://`` / ``postgres://`` → the psycopg 3 driver; anything else unchanged."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def backend_name(url: str) -> str:
    """'sqlite' or 'postgresql' (the dialect, without the driver)."""
    return make_url(normalise_url(url)).get_backend_name()


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for ``url``; SQLite parent folders are created."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database, echo=echo)
    # pre_ping: a PostgreSQL restart must not turn the next request into a 500.
    return create_engine(url, echo=echo, pool_pre_ping=True, future=True)


def _sqlite_engine(url: str, database: str | None, *, echo: bool) -> Engine:
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, future=True
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets several workers read while one writes; foreign keys are off by default in SQLite.
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
