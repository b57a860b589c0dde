"""Fixtures for the robustness tier: a fully configured app over the tiny index.

Everything optional is switched on (real consultation engine, a fake recogniser, the staff
console with a supervisor logged in) so fuzzed requests reach the code behind each route
instead of stopping at "not configured".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.config import Settings, StaffSettings
from assistant.services import Services
from knowledge.index import KnowledgeIndex
from tests.assistant.api.support import FakeTranscriber, make_services, make_settings

STAFF_SECRET = "robustness-secret-0123456789"
STAFF_PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Robust:
    services: Services
    client: TestClient
    auth: dict[str, str]  # a supervisor's bearer token


def robust_settings(data: Path, index: Path, db_url: str) -> Settings:
    return make_settings(data, index, db_url, rate_limit_per_minute=0).model_copy(
        update={"staff": StaffSettings(token_secret=STAFF_SECRET)})  # type: ignore[arg-type]


@pytest.fixture
def robust(tiny_index: tuple[Path, Path], tiny_kb: KnowledgeIndex,
           tmp_path: Path) -> Iterator[Robust]:
    from assistant.api.app import create_app
    from assistant.consult.engine import ConsultationEngine
    from assistant.screening.routes import hub_for

    data, index = tiny_index
    settings = robust_settings(data, index, f"sqlite:///{tmp_path / 'robust.db'}")
    engine = ConsultationEngine.from_knowledge(tiny_kb, data_dir=data)
    services = make_services(settings, kb=tiny_kb, engine=engine,
                             transcriber=FakeTranscriber("老板拖欠工资怎么办"))
    hub_for(services).store.add_user("boss", STAFF_PASSWORD, role="supervisor")
    with TestClient(create_app(services=services), raise_server_exceptions=False) as client:
        token = client.post("/v1/staff/token",
                            data={"username": "boss", "password": STAFF_PASSWORD}).json()
        yield Robust(services, client, {"Authorization": f"Bearer {token['access_token']}"})
    services.close()


def assert_error(resp: Any, status: int | None = None, code: str | None = None) -> str:
    """The response is an error in the one documented format; returns its code."""
    if status is not None:
        assert resp.status_code == status, resp.text
    assert 400 <= resp.status_code < 600, resp.text
    body = resp.json()
    assert set(body) == {"error"}, body
    err = body["error"]
    assert set(err) == {"code", "message", "request_id"}, err
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err["message"]), err
    assert err["request_id"] == resp.headers["x-request-id"]
    assert "Traceback" not in resp.text
    if code is not None:
        assert err["code"] == code, err
    return str(err["code"])
