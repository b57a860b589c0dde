from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.app import Services
from knowledge.index import KnowledgeIndex
from tests.support.browser import Server, add_staff, browser, legalaid_serve, log_problems
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


# ---------------------------------------------------------------- the browser suite

@pytest.fixture(scope="session")
def live(data_dir: Path, core_index: Path,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``legalaid serve`` (the real engine over the 95 laws, kiosk, console, API) for the whole
    browser suite, with a supervisor ``alice`` and a responder ``bob``. Its log must be one JSON
    object per line with no traceback, start to shutdown."""
    with legalaid_serve(tmp_path_factory.mktemp("live"), data_dir, core_index.parent,
                        kiosk__idle_minutes="30") as server:
        add_staff(server, "alice", "supervisor")
        add_staff(server, "bob", "responder")
        yield server
    assert log_problems(server.log_text()) == []


@pytest.fixture(scope="session")
def live_idle(data_dir: Path, core_index: Path,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The same service with an 8-second idle limit, the last 4 seconds a countdown."""
    with legalaid_serve(tmp_path_factory.mktemp("live-idle"), data_dir, core_index.parent,
                        kiosk__idle_minutes="0.1334", kiosk__idle_warning_s="4") as server:
        yield server
    assert log_problems(server.log_text()) == []


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[object]:
    with browser() as b:
        yield b


@pytest.fixture
def server(live: Server) -> Iterator[Server]:
    """``live``, checked after each test: what it logged meanwhile is JSON with no traceback."""
    start = live.log_size()
    yield live
    assert log_problems(live.log_text(start)) == []
