"""Faults: kill -9 mid-save, a damaged or mismatched index, the LLM endpoint down or slow, no
whisper checkpoint, the database gone and back."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.config import LLMSettings, SpeechSettings
from assistant.consult.citecheck import check_citations
from assistant.consult.compose import unquoted_text
from assistant.drafting import get_template
from assistant.models import Reply
from knowledge.index import KnowledgeIndex
from tests.support.db import throwaway_postgres
from tests.support.http import assert_error
from tests.support.robust import STAFF_PASSWORD, STAFF_SECRET, robust_settings
from tests.support.screening import app_in
from tests.support.services import FakeConsultant, engine_for, make_services


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(data: Path, index: Path, db: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEGALAID_")}
    return {**env, "LEGALAID_DATA_DIR": str(data), "LEGALAID_INDEX_DIR": str(index),
            "LEGALAID_DATABASE__URL": f"sqlite:///{db}", "LEGALAID_KIOSK__ENABLED": "false",
            "LEGALAID_SERVICE__RATE_LIMIT_PER_MINUTE": "0", "LEGALAID_EMBEDDER": "none", **extra}


@contextlib.contextmanager
def _serve(env: dict[str, str]) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "legalaid.cli", "serve", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:] if proc.stderr else ""
            assert time.monotonic() < deadline, "server not ready"
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            time.sleep(0.3)
        yield url, proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)


def _login(url: str) -> dict[str, str]:
    r = httpx.post(f"{url}/v1/staff/token", data={"username": "boss", "password": STAFF_PASSWORD})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def _loan_fields() -> dict[str, object]:
    tpl = get_template("loan_note")
    return {k: list(v) if isinstance(v, tuple) else v for k, v in tpl.example.items()}


def test_kill_9_after_acknowledged_saves_loses_nothing(
    served_pack: tuple[Path, Path], tmp_path: Path
) -> None:
    db = tmp_path / "var" / "legalaid.db"
    env = _env(*served_pack, db, LEGALAID_STAFF__TOKEN_SECRET=STAFF_SECRET)
    subprocess.run([sys.executable, "-m", "legalaid.cli", "staff", "add", "boss", "--role",
                    "supervisor", "--password-stdin"], input=f"{STAFF_PASSWORD}\n".encode(),
                   env=env, check=True, capture_output=True)
    acked: list[tuple[str, int]] = []  # (session, user turns) the server acknowledged
    with _serve(env) as (url, proc):
        sid = httpx.post(f"{url}/v1/chat", json={"text": "公司欠我工资"}).json()["session_id"]
        auth = _login(url)
        application = httpx.post(f"{url}/v1/staff/applications", headers=auth,
                                 json=app_in().model_dump(mode="json"))
        assert application.status_code == 201, application.text
        app_id = application.json()["application"]["id"]
        stop = threading.Event()

        def chatter() -> None:  # keeps writing while the process is killed
            n = 1
            while not stop.is_set():
                with contextlib.suppress(httpx.HTTPError):
                    r = httpx.post(f"{url}/v1/chat", json={"session_id": sid, "text": f"第{n}次补充"},
                                   timeout=5)
                    if r.status_code == 200:
                        n += 1
                        acked.append((sid, n))

        thread = threading.Thread(target=chatter, daemon=True)
        thread.start()
        doc = httpx.post(f"{url}/v1/documents", json={"template_id": "loan_note",
                                                      "fields": _loan_fields(), "session_id": sid})
        assert doc.status_code == 201, doc.text
        doc_id = doc.json()["document_id"]
        time.sleep(0.5)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        stop.set()
        thread.join(10)
    assert acked, "no turn was acknowledged before the kill"
    with _serve(env) as (url, _):
        turns = httpx.get(f"{url}/v1/sessions/{sid}").json()["turns"]
        # The last acknowledged turn is stored (older ones may be trimmed by the session cap).
        last_acked = f"第{acked[-1][1] - 1}次补充"
        assert last_acked in [t["text"] for t in turns if t["role"] == "user"]
        got = httpx.get(f"{url}/v1/documents/{doc_id}/docx")
        assert got.status_code == 200 and got.content[:2] == b"PK"
        kept = httpx.get(f"{url}/v1/staff/applications/{app_id}", headers=_login(url))
        assert kept.status_code == 200 and kept.json()["applicant"]["name"] == "张三"
    import sqlite3

    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize("damage", ["truncated", "mismatched", "garbage_manifest"])
def test_damaged_index_refuses_to_start_and_says_how_to_rebuild(
    tiny_index: tuple[Path, Path], tmp_path: Path, damage: str
) -> None:
    data, index = tiny_index
    broken = tmp_path / "index"
    shutil.copytree(index, broken)
    core = broken / "core"
    if damage == "truncated":
        npz = core / "articles.npz"
        npz.write_bytes(npz.read_bytes()[:100])
    elif damage == "mismatched":
        m = json.loads((core / "manifest.json").read_text())
        (core / "manifest.json").write_text(json.dumps({**m, "corpus_fingerprint": "0" * 64}))
    else:
        (core / "manifest.json").write_text("{not json")
    env = _env(data, broken, tmp_path / "x.db")
    proc = subprocess.run([sys.executable, "-m", "legalaid.cli", "serve", "--port",
                           str(_free_port())], env=env, capture_output=True, timeout=120)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err[-2000:]
    assert "legalaid ingest" in err and "index_mismatch" in err
    assert "Traceback" not in err
    settings = robust_settings(data, broken, f"sqlite:///{tmp_path / 'y.db'}")
    with TestClient(create_app(settings)) as c:  # embedded: the app stays up, not ready
        r = c.get("/readyz")
        assert r.status_code == 503 and r.json()["index"]["error"] == "index_mismatch"
        assert_error(c.post("/v1/chat", json={"text": "欠薪"}), 503, "index_mismatch")


class _Slow(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        time.sleep(5)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.mark.parametrize("mode", ["down", "slow"])
def test_llm_down_or_slow_still_gives_a_grounded_answer_in_budget(
    core_kb: KnowledgeIndex, data_dir: Path, tmp_path: Path, mode: str
) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    server.daemon_threads = True
    port = server.server_address[1]
    if mode == "slow":
        threading.Thread(target=server.serve_forever, daemon=True).start()
    else:
        server.server_close()  # nothing listens there any more
    budget = 1.0
    llm = LLMSettings(enabled=True, base_url=f"http://127.0.0.1:{port}/v1", timeout_s=budget)
    engine = engine_for(core_kb, data_dir, llm=llm)
    settings = robust_settings(data_dir, tmp_path, f"sqlite:///{tmp_path / 'l.db'}")
    services = make_services(settings, kb=core_kb, engine=engine)
    try:
        with TestClient(create_app(services=services)) as c:
            t0 = time.monotonic()
            r = c.post("/v1/chat", json={"text": "老板拖欠我三个月工资，没签合同，已经离职了，有转账记录"})
            elapsed = time.monotonic() - t0
        assert r.status_code == 200, r.text
        reply = Reply.model_validate(r.json()["reply"])
        assert reply.kind == "answer" and reply.citations
        allowed = {x.article_id for x in reply.citations}
        assert check_citations(unquoted_text(reply), allowed=allowed,
                               resolver=engine.resolver).removed == []
        assert elapsed < budget + 1.5, elapsed
    finally:
        services.close()
        if mode == "slow":
            server.shutdown()
            server.server_close()


def test_missing_whisper_checkpoint_voice_says_so_text_works(
    tiny_index: tuple[Path, Path], tmp_path: Path
) -> None:
    settings = robust_settings(*tiny_index, f"sqlite:///{tmp_path / 'w.db'}")
    settings = settings.model_copy(update={
        "speech": SpeechSettings(whisper_checkpoint=tmp_path / "models" / "small.pt")})
    with TestClient(create_app(settings)) as c:
        ready = c.get("/readyz").json()
        assert ready["ready"] is True and ready["models"]["whisper"]["present"] is False
        r = c.post("/v1/voice", files={"audio": ("q.wav", b"RIFF0000WAVE", "audio/wav")})
        assert "文字" in r.json()["error"]["message"]
        assert_error(r, 503, "asr_not_configured")
        assert c.post("/v1/chat", json={"text": "公司拖欠工资怎么办"}).status_code == 200


def test_database_gone_is_a_clear_503_and_recovers(
    tiny_index: tuple[Path, Path], tiny_kb: KnowledgeIndex, tmp_path: Path
) -> None:
    home = tmp_path / "db"
    settings = robust_settings(*tiny_index, f"sqlite:///{home / 'legalaid.db'}")
    services = make_services(settings, kb=tiny_kb)
    try:
        with TestClient(create_app(services=services)) as c:
            sid = c.post("/v1/chat", json={"text": "欠薪"}).json()["session_id"]
            home.rename(tmp_path / "away")  # the volume is gone ...
            services.store.engine.dispose()  # ... and pooled connections with it
            r = c.post("/v1/chat", json={"session_id": sid, "text": "还在吗"})
            assert_error(r, 503, "database_unavailable")
            assert "sqlite" not in r.text and str(tmp_path) not in r.text
            ready = c.get("/readyz")
            assert ready.status_code == 503 and ready.json()["database"]["ok"] is False
            (tmp_path / "away").rename(home)  # ... and back
            r = c.post("/v1/chat", json={"session_id": sid, "text": "还在吗"})
            assert r.status_code == 200, r.text
            assert c.get("/readyz").status_code == 200
    finally:
        services.close()


def test_unreachable_postgresql_is_a_clear_503(
    tiny_index: tuple[Path, Path], tiny_kb: KnowledgeIndex, tmp_path: Path
) -> None:
    from assistant.app import Services
    from assistant.db.engine import make_engine
    from assistant.db.store import DocumentStore, SessionStore

    url = f"postgresql://legalaid:secret@127.0.0.1:{_free_port()}/legalaid"
    settings = robust_settings(*tiny_index, url)
    engine = make_engine(url)
    services = Services(settings=settings, kb=tiny_kb, engine=None,
                        store=SessionStore(engine), documents=DocumentStore(engine))
    services.engine = FakeConsultant(tiny_kb)
    with TestClient(create_app(services=services)) as c:
        r = c.post("/v1/chat", json={"text": "欠薪"})
        assert_error(r, 503, "database_unavailable")
        assert "secret" not in r.text and "postgresql" not in r.text
        assert c.get("/readyz").json()["database"] == {"ok": False, "backend": "postgresql"}
    engine.dispose()


def test_postgresql_stopped_is_a_clear_503_and_recovers_with_acknowledged_data(
    tiny_index: tuple[Path, Path], tiny_kb: KnowledgeIndex
) -> None:
    with throwaway_postgres() as (url, start, stop):
        settings = robust_settings(*tiny_index, url)
        services = make_services(settings, kb=tiny_kb)  # migrated to head on the new cluster
        try:
            with TestClient(create_app(services=services)) as c:
                sid = c.post("/v1/chat", json={"text": "欠薪"}).json()["session_id"]
                stop()
                r = c.post("/v1/chat", json={"session_id": sid, "text": "还在吗"})
                assert_error(r, 503, "database_unavailable")
                assert "postgres" not in r.text.lower()
                assert c.get("/readyz").status_code == 503
                start()
                r = c.post("/v1/chat", json={"session_id": sid, "text": "还在吗"})
                assert r.status_code == 200, r.text  # pool_pre_ping reconnects
                assert r.json()["reply"]["text"].startswith("第2轮")  # the first turn survived
                assert c.get("/readyz").status_code == 200
        finally:
            services.close()
