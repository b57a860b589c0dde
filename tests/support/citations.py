"""Checking a cited row against the article text in the knowledge pack."""

from __future__ import annotations

from knowledge.corpus import Corpus


def assert_cited(corpus: Corpus, law_key: str, article: str, phrase: str = "") -> None:
    """The article exists in the pack and (when given) ``phrase`` occurs in its text."""
    art = corpus.by_key((law_key, article))
    assert art is not None, f"《{law_key}》{article} not in the knowledge pack"
    assert phrase in art.text, f"《{law_key}》{article} does not say {phrase!r}"
