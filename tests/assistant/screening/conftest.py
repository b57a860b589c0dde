from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.app import Services
from assistant.screening.store import ScreeningStore
from tests.support.screening import PASSWORD, screening_settings
from tests.support.services import FakeConsultant, make_services


@pytest.fixture
def services(tmp_path: Path, db_url: str) -> Iterator[Services]:
    s = make_services(screening_settings(tmp_path, db_url), kb=None, engine=FakeConsultant(None))
    yield s
    s.close()


@pytest.fixture
def sqlite_services(tmp_path: Path) -> Iterator[Services]:
    url = f"sqlite:///{tmp_path / 'screening.db'}"
    s = make_services(screening_settings(tmp_path, url), kb=None, engine=FakeConsultant(None))
    yield s
    s.close()


def _client(services: Services) -> Iterator[TestClient]:
    from assistant.api.app import create_app

    store = services.screening.store
    store.add_user("alice", PASSWORD, role="staff")
    store.add_user("boss", PASSWORD, role="supervisor")
    store.add_user("helper", PASSWORD, role="responder")
    with TestClient(create_app(services=services)) as client:
        yield client


@pytest.fixture
def client(sqlite_services: Services) -> Iterator[TestClient]:
    yield from _client(sqlite_services)


@pytest.fixture
def both_client(services: Services) -> Iterator[TestClient]:
    """The API over SQLite and PostgreSQL."""
    yield from _client(services)


@pytest.fixture
def store(sqlite_services: Services) -> ScreeningStore:

    return sqlite_services.screening.store
