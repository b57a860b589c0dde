"""Alembic without ``alembic.ini``: the schema is brought to head at startup, from code."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from assistant.db.engine import make_engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any constant works; it only has to be the same in every worker and every host.
_PG_LOCK_KEY = 0x1E6A1A1D


def alembic_config() -> Config:
    """The Alembic ``Config`` pointing at ``assistant/db/migrations`` (no ini file)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def upgrade_to_head(url: str | Engine) -> str | None:
    """Apply every pending revision; returns the head revision now in the database.

    On PostgreSQL a transaction-scoped advisory lock serialises workers (and hosts) starting at
    the same time, so only the first one migrates and the others see the head already applied.
    """
    from alembic import command

    engine = make_engine(url) if isinstance(url, str) else url
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        return current_revision(engine)
    finally:
        if isinstance(url, str):
            engine.dispose()


def current_revision(engine: Engine) -> str | None:
    """The revision recorded in ``alembic_version`` (``None`` for an empty database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
