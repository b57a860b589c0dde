"""Risk assessment (deadlines, evidence, fees, legal aid) for a session or for given facts."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from assistant.api.deps import ServicesDep
from assistant.consult.models import Facts, RiskAssessment
from assistant.conversation import get_session
from assistant.services import Services
from knowledge.errors import LegalAidError

router = APIRouter(prefix="/v1", tags=["risk"])
CHINA = ZoneInfo("Asia/Shanghai")


class CategoryUnknownError(LegalAidError):
    code = "category_unknown"
    message = "问题类别不正确，请使用十二类法律问题之一的代码。"


class RiskNoCategoryError(LegalAidError):
    code = "risk_no_category"
    message = "还不清楚您遇到的是哪一类问题，请先描述一下情况，再做风险评估。"


class RiskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    session_id: str | None = None  # take category and facts from this conversation
    category: str | None = None  # or give them directly
    facts: Facts | None = None
    today: date | None = None  # default: today in China (deadlines are counted in Beijing time)


@router.post("/risk", response_model=RiskAssessment, summary="风险评估")
def risk(body: RiskRequest, services: ServicesDep) -> RiskAssessment:
    assess = services.require_risk()
    category, facts, groups = _subject(services, body)
    today = body.today or datetime.now(CHINA).date()
    return assess(category=category, facts=facts, today=today, groups=groups)


def _subject(services: Services, body: RiskRequest) -> tuple[str, Facts, set[str]]:
    if body.session_id is not None:
        state = get_session(services, body.session_id)
        c = state.classification
        category = body.category or (c.category if c else None)
        if category is None:
            raise RiskNoCategoryError("session has no classification yet")
        facts = body.facts or state.facts
        groups = set(c.groups if c else []) | set(facts.groups)
    else:
        if body.category is None:
            raise RiskNoCategoryError("neither session_id nor category given")
        category, facts = body.category, body.facts or Facts()
        groups = set(facts.groups)
    return _check_category(category), facts, groups


def _check_category(category: str) -> str:
    from knowledge.taxonomy import load_categories

    if category not in {c.code for c in load_categories()}:
        raise CategoryUnknownError(category[:40])
    return category
