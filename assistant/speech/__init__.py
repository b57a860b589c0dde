"""Speech front end: audio decoding, whisper recognition, transcript normalisation, read-aloud."""

from __future__ import annotations

from assistant.speech.asr import Transcriber, WhisperTranscriber, load_transcriber
from assistant.speech.audio import load_audio
from assistant.speech.normalize import Normalized, Normalizer, default_normalizer
from assistant.speech.service import Transcript, transcribe_bytes
from assistant.speech.tts import EspeakSpeaker, Speaker

__all__ = [
    "EspeakSpeaker",
    "Normalized",
    "Normalizer",
    "Speaker",
    "Transcriber",
    "Transcript",
    "WhisperTranscriber",
    "default_normalizer",
    "load_audio",
    "load_transcriber",
    "transcribe_bytes",
]
