"""The consultation engine: one user turn in, one grounded reply out.

``ConsultationEngine`` (safety, classification, facts, clarifying questions, retrieval, the
grounded composer, risk) over a ``Retriever``; ``assess_risk`` for deadlines, evidence, fees and
legal aid. ``assistant.app.build_engine`` puts it together.
"""

from __future__ import annotations

from assistant.consult.engine import Consultant, ConsultationEngine
from assistant.consult.retriever import IndexRetriever, Retriever
from assistant.consult.risk import assess_risk

__all__ = ["ConsultationEngine", "Consultant", "IndexRetriever", "Retriever", "assess_risk"]
