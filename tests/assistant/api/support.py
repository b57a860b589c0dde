"""Test helpers for the service: a fake consultant, a tiny index, throw-away PostgreSQL DBs."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.config import DatabaseSettings, ServiceSettings, Settings
from assistant.consult.models import CitedArticle, Classification, Reply, SessionState, Turn
from assistant.services import Services, open_stores
from knowledge.index import KnowledgeIndex

PG_ENV = "LEGALAID_TEST_PG_URL"


class FakeConsultant:
    """Implements ``Consultant``: cites what the real retriever returns and counts the turns,
    so a test can see both grounding and state carried across requests."""

    def __init__(self, kb: KnowledgeIndex | None = None, *, fail: bool = False) -> None:
        self.kb = kb
        self.fail = fail

    def respond(self, state: SessionState, text: str) -> Reply:
        state.turns.append(Turn(role="user", text=text))
        if self.fail:
            raise RuntimeError("engine exploded with secret detail 13812345678")
        n = len(state.user_texts())
        hits = self.kb.articles.search(text, k=2) if self.kb else []
        citations = [CitedArticle(article_id=h.article.id, law=h.article.law,
                                  article=h.article.article, text=h.article.text) for h in hits]
        state.classification = Classification(category="labor_wages", confidence=0.9)
        answer = f"第{n}轮回答：{'、'.join(c.law + c.article for c in citations) or '没有找到'}"
        state.turns.append(Turn(role="assistant", text=answer))
        state.updated_at = datetime.now(UTC)
        return Reply(kind="answer" if citations else "abstain", text=answer, citations=citations,
                     classification=state.classification)


class FakeTranscriber:
    def __init__(self, text: str) -> None:
        self.text = text
        self.calls = 0

    def transcribe(self, audio: object) -> str:
        self.calls += 1
        return self.text


def build_tiny_index(root: Path) -> tuple[Path, Path]:
    """(data_dir, index_dir) of the tiny pack, with the core index built."""
    from ingest.build import build_index
    from tests.pack import write_tiny_pack

    data = write_tiny_pack(root / "data")
    build_index(root / "index" / "core", data_dir=data, corpus_choice="core", progress=False)
    return data, root / "index"


def make_settings(data_dir: Path, index_dir: Path, db_url: str, **service: object) -> Settings:
    return Settings(data_dir=data_dir, index_dir=index_dir, corpus="core",
                    database=DatabaseSettings(url=db_url),
                    service=ServiceSettings(**service))  # type: ignore[arg-type]


def make_services(settings: Settings, *, kb: KnowledgeIndex | None,
                  engine: object | None = None, transcriber: object | None = None) -> Services:
    """Services over a real (migrated) database with the given fakes."""
    from assistant.consult.risk import assess_risk

    store, documents, db_engine = open_stores(settings.database.url)
    services = Services(settings=settings, kb=kb,
                        engine=engine if engine is not None else FakeConsultant(kb),  # type: ignore[arg-type]
                        store=store, documents=documents,
                        transcriber=transcriber, risk=assess_risk)  # type: ignore[arg-type]
    services.on_close.append(db_engine.dispose)
    return services


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


@contextlib.contextmanager
def serve_app(app: Any, *, start_timeout_s: float = 20) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free 127.0.0.1 port in a thread; yields the base URL."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None,
                                           access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout_s
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
