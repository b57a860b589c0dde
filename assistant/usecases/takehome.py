"""Take home what the kiosk showed: the last answer, the drafted document and the pickup code,
behind an expiring link (a QR code for the citizen's phone, and the print page).

The link's token is random and carries nothing personal. The snapshot is taken when the citizen
asks for it and lives in the database until the link expires (``kiosk.take_home_minutes``), so
the kiosk itself keeps nothing once it is reset: the phone fetches the page from the service.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from assistant.app import Services
from assistant.db.takehome import TakeHome
from assistant.drafting import get_template, preview_text
from assistant.screening.escalation import normalize_pickup_code
from assistant.usecases.chat import find_session
from assistant.usecases.documents import load_document
from assistant.usecases.errors import NothingToTakeHomeError, TakeHomeNotFoundError

TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{22}")


@dataclass(frozen=True, slots=True)
class TakeHomeLink:
    token: str
    expires_at: datetime


def create_take_home(services: Services, *, session_id: str | None,
                     document_id: str | None = None,
                     pickup_code: str | None = None) -> TakeHomeLink:
    """Snapshot the conversation's last question and answer, the document (when it belongs to
    this session) and the pickup code; ``NothingToTakeHomeError`` when there is none of them."""
    payload: dict[str, Any] = {}
    state = find_session(services, session_id)
    if state is not None:
        asked = state.user_texts()
        answer = next((t for t in reversed(state.turns) if t.role == "assistant"), None)
        if asked and answer is not None:
            payload["question"] = asked[-1]
            payload["answer"] = answer.text
            payload["articles"] = [f"《{c.law}》{c.article}" for c in answer.citations]
    docx = None
    if document_id and state is not None:
        doc = load_document(services, document_id)
        if doc.session_id == state.session_id:  # never another conversation's document
            tpl = get_template(doc.template_id)
            payload["document"] = tpl.title + tpl.subtitle
            payload["document_text"] = preview_text(tpl, doc.fields)
            docx = doc.docx
    if pickup_code:
        payload["pickup_code"] = normalize_pickup_code(pickup_code)
    if not payload:
        raise NothingToTakeHomeError("nothing shown yet")
    ttl = timedelta(minutes=services.settings.kiosk.take_home_minutes)
    token, expires = services.take_home.add(payload, docx=docx, ttl=ttl)
    return TakeHomeLink(token, expires)


def load_take_home(services: Services, token: str) -> TakeHome:
    """The snapshot behind a link, or ``TakeHomeNotFoundError`` (unknown, malformed, expired)."""
    found = services.take_home.get(token) if TOKEN_RE.fullmatch(token or "") else None
    if found is None:
        raise TakeHomeNotFoundError("unknown or expired take-home token")
    return found
