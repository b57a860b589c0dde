from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.services import Services
from knowledge.index import KnowledgeIndex
from tests.assistant.api.support import (
    make_services,
    make_settings,
)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'legalaid.db'}"


@pytest.fixture
def services(tiny_index: tuple[Path, Path], tiny_kb: KnowledgeIndex,
             sqlite_url: str) -> Iterator[Services]:
    s = make_services(make_settings(*tiny_index, sqlite_url), kb=tiny_kb)
    yield s
    s.close()
