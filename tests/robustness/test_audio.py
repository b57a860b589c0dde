"""Bad audio through ``load_audio`` and through ``POST /v1/voice``: a clear Chinese error each
time, quickly, and the recogniser is never reached with something that is not speech."""

from __future__ import annotations

import io
import shutil
import subprocess
import time
import wave
from typing import Any

import numpy as np
import pytest

from assistant.errors import AssistantError
from assistant.speech.audio import MAX_INPUT_BYTES, load_audio
from assistant.speech.errors import (
    AudioCorruptError,
    AudioSilentError,
    AudioTooLongError,
    AudioTooShortError,
    AudioUnsupportedError,
)
from tests.support.http import assert_error
from tests.support.robust import Robust
from tests.support.services import FakeTranscriber

pytestmark = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg not installed")


def _wav(samples: np.ndarray, *, rate: int = 16_000) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return buf.getvalue()


def _silence_opus(seconds: int) -> bytes:
    """Ten minutes of silence compress to a few kB: small enough to pass any upload limit."""
    cmd = ["ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
           "anullsrc=r=16000:cl=mono", "-t", str(seconds), "-c:a", "libopus", "-b:a", "8k",
           "-f", "ogg", "pipe:1"]
    return subprocess.run(cmd, capture_output=True, check=True).stdout


def _speechlike(seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * 16_000)) / 16_000
    return (0.3 * np.sin(2 * np.pi * 220 * t) * (np.sin(2 * np.pi * 3 * t) > 0)).astype(np.float32)


def test_ten_minutes_of_silence_is_refused_by_the_duration_limit_quickly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import assistant.speech.audio as audio_module

    commands: list[list[str]] = []
    real_run = audio_module._run

    def spy(cmd: list[str], *, stdin: bytes | None) -> subprocess.CompletedProcess[bytes]:
        commands.append(cmd)
        return real_run(cmd, stdin=stdin)

    monkeypatch.setattr(audio_module, "_run", spy)
    wav = _wav(np.zeros(600 * 16_000, dtype=np.float32))  # 19.2 MB, just under the byte limit
    assert len(wav) < MAX_INPUT_BYTES
    for data in (wav, _silence_opus(600)):
        t0 = time.monotonic()
        with pytest.raises(AudioTooLongError):
            load_audio(data, max_seconds=60)
        assert time.monotonic() - t0 < 20.0  # generous: the machine is shared
        # ffmpeg is told to stop just past the limit: ten minutes are never decoded.
        assert commands[-1][commands[-1].index("-t") + 1] == "60.50"


@pytest.mark.parametrize(("data", "error"), [
    (b"", AudioTooShortError),
    (b"\x00" * 64, AudioUnsupportedError),
    (b"%PDF-1.7 not audio at all", AudioUnsupportedError),
    ("语音".encode() * 100, AudioUnsupportedError),
    (b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\xff" * 40, AudioCorruptError),  # wrong header
    (b"OggS" + b"\x00" * 200, AudioCorruptError),
    (b"#!AMR\n" + b"\x7f" * 3, AudioCorruptError),
    (b"ID3" + bytes(range(256)) * 4, AudioCorruptError),
])
def test_wrong_magic_and_zero_length(data: bytes, error: type[AssistantError]) -> None:
    with pytest.raises(error) as caught:
        load_audio(data)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.message)


def test_truncated_wav_is_corrupt_or_too_short_never_a_crash() -> None:
    full = _wav(_speechlike(2.0))
    for cut in (12, 44, 45, 1000, len(full) // 2):
        try:
            audio = load_audio(full[:cut])
        except (AudioCorruptError, AudioSilentError, AudioTooShortError, AudioUnsupportedError):
            continue
        assert audio.dtype == np.float32 and audio.size <= 2.0 * 16_000


def test_huge_file_is_refused_without_decoding() -> None:
    t0 = time.monotonic()
    with pytest.raises(AudioTooLongError):
        load_audio(b"RIFF" + b"\x00" * (MAX_INPUT_BYTES + 1))
    assert time.monotonic() - t0 < 1.0


def test_voice_endpoint_errors(robust: Robust) -> None:
    c = robust.client

    def post(data: bytes, name: str = "q.wav") -> Any:
        return c.post("/v1/voice", files={"audio": (name, data, "application/octet-stream")})

    assert_error(post(b""), 422, "audio_too_short")
    assert_error(post(b"GIF89a" + b"\x00" * 100, "q.mp3"), 415, "audio_unsupported")
    assert_error(post(_wav(_speechlike(2.0))[:30]), None)
    assert_error(post(b"OggS" + b"\x01" * 500), 422, "audio_corrupt")
    assert_error(post(_wav(np.zeros(16_000 * 3, dtype=np.float32))), 422, "audio_silent")
    t0 = time.monotonic()
    assert_error(post(_silence_opus(600), "q.ogg"), 413, "audio_too_long")
    assert time.monotonic() - t0 < 20.0
    assert_error(post(b"RIFF" + b"\x00" * 5_100_000), 413, "upload_too_large")
    transcriber = robust.services.transcriber
    assert isinstance(transcriber, FakeTranscriber) and transcriber.calls == 0
    assert c.post("/v1/chat", json={"text": "语音不行，文字还可以吗"}).status_code == 200
