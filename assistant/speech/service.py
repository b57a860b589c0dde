"""Bytes in, transcript out: the one function the API, the kiosk, WeChat and the CLI call."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.speech.asr import Transcriber
from assistant.speech.audio import SAMPLE_RATE, load_audio
from assistant.speech.errors import AudioSilentError
from assistant.speech.normalize import Change, Normalizer, to_simplified


@dataclass(frozen=True)
class Transcript:
    """What the recogniser heard in simplified characters (``original``, shown to the user to
    correct), the normalised text the classifier reads, and ``duration_s``, the decoded audio
    length in seconds. ``raw`` is the recogniser's own output (Whisper often answers in
    traditional characters: 廣州市)."""

    original: str
    normalized: str
    duration_s: float
    changes: list[Change] = field(default_factory=list)
    dialect_tags: list[str] = field(default_factory=list)
    raw: str = ""


def recognise(audio: np.ndarray, *, transcriber: Transcriber, normalizer: Normalizer) -> Transcript:
    """Recognise decoded 16 kHz samples, then Traditional → simplified and normalise.

    Raises ``AudioSilentError`` when the recogniser returns nothing after its hallucination
    filter: silence never becomes text.
    """
    raw = transcriber.transcribe(audio).strip()
    if not raw:
        raise AudioSilentError("recogniser returned no text")
    norm = normalizer.normalize(raw)
    return Transcript(
        original=to_simplified(raw),
        normalized=norm.text,
        duration_s=audio.size / SAMPLE_RATE,
        changes=norm.changes,
        dialect_tags=norm.dialect_tags,
        raw=raw,
    )


def transcribe_bytes(
    data: bytes | Path,
    *,
    transcriber: Transcriber,
    normalizer: Normalizer,
    max_seconds: float = 60.0,
) -> Transcript:
    """Decode (any accepted container, WeChat AMR-NB included), check for speech, recognise.

    Raises the ``assistant.speech.errors`` audio errors for bad input (unsupported, corrupt, too
    long, too short, silent) before the recogniser runs.
    """
    audio = load_audio(data, max_seconds=max_seconds)
    return recognise(audio, transcriber=transcriber, normalizer=normalizer)
