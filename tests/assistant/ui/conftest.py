from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.services import Services
from knowledge.index import KnowledgeIndex
from tests.assistant.api.support import build_tiny_index
from tests.assistant.ui.support import kiosk_settings, real_services


@pytest.fixture(scope="session")
def ui_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The tiny pack and its core index (``ingest.build.build_index``), built once."""
    return build_tiny_index(tmp_path_factory.mktemp("ui-tiny"))


@pytest.fixture(scope="session")
def ui_kb(ui_index: tuple[Path, Path]) -> KnowledgeIndex:
    from knowledge.index import open_index

    data, index = ui_index
    return open_index(index / "core", data_dir=data, corpus_choice="core")


@pytest.fixture
def services(ui_index: tuple[Path, Path], ui_kb: KnowledgeIndex,
             tmp_path: Path) -> Iterator[Services]:
    s = real_services(kiosk_settings(*ui_index, f"sqlite:///{tmp_path / 'k.db'}",
                                     idle_minutes=3), ui_kb)
    yield s
    s.close()
