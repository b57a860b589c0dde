"""``legalaid ingest``: build or refresh the knowledge index."""

from __future__ import annotations

import argparse

from assistant.config import Settings

HELP = "建立/刷新知识库索引 — build the BM25 (+ FAISS when an embedder is set) index with a manifest"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", choices=["core", "full"], help="core = 95 curated statutes; "
                   "full = latest versions of the 1,338-law national corpus (default: settings)")
    p.add_argument("--force", action="store_true", help="rebuild even if a matching index exists")
    p.add_argument("--quiet", action="store_true", help="no progress bars")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.build import build_index
    from knowledge.errors import IndexMismatchError, IndexMissingError
    from knowledge.index import open_index

    choice = args.corpus or settings.corpus
    out = settings.corpus_index_dir(choice)
    if not args.force:
        try:
            open_index(out, data_dir=settings.data_dir, corpus_choice=choice,
                       embedder_path=settings.embedder_path)
            print(f"索引已是最新：{out}（如需重建请加 --force）")
            return 0
        except (IndexMissingError, IndexMismatchError) as e:
            print(f"building index: {e}")
    m = build_index(out, data_dir=settings.data_dir, corpus_choice=choice,
                    embedder_path=settings.embedder_path, progress=not args.quiet)
    print(f"索引已建立：{out}")
    print(f"  articles {m.n_articles}  cases {m.n_cases}  embedder {m.embedder or '无（仅BM25）'}")
    print(f"  tokenizer {m.tokenizer}")
    print(f"  build {m.build_seconds} s  peak RSS {m.peak_rss_mb} MB")
    return 0
