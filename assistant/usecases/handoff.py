"""Hand-off to a person: queue a conversation for staff (with consent) and fetch the answer.

What is shared comes from the stored session: the last user turns, the understood facts, and
the articles and risk level of the last assistant reply. The kiosk, WeChat and the API all go
through ``escalate_session``.
"""

from __future__ import annotations

from typing import get_args

from assistant.app import Services
from assistant.models import Channel, EscalationReason, SessionState, Turn
from assistant.screening.errors import (
    ConsentRequiredError,
    EscalationReasonInvalidError,
    NothingToEscalateError,
)
from assistant.screening.models import PickupReply
from assistant.usecases.chat import get_session

# Replies after which the page offers a person prominently (the small form is always there).
HANDOFF_KINDS = frozenset({"abstain", "out_of_scope"})


def last_reply(state: SessionState) -> Turn | None:
    """The latest assistant turn of the conversation, if any."""
    return next((t for t in reversed(state.turns) if t.role == "assistant"), None)


def handoff_reason(state: SessionState | None) -> EscalationReason | None:
    """Why a person should be offered now (the last reply abstained or found high risk)."""
    turn = last_reply(state) if state is not None else None
    if turn is None:
        return None
    if turn.kind in HANDOFF_KINDS:
        return "abstain"
    return "high_risk" if turn.risk_level == "high" else None


def escalate_session(
    services: Services,
    *,
    session_id: str,
    consent: bool,
    reason: str,
    channel: str,
    openid_hash: str | None = None,
) -> str:
    """Queue the conversation for staff, duty lawyers and 法律明白人; returns the pickup code.

    Only with ``consent`` (else ``ConsentRequiredError``). ``openid_hash`` lets the WeChat
    channel deliver the staff answer.
    """
    if consent is not True:  # explicit: a truthy string from a form is not consent
        raise ConsentRequiredError("escalation without explicit consent")
    if reason not in get_args(EscalationReason) or channel not in get_args(Channel):
        raise EscalationReasonInvalidError(f"reason={reason!r} channel={channel!r}"[:80])
    state = get_session(services, session_id)
    if not state.user_texts():
        raise NothingToEscalateError(f"session {session_id[:8]} has no question")
    turn = last_reply(state)
    return services.screening.queue.escalate(
        state, consent=True, reason=reason, channel=channel,  # type: ignore[arg-type]
        articles=list(turn.citations) if turn else [],
        risk_level=turn.risk_level if turn else None, openid_hash=openid_hash)


def escalation_reply(services: Services, code: str) -> PickupReply:
    """The staff answer (or "still open") for a pickup code; ``PickupCodeNotFoundError``."""
    return services.screening.queue.by_pickup(code)
