"""Small, cited rule tables for the risk assessment: deadlines, court fees, legal-aid
eligibility hints, evidence checklists and next steps. Pure functions over package data."""

from __future__ import annotations

from knowledge.rules.common import CATEGORY_CODES, Reason
from knowledge.rules.deadlines import DeadlineRule, DeadlineStatus, compute_deadline
from knowledge.rules.evidence import EvidenceItem, evidence_checklist
from knowledge.rules.fees import FeeEstimate, estimate_fee
from knowledge.rules.legal_aid import LegalAidHint, legal_aid_hint
from knowledge.rules.steps import Step, steps_for_category

__all__ = [
    "CATEGORY_CODES",
    "DeadlineRule",
    "DeadlineStatus",
    "EvidenceItem",
    "FeeEstimate",
    "LegalAidHint",
    "Reason",
    "Step",
    "compute_deadline",
    "estimate_fee",
    "evidence_checklist",
    "legal_aid_hint",
    "steps_for_category",
]
