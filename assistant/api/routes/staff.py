"""The staff API ``/v1/staff/...`` (OAuth2 bearer, roles): queue, applications, proposals,
decisions, lawyers, hand-offs, follow-ups, export. The audit log has a read route for
supervisors and no route that changes it. The citizen side is ``applications.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel

from assistant.api.deps import HubDep, ServicesDep, TodayDep
from assistant.screening import export
from assistant.screening.auth import Principal
from assistant.screening.errors import (
    ConsoleUnavailableError,
    ForbiddenError,
    LoginFailedError,
    NotAuthenticatedError,
)
from assistant.screening.models import (
    AnswerIn,
    ApplicationIn,
    ApplicationOut,
    AssignIn,
    Assignment,
    AuditEntry,
    DecisionIn,
    EscalationOut,
    FollowUp,
    FollowUpIn,
    Lawyer,
    LawyerCandidate,
    Proposal,
    QueueItem,
    Role,
    TransitionIn,
)
from assistant.screening.words import labels as code_labels
from assistant.usecases.applications import create_application as create

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

router = APIRouter(prefix="/v1/staff", tags=["staff"])


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


@router.post("/token", response_model=TokenOut)
def login(hub: HubDep, form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> TokenOut:
    if hub.signer is None:
        raise ConsoleUnavailableError("no token secret configured")
    who = hub.store.authenticate(form.username, form.password)
    if who is None:
        raise LoginFailedError(f"login failed for {form.username[:64]!r}")
    token, _ = hub.signer.issue(who.username)
    hub.store.audit(who, "login", f"user:{who.username}")
    return TokenOut(access_token=token, expires_in=hub.signer.minutes * 60, role=who.role)


@router.get("/me", response_model=Me)
def me(who: ResponderDep) -> Me:
    return Me(username=who.username, role=who.role)


@router.get("/labels")
def labels(who: ResponderDep) -> dict[str, dict[str, str] | list[str]]:
    """The words for every code the console shows (categories, statuses, decisions …)."""
    return code_labels()


@router.get("/applications/{app_id}/assignments", response_model=list[Assignment])
def assignments(hub: HubDep, who: StaffDep, app_id: str) -> list[Assignment]:
    return hub.roster.assignments(app_id)


@router.get("/queue", response_model=list[QueueItem])
def queue(hub: HubDep, who: StaffDep, today: TodayDep, include_closed: bool = False) -> list[QueueItem]:
    return hub.store.queue(today=today, include_closed=include_closed)


@router.post("/applications", response_model=Created, status_code=201)
def create_application(services: ServicesDep, who: StaffDep, body: ApplicationIn) -> Created:
    new = create(services, body, who=who)
    return Created(application=new.application, pickup_code=new.pickup_code)


@router.get("/applications/export", response_class=Response, responses={200: {
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


@router.get("/applications/{app_id}", response_model=ApplicationOut)
def read_application(hub: HubDep, who: StaffDep, app_id: str) -> ApplicationOut:
    out = hub.store.get(app_id)
    hub.store.audit(who, "application_viewed", f"application:{app_id}")
    return out


@router.put("/applications/{app_id}", response_model=ApplicationOut)
def update_application(hub: HubDep, who: StaffDep, today: TodayDep, app_id: str,
                       body: ApplicationIn) -> ApplicationOut:
    return hub.store.update(app_id, body, who=who, today=today)


@router.get("/applications/{app_id}/proposal", response_model=Proposal)
def proposal(hub: HubDep, who: StaffDep, today: TodayDep, app_id: str) -> Proposal:
    return hub.store.proposal(app_id, today=today)


@router.post("/applications/{app_id}/confirm", response_model=ApplicationOut)
def confirm(hub: HubDep, who: StaffDep, today: TodayDep, app_id: str, body: DecisionIn) -> ApplicationOut:
    return hub.store.decide(app_id, who=who, today=today, override=False,
                            decision=None, reason=body.reason)


@router.post("/applications/{app_id}/override", response_model=ApplicationOut)
def override(hub: HubDep, who: StaffDep, today: TodayDep, app_id: str, body: DecisionIn) -> ApplicationOut:
    return hub.store.decide(app_id, who=who, today=today, override=True,
                            decision=body.decision, reason=body.reason)


@router.post("/applications/{app_id}/status", response_model=ApplicationOut)
def change_status(hub: HubDep, who: StaffDep, app_id: str, body: TransitionIn) -> ApplicationOut:
    return hub.store.transition(app_id, body.to_status, who=who, reason=body.reason)


@router.get("/applications/{app_id}/lawyers", response_model=list[LawyerCandidate])
def lawyer_candidates(hub: HubDep, who: StaffDep, today: TodayDep, app_id: str) -> list[LawyerCandidate]:
    return hub.roster.candidates(app_id, today=today)


@router.post("/applications/{app_id}/assign", response_model=Assignment)
def assign(hub: HubDep, who: StaffDep, today: TodayDep, app_id: str, body: AssignIn) -> Assignment:
    return hub.roster.assign(app_id, body.lawyer_id, who=who, today=today,
                             reason=body.reason)


@router.get("/lawyers", response_model=list[Lawyer])
def lawyers(hub: HubDep, who: StaffDep) -> list[Lawyer]:
    return hub.roster.all()


@router.post("/lawyers/import", response_model=Imported)
def import_lawyers(hub: HubDep, who: SupervisorDep,
                   file: Annotated[UploadFile, File()]) -> Imported:
    result = hub.roster.import_file(file.file.read(), file.filename or "roster.csv", who=who)
    return Imported(created=result.created, updated=result.updated)


@router.get("/escalations", response_model=list[EscalationOut])
def escalations(hub: HubDep, who: ResponderDep,
                status: Literal["open", "answered"] = "open") -> list[EscalationOut]:
    return hub.queue.list(status=status)


@router.post("/escalations/{esc_id}/answer", response_model=EscalationOut)
def answer(hub: HubDep, who: ResponderDep, esc_id: str, body: AnswerIn) -> EscalationOut:
    return hub.queue.answer(esc_id, body.answer, who=who)


@router.get("/follow-ups", response_model=list[FollowUp])
def follow_ups(hub: HubDep, who: StaffDep,
               status: Literal["scheduled", "done"] | None = None) -> list[FollowUp]:
    return hub.store.follow_ups(status=status)


@router.post("/follow-ups/{fid}", response_model=FollowUp)
def record_follow_up(hub: HubDep, who: StaffDep, fid: str, body: FollowUpIn) -> FollowUp:
    return hub.store.record_follow_up(fid, body, who=who)


@router.get("/audit", response_model=list[AuditEntry])
def audit_log(hub: HubDep, who: SupervisorDep, target: str | None = None,
              limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> list[AuditEntry]:
    return hub.store.audit_entries(target=target, limit=limit)
