"""A consultation turn, typed or spoken: the API, the kiosk, WeChat and the CLI all call these.

Input is checked here, once, before anything is loaded or stored; a turn is saved only after
the engine answered, so a rejected input or a failure in the engine never loses or corrupts the
stored conversation.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from assistant.app import Services
from assistant.db.store import StoredSession
from assistant.models import Reply, SessionState, Turn, assistant_turn
from assistant.speech.errors import AsrNotConfiguredError
from assistant.speech.loader import BackgroundTranscriber
from assistant.speech.normalize import default_normalizer
from assistant.speech.service import Transcript, transcribe_bytes
from assistant.usecases.errors import (
    ChannelInvalidError,
    SessionIdInvalidError,
    SessionNotFoundError,
    TextEmptyError,
    TextInvalidError,
    TextTooLongError,
    UploadTooLargeError,
)
from assistant.usecases.intake import read_question, with_note

SESSION_ID_RE = re.compile(r"[A-Za-z0-9_-]{8,64}")
CHANNEL_RE = re.compile(r"[a-z][a-z0-9_]{0,31}")
_ALLOWED_CONTROLS = frozenset("\t\n\r")
_BAD_CHARS = frozenset("\ufffd\ufffe\uffff")


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


def session_id_for(open_id: str, *, app_id: str | None) -> str:
    """The session of a WeChat follower: stable per account and OpenID, and not revealing the
    OpenID (logs, database). Also used by the load runner to find a follower's turns."""
    digest = hashlib.sha256(f"{app_id or ''}:{open_id}".encode()).hexdigest()
    return f"wx-{digest[:40]}"


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


def find_session(services: Services, session_id: str | None) -> SessionState | None:
    """The stored conversation, or ``None`` when there is none (never raises for a bad ID)."""
    if not session_id or not SESSION_ID_RE.fullmatch(session_id):
        return None
    stored = services.store.get(session_id)
    return stored.state if stored is not None else None


def reset_session(services: Services, session_id: str) -> bool:
    """Delete the conversation and its documents (新对话, idle wipe); ``False`` if none existed."""
    return services.store.delete(validate_session_id(session_id))


def _load(services: Services, session_id: str) -> StoredSession:
    stored = services.store.get(session_id)
    if stored is None:
        raise SessionNotFoundError(session_id)
    return stored


def _open(
    services: Services, session_id: str | None, *, create_if_missing: bool
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
    opened = _open(services, session_id, create_if_missing=create_if_missing)
    if isinstance(opened, StoredSession):
        # The engine mutates the state it is given; work on a copy until the save succeeds.
        state, version, channel = opened.state.model_copy(deep=True), opened.version, opened.channel
    else:
        state, version = opened, None
    intake = read_question(clean, voice=services.transcriber is not None)
    if intake.reply is not None:  # not a question the engine can answer honestly: say so
        reply = intake.reply
        state.turns += [Turn(role="user", text=clean), assistant_turn(reply)]
    else:
        reply = with_note(engine.respond(state, intake.text), intake.note)
    state.updated_at = datetime.now(UTC)
    services.store.save(state, channel=channel, version=version)
    return ChatResult(state.session_id, reply)


def voice_turn(
    services: Services,
    *,
    session_id: str | None,
    audio: bytes,
    channel: str,
    create_if_missing: bool = False,
) -> VoiceResult:
    """Transcribe a spoken question, then answer it like ``chat_turn`` (normalised text)."""
    _require_voice(services)
    _check_size(services, audio)
    _validate_channel(channel)
    if session_id is not None and not create_if_missing:
        _load(services, validate_session_id(session_id))  # fail before the costly transcription
    transcript = transcribe(services, audio)
    result = chat_turn(services, session_id=session_id, text=transcript.normalized,
                       channel=channel, create_if_missing=create_if_missing)
    return VoiceResult(result.session_id, transcript.original, transcript.normalized, result.reply)


def _require_voice(services: Services) -> None:
    check_voice(services)


def check_voice(services: Services, *, wait_s: float | None = None) -> None:
    """Fail before any download or decoding when voice input cannot work: switched off
    (``AsrNotConfiguredError``), still loading after waiting up to ``wait_s`` seconds
    (``AsrLoadingError``; default: the loader's own wait), or failed to load (the load's error).
    """
    if services.transcriber is None:
        raise AsrNotConfiguredError("voice input switched off")
    if isinstance(services.transcriber, BackgroundTranscriber):
        services.transcriber.require(wait_s)


def _check_size(services: Services, audio: bytes) -> None:
    limit = services.settings.service.max_upload_bytes
    if len(audio) > limit:
        raise UploadTooLargeError(
            f"{len(audio)} > {limit} bytes",
            message=f"上传的文件太大了（最大{limit // 1_000_000}MB），请缩短录音后再试，或直接输入文字。",
        )


def transcribe(services: Services, audio: bytes) -> Transcript:
    """The spoken text, original and normalised, for the citizen to check before sending.

    Raises ``AsrNotConfiguredError`` / ``AsrLoadingError`` (no model, or still loading),
    ``UploadTooLargeError``, and the audio errors of ``transcribe_bytes`` (unsupported, corrupt,
    too long, too short, silent).
    """
    _require_voice(services)
    _check_size(services, audio)
    assert services.transcriber is not None
    with services.asr_lock:
        return transcribe_bytes(
            audio,
            transcriber=services.transcriber,
            normalizer=services.normalizer or default_normalizer(),
            max_seconds=services.settings.speech.max_seconds,
        )
