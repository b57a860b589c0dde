from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant.models import Classification
from eval.datasets import Query
from eval.retrieval import evaluate, fold_of, rank_queries
from ingest.build import build_index
from knowledge.index import open_index


class RecordingClassifier:
    """Says every question is about housing, and remembers what it was trained without."""

    def __init__(self, held: frozenset[str], log: list[frozenset[str]]) -> None:
        log.append(held)

    def classify(self, text: str, *, history: Sequence[str] = ()) -> Classification:
        return Classification(category="housing_property_neighbor", confidence=0.9)


def test_each_fold_gets_a_classifier_trained_without_it(tiny_pack: Path, tmp_path: Path) -> None:
    build_index(tmp_path / "core", data_dir=tiny_pack, corpus_choice="core", progress=False)
    kb = open_index(tmp_path / "core", data_dir=tiny_pack, corpus_choice="core")
    # stard-1 is both a dev question in the memory and the query scored here.
    queries = [Query("stard-1", "房客一直拖着不交房租怎么办", (("民法典", "第七百二十二条"),))]
    log: list[frozenset[str]] = []
    rankings, latencies = rank_queries(
        kb.articles, queries, classifier=lambda held: RecordingClassifier(held, log))
    assert log == [frozenset({"stard-1"})]  # its own fold is left out of training
    assert fold_of("stard-1") in range(5)
    result = evaluate(rankings, queries, latencies)
    assert result["recall@10"] == 1.0 and result["queries"] == 1


def test_classifier_training_can_leave_dev_questions_out(data_dir: Path) -> None:
    from assistant.consult.classify import devset_examples
    from knowledge.corpus import load_statutes
    from knowledge.taxonomy import load_categories

    statutes = load_statutes(data_dir / "statutes")
    every = devset_examples(data_dir, statutes, load_categories())
    assert every, "weakly labelled dev questions expected"
    first = next(e for e in every if e.source == "devset")
    from knowledge.devsets import dataset_path, load_queries

    stard = load_queries("stard", dataset_path(data_dir, "stard"))
    ids = frozenset(q.id for q in stard)
    fewer = devset_examples(data_dir, statutes, load_categories(), exclude=ids)
    assert len(fewer) < len(every)
    texts = {q.text for q in stard}
    assert not any(e.text in texts for e in fewer)
    assert first.label
