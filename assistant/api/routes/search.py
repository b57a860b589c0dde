"""Statute and case search: the ranked articles retrieval returns, nothing generated."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from assistant.api.deps import ServicesDep
from assistant.consult.models import CaseRef, CitedArticle
from assistant.conversation import validate_text

router = APIRouter(prefix="/v1", tags=["search"])


class ArticleHit(CitedArticle):
    score: float
    rank: int


class SearchResponse(BaseModel):
    query: str
    articles: list[ArticleHit]
    cases: list[CaseRef]


@router.get("/search", response_model=SearchResponse, summary="法条与案例检索")
def search(
    q: Annotated[str, Query(description="问题或关键词", examples=["房东不退押金怎么办"])],
    services: ServicesDep,
    k: Annotated[int, Query(ge=1, le=20)] = 5,
    cases: Annotated[int, Query(ge=0, le=10)] = 0,
) -> SearchResponse:
    query = validate_text(q, max_chars=services.settings.service.max_text_chars)
    kb = services.require_kb()
    hits = kb.articles.search(query, k=k)
    articles = [
        ArticleHit(article_id=h.article.id, law=h.article.law, article=h.article.article,
                   text=h.article.text, score=round(h.score, 4), rank=h.rank)
        for h in hits
    ]
    case_refs = [
        CaseRef(case_id=c.case.id, title=c.case.title, holding=c.case.holding,
                cited=[a.citation for a in c.cited],
                note="该案例引用的部分法律已废止，请以现行法律为准。" if c.case.cites_repealed_law
                else "")
        for c in (kb.case_search.search(query, k=cases) if cases else [])
    ]
    return SearchResponse(query=query, articles=articles, cases=case_refs)
