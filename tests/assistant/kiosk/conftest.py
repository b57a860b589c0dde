from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.app import Services
from knowledge.index import KnowledgeIndex
from tests.support.servers import kiosk_settings
from tests.support.services import real_services


@pytest.fixture
def services(tiny_index: tuple[Path, Path], tiny_kb: KnowledgeIndex,
             tmp_path: Path) -> Iterator[Services]:
    s = real_services(kiosk_settings(*tiny_index, f"sqlite:///{tmp_path / 'k.db'}",
                                     idle_minutes=3), tiny_kb)
    yield s
    s.close()
