from __future__ import annotations

import shutil

import pytest

from assistant.speech.audio import load_audio, sniff_format
from assistant.speech.errors import TtsUnavailableError
from assistant.speech.tts import EspeakSpeaker

needs_tools = pytest.mark.skipif(
    shutil.which("espeak-ng") is None or shutil.which("ffmpeg") is None,
    reason="espeak-ng/ffmpeg missing",
)


@needs_tools
@pytest.mark.parametrize(("fmt", "container"), [("mp3", "mp3"), ("ogg", "ogg"), ("wav", "wav")])
def test_read_aloud_produces_browser_audio(fmt: str, container: str):
    data = EspeakSpeaker().speak("您好，请问有什么可以帮您？", fmt=fmt)  # type: ignore[arg-type]
    assert sniff_format(data) == container
    assert load_audio(data).size > 16_000  # over a second of audible speech


def test_missing_espeak_is_a_clear_error(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(TtsUnavailableError) as e:
        EspeakSpeaker().speak("你好")
    assert e.value.code == "tts_unavailable"


def test_empty_text_is_refused():
    with pytest.raises(TtsUnavailableError):
        EspeakSpeaker().speak("   ")
