"""Domain functions of a consultation: the API, the kiosk, WeChat and the CLI all call these.

Input is checked here, once, before anything is loaded or stored; a turn is saved only after
the engine answered, so a rejected input or a failure in the engine never loses or corrupts the
stored conversation.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal, get_args

from assistant.consult.models import Reply, SessionState, Turn
from assistant.db.store import StoredSession
from assistant.services import Services
from knowledge.errors import LegalAidError

if TYPE_CHECKING:
    from assistant.screening.models import PickupReply
    from assistant.speech.service import Transcript

# Mirror ``assistant.screening.models.EscalationReason`` / ``Channel`` (a test checks they agree)
# without importing the screening package, which takes ~0.4 s, into every front end at start.
HandoffReason = Literal["abstain", "user_request", "high_risk"]
HandoffChannel = Literal["kiosk", "wechat", "api"]
# Replies after which the page offers a person prominently (the small form is always there).
HANDOFF_KINDS = frozenset({"abstain", "out_of_scope"})

SESSION_ID_RE = re.compile(r"[A-Za-z0-9_-]{8,64}")
CHANNEL_RE = re.compile(r"[a-z][a-z0-9_]{0,31}")
_ALLOWED_CONTROLS = frozenset("\t\n\r")
_BAD_CHARS = frozenset("\ufffd\ufffe\uffff")


class TextEmptyError(LegalAidError):
    code = "text_empty"
    message = "请输入您想咨询的问题。"


class TextTooLongError(LegalAidError):
    code = "text_too_long"
    message = "您的问题太长了，请精简后再发送。"


class TextInvalidError(LegalAidError):
    code = "text_invalid"
    message = "内容中有无法识别的字符，请用文字描述您的问题。"


class SessionIdInvalidError(LegalAidError):
    code = "session_id_invalid"
    message = "对话编号格式不正确，请开始新的对话。"


class SessionNotFoundError(LegalAidError):
    code = "session_not_found"
    message = "这段对话已经结束或已过期，请开始新的对话。"


class ChannelInvalidError(LegalAidError):
    code = "channel_invalid"
    message = "请求来源标识不正确。"


class UploadTooLargeError(LegalAidError):
    code = "upload_too_large"
    message = "上传的文件太大了，请缩短录音后再试，或直接输入文字。"


@dataclass(frozen=True, slots=True)
class ChatResult:
    session_id: str
    reply: Reply


@dataclass(frozen=True, slots=True)
class VoiceResult:
    session_id: str
    transcript_original: str
    transcript_normalized: str
    reply: Reply


def new_session_id() -> str:
    """24 URL-safe characters (144 random bits)."""
    return secrets.token_urlsafe(18)


def validate_text(text: object, *, max_chars: int) -> str:
    """The stripped question, or ``TextEmptyError`` / ``TextTooLongError`` / ``TextInvalidError``."""
    if not isinstance(text, str):
        raise TextInvalidError(f"not a string: {type(text).__name__}")
    clean = text.strip()
    if not clean:
        raise TextEmptyError("blank text")
    for ch in clean:
        if ch in _BAD_CHARS or (
            ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) in ("Cc", "Cs")
        ):
            raise TextInvalidError(f"control or undecodable character U+{ord(ch):04X}")
    if len(clean) > max_chars:
        raise TextTooLongError(
            f"{len(clean)} > {max_chars} chars",
            message=f"您的问题太长了（最多{max_chars}字），请精简后再发送。",
        )
    return clean


def validate_session_id(session_id: str) -> str:
    if not isinstance(session_id, str) or not SESSION_ID_RE.fullmatch(session_id):
        raise SessionIdInvalidError(repr(session_id)[:80])
    return session_id


def _validate_channel(channel: str) -> str:
    if not isinstance(channel, str) or not CHANNEL_RE.fullmatch(channel):
        raise ChannelInvalidError(repr(channel)[:40])
    return channel


def get_session(services: Services, session_id: str) -> SessionState:
    """The stored conversation, or ``SessionNotFoundError``."""
    return _load(services, validate_session_id(session_id)).state


def reset_session(services: Services, session_id: str) -> bool:
    """Delete the conversation and its documents (新对话, idle wipe); ``False`` if none existed."""
    return services.store.delete(validate_session_id(session_id))


def _load(services: Services, session_id: str) -> StoredSession:
    stored = services.store.get(session_id)
    if stored is None:
        raise SessionNotFoundError(session_id)
    return stored


def _open(
    services: Services, session_id: str | None, *, channel: str, create_if_missing: bool
) -> StoredSession | SessionState:
    """The stored session to continue, or a new unsaved ``SessionState``."""
    if session_id is None:
        return SessionState(session_id=new_session_id())
    stored = services.store.get(validate_session_id(session_id))
    if stored is not None:
        return stored
    if create_if_missing:  # WeChat: the session ID is derived from the user, not issued by us
        return SessionState(session_id=session_id)
    raise SessionNotFoundError(session_id)


def chat_turn(
    services: Services,
    *,
    session_id: str | None,
    text: str,
    channel: str,
    create_if_missing: bool = False,
) -> ChatResult:
    """Answer one typed question in the session (a new one when ``session_id`` is None)."""
    clean = validate_text(text, max_chars=services.settings.service.max_text_chars)
    _validate_channel(channel)
    engine = services.require_engine()
    opened = _open(services, session_id, channel=channel, create_if_missing=create_if_missing)
    if isinstance(opened, StoredSession):
        # The engine mutates the state it is given; work on a copy until the save succeeds.
        state, version, channel = opened.state.model_copy(deep=True), opened.version, opened.channel
    else:
        state, version = opened, None
    reply = engine.respond(state, clean)
    _annotate_last_reply(state, reply)
    state.updated_at = datetime.now(UTC)
    services.store.save(state, channel=channel, version=version)
    return ChatResult(state.session_id, reply)


def _annotate_last_reply(state: SessionState, reply: Reply) -> None:
    """Keep what the engine's assistant turn showed, so a hand-off can carry it later."""
    if state.turns and state.turns[-1].role == "assistant":
        state.turns[-1] = state.turns[-1].model_copy(update={
            "kind": reply.kind, "risk_level": reply.risk.level if reply.risk else None,
            "citations": list(reply.citations)})


def last_reply(state: SessionState) -> Turn | None:
    """The latest assistant turn of the conversation, if any."""
    return next((t for t in reversed(state.turns) if t.role == "assistant"), None)


def handoff_reason(state: SessionState | None) -> HandoffReason | None:
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

    Only with ``consent`` (else ``ConsentRequiredError``). What is shared comes from the stored
    session: the last user turns, the extracted facts, and the articles and risk level of the
    last assistant reply. ``openid_hash`` lets the WeChat adapter deliver the staff answer.
    """
    from assistant.screening.errors import (
        ConsentRequiredError,
        EscalationReasonInvalidError,
        NothingToEscalateError,
    )
    from assistant.screening.hub import hub_for

    if consent is not True:  # explicit: a truthy string from a form is not consent
        raise ConsentRequiredError("escalation without explicit consent")
    if reason not in get_args(HandoffReason) or channel not in get_args(HandoffChannel):
        raise EscalationReasonInvalidError(f"reason={reason!r} channel={channel!r}"[:80])
    state = get_session(services, session_id)
    if not state.user_texts():
        raise NothingToEscalateError(f"session {session_id[:8]} has no question")
    turn = last_reply(state)
    return hub_for(services).queue.escalate(
        state, consent=True, reason=reason, channel=channel,  # type: ignore[arg-type]
        articles=list(turn.citations) if turn else [],
        risk_level=turn.risk_level if turn else None, openid_hash=openid_hash)


def escalation_reply(services: Services, code: str) -> PickupReply:
    """The staff answer (or "still open") for a pickup code; ``PickupCodeNotFoundError``."""
    from assistant.screening.hub import hub_for

    return hub_for(services).queue.by_pickup(code)


def voice_turn(
    services: Services,
    *,
    session_id: str | None,
    audio: bytes,
    channel: str,
    create_if_missing: bool = False,
) -> VoiceResult:
    """Transcribe a spoken question, then answer it like ``chat_turn`` (normalised text)."""
    from assistant.speech.errors import AsrNotConfiguredError

    if services.transcriber is None:
        raise AsrNotConfiguredError("no whisper checkpoint configured")
    limit = services.settings.service.max_upload_bytes
    if len(audio) > limit:
        raise UploadTooLargeError(
            f"{len(audio)} > {limit} bytes",
            message=f"上传的文件太大了（最大{limit // 1_000_000}MB），请缩短录音后再试，或直接输入文字。",
        )
    _validate_channel(channel)
    if session_id is not None and not create_if_missing:
        _load(services, validate_session_id(session_id))  # fail before the costly transcription
    transcript = _transcribe(services, audio)
    result = chat_turn(services, session_id=session_id, text=transcript.normalized,
                       channel=channel, create_if_missing=create_if_missing)
    return VoiceResult(result.session_id, transcript.original, transcript.normalized, result.reply)


def _transcribe(services: Services, audio: bytes) -> Transcript:
    from assistant.speech.normalize import default_normalizer
    from assistant.speech.service import transcribe_bytes

    assert services.transcriber is not None
    with services.asr_lock:
        return transcribe_bytes(
            audio,
            transcriber=services.transcriber,
            normalizer=services.normalizer or default_normalizer(),
            max_seconds=services.settings.speech.max_seconds,
        )
