from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings, SpeechSettings
from assistant.speech.asr import LoadedTranscriber
from assistant.speech.loader import open_transcriber

needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg not installed")
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng missing")


@pytest.fixture(scope="session")
def spoken_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A short Mandarin question spoken by espeak-ng (22.05 kHz WAV)."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng missing")
    path = tmp_path_factory.mktemp("speech") / "question.wav"
    subprocess.run(["espeak-ng", "-v", "cmn", "-w", str(path), "老板拖欠工资怎么办"], check=True)
    return path


def ffmpeg_convert(src: Path, dst: Path, *args: str) -> bytes:
    cmd = ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(src), *args, str(dst)]
    subprocess.run(cmd, check=True)
    return dst.read_bytes()


def tone(seconds: float, *, rate: int = 16_000, level: float = 0.3) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (level * np.sin(2 * np.pi * 220 * t)).astype(np.float32)




@pytest.fixture(scope="session")
def real_clips() -> tuple[Path, list[dict[str, str]]]:
    """The four real Mandarin recordings of the knowledge pack and their transcripts."""
    import json

    folder = Settings().data_dir / "speech" / "real"
    manifest = folder / "manifest.jsonl"
    if not manifest.is_file():
        pytest.skip(f"real speech clips not found at {folder}")
    rows = [json.loads(x) for x in manifest.read_text(encoding="utf-8").splitlines() if x]
    return folder, rows


@pytest.fixture(scope="session")
def assembled_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled Whisper base, assembled once for the session under a temporary folder."""
    from assistant.speech.bundled import assemble_bundled, find_bundled
    from assistant.speech.errors import AsrNotConfiguredError

    try:
        find_bundled()
    except AsrNotConfiguredError as e:
        pytest.skip(str(e))
    return assemble_bundled(tmp_path_factory.mktemp("models") / "whisper-base-ct2")


@pytest.fixture(scope="session")
def real_transcriber(assembled_dir: Path) -> LoadedTranscriber:
    """Whisper base through faster-whisper with the default settings (loaded once)."""

    return open_transcriber(SpeechSettings(assembled_dir=assembled_dir))
