from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The read-only knowledge pack beside the checkout (CI clones next to ../shared)."""
    path = Settings().data_dir
    if not (path / "statutes").is_dir():
        pytest.fail(f"knowledge pack not found at {path}; set LEGALAID_DATA_DIR")
    return path


@pytest.fixture
def tiny_pack(tmp_path: Path) -> Path:
    """A miniature knowledge pack in tmp_path (statutes, cases, national corpus, dev split)."""
    from tests.pack import write_tiny_pack

    return write_tiny_pack(tmp_path / "data")
