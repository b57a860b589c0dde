from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.services import Services
from knowledge.index import KnowledgeIndex
from tests.assistant.api.support import (
    build_tiny_index,
    make_services,
    make_settings,
)


@pytest.fixture(scope="session")
def tiny_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The tiny pack and its core index, built once per test session."""
    return build_tiny_index(tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="session")
def tiny_kb(tiny_index: tuple[Path, Path]) -> KnowledgeIndex:
    from knowledge.index import open_index

    data, index = tiny_index
    return open_index(index / "core", data_dir=data, corpus_choice="core")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'legalaid.db'}"


@pytest.fixture
def services(tiny_index: tuple[Path, Path], tiny_kb: KnowledgeIndex,
             sqlite_url: str) -> Iterator[Services]:
    s = make_services(make_settings(*tiny_index, sqlite_url), kb=tiny_kb)
    yield s
    s.close()
