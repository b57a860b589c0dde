"""The screening objects of one process: store, roster, escalation queue and token signer."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine

from assistant.screening.auth import TokenSigner
from assistant.screening.escalation import EscalationQueue
from assistant.screening.lawyers import LawyerRoster
from assistant.screening.rules import LocalPolicy
from assistant.screening.store import ScreeningStore


@dataclass
class Hub:
    store: ScreeningStore
    roster: LawyerRoster
    queue: EscalationQueue
    signer: TokenSigner | None


def build_hub(engine: Engine, *, follow_up_days: int, hardship_line: Decimal | None,
              token_secret: str, token_minutes: int) -> Hub:
    """Screening over ``engine``; without ``token_secret`` staff cannot log in (no signer)."""
    store = ScreeningStore(engine, follow_up_days=follow_up_days,
                           policy=LocalPolicy(hardship_line=hardship_line))
    signer = TokenSigner(token_secret, minutes=token_minutes) if token_secret else None
    return Hub(store, LawyerRoster(store), EscalationQueue(store), signer)
