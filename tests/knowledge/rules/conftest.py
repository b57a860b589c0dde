from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.corpus import Corpus, load_statutes


@pytest.fixture(scope="session")
def statutes(data_dir: Path) -> Corpus:
    return Corpus(tuple(load_statutes(data_dir / "statutes")))


def assert_cited(corpus: Corpus, law_key: str, article: str, phrase: str = "") -> None:
    """The article exists in the pack and (when given) ``phrase`` occurs in its text."""
    art = corpus.by_key((law_key, article))
    assert art is not None, f"《{law_key}》{article} not in the knowledge pack"
    assert phrase in art.text, f"《{law_key}》{article} does not say {phrase!r}"
