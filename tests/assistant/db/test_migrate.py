from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from assistant.db.engine import backend_name, make_engine, normalise_url
from assistant.db.migrate import current_revision, upgrade_to_head


def test_upgrade_creates_both_tables_on_an_empty_database(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        assert current_revision(engine) is None
        assert upgrade_to_head(db_url) == "0004"
        tables = set(inspect(engine).get_table_names())
        assert {"sessions", "documents", "take_home", "alembic_version"} <= tables
        cols = {c["name"] for c in inspect(engine).get_columns("documents")}
        assert {"id", "session_id", "template_id", "fields", "docx", "pdf", "created_at"} <= cols
        # Idempotent: a second worker starting later finds nothing to do.
        assert upgrade_to_head(db_url) == "0004"
    finally:
        engine.dispose()


def test_sqlite_pragmas_are_set(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    engine.dispose()
    assert (tmp_path / "sub" / "x.db").is_file()


def test_postgres_urls_use_psycopg3() -> None:
    assert normalise_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalise_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"
    assert backend_name("postgresql://u:p@h/db") == "postgresql"
