"""Risk assessment (deadlines, evidence, fees, legal aid) for a session or for given facts."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from assistant.api.deps import ServicesDep
from assistant.models import Facts, RiskAssessment
from assistant.usecases import assess

router = APIRouter(prefix="/v1", tags=["risk"])


class RiskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    session_id: str | None = None  # take category and facts from this conversation
    category: str | None = None  # or give them directly
    facts: Facts | None = None
    today: date | None = None  # default: today in China (deadlines are counted in Beijing time)


@router.post("/risk", response_model=RiskAssessment, summary="风险评估")
def risk(body: RiskRequest, services: ServicesDep) -> RiskAssessment:
    return assess(services, session_id=body.session_id, category=body.category,
                  facts=body.facts, today=body.today)
