from __future__ import annotations

from pathlib import Path

from eval.answers import evaluate, held_out, without_questions
from eval.datasets import Query
from knowledge.index import KnowledgeIndex
from tests.support.services import engine_for


def test_answers_eval_on_two_questions(core_kb: KnowledgeIndex, data_dir: Path) -> None:
    queries = [
        Query("stard-x1", "老板拖欠工资不给怎么办", (("劳动合同法", "第三十条"),)),
        Query("stard-x2", "我想注册商标怎么办理", ()),
    ]
    engine = engine_for(core_kb, data_dir)
    engine.ask_clarifying = False
    result = evaluate(engine, queries, core_kb.corpus)
    assert result["citation_validity"] == 1.0 and result["citations_checked"] > 0
    assert result["abstain_rate"] == 0.5  # the trademark question is referred, not answered
    assert result["cited_recall"] == 1.0  # 劳动合同法第三十条 is among the cited articles
    assert result["queries"] == 2 and result["latency_ms_p95"] >= result["latency_ms_p50"]


def test_scored_questions_are_removed_from_the_memory(core_kb: KnowledgeIndex) -> None:
    some = core_kb.articles.memory.items[-3:]
    held = held_out(core_kb, [Query(i.id, i.text, ()) for i in some])
    assert held == {i.id for i in some}  # also the IDs the classifier leaves out of training
    kb = without_questions(core_kb, held)
    assert {i.id for i in some}.isdisjoint(i.id for i in kb.articles.memory.items)
    assert len(kb.articles.memory.items) == len(core_kb.articles.memory.items) - 3
