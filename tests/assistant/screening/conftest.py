from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.config import DatabaseSettings, Settings, StaffSettings
from assistant.screening.store import ScreeningStore
from assistant.services import Services
from tests.assistant.api.support import FakeConsultant, make_services
from tests.assistant.screening.support import PASSWORD, SECRET


def screening_settings(tmp_path: Path, url: str, **staff: object) -> Settings:
    return Settings(data_dir=tmp_path / "data", index_dir=tmp_path / "index",
                    database=DatabaseSettings(url=url),
                    staff=StaffSettings(**{"token_secret": SECRET, "hardship_line_yuan": 1500,
                                           **staff}))  # type: ignore[arg-type]


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
    from assistant.screening.routes import hub_for

    store = hub_for(services).store
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
    from assistant.screening.routes import hub_for

    return hub_for(sqlite_services).store
