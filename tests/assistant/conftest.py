from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.app import Services
from knowledge.index import KnowledgeIndex
from tests.support.db import pg_base_url, pg_database
from tests.support.services import make_services, make_settings


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


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'legalaid.db'}"


@pytest.fixture
def services(tiny_index: tuple[Path, Path], tiny_kb: KnowledgeIndex,
             sqlite_url: str) -> Iterator[Services]:
    """Fake consultant over the tiny index, a real SQLite store (packages override this)."""
    s = make_services(make_settings(*tiny_index, sqlite_url), kb=tiny_kb)
    yield s
    s.close()
