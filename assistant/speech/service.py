"""Bytes in, transcript out: the one function the API, the kiosk, WeChat and the CLI call."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.speech.asr import Transcriber
from assistant.speech.audio import SAMPLE_RATE, load_audio
from assistant.speech.errors import AudioSilentError
from assistant.speech.normalize import Change, Normalizer


@dataclass(frozen=True)
class Transcript:
    """What the recogniser heard (``original``, shown to the user) and the normalised text
    the classifier reads; ``duration_s`` is the decoded audio length in seconds."""

    original: str
    normalized: str
    duration_s: float
    changes: list[Change] = field(default_factory=list)
    dialect_tags: list[str] = field(default_factory=list)


def transcribe_bytes(
    data: bytes | Path,
    *,
    transcriber: Transcriber,
    normalizer: Normalizer,
    max_seconds: float = 60.0,
) -> Transcript:
    """Decode, check for speech, recognise and normalise one clip.

    Raises the ``assistant.speech.errors`` audio errors for bad input, and ``AudioSilentError``
    when the recogniser returns nothing after its hallucination filter: silence never becomes text.
    """
    audio = load_audio(data, max_seconds=max_seconds)
    raw = transcriber.transcribe(audio).strip()
    if not raw:
        raise AudioSilentError("recogniser returned no text")
    norm = normalizer.normalize(raw)
    return Transcript(
        original=raw,
        normalized=norm.text,
        duration_s=audio.size / SAMPLE_RATE,
        changes=norm.changes,
        dialect_tags=norm.dialect_tags,
    )
