"""End to end over a real socket: uvicorn on 127.0.0.1, a random free port, httpx as client."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import httpx

from assistant.api.app import create_app
from knowledge.index import KnowledgeIndex
from tests.support.servers import serve_app
from tests.support.services import make_services, make_settings


@contextlib.contextmanager
def serve(tiny_index: tuple[Path, Path], kb: KnowledgeIndex, db_url: str) -> Iterator[str]:
    """A fresh app (new Services, same database) served until the block ends."""
    services = make_services(make_settings(*tiny_index, db_url), kb=kb)
    try:
        with serve_app(create_app(services=services)) as url:
            yield url
    finally:
        services.close()


def test_conversation_survives_a_server_restart(
    tiny_index: tuple[Path, Path], tiny_kb: KnowledgeIndex, db_url: str
) -> None:
    with serve(tiny_index, tiny_kb, db_url) as base:
        assert httpx.get(f"{base}/healthz").json() == {"status": "ok"}
        r1 = httpx.post(f"{base}/v1/chat", json={"text": "公司一直不跟我签劳动合同"})
        assert r1.status_code == 200 and r1.headers["x-request-id"]
        sid = r1.json()["session_id"]
        assert r1.json()["reply"]["citations"]
        r2 = httpx.post(f"{base}/v1/chat", json={"session_id": sid, "text": "已经八个月了"})
        assert r2.json()["reply"]["text"].startswith("第2轮")
    with serve(tiny_index, tiny_kb, db_url) as base:  # a new process state, same database
        r3 = httpx.post(f"{base}/v1/chat", json={"session_id": sid, "text": "能要多少钱"})
        assert r3.status_code == 200 and r3.json()["reply"]["text"].startswith("第3轮")
        bad = httpx.post(f"{base}/v1/chat", content=b"{oops", headers={"content-type": "application/json"})
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_request"
        ready = httpx.get(f"{base}/readyz").json()
        assert ready["ready"] is True and ready["database"]["ok"] is True
