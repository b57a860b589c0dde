"""``legalaid search``: ranked statute articles (and similar cases) for a question."""

from __future__ import annotations

import argparse

from assistant.config import Settings

HELP = "检索法条 — print ranked articles for a question: law, article, score, first line"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", help="the question, e.g. 房东不退押金怎么办")
    p.add_argument("-k", type=int, default=10, help="number of articles (default 10)")
    p.add_argument("--corpus", choices=["core", "full"], help="which index (default: settings)")
    p.add_argument("--cases", type=int, default=0, metavar="N", help="also show N similar cases")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.app import configured_embedder, load_knowledge

    kb = load_knowledge(settings, corpus=args.corpus, embedder=configured_embedder(settings))
    hits = kb.articles.search(args.query, k=args.k)
    if not hits:
        print("没有找到相关法条。建议拨打12348法律援助热线咨询。")
        return 0
    for h in hits:
        first = h.article.text.splitlines()[0][:60]
        print(f"{h.rank:>3}  {h.article.law}{h.article.article}  {h.score:.3f}  {first}")
    for c in kb.case_search.search(args.query, k=args.cases) if args.cases else []:
        cited = "、".join(f"{a.short}{a.article}" for a in c.cited[:4])
        print(f"案例  {c.case.title}  {c.score:.2f}  引用：{cited}")
    return 0
