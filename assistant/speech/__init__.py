"""Speech front end: audio decoding, Whisper recognition, transcript normalisation, read-aloud.

Start-up: ``start_voice(settings.speech)`` (background load, ``.status()`` for ``/readyz``).
A request: ``transcribe_bytes(data, transcriber=..., normalizer=...)``. Read-aloud:
``EspeakSpeaker(...).render(text)`` and ``plan_read_aloud(first_screen, rest, speaker=...)``.
"""

from __future__ import annotations

from assistant.speech.asr import Transcriber, WhisperTranscriber, load_transcriber
from assistant.speech.audio import load_audio
from assistant.speech.ct2 import FasterWhisperTranscriber
from assistant.speech.loader import (
    BackgroundTranscriber,
    VoiceStatus,
    open_transcriber,
    start_voice,
)
from assistant.speech.normalize import Normalized, Normalizer, default_normalizer
from assistant.speech.service import Transcript, recognise, transcribe_bytes
from assistant.speech.spoken import spoken_form
from assistant.speech.tts import EspeakSpeaker, ReadAloud, Speaker, Speech, plan_read_aloud

__all__ = [
    "BackgroundTranscriber",
    "EspeakSpeaker",
    "FasterWhisperTranscriber",
    "Normalized",
    "Normalizer",
    "ReadAloud",
    "Speaker",
    "Speech",
    "Transcriber",
    "Transcript",
    "VoiceStatus",
    "WhisperTranscriber",
    "default_normalizer",
    "load_audio",
    "load_transcriber",
    "open_transcriber",
    "plan_read_aloud",
    "recognise",
    "spoken_form",
    "start_voice",
    "transcribe_bytes",
]
