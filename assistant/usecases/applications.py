"""Legal-aid applications: created by staff, or by a citizen from their own conversation."""

from __future__ import annotations

from assistant.app import Services
from assistant.screening.auth import Principal
from assistant.screening.errors import ConsentRequiredError
from assistant.screening.escalation import application_from_session, new_pickup_code
from assistant.screening.models import ApplicationIn, FromSessionIn
from assistant.screening.store import NewApplication
from assistant.usecases.chat import get_session


def create_application(services: Services, body: ApplicationIn, *, who: Principal | None,
                       session_id: str | None = None) -> NewApplication:
    """Store an application (screened on the service's today) with a new pickup code."""
    return services.screening.store.create(body, who=who, today=services.clock(),
                                           session_id=session_id, pickup_code=new_pickup_code())


def apply_from_session(services: Services, body: FromSessionIn) -> NewApplication:
    """The citizen's own conversation as an application; only with explicit consent."""
    if not body.consent:
        raise ConsentRequiredError("no consent", message="需要您明确同意后，才能把这段对话整理成法律援助申请。")
    state = get_session(services, body.session_id)
    return create_application(services, application_from_session(state, body), who=None,
                              session_id=body.session_id)
