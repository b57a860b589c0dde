"""Staff pre-screening of legal-aid applications, lawyer assignment, escalation to people.

Domain only (no FastAPI, no HTML): the staff API and console are ``assistant.api.routes``.
"""

from __future__ import annotations

from assistant.screening.hub import Hub, build_hub
from assistant.screening.models import ApplicationIn, Proposal
from assistant.screening.rules import LocalPolicy, propose
from assistant.screening.store import ScreeningStore

__all__ = ["ApplicationIn", "Hub", "LocalPolicy", "Proposal", "ScreeningStore", "build_hub",
           "propose"]
