"""``legalaid ingest``: build or refresh the knowledge index (and, with ``--dense``, its vectors)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from assistant.config import Settings

if TYPE_CHECKING:
    from knowledge.manifest import Manifest

HELP = "建立/刷新知识库索引 — BM25 index with a manifest; --dense adds the embedder's vectors (resumable)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", choices=["core", "full"], help="core = 95 curated statutes; "
                   "full = latest versions of the 1,338-law national corpus (default: settings)")
    p.add_argument("--force", action="store_true", help="rebuild even if a matching index exists")
    p.add_argument("--dense", action="store_true",
                   help="also embed the corpus with the configured embedder (multilingual-e5-small "
                        "by default); resumes where an interrupted run stopped")
    p.add_argument("--quiet", action="store_true", help="no progress bars")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.app import configured_embedder, load_knowledge, vector_cache
    from ingest.build import build_index, build_vectors
    from knowledge.errors import IndexMismatchError, IndexMissingError

    choice = args.corpus or settings.corpus
    out = settings.corpus_index_dir(choice)
    embedder = configured_embedder(settings) if args.dense else None
    kb = None
    if not args.force:
        try:
            kb = load_knowledge(settings, corpus=choice, embedder=embedder)
        except (IndexMissingError, IndexMismatchError) as e:
            print(f"building index: {e}")
    if kb is None:
        m = build_index(out, data_dir=settings.data_dir, corpus_choice=choice,
                        progress=not args.quiet)
        print(f"索引已建立：{out}")
        _print_manifest(m)
        if embedder is None:
            return 0
        kb = load_knowledge(settings, corpus=choice)
    elif embedder is None or kb.mode == "hybrid":
        print(f"索引已是最新：{out}（如需重建请加 --force）")
        return 0
    assert embedder is not None
    cache = vector_cache(settings, embedder)
    print(f"embedding {len(kb.corpus)} articles with {embedder.name}; "
          f"{len(cache)} texts already in {cache.directory}")
    m = build_vectors(out, kb.corpus, embedder, cache, progress=not args.quiet)
    cache.compact()
    dense = m.extra["dense"]
    print(f"向量已建立：{out}")
    print(f"  embedder {m.embedder}  rows {dense['rows']} + memory {dense['memory_rows']}  "
          f"{dense['bytes'] / 1e6:.1f} MB in the index, cache {cache.disk_bytes() / 1e6:.1f} MB")
    print(f"  build {dense['build_seconds']} s  peak RSS {dense['peak_rss_mb']} MB")
    return 0


def _print_manifest(m: Manifest) -> None:
    print(f"  articles {m.n_articles}  cases {m.n_cases}  embedder {m.embedder or '无（仅BM25）'}")
    print(f"  tokenizer {m.tokenizer}")
    print(f"  build {m.build_seconds} s  peak RSS {m.peak_rss_mb} MB")
