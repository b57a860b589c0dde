from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from ingest.build import build_index
from knowledge.dense import Role
from knowledge.errors import IndexMismatchError, IndexMissingError
from knowledge.index import open_index
from knowledge.manifest import Manifest


@pytest.fixture
def tiny_index(tiny_pack: Path, tmp_path: Path) -> Path:
    out = tmp_path / "index" / "core"
    build_index(out, data_dir=tiny_pack, corpus_choice="core", progress=False)
    return out


def test_manifest_describes_the_build(tiny_index: Path, tiny_pack: Path) -> None:
    m = Manifest.load(tiny_index)
    assert m.corpus == "core" and m.n_articles == 8 and m.n_cases == 1
    assert m.embedder is None and m.tokenizer.startswith("jieba-")
    assert len(m.corpus_fingerprint) == 64 and len(m.dictionary_hash) == 64
    assert m.build_seconds >= 0 and m.peak_rss_mb > 0
    assert not (tiny_index.parent / "core.building").exists()


def test_search_finds_the_article_from_colloquial_words(tiny_index: Path, tiny_pack: Path) -> None:
    kb = open_index(tiny_index, data_dir=tiny_pack, corpus_choice="core")
    hits = kb.articles.search("老板一直不跟我签合同，能要双倍工资吗", k=3)
    assert hits[0].article.key == ("劳动合同法", "第八十二条")
    assert [h.rank for h in hits] == [1, 2, 3]
    assert kb.articles.search("ｘｙｚ") == []  # nothing shared → nothing returned
    cases = kb.case_search.search("没签劳动合同 二倍工资", k=1)
    assert cases[0].case.id == "T-1" and cases[0].cited[0].article_no == 82


def test_full_corpus_adds_national_laws(tiny_pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "full"
    m = build_index(out, data_dir=tiny_pack, corpus_choice="full", progress=False)
    assert m.n_articles == 9  # 8 curated + 旅游法 from the national corpus
    kb = open_index(out, data_dir=tiny_pack, corpus_choice="full")
    assert kb.articles.search("旅游经营者 服务", k=1)[0].article.law_key == "旅游法"


def test_changed_corpus_is_refused_with_rebuild_instructions(tiny_index: Path, tiny_pack: Path
                                                             ) -> None:
    law_file = tiny_pack / "statutes" / "law0.jsonl"
    rows = [json.loads(line) for line in law_file.read_text(encoding="utf-8").splitlines()]
    rows[0]["text"] += "（已修改）"
    law_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                        encoding="utf-8")
    with pytest.raises(IndexMismatchError) as e:
        open_index(tiny_index, data_dir=tiny_pack, corpus_choice="core")
    assert "corpus_fingerprint" in str(e.value) and "legalaid ingest" in str(e.value)
    assert "legalaid ingest" in e.value.message  # the Chinese user message says how, too


def test_other_corpus_choice_and_missing_index_are_refused(tiny_index: Path, tiny_pack: Path,
                                                           tmp_path: Path) -> None:
    with pytest.raises(IndexMismatchError):
        open_index(tiny_index, data_dir=tiny_pack, corpus_choice="full")
    with pytest.raises(IndexMissingError):
        open_index(tmp_path / "nowhere", data_dir=tiny_pack, corpus_choice="core")


def test_corrupt_manifest_is_refused(tiny_index: Path, tiny_pack: Path) -> None:
    (tiny_index / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexMismatchError):
        open_index(tiny_index, data_dir=tiny_pack, corpus_choice="core")


def test_cli_ingest_and_search(tiny_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.config import get_settings
    from legalaid.cli import main

    monkeypatch.setenv("LEGALAID_DATA_DIR", str(tiny_pack))
    monkeypatch.setenv("LEGALAID_INDEX_DIR", str(tmp_path / "idx"))
    monkeypatch.delenv("LEGALAID_EMBEDDER", raising=False)
    monkeypatch.delenv("LEGALAID_EMBEDDER_PATH", raising=False)
    get_settings.cache_clear()
    try:
        assert main(["search", "房租"]) == 2  # no index yet: a clear error, not a traceback
        assert "legalaid ingest" in capsys.readouterr().err
        assert main(["ingest", "--quiet"]) == 0
        assert main(["ingest", "--quiet"]) == 0  # second run: index is current, nothing rebuilt
        assert "索引已是最新" in capsys.readouterr().out
        assert main(["search", "房客拖欠房租不交", "-k", "2"]) == 0
        out = capsys.readouterr().out
        assert "民法典第七百二十二条" in out
        assert main(["ingest", "--dense", "--quiet"]) == 0  # adds e5 vectors to the same index
        out = capsys.readouterr().out
        assert "向量已建立" in out and "multilingual-e5-small-q4-" in out
        assert main(["ingest", "--dense", "--quiet"]) == 0
        assert "索引已是最新" in capsys.readouterr().out
        assert any((tmp_path / "idx" / "vectors").glob("*/shard-*.npz"))
    finally:
        get_settings.cache_clear()


def test_llama_index_retriever_returns_article_nodes(tiny_index: Path, tiny_pack: Path) -> None:
    from knowledge.llama import StatuteRetriever

    kb = open_index(tiny_index, data_dir=tiny_pack, corpus_choice="core")
    nodes = StatuteRetriever(kb.articles, top_k=2).retrieve("没签书面劳动合同 二倍工资")
    assert len(nodes) == 2
    top = nodes[0]
    assert top.node.metadata["citation"] == "《中华人民共和国劳动合同法》第八十二条"
    assert top.node.node_id == kb.corpus.find("劳动合同法", 82).id  # type: ignore[union-attr]
    assert top.score is not None and top.score >= (nodes[1].score or 0)


class CountingE5:
    """The real bundled e5 model, counting the texts it embeds."""

    def __init__(self) -> None:
        from knowledge.dense import E5Embedder

        self._e5 = E5Embedder()
        self.name, self.dim = self._e5.name, self._e5.dim
        self.texts = 0

    def encode(self, texts: Sequence[str], *, batch_size: int = 32,
               role: Role = "passage") -> np.ndarray:
        self.texts += len(texts)
        return self._e5.encode(texts, batch_size=batch_size, role=role)


def test_vectors_are_added_to_a_built_index_and_reused(tiny_index: Path, tiny_pack: Path,
                                                       tmp_path: Path) -> None:
    from ingest.build import build_vectors
    from knowledge.vectors import VectorCache

    e5 = CountingE5()
    bm25_only = open_index(tiny_index, data_dir=tiny_pack, corpus_choice="core", embedder=e5)
    assert bm25_only.mode == "bm25"  # no vectors yet: serves BM25, no error
    cache = VectorCache(tmp_path / "vectors" / e5.name, dim=e5.dim)
    n_memory = len(bm25_only.articles.memory.items)
    m = build_vectors(tiny_index, bm25_only.corpus, e5, cache, progress=False)
    assert m.embedder == e5.name and e5.texts == 8 + n_memory
    assert m.extra["dense"]["rows"] == 8 and m.extra["dense"]["bytes"] > 8 * 384 * 2
    assert m.extra["dense"]["build_seconds"] >= 0 and m.extra["dense"]["peak_rss_mb"] > 0
    kb = open_index(tiny_index, data_dir=tiny_pack, corpus_choice="core", embedder=e5)
    assert kb.mode == "hybrid" and kb.articles.memory.vectors is not None
    hits = kb.articles.search("房东说我拖欠房租要赶我走", k=2)
    assert hits[0].source == "hybrid+dense" and hits[0].article.key == ("民法典", "第七百二十二条")
    # BM25-only still works on the same directory, and a rebuilt index embeds nothing again.
    assert open_index(tiny_index, data_dir=tiny_pack, corpus_choice="core").mode == "bm25"
    before = e5.texts
    build_index(tiny_index, data_dir=tiny_pack, corpus_choice="core", embedder=e5, cache=cache,
                progress=False)
    assert e5.texts == before


def test_the_full_corpus_leaves_out_repealed_interpretations(data_dir: Path) -> None:
    """The national corpus still marks these seven repealed judicial interpretations as their
    latest version; none of their articles may be indexed (and so served as current law)."""
    from knowledge.citations import CitationResolver
    from knowledge.corpus import law_key, read_jsonl
    from knowledge.pack import load_pack_corpus

    repealed_but_latest = {
        "最高人民法院关于适用合同法若干问题的解释(一)",
        "最高人民法院关于适用合同法若干问题的解释(二)",
        "最高人民法院关于适用婚姻法若干问题的解释(一)",
        "最高人民法院关于适用婚姻法若干问题的解释(二)",
        "最高人民法院关于适用婚姻法若干问题的解释(三)",
        "最高人民法院关于适用担保法若干问题的解释",
        "最高人民法院关于适用行政诉讼法若干问题的解释",
    }
    laws = data_dir / "eval" / "statute_corpus" / "laws.jsonl"
    marked_latest = {r["law_key"] for r in read_jsonl(laws) if r["is_latest"]}
    assert repealed_but_latest <= marked_latest  # the pack's problem is still there
    corpus = load_pack_corpus(data_dir, "full")
    assert not repealed_but_latest & {a.law_key for a in corpus}
    assert len(corpus) == 58_364  # 58,667 latest articles less the 303 of these seven
    resolver = CitationResolver(corpus)
    for name in sorted(repealed_but_latest):
        citation = f"《{name}》第一条"
        (res,) = resolver.resolve(citation)
        assert res.status == "repealed", (citation, res.status)
    assert law_key("最高人民法院关于适用担保法若干问题的解释") in resolver.repealed
