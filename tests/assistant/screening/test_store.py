"""Migration 0002 and the append-only audit log on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from assistant.app import Services
from assistant.db.migrate import current_revision
from tests.support.screening import TODAY, app_in


def test_revision_0002_creates_the_screening_tables(services: Services) -> None:
    engine = services.store.engine
    assert current_revision(engine) == "0004"  # head: 0003 shared state, 0004 take-home links
    tables = set(inspect(engine).get_table_names())
    assert {"applications", "application_status_history", "audit_log", "lawyers",
            "assignments", "escalations", "follow_ups", "staff_users"} <= tables


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET reason = 'forged'",
    "DELETE FROM audit_log",
])
def test_database_rejects_changes_to_the_audit_log(services: Services, statement: str) -> None:
    store = services.screening.store
    store.create(app_in(), who=None, today=TODAY, pickup_code="ABCDEFGH")
    before = store.audit_entries()
    assert before
    with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
        conn.execute(text(statement))
    assert store.audit_entries() == before


def test_postgresql_also_rejects_truncate(services: Services) -> None:
    if services.store.engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE exists only on PostgreSQL")
    store = services.screening.store
    store.audit(None, "probe", "x")
    with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
        conn.execute(text("TRUNCATE audit_log"))
    assert len(store.audit_entries()) == 1
