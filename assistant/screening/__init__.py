"""Staff pre-screening of legal-aid applications, lawyer assignment, escalation to people."""

from __future__ import annotations

from assistant.screening.models import ApplicationIn, Proposal
from assistant.screening.rules import LocalPolicy, propose
from assistant.screening.store import ScreeningStore

__all__ = ["ApplicationIn", "LocalPolicy", "Proposal", "ScreeningStore", "propose"]
