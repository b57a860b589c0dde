from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.speech.errors import AudioSilentError, AudioUnsupportedError
from assistant.speech.normalize import default_normalizer
from assistant.speech.service import transcribe_bytes


class FixedTranscriber:
    """A real Transcriber that 'hears' a fixed sentence, as a garbling recogniser might."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.calls = 0

    def transcribe(self, audio: np.ndarray) -> str:
        self.calls += 1
        assert audio.dtype == np.float32
        return self.text


def test_transcript_keeps_original_next_to_normalised(spoken_wav: Path):
    t = transcribe_bytes(
        spoken_wav.read_bytes(),
        transcriber=FixedTranscriber("我婆姨在廠裏受了公傷 老闆不給錢"),
        normalizer=default_normalizer(),
    )
    # Shown to the citizen in simplified characters; the recogniser's own text stays in raw.
    assert t.original == "我婆姨在厂里受了公伤 老板不给钱"
    assert t.raw == "我婆姨在廠裏受了公傷 老闆不給錢"
    assert t.normalized == "我妻子在厂里受了工伤，老板不给钱。"
    assert {(c.original, c.replacement) for c in t.changes if c.kind != "t2s"} == {
        ("婆姨", "妻子"), ("公伤", "工伤")}
    assert 1.0 < t.duration_s < 5.0


def test_empty_recognition_is_silence_not_text(spoken_wav: Path):
    with pytest.raises(AudioSilentError):
        transcribe_bytes(spoken_wav, transcriber=FixedTranscriber("  "),
                         normalizer=default_normalizer())


def test_bad_audio_never_reaches_the_recogniser():
    fake = FixedTranscriber("不该被调用")
    with pytest.raises(AudioUnsupportedError):
        transcribe_bytes(b"hello world, not audio", transcriber=fake,
                         normalizer=default_normalizer())
    assert fake.calls == 0
