"""Statute and case search: the ranked articles retrieval returns, nothing generated."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from assistant.api.deps import ServicesDep
from assistant.models import CaseRef, CitedArticle
from assistant.usecases.search import search as find

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
    found = find(services, q, k=k, cases=cases)
    articles = [
        ArticleHit(article_id=h.article.id, law=h.article.law, article=h.article.article,
                   text=h.article.text, score=round(h.score, 4), rank=h.rank)
        for h in found.articles
    ]
    return SearchResponse(query=found.query, articles=articles, cases=found.cases)
