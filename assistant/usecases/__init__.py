"""Use cases: what every channel (API, kiosk, WeChat, CLI) does, written once.

Each function takes the process's ``Services`` (``assistant.app``) and plain arguments, checks
its input, and raises errors with a stable code, a Chinese message and an HTTP status.
"""

from __future__ import annotations

from assistant.usecases.chat import (
    ChatResult,
    VoiceResult,
    chat_turn,
    check_voice,
    find_session,
    get_session,
    reset_session,
    session_id_for,
    transcribe,
    voice_turn,
)
from assistant.usecases.documents import check, draft, load_document, prefill, render
from assistant.usecases.handoff import escalate_session, escalation_reply, handoff_reason
from assistant.usecases.readaloud import ReadAloudPart, read_aloud
from assistant.usecases.risk import assess

__all__ = [
    "ChatResult",
    "ReadAloudPart",
    "VoiceResult",
    "assess",
    "chat_turn",
    "check",
    "check_voice",
    "draft",
    "escalate_session",
    "escalation_reply",
    "find_session",
    "get_session",
    "handoff_reason",
    "load_document",
    "prefill",
    "read_aloud",
    "render",
    "reset_session",
    "session_id_for",
    "transcribe",
    "voice_turn",
]
