from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.config import Settings
from ingest.train_embedder import (
    TrainConfig,
    TrainingPair,
    article_cloze_pairs,
    article_title_pairs,
    epoch_batches,
    eval_pairs,
    load_pack_inputs,
    passage,
    recall_at_k,
    split_heldout,
    train_static_embedder,
)
from knowledge.corpus import Article, Corpus
from knowledge.dense import load_embedder

# Three made-up "laws", each with its own vocabulary, so a tiny model can separate them.
TOPICS = {
    "示例劳动法": ["用人单位应当按时足额支付劳动者工资", "劳动者加班的应当支付加班费"],
    "示例婚姻法": ["夫妻双方自愿离婚的应当签订书面离婚协议", "离婚后子女由父母双方抚养"],
    "示例交通法": ["机动车发生交通事故造成人身伤亡的应当赔偿", "驾驶人应当立即停车保护现场"],
}
TINY = TrainConfig(dim=16, vocab_size=300, epochs=3, batch_size=8, learning_rate=0.05,
                   max_minutes=2.0, progress=False)


def _articles() -> list[Article]:
    out = []
    for law, sentences in TOPICS.items():
        for i in range(1, 9):
            text = f"{sentences[i % 2]}。第{i}款另有规定的，{sentences[(i + 1) % 2]}；依照本法执行。"
            out.append(Article(
                law=f"中华人民共和国{law}", law_key=law, short=law, level="法律",
                chapter="第一章 总则", article=f"第{'一二三四五六七八'[i - 1]}条", article_no=i,
                article_sub=0, text=text, effective="2020-01-01",
            ))
    return out


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(tuple(_articles()))


def _query_records() -> list[dict[str, Any]]:
    return [
        {"id": "q1", "query": "老板拖欠工资不给加班费怎么办",
         "cited_articles_heuristic": [{"law": "示例劳动法", "article": "第一条"}]},
        {"id": "q2", "query": "想离婚孩子抚养归谁",
         "cited_articles_heuristic": [{"law": "中华人民共和国示例婚姻法", "article": "第二条"},
                                      {"law": "示例婚姻法", "article": "第九十九条"}]},
        {"id": "q3", "query": "出了交通事故对方要赔偿",
         "cited_articles_heuristic": [{"law": "示例交通法", "article": "第三条"}]},
    ]


def test_pairs_resolve_gold_and_skip_missing(corpus: Corpus) -> None:
    pairs = eval_pairs(_query_records(), corpus, source="lawbench_consult")
    assert [(p.group, p.article_id) for p in pairs] == [
        ("q1", "示例劳动法#1@2020-01-01"),
        ("q2", "示例婚姻法#2@2020-01-01"),
        ("q3", "示例交通法#3@2020-01-01"),
    ]
    gold = corpus.get(pairs[1].article_id)
    assert gold is not None and pairs[1].positive == passage(gold)
    titles = article_title_pairs(corpus)
    assert titles[0].anchor == "中华人民共和国示例劳动法 第一章 总则"
    assert titles[0].positive == corpus.articles[0].text
    cloze = article_cloze_pairs(corpus, seed=1)
    assert len(cloze) == len(corpus)
    for p in cloze:
        a = corpus.get(p.article_id)
        assert a is not None and p.anchor in a.text and p.anchor not in p.positive


def test_heldout_split_keeps_queries_whole() -> None:
    pairs = [TrainingPair(f"q{g}", f"a{g}-{i}", "lexrag", f"g{g}") for g in range(10)
             for i in range(3)]
    train, held = split_heldout(pairs, n=7, sources=["lexrag"], seed=3)
    assert len(held) == 9 and len(train) == 21
    assert not {p.group for p in held} & {p.group for p in train}


def test_batches_never_repeat_a_text() -> None:
    import random

    pairs = [TrainingPair("同一标题", f"条文{i}", "article_title", str(i)) for i in range(20)]
    pairs += [TrainingPair(f"问题{i}", f"答案{i}", "case", f"c{i}") for i in range(40)]
    for batch in epoch_batches(pairs, batch_size=16, rng=random.Random(0)):
        texts = [p.anchor for p in batch] + [p.positive for p in batch]
        assert len(texts) == len(set(texts))


def test_smoke_train_saves_loadable_model(corpus: Corpus, tmp_path: Path) -> None:
    pairs = article_title_pairs(corpus) + article_cloze_pairs(corpus, seed=1)
    pairs += eval_pairs(_query_records(), corpus, source="lawbench_consult")
    docs = [passage(a) for a in corpus]
    out = tmp_path / "模型"
    result = train_static_embedder(
        documents=docs, pairs=pairs, out_dir=out, config=TINY, log=lambda _: None
    )
    assert result.steps > 0 and not result.stopped_by_time_limit
    record = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert record["pairs_per_source"]["article_cloze"] == len(corpus)
    assert record["dim"] == 16 and record["vocab_size"] == result.vocab_size > 10
    assert set(record["seconds"]) >= {"tokenizer", "init", "train", "total"}

    emb = load_embedder(out)
    vecs = emb.encode(["劳动者工资", "离婚协议"])
    assert vecs.shape == (2, 16)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, rtol=1e-5)
    # Every article's own text must retrieve itself among 24 articles.
    assert recall_at_k(emb, docs, [(d, i) for i, d in enumerate(docs)], k=3) >= 0.9


def test_time_limit_stops_cleanly_and_saves(corpus: Corpus, tmp_path: Path) -> None:
    config = TrainConfig(dim=8, vocab_size=200, epochs=50, batch_size=8, max_minutes=1e-9,
                         progress=False)
    result = train_static_embedder(
        documents=[passage(a) for a in corpus], pairs=article_title_pairs(corpus),
        out_dir=tmp_path / "m", config=config, log=lambda _: None,
    )
    assert result.stopped_by_time_limit and result.steps == 0
    assert load_embedder(tmp_path / "m").dim == 8


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


@pytest.fixture()
def tiny_pack(tmp_path: Path) -> Path:
    """A knowledge pack in miniature, in the real file layout."""
    data = tmp_path / "data"
    rows = [{"law": a.law, "short": a.short, "level": a.level, "chapter": "", "article": a.article,
             "article_no": a.article_no, "text": a.text, "effective": a.effective,
             "is_latest": True} for a in _articles()]
    _write_jsonl(data / "eval/statute_corpus/corpus.jsonl", rows)
    _write_jsonl(data / "statutes/labor.jsonl", [{**rows[0], "chapter": "第一章 总则"}])
    _write_jsonl(data / "cases/cases.jsonl", [{
        "id": "case-1", "title": "张某诉某公司劳动争议案", "facts": "公司拖欠工资。",
        "cited_refs": [{"law": "示例劳动法", "article_no": 2}, {"law": "不存在法", "article_no": 1}],
    }])
    _write_jsonl(data / "eval/lawbench_consult/dev.jsonl", _query_records())
    _write_jsonl(data / "eval/lexrag/dev.jsonl", [{"id": "lexrag-1", "turns": [
        {"turn": 1, "user": "撞车了", "gold_articles": [{"law": "示例交通法", "article": "第一条"}]},
        {"turn": 2, "user": "要赔多少", "gold_articles": []},
    ]}])
    _write_jsonl(data / "eval/stard/dev.jsonl", [{"id": "stard-1", "query": "工资",
                                                   "gold_articles": [{"law": "示例劳动法",
                                                                      "article": "第五条"}]}])
    return data


def test_pack_inputs_hold_out_and_keep_stard_opt_in(tiny_pack: Path) -> None:
    inputs = load_pack_inputs(tiny_pack, heldout=2, seed=5)
    assert len(inputs.corpus) == 24
    assert inputs.corpus.articles[0].chapter == "第一章 总则"
    held_groups = {p.group for p in inputs.heldout}
    assert len(inputs.heldout) >= 2 and not held_groups & {p.group for p in inputs.train}
    sources = {p.source for p in inputs.train}
    assert "stard" not in sources and "case" in sources
    assert [p.anchor for p in inputs.train + inputs.heldout if p.source == "lexrag"] == ["撞车了"]
    with_stard = load_pack_inputs(tiny_pack, heldout=2, seed=5, include_stard=True)
    assert [p.anchor for p in with_stard.train if p.source == "stard"] == ["工资"]


def test_command_pairs_only(tiny_pack: Path, tmp_path: Path) -> None:
    from legalaid.commands import train_embedder as cmd

    parser = argparse.ArgumentParser()
    cmd.add_arguments(parser)
    out = tmp_path / "pairs.jsonl"
    args = parser.parse_args(["--out", str(tmp_path / "m"), "--pairs-only", str(out),
                              "--heldout", "1"])
    assert cmd.run(args, Settings(data_dir=tiny_pack)) == 0
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert sum(r["heldout"] for r in rows) >= 1
    assert {r["source"] for r in rows} >= {"article_title", "article_cloze", "case"}
    assert not (tmp_path / "m").exists()
