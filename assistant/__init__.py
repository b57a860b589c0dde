"""Consultation, speech, drafting, screening, API and UI."""
