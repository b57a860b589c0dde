from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from assistant.config import Settings


@pytest.mark.slow
def test_a_fresh_service_answers_at_once_and_switches_to_hybrid(
    tiny_index: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from eval import warmup

    data, index = tiny_index
    settings = Settings(data_dir=data, index_dir=index, corpus="core", results_dir=tmp_path)
    args = argparse.Namespace(corpus=None, reuse_cache=False, ask_every=1.0, max_minutes=3.0,
                              json=tmp_path / "w.json", plot=tmp_path / "w.png")
    assert warmup.run(args, settings) == 0
    result = json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))
    # Eight articles embed in about a second, so the first answer may already be hybrid; the
    # in-process test in tests/assistant/api holds the build to see BM25 answers first.
    assert result["first_answer_ms"] > 0 and result["answer_errors"] == 0
    assert result["final_mode"] == "hybrid" and result["vectors_state"] == "ready"
    assert result["texts_embedded"] == result["texts_total"] > 8
    assert (tmp_path / "w.png").stat().st_size > 0
    assert not (index / "core" / "dense.npy").exists()  # the shared index was only copied


def test_the_copy_has_no_vectors(tiny_index: tuple[Path, Path], tmp_path: Path) -> None:
    from eval.warmup import bm25_copy

    _, index = tiny_index
    bm25_copy(index / "core", tmp_path / "core")
    manifest = json.loads((tmp_path / "core" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["embedder"] is None and "dense" not in manifest["extra"]
    assert not (tmp_path / "core" / "dense.npy").exists()
