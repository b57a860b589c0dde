"""Throw-away databases for tests: a fresh PostgreSQL database per test when
``LEGALAID_TEST_PG_URL`` is set (``scripts/start-test-postgres.sh`` prints it)."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator

PG_ENV = "LEGALAID_TEST_PG_URL"


def pg_base_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@contextlib.contextmanager
def pg_database(base_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    from assistant.db.engine import normalise_url

    url = make_url(normalise_url(base_url))
    name = f"legalaid_t_{secrets.token_hex(6)}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
