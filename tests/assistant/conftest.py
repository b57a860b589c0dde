from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.assistant.api.support import pg_base_url, pg_database


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each backend; PostgreSQL is skipped only when no URL is set."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'legalaid.db'}"
        return
    base = pg_base_url()
    if base is None:
        pytest.skip("LEGALAID_TEST_PG_URL not set (scripts/start-test-postgres.sh prints it)")
    with pg_database(base) as url:
        yield url
