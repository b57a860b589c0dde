from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

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
