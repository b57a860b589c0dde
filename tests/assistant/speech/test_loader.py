from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from assistant.config import SpeechSettings
from assistant.speech.errors import AsrLoadingError, AsrNotConfiguredError
from assistant.speech.loader import (
    BackgroundTranscriber,
    engine_for,
    open_transcriber,
    start_voice,
)
from knowledge.errors import ModelIntegrityError


class Fake:
    engine = "fake"
    name = "fake model"
    load_seconds = 0.25

    def transcribe(self, audio: np.ndarray) -> str:
        return f"{audio.size} samples"


def test_engine_choice():
    assert engine_for(SpeechSettings()) == "faster-whisper"
    assert engine_for(SpeechSettings(whisper_checkpoint=Path("base.pt"))) == "openai-whisper"
    assert engine_for(SpeechSettings(engine="openai-whisper")) == "openai-whisper"


def test_voice_switched_off_loads_nothing():
    assert start_voice(SpeechSettings(enabled=False)) is None
    with pytest.raises(AsrNotConfiguredError):
        open_transcriber(SpeechSettings(enabled=False))


def test_a_folder_without_a_model_is_not_configured(tmp_path: Path):
    with pytest.raises(AsrNotConfiguredError):
        open_transcriber(SpeechSettings(model_dir=tmp_path))


def test_background_load_reports_loading_then_ready():
    gate = threading.Event()

    def factory() -> Fake:
        gate.wait(5)
        return Fake()

    voice = BackgroundTranscriber(factory, wait_s=0.05).start()
    assert voice.status().state == "loading" and not voice.status().ready
    with pytest.raises(AsrLoadingError) as e:
        voice.transcribe(np.zeros(10, dtype=np.float32))
    assert e.value.code == "asr_loading" and "几秒" in e.value.message
    gate.set()
    assert voice.wait(5)
    status = voice.status()
    assert status.as_dict() == {"ready": True, "state": "ready", "engine": "fake",
                                "model": "fake model", "load_seconds": 0.25, "error_code": None}
    assert voice.transcribe(np.zeros(10, dtype=np.float32)) == "10 samples"


def test_a_failed_load_keeps_its_code_and_message():
    def factory() -> Fake:
        raise ModelIntegrityError("model.bin sha256 mismatch")

    voice = BackgroundTranscriber(factory).load_now()
    assert voice.status().state == "failed"
    assert voice.status().error_code == "model_corrupt"
    with pytest.raises(ModelIntegrityError):
        voice.transcribe(np.zeros(10, dtype=np.float32))


def test_an_unexpected_library_error_turns_voice_off():
    def factory() -> Fake:
        raise RuntimeError("ctranslate2 exploded")

    voice = BackgroundTranscriber(factory).load_now()
    assert voice.status().error_code == "asr_not_configured"


def test_the_real_model_loads_in_the_background(assembled_dir: Path):
    voice = start_voice(SpeechSettings(assembled_dir=assembled_dir))
    assert voice is not None
    assert voice.wait(30)
    status = voice.status()
    assert status.ready and status.engine == "faster-whisper"
    assert status.load_seconds is not None and status.load_seconds < 5.0
