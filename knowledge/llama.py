"""A llama-index retriever over the hybrid statute retriever (the only llama-index import in
``knowledge``), so llama-index query engines can use the same verified corpus."""

from __future__ import annotations

from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from knowledge.retrieval import Hit, HybridRetriever


def hit_to_node(hit: Hit) -> NodeWithScore:
    a = hit.article
    node = TextNode(
        id_=a.id,
        text=a.text,
        metadata={
            "article_id": a.id,
            "law": a.law,
            "law_key": a.law_key,
            "article": a.article,
            "chapter": a.chapter,
            "level": a.level,
            "effective": a.effective,
            "citation": a.citation,
            "rank": hit.rank,
        },
        # The law name and article number matter to an LLM; dates and IDs do not.
        excluded_llm_metadata_keys=["article_id", "law_key", "level", "effective", "rank"],
        excluded_embed_metadata_keys=["article_id", "law_key", "level", "effective", "rank"],
    )
    return NodeWithScore(node=node, score=hit.score)


class StatuteRetriever(BaseRetriever):
    """``retrieve(query)`` → ``NodeWithScore`` list, one node per article, best first."""

    def __init__(self, retriever: HybridRetriever, *, top_k: int = 5, category: str | None = None
                 ) -> None:
        super().__init__()
        self._retriever = retriever
        self._top_k = top_k
        self._category = category

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        hits = self._retriever.search(query_bundle.query_str, k=self._top_k,
                                      category=self._category)
        return [hit_to_node(h) for h in hits]
