from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from knowledge.corpus import Corpus, load_statutes
from knowledge.index import KnowledgeIndex


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The read-only knowledge pack beside the checkout (CI clones next to ../shared)."""
    path = Settings().data_dir
    if not (path / "statutes").is_dir():
        pytest.fail(f"knowledge pack not found at {path}; set LEGALAID_DATA_DIR")
    return path


@pytest.fixture(scope="session")
def statutes(data_dir: Path) -> Corpus:
    """The 8,688 curated articles of the pack (for checking cited rows)."""
    return Corpus(tuple(load_statutes(data_dir / "statutes")))


@pytest.fixture
def tiny_pack(tmp_path: Path) -> Path:
    """A miniature knowledge pack in tmp_path (statutes, cases, national corpus, dev split)."""
    from tests.pack import write_tiny_pack

    return write_tiny_pack(tmp_path / "data")


@pytest.fixture(scope="session")
def core_index(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The index directory (``<dir>/core``) of the real 95 laws, built once per session (~10 s)."""
    from ingest.build import build_index

    out = tmp_path_factory.mktemp("index") / "core"
    build_index(out, data_dir=data_dir, corpus_choice="core", progress=False)
    return out


@pytest.fixture(scope="session")
def core_kb(data_dir: Path, core_index: Path) -> KnowledgeIndex:
    """The real 95-law index, built once per test session."""
    from knowledge.index import open_index

    return open_index(core_index, data_dir=data_dir, corpus_choice="core")


@pytest.fixture(scope="session")
def tiny_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(data_dir, index_dir) of the tiny pack with its core index, built once per session and
    shared read-only by the API, kiosk, WeChat and robustness tests (copy it before damaging)."""
    from tests.support.services import build_tiny_index

    return build_tiny_index(tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="session")
def tiny_kb(tiny_index: tuple[Path, Path]) -> KnowledgeIndex:
    from knowledge.index import open_index

    data, index = tiny_index
    return open_index(index / "core", data_dir=data, corpus_choice="core")
