"""The screening objects of one process (store, roster, escalation queue, token signer).

Kept apart from the HTTP routes so the domain functions in ``assistant.conversation`` (which the
kiosk and WeChat call in-process) reach the same escalation queue as ``/v1/staff`` without
importing FastAPI.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from decimal import Decimal

from assistant.screening.auth import TokenSigner
from assistant.screening.escalation import DELIVER_EXTRA_KEY, EscalationQueue
from assistant.screening.lawyers import LawyerRoster
from assistant.screening.rules import LocalPolicy
from assistant.screening.store import ScreeningStore
from assistant.services import Services

_HUB_KEY = "screening.hub"
_hub_lock = threading.Lock()


@dataclass
class Hub:
    store: ScreeningStore
    roster: LawyerRoster
    queue: EscalationQueue
    signer: TokenSigner | None


def hub_for(services: Services) -> Hub:
    """The screening objects of this process, built once over the service's database.

    The queue's deliverer is looked up on every call: the WeChat adapter registers it in
    ``services.extras`` only when its first callback arrives.
    """
    hub: Hub | None = services.extras.get(_HUB_KEY)
    if hub is not None:
        hub.queue.deliverer = services.extras.get(DELIVER_EXTRA_KEY)
        return hub
    with _hub_lock:
        if _HUB_KEY not in services.extras:
            staff = services.settings.staff
            line = staff.hardship_line_yuan
            store = ScreeningStore(
                services.store.engine, follow_up_days=staff.follow_up_days,
                policy=LocalPolicy(hardship_line=None if line is None else Decimal(str(line))))
            secret = staff.token_secret.get_secret_value() if staff.token_secret else ""
            signer = TokenSigner(secret, minutes=staff.token_minutes) if secret else None
            services.extras[_HUB_KEY] = Hub(store, LawyerRoster(store), EscalationQueue(store),
                                            signer)
    return hub_for(services)
