from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.index import KnowledgeIndex
from tests.assistant.api.support import build_tiny_index


@pytest.fixture(scope="session")
def ui_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The tiny pack and its core index (``ingest.build.build_index``), built once."""
    return build_tiny_index(tmp_path_factory.mktemp("ui-tiny"))


@pytest.fixture(scope="session")
def ui_kb(ui_index: tuple[Path, Path]) -> KnowledgeIndex:
    from knowledge.index import open_index

    data, index = ui_index
    return open_index(index / "core", data_dir=data, corpus_choice="core")
