"""Fixtures for the robustness tier: a fully configured app over the tiny index.

Everything optional is switched on (real consultation engine, a fake recogniser, the staff
console with a supervisor logged in) so fuzzed requests reach the code behind each route
instead of stopping at "not configured".
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from knowledge.index import KnowledgeIndex
from tests.support.robust import STAFF_PASSWORD, Robust, robust_settings
from tests.support.services import FakeTranscriber, engine_for, make_services


@pytest.fixture
def robust(tiny_index: tuple[Path, Path], tiny_kb: KnowledgeIndex,
           tmp_path: Path) -> Iterator[Robust]:
    from assistant.api.app import create_app

    data, index = tiny_index
    settings = robust_settings(data, index, f"sqlite:///{tmp_path / 'robust.db'}")
    engine = engine_for(tiny_kb, data)
    services = make_services(settings, kb=tiny_kb, engine=engine,
                             transcriber=FakeTranscriber("老板拖欠工资怎么办"))
    services.screening.store.add_user("boss", STAFF_PASSWORD, role="supervisor")
    with TestClient(create_app(services=services), raise_server_exceptions=False) as client:
        token = client.post("/v1/staff/token",
                            data={"username": "boss", "password": STAFF_PASSWORD}).json()
        yield Robust(services, client, {"Authorization": f"Bearer {token['access_token']}"})
    services.close()


LOAN_BASES = (("中华人民共和国民法典", 668), ("中华人民共和国民法典", 680))


@pytest.fixture(scope="session")
def served_pack(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The tiny pack plus the real text of the loan note's two legal bases (read from the
    knowledge pack, not written here), so a document can be drafted against it."""
    from ingest.build import build_index
    from tests.pack import write_tiny_pack

    root = tmp_path_factory.mktemp("served")
    data = write_tiny_pack(root / "data")
    extra = [line for f in sorted((data_dir / "statutes").glob("*.jsonl"))
             for line in f.read_text("utf-8").splitlines()
             if (json.loads(line)["law"], json.loads(line)["article_no"]) in LOAN_BASES]
    assert len(extra) == 2
    (data / "statutes" / "extra.jsonl").write_text("\n".join(extra) + "\n", encoding="utf-8")
    build_index(root / "index" / "core", data_dir=data, corpus_choice="core", progress=False)
    return data, root / "index"
