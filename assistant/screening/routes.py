"""HTTP routes: ``/v1/staff/...`` (OAuth2 bearer, roles) and the citizen side ``/v1/...``.

The citizen side can create an application from its own kiosk session (explicit consent) and
read a status by pickup code; it has no route that lists or reads applications. The audit log
has a read route for supervisors and no route that changes it.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel

from assistant.api.deps import ServicesDep
from assistant.api.errors import error_response, request_id_var
from assistant.conversation import escalate_session, get_session
from assistant.screening import export
from assistant.screening.auth import Principal
from assistant.screening.errors import (
    ConsentRequiredError,
    ConsoleUnavailableError,
    ForbiddenError,
    LoginFailedError,
    NotAuthenticatedError,
    RosterInvalidError,
    ScreeningError,
)
from assistant.screening.escalation import (
    application_from_session,
    new_pickup_code,
    normalize_pickup_code,
    pickup_message_zh,
    today_local,
)
from assistant.screening.hub import Hub, hub_for
from assistant.screening.models import (
    STATUS_ZH,
    AnswerIn,
    ApplicationIn,
    ApplicationOut,
    ApplicationTicket,
    AssignIn,
    Assignment,
    AuditEntry,
    DecisionIn,
    EscalationIn,
    EscalationOut,
    EscalationTicket,
    FollowUp,
    FollowUpIn,
    FromSessionIn,
    Lawyer,
    LawyerCandidate,
    PickupReply,
    Proposal,
    PublicStatus,
    QueueItem,
    Role,
    TransitionIn,
)
from assistant.screening.store import NewApplication


class ScreeningRoute(APIRoute):
    """Maps ``ScreeningError`` to the service's error format with the status of its code."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def run(request: Request) -> Response:
            try:
                return await handler(request)
            except ScreeningError as e:
                return _error(e)

        return run


def _error(e: ScreeningError) -> Response:
    headers = {"WWW-Authenticate": "Bearer"} if e.status == 401 else None
    if isinstance(e, RosterInvalidError):
        body = {"error": {"code": e.code, "message": e.message, "request_id": request_id_var.get(),
                          "rows": [{"row": r, "message": m} for r, m in e.errors]}}
        return JSONResponse(body, status_code=e.status)
    return error_response(e.code, e.message, status=e.status, headers=headers)


def get_hub(services: ServicesDep) -> Hub:
    return hub_for(services)


HubDep = Annotated[Hub, Depends(get_hub)]
oauth2 = OAuth2PasswordBearer(tokenUrl="/v1/staff/token", auto_error=False)


def current_principal(hub: HubDep, token: Annotated[str | None, Depends(oauth2)]) -> Principal:
    if hub.signer is None:
        raise ConsoleUnavailableError("no token secret configured")
    if not token:
        raise NotAuthenticatedError("no bearer token")
    principal = hub.store.principal(hub.signer.verify(token))
    if principal is None:
        raise NotAuthenticatedError("user gone or disabled")
    return principal


def require(role: Role) -> Callable[[Principal], Principal]:
    def check(who: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if not who.at_least(role):
            raise ForbiddenError(f"{who.username} is {who.role}, needs {role}")
        return who

    return check


ResponderDep = Annotated[Principal, Depends(require("responder"))]
StaffDep = Annotated[Principal, Depends(require("staff"))]
SupervisorDep = Annotated[Principal, Depends(require("supervisor"))]

staff_router = APIRouter(prefix="/v1/staff", tags=["staff"], route_class=ScreeningRoute)
citizen_router = APIRouter(prefix="/v1", tags=["applications"], route_class=ScreeningRoute)


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    role: Role


class Me(BaseModel):
    username: str
    role: Role


class Created(BaseModel):
    application: ApplicationOut
    pickup_code: str


class Imported(BaseModel):
    created: int
    updated: int


@staff_router.post("/token", response_model=TokenOut)
def login(hub: HubDep, form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> TokenOut:
    if hub.signer is None:
        raise ConsoleUnavailableError("no token secret configured")
    who = hub.store.authenticate(form.username, form.password)
    if who is None:
        raise LoginFailedError(f"login failed for {form.username[:64]!r}")
    token, _ = hub.signer.issue(who.username)
    hub.store.audit(who, "login", f"user:{who.username}")
    return TokenOut(access_token=token, expires_in=hub.signer.minutes * 60, role=who.role)


@staff_router.get("/me", response_model=Me)
def me(who: ResponderDep) -> Me:
    return Me(username=who.username, role=who.role)


@staff_router.get("/queue", response_model=list[QueueItem])
def queue(hub: HubDep, who: StaffDep, include_closed: bool = False) -> list[QueueItem]:
    return hub.store.queue(today=today_local(), include_closed=include_closed)


@staff_router.post("/applications", response_model=Created, status_code=201)
def create_application(hub: HubDep, who: StaffDep, body: ApplicationIn) -> Created:
    new = _create(hub, body, who=who, session_id=None)
    return Created(application=new.application, pickup_code=new.pickup_code)


@staff_router.get("/applications/export", response_class=Response, responses={200: {
    "description": "CSV (UTF-8 with BOM, opens in Excel) or XLSX",
    "content": {"text/csv": {}, export.XLSX_TYPE: {}}}})
def export_applications(hub: HubDep, who: StaffDep,
                        format: Literal["csv", "xlsx"] = "csv") -> Response:
    names = {lw.id: lw.name for lw in hub.roster.all()}
    apps = hub.store.all_applications()
    hub.store.audit(who, "applications_exported", "applications",
                    detail={"format": format, "rows": len(apps)})
    data, media = export.render(apps, lawyer_names=names, fmt=format)
    return Response(data, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="applications.{format}"'})


@staff_router.get("/applications/{app_id}", response_model=ApplicationOut)
def read_application(hub: HubDep, who: StaffDep, app_id: str) -> ApplicationOut:
    out = hub.store.get(app_id)
    hub.store.audit(who, "application_viewed", f"application:{app_id}")
    return out


@staff_router.put("/applications/{app_id}", response_model=ApplicationOut)
def update_application(hub: HubDep, who: StaffDep, app_id: str,
                       body: ApplicationIn) -> ApplicationOut:
    return hub.store.update(app_id, body, who=who, today=today_local())


@staff_router.get("/applications/{app_id}/proposal", response_model=Proposal)
def proposal(hub: HubDep, who: StaffDep, app_id: str) -> Proposal:
    return hub.store.proposal(app_id, today=today_local())


@staff_router.post("/applications/{app_id}/confirm", response_model=ApplicationOut)
def confirm(hub: HubDep, who: StaffDep, app_id: str, body: DecisionIn) -> ApplicationOut:
    return hub.store.decide(app_id, who=who, today=today_local(), override=False,
                            decision=None, reason=body.reason)


@staff_router.post("/applications/{app_id}/override", response_model=ApplicationOut)
def override(hub: HubDep, who: StaffDep, app_id: str, body: DecisionIn) -> ApplicationOut:
    return hub.store.decide(app_id, who=who, today=today_local(), override=True,
                            decision=body.decision, reason=body.reason)


@staff_router.post("/applications/{app_id}/status", response_model=ApplicationOut)
def change_status(hub: HubDep, who: StaffDep, app_id: str, body: TransitionIn) -> ApplicationOut:
    return hub.store.transition(app_id, body.to_status, who=who, reason=body.reason)


@staff_router.get("/applications/{app_id}/lawyers", response_model=list[LawyerCandidate])
def lawyer_candidates(hub: HubDep, who: StaffDep, app_id: str) -> list[LawyerCandidate]:
    return hub.roster.candidates(app_id, today=today_local())


@staff_router.post("/applications/{app_id}/assign", response_model=Assignment)
def assign(hub: HubDep, who: StaffDep, app_id: str, body: AssignIn) -> Assignment:
    return hub.roster.assign(app_id, body.lawyer_id, who=who, today=today_local(),
                             reason=body.reason)


@staff_router.get("/lawyers", response_model=list[Lawyer])
def lawyers(hub: HubDep, who: StaffDep) -> list[Lawyer]:
    return hub.roster.all()


@staff_router.post("/lawyers/import", response_model=Imported)
def import_lawyers(hub: HubDep, who: SupervisorDep,
                   file: Annotated[UploadFile, File()]) -> Imported:
    result = hub.roster.import_file(file.file.read(), file.filename or "roster.csv", who=who)
    return Imported(created=result.created, updated=result.updated)


@staff_router.get("/escalations", response_model=list[EscalationOut])
def escalations(hub: HubDep, who: ResponderDep,
                status: Literal["open", "answered"] = "open") -> list[EscalationOut]:
    return hub.queue.list(status=status)


@staff_router.post("/escalations/{esc_id}/answer", response_model=EscalationOut)
def answer(hub: HubDep, who: ResponderDep, esc_id: str, body: AnswerIn) -> EscalationOut:
    return hub.queue.answer(esc_id, body.answer, who=who)


@staff_router.get("/follow-ups", response_model=list[FollowUp])
def follow_ups(hub: HubDep, who: StaffDep,
               status: Literal["scheduled", "done"] | None = None) -> list[FollowUp]:
    return hub.store.follow_ups(status=status)


@staff_router.post("/follow-ups/{fid}", response_model=FollowUp)
def record_follow_up(hub: HubDep, who: StaffDep, fid: str, body: FollowUpIn) -> FollowUp:
    return hub.store.record_follow_up(fid, body, who=who)


@staff_router.get("/audit", response_model=list[AuditEntry])
def audit_log(hub: HubDep, who: SupervisorDep, target: str | None = None,
              limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> list[AuditEntry]:
    return hub.store.audit_entries(target=target, limit=limit)


# ---------------------------------------------------------------- citizen side


def _create(hub: Hub, body: ApplicationIn, *, who: Principal | None,
            session_id: str | None) -> NewApplication:
    return hub.store.create(body, who=who, today=today_local(), session_id=session_id,
                            pickup_code=new_pickup_code())


@citizen_router.post("/applications", response_model=ApplicationTicket, status_code=201)
def apply_from_session(services: ServicesDep, hub: HubDep,
                       body: FromSessionIn) -> ApplicationTicket:
    if not body.consent:
        raise ConsentRequiredError("no consent", message="需要您明确同意后，才能把这段对话整理成法律援助申请。")
    state = get_session(services, body.session_id)
    new = _create(hub, application_from_session(state, body), who=None,
                  session_id=body.session_id)
    return ApplicationTicket(
        pickup_code=new.pickup_code, status="received", status_zh=STATUS_ZH["received"],
        message=f"申请已提交。请记下取件码 {new.pickup_code}，凭它查询办理进度；"
                "法律援助机构会在七日内审查并通知您。")


@citizen_router.get("/applications/status/{code}", response_model=PublicStatus)
def application_status(hub: HubDep, code: str) -> PublicStatus:
    return hub.store.public_status(normalize_pickup_code(code))


@citizen_router.post("/escalations", response_model=EscalationTicket, status_code=201)
def escalate(services: ServicesDep, body: EscalationIn) -> EscalationTicket:
    """The same hand-off the kiosk and WeChat use: facts and articles come from the session."""
    code = escalate_session(services, session_id=body.session_id, consent=body.consent,
                            reason=body.reason, channel=body.channel,
                            openid_hash=body.openid_hash)
    return EscalationTicket(pickup_code=code, message=pickup_message_zh(
        code, wechat=body.channel == "wechat"))


@citizen_router.get("/escalations/{code}", response_model=PickupReply)
def escalation_reply(hub: HubDep, code: str) -> PickupReply:
    return hub.queue.by_pickup(code)


routers = (staff_router, citizen_router)
