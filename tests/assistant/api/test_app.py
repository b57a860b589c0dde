from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.app import Services
from assistant.drafting import get_template
from knowledge.index import KnowledgeIndex
from tests.support.services import FakeConsultant, FakeTranscriber, make_services, make_settings


@pytest.fixture
def client(services: Services) -> Iterator[TestClient]:
    with TestClient(create_app(services=services)) as c:
        yield c


def _error(resp: Any, status: int, code: str) -> str:
    assert resp.status_code == status, resp.text
    err = resp.json()["error"]
    assert err["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err["message"])
    assert err["request_id"] == resp.headers["x-request-id"]
    return str(err["message"])


def test_chat_keeps_state_across_requests(client: TestClient) -> None:
    r1 = client.post("/v1/chat", json={"text": "公司不签劳动合同"})
    assert r1.status_code == 200
    sid = r1.json()["session_id"]
    r2 = client.post("/v1/chat", json={"session_id": sid, "text": "干了半年"})
    assert r2.json()["reply"]["text"].startswith("第2轮")
    turns = client.get(f"/v1/sessions/{sid}").json()["turns"]
    assert [t["text"] for t in turns if t["role"] == "user"] == ["公司不签劳动合同", "干了半年"]
    assert client.delete(f"/v1/sessions/{sid}").status_code == 204
    _error(client.post("/v1/chat", json={"session_id": sid, "text": "还在吗"}), 404,
           "session_not_found")


def test_request_errors_share_one_format(client: TestClient) -> None:
    bad_json = client.post("/v1/chat", content=b"{not json", headers={"content-type": "application/json"})
    assert "JSON" in _error(bad_json, 422, "invalid_request")
    _error(client.post("/v1/chat", json={"text": 42}), 422, "invalid_request")
    _error(client.post("/v1/chat", json={"text": "   "}), 422, "text_empty")
    _error(client.post("/v1/chat", json={"text": "问" * 2001}), 422, "text_too_long")
    _error(client.post("/v1/chat", json={"text": "\x00\x01\x02"}), 422, "text_invalid")
    _error(client.post("/v1/chat", json={"session_id": "nope-nope-1", "text": "你好"}), 404,
           "session_not_found")
    _error(client.get("/no/such/path"), 404, "not_found")
    _error(client.put("/v1/chat"), 405, "method_not_allowed")


def test_huge_bodies_are_refused_before_they_are_read(client: TestClient) -> None:
    big = b'{"text": "' + "问".encode() * 400_000 + b'"}'
    _error(client.post("/v1/chat", content=big, headers={"content-type": "application/json"}),
           413, "body_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(20):
            yield b"x" * 100_000

    _error(client.post("/v1/chat", content=chunks(), headers={"content-type": "application/json"}),
           413, "body_too_large")


def test_unexpected_errors_are_generic_500s(services: Services) -> None:
    services.engine = FakeConsultant(services.kb, fail=True)
    with TestClient(create_app(services=services), raise_server_exceptions=False) as c:
        r = c.post("/v1/chat", json={"text": "你好"})
    message = _error(r, 500, "internal_error")
    assert "12348" in message and "13812345678" not in r.text and "Traceback" not in r.text


def test_a_file_deleted_while_served_is_404_only_on_a_file_route(
    services: Services, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The kiosk deletes a recording once read; Gradio's /file= route may have checked it first.
    gone = APIRouter()

    @gone.get("/gradio_api/file={path:path}")
    @gone.get("/v1/broken/{path:path}")
    def serve(path: str) -> dict[str, int]:
        return {"size": (tmp_path / path).stat().st_size}

    with TestClient(create_app(services=services, routers=[gone]),
                    raise_server_exceptions=False) as c:
        with caplog.at_level("INFO", logger="legalaid.api"):
            _error(c.get("/gradio_api/file=audio.wav"), 404, "not_found")
        assert not [r for r in caplog.records if r.levelname == "ERROR"]
        _error(c.get("/v1/broken/audio.wav"), 500, "internal_error")


def test_rate_limit_answers_429_in_chinese(
    tiny_index: tuple[Path, Path], tiny_kb: KnowledgeIndex, tmp_path: Path
) -> None:
    settings = make_settings(*tiny_index, f"sqlite:///{tmp_path / 'r.db'}", rate_limit_per_minute=3)
    services = make_services(settings, kb=tiny_kb)
    with TestClient(create_app(services=services)) as c:
        codes = [c.get("/v1/search", params={"q": "劳动合同"}).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        r = c.get("/v1/search", params={"q": "劳动合同"})
        assert "频繁" in _error(r, 429, "rate_limited")
        assert int(r.headers["retry-after"]) >= 1
        assert c.get("/healthz").status_code == 200  # health checks are never limited
    services.close()


def test_documents_draft_preview_download_and_bad_ids(
    client: TestClient, services: Services
) -> None:
    tpl = get_template("loan_note")
    fields = {k: list(v) if isinstance(v, tuple) else v for k, v in tpl.example.items()}
    preview = client.post("/v1/documents/preview", json={"template_id": tpl.id, "fields": {}})
    assert preview.status_code == 200 and preview.json()["missing"]
    # The tiny corpus lacks the template's legal bases: citations are checked like answers'.
    refused = client.post("/v1/documents", json={"template_id": tpl.id, "fields": fields})
    assert "没有第" in _error(refused, 422, "document_invalid_field")
    services.kb = services.resolver = None  # no index: fields checked, citations not
    r = client.post("/v1/documents", json={"template_id": tpl.id, "fields": fields})
    assert r.status_code == 201, r.text
    doc = r.json()
    assert doc["downloads"]["pdf"] is None and len(doc["document_id"]) == 32
    got = client.get(doc["downloads"]["docx"])
    assert got.status_code == 200 and got.content[:2] == b"PK"
    assert "attachment" in got.headers["content-disposition"]
    _error(client.get(f"/v1/documents/{doc['document_id']}/pdf"), 404, "pdf_not_available")
    _error(client.get("/v1/documents/" + "0" * 32), 404, "document_not_found")
    _error(client.get("/v1/documents/ABC/docx"), 400, "document_id_invalid")
    _error(client.get("/v1/documents/..%2F..%2Fetc%2Fpasswd/docx"), 404, "not_found")
    _error(client.get("/v1/documents/%2e%2e/docx"), 400, "document_id_invalid")
    _error(client.post("/v1/documents", json={"template_id": tpl.id, "fields": {}}), 422,
           "document_missing_fields")
    _error(client.post("/v1/documents", json={"template_id": "nope", "fields": {}}), 404,
           "template_unknown")
    assert any(t["id"] == tpl.id for t in client.get("/v1/documents/templates").json())


def test_search_and_risk(client: TestClient) -> None:
    r = client.get("/v1/search", params={"q": "没签书面劳动合同二倍工资", "k": 3, "cases": 1})
    body = r.json()
    assert r.status_code == 200 and body["articles"][0]["law"] == "中华人民共和国劳动合同法"
    assert body["cases"] and body["cases"][0]["case_id"] == "T-1"
    _error(client.get("/v1/search", params={"q": " "}), 422, "text_empty")
    sid = client.post("/v1/chat", json={"text": "老板欠我工资"}).json()["session_id"]
    risk = client.post("/v1/risk", json={"session_id": sid, "today": "2025-06-01"})
    assert risk.status_code == 200 and risk.json()["level"] in ("low", "medium", "high")
    direct = client.post("/v1/risk", json={"category": "labor_wages", "facts": {}})
    assert direct.status_code == 200
    _error(client.post("/v1/risk", json={"category": "astrology"}), 422, "category_unknown")


def test_voice_without_whisper_and_with_a_fake_one(services: Services) -> None:
    with TestClient(create_app(services=services)) as c:
        r = c.post("/v1/voice", files={"audio": ("q.wav", b"RIFF0000WAVE", "audio/wav")})
        assert "文字" in _error(r, 503, "asr_not_configured")
        assert c.post("/v1/chat", json={"text": "文字照常可用"}).status_code == 200
    if shutil.which("espeak-ng") is None or shutil.which("ffmpeg") is None:
        pytest.skip("espeak-ng/ffmpeg missing")
    wav = subprocess.run(["espeak-ng", "-v", "cmn", "--stdout", "老板拖欠工资怎么办"],
                         capture_output=True, check=True).stdout
    services.transcriber = FakeTranscriber("老板拖欠工资怎么办")
    with TestClient(create_app(services=services)) as c:
        r = c.post("/v1/voice", files={"audio": ("q.wav", wav, "audio/wav")})
        assert r.status_code == 200, r.text
        assert r.json()["transcript"]["original"] == "老板拖欠工资怎么办"
        too_big = c.post("/v1/voice", files={"audio": ("q.wav", b"0" * 5_100_000, "audio/wav")})
        _error(too_big, 413, "upload_too_large")


def test_readyz_reports_missing_models_honestly(
    tiny_index: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.app as composition

    monkeypatch.setattr(composition, "build_engine",
                        lambda kb, settings, today: _with_resolver(FakeConsultant(kb)))
    settings = make_settings(*tiny_index, f"sqlite:///{tmp_path / 'ready.db'}")
    with TestClient(create_app(settings)) as c:  # the real lifespan: index, database, models
        r = c.get("/readyz")
        body = r.json()
        assert r.status_code == 200 and body["ready"] is True
        assert body["index"]["n_articles"] == 8 and body["database"] == {"ok": True, "backend": "sqlite"}
        assert body["models"]["whisper"]["present"] is False
        assert body["models"]["embedder"]["present"] is False
        assert body["models"]["llm"]["present"] is False
        assert c.get("/healthz").json() == {"status": "ok"}
        assert "/v1/chat" in c.get("/openapi.json").json()["paths"]


def test_readyz_is_503_without_an_index(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "nodata", tmp_path / "noindex", f"sqlite:///{tmp_path / 'x.db'}")
    with TestClient(create_app(settings)) as c:
        r = c.get("/readyz")
        assert r.status_code == 503 and r.json()["index"]["error"] == "index_missing"
        _error(c.post("/v1/chat", json={"text": "你好"}), 503, "index_missing")


def test_extra_routers_and_kiosk_are_included(services: Services) -> None:
    extra = APIRouter()

    @extra.get("/wechat/ping")
    def ping() -> dict[str, str]:
        return {"pong": "ok"}

    mounted: list[object] = []
    app = create_app(services=services, routers=[extra], kiosk=mounted.append)
    assert mounted == [app]
    with TestClient(app) as c:
        assert c.get("/wechat/ping").json() == {"pong": "ok"}


@pytest.mark.slow
def test_real_lifespan_with_the_real_engine(tiny_index: tuple[Path, Path], tmp_path: Path) -> None:
    settings = make_settings(*tiny_index, f"sqlite:///{tmp_path / 'real.db'}")
    with TestClient(create_app(settings)) as c:
        assert c.get("/readyz").json()["index"]["engine"] is True
        r = c.post("/v1/chat", json={"text": "公司一直不跟我签书面劳动合同"})
        assert r.status_code == 200 and r.json()["reply"]["kind"] in (
            "clarify", "answer", "abstain")


def _with_resolver(engine: FakeConsultant) -> FakeConsultant:
    engine.resolver = None  # type: ignore[attr-defined]  # build_services reads engine.resolver
    return engine


def _poll(c: TestClient, until: Any, seconds: float = 60) -> dict[str, Any]:
    import time

    deadline = time.monotonic() + seconds
    while True:
        body: dict[str, Any] = c.get("/readyz").json()
        if until(body) or time.monotonic() > deadline:
            return body
        time.sleep(0.1)


def test_serves_bm25_at_once_and_switches_to_hybrid_when_vectors_are_built(
    tiny_index: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import assistant.app as composition

    data, shared = tiny_index
    index = tmp_path / "index"
    shutil.copytree(shared, index)  # the build writes vectors into the index directory
    monkeypatch.setattr(composition, "build_engine",
                        lambda kb, settings, today: _with_resolver(FakeConsultant(kb)))
    gate = threading.Event()
    real_attach = composition.attach_vectors

    def gated_attach(*args: Any, **kwargs: Any) -> Any:
        gate.wait(30)  # holds the build so the test sees the service answer before it is done
        return real_attach(*args, **kwargs)

    monkeypatch.setattr(composition, "attach_vectors", gated_attach)
    settings = make_settings(data, index, f"sqlite:///{tmp_path / 'bg.db'}").model_copy(
        update={"embedder": "e5-small"})
    with TestClient(create_app(settings)) as c:
        body = c.get("/readyz").json()
        assert body["ready"] is True and body["index"]["mode"] == "bm25"
        assert body["index"]["vectors"]["state"] == "building"
        assert body["models"]["embedder"]["present"] is False
        answer = c.post("/v1/chat", json={"text": "房客一直拖欠房租不交"})
        assert answer.status_code == 200 and answer.json()["reply"]["citations"]
        gate.set()
        body = _poll(c, lambda b: b["index"]["vectors"]["state"] != "building")
        vectors = body["index"]["vectors"]
        assert vectors["state"] == "ready" and vectors["done"] == vectors["total"] > 8
        assert body["index"]["mode"] == "hybrid"
        assert body["index"]["embedder"].startswith("multilingual-e5-small-q4-")
        assert body["models"]["embedder"] == {"present": True, "detail": body["index"]["embedder"]}
        assert c.post("/v1/chat", json={"text": "房客一直拖欠房租不交"}).status_code == 200
    assert any((index / "vectors").glob("*/shard-*.npz"))  # the cache a restart resumes from


def test_a_failed_vector_build_keeps_bm25_serving(
    tiny_index: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.app as composition

    data, shared = tiny_index
    index = tmp_path / "index"
    shutil.copytree(shared, index)
    monkeypatch.setattr(composition, "build_engine",
                        lambda kb, settings, today: _with_resolver(FakeConsultant(kb)))

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError("disk full")

    monkeypatch.setattr(composition, "attach_vectors", broken)
    settings = make_settings(data, index, f"sqlite:///{tmp_path / 'bg.db'}").model_copy(
        update={"embedder": "e5-small"})
    with TestClient(create_app(settings)) as c:
        body = _poll(c, lambda b: b["index"]["vectors"]["state"] != "building")
        assert body["ready"] is True and body["index"]["mode"] == "bm25"
        assert body["index"]["vectors"]["state"] == "failed"
        assert body["index"]["vectors"]["detail"] == "OSError"  # never the message itself
        assert c.post("/v1/chat", json={"text": "房客一直拖欠房租不交"}).status_code == 200


def test_only_one_worker_embeds_at_a_time(tmp_path: Path) -> None:
    import threading

    from assistant.app import _exclusive

    stop = threading.Event()
    with _exclusive(tmp_path / ".vectors.lock", stop) as first:
        assert first is True
        stop.set()  # a second worker waiting for the lock gives up when asked to stop
        with _exclusive(tmp_path / ".vectors.lock", stop) as second:
            assert second is False
    with _exclusive(tmp_path / ".vectors.lock", threading.Event()) as again:
        assert again is True  # released


def test_docs_assets_come_from_the_installation(services: Services) -> None:
    from assistant.api.app import create_app

    with TestClient(create_app(services=services)) as client:
        page = client.get("/docs").text
        assert "cdn" not in page.lower() and "/docs/assets/swagger-ui-bundle.js" in page
        js = client.get("/docs/assets/swagger-ui-bundle.js")
        assert js.status_code == 200 and b"SwaggerUIBundle" in js.content[:2000]
        assert "/docs/assets/redoc.standalone.js" in client.get("/redoc").text
        assert client.get("/docs/assets/..%2Fcore.py").status_code == 404
