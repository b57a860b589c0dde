"""The citizen side of screening: an application from one's own conversation (explicit
consent), its status by pickup code, and hand-offs to a person. There is no route that lists
or reads other people's applications."""

from __future__ import annotations

from fastapi import APIRouter

from assistant.api.deps import HubDep, ServicesDep
from assistant.screening.escalation import normalize_pickup_code, pickup_message_zh
from assistant.screening.models import (
    STATUS_ZH,
    ApplicationTicket,
    EscalationIn,
    EscalationTicket,
    FromSessionIn,
    PickupReply,
    PublicStatus,
)
from assistant.usecases import escalate_session, escalation_reply
from assistant.usecases.applications import apply_from_session

router = APIRouter(prefix="/v1", tags=["applications"])


@router.post("/applications", response_model=ApplicationTicket, status_code=201)
def apply(services: ServicesDep, body: FromSessionIn) -> ApplicationTicket:
    new = apply_from_session(services, body)
    return ApplicationTicket(
        pickup_code=new.pickup_code, status="received", status_zh=STATUS_ZH["received"],
        message=f"申请已提交。请记下取件码 {new.pickup_code}，凭它查询办理进度；"
                "法律援助机构会在七日内审查并通知您。")


@router.get("/applications/status/{code}", response_model=PublicStatus)
def application_status(hub: HubDep, code: str) -> PublicStatus:
    return hub.store.public_status(normalize_pickup_code(code))


@router.post("/escalations", response_model=EscalationTicket, status_code=201)
def escalate(services: ServicesDep, body: EscalationIn) -> EscalationTicket:
    """The same hand-off the kiosk and WeChat use: facts and articles come from the session."""
    code = escalate_session(services, session_id=body.session_id, consent=body.consent,
                            reason=body.reason, channel=body.channel,
                            openid_hash=body.openid_hash)
    return EscalationTicket(pickup_code=code, message=pickup_message_zh(
        code, channel=body.channel))


@router.get("/escalations/{code}", response_model=PickupReply)
def pickup(services: ServicesDep, code: str) -> PickupReply:
    return escalation_reply(services, code)
