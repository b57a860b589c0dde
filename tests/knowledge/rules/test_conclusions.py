from __future__ import annotations

from pathlib import Path

from knowledge.corpus import load_statutes
from knowledge.rules.common import CATEGORY_CODES
from knowledge.rules.conclusions import conclusions, conclusions_for


def test_every_conclusion_rests_on_a_real_article_that_says_it(data_dir: Path) -> None:
    arts = {a.key: a for a in load_statutes(data_dir / "statutes")}
    for c in conclusions():
        article = arts.get((c.law_key, c.article))
        assert article is not None, f"{c.id}: {c.law_key}{c.article} not in the pack"
        text = article.text.replace("\n", "")
        assert c.basis_phrase in text, f"{c.id}: phrase not in {c.law_key}{c.article}"


def test_every_category_has_a_conclusion_and_ids_are_unique() -> None:
    ids = [c.id for c in conclusions()]
    assert len(ids) == len(set(ids))
    for code in CATEGORY_CODES:
        assert conclusions_for(code), code
