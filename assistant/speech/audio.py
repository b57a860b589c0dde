"""Audio in: sniff the container, decode with ffmpeg to 16 kHz mono float32, reject non-speech.

This is the only module that runs ffmpeg. Browsers send WebM/Opus or OGG, phones M4A/AAC,
WeChat voice notes are 8 kHz AMR-NB; everything is resampled to what whisper expects.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.speech.errors import (
    AsrNotConfiguredError,
    AudioCorruptError,
    AudioSilentError,
    AudioTooLongError,
    AudioTooShortError,
    AudioUnsupportedError,
)

SAMPLE_RATE = 16_000
# A minute of the least compressed input we accept (16-bit 48 kHz stereo WAV) is ~11 MB.
MAX_INPUT_BYTES = 20 * 1024 * 1024
FFMPEG_TIMEOUT_S = 30.0

_FRAME_S = 0.03
_SILENCE_DBFS = -45.0  # loudest frame below this: nobody spoke
_SPEECH_ABOVE_FLOOR_DB = 12.0  # speech frames stand this far above the noise floor
_MIN_DYNAMICS_DB = 10.0  # steadier than this (hum, hiss, a tone) is not speech


@dataclass(frozen=True)
class SpeechActivity:
    """Energy summary of a clip: duration and seconds of frames that look like speech."""

    duration_s: float
    speech_s: float
    peak_dbfs: float
    floor_dbfs: float


def sniff_format(data: bytes) -> str | None:
    """Container name from magic bytes, or None when it is not an audio format we accept."""
    head = data[:64]
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"OggS":
        return "ogg"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "webm"
    if head.startswith(b"#!AMR-WB\n"):
        return "amr-wb"
    if head.startswith(b"#!AMR\n"):
        return "amr"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head[:4] == b"fLaC":
        return "flac"
    if head[:3] == b"ID3":
        return "mp3"
    if len(head) >= 2 and head[0] == 0xFF:
        if head[1] & 0xF6 == 0xF0:
            return "aac"  # ADTS: sync word plus layer 00
        if head[1] & 0xE0 == 0xE0 and head[1] & 0x06:
            return "mp3"  # MPEG audio frame sync with a non-reserved layer
    return None


def load_audio(
    data: bytes | Path,
    *,
    max_seconds: float = 60.0,
    min_speech_s: float = 0.3,
    require_speech: bool = True,
) -> np.ndarray:
    """Decode ``data`` (file bytes or a path) to float32 mono samples at 16 kHz in [-1, 1].

    Raises ``AudioUnsupportedError`` (unknown container), ``AudioCorruptError`` (ffmpeg cannot
    decode it), ``AudioTooLongError`` (over ``max_seconds``), and, unless ``require_speech`` is
    False, ``AudioTooShortError`` / ``AudioSilentError`` so that silence never reaches the
    recogniser (whisper invents subtitle credits on silence).
    """
    raw = data.read_bytes() if isinstance(data, Path) else bytes(data)
    if not raw:
        raise AudioTooShortError("empty audio")
    if len(raw) > MAX_INPUT_BYTES:
        raise AudioTooLongError(f"{len(raw)} bytes")
    fmt = sniff_format(raw)
    if fmt is None:
        raise AudioUnsupportedError(f"unknown magic {raw[:12]!r}")
    audio = _ffmpeg_decode(raw, fmt=fmt, max_seconds=max_seconds)
    if audio.size > max_seconds * SAMPLE_RATE:
        raise AudioTooLongError(
            f"longer than {max_seconds:g} s",
            message=f"语音太长了（最长{max_seconds:g}秒），请分几段说，或直接输入文字。",
        )
    if require_speech:
        check_speech(audio, min_speech_s=min_speech_s)
    return audio


def _ffmpeg_decode(raw: bytes, *, fmt: str, max_seconds: float) -> np.ndarray:
    exe = shutil.which("ffmpeg")
    if exe is None:
        raise AsrNotConfiguredError("ffmpeg not found on PATH")
    # Decode a little past the limit only: enough to know the clip is too long.
    out_opts = ["-t", f"{max_seconds + 0.5:.2f}", "-f", "s16le", "-acodec", "pcm_s16le",
                "-ac", "1", "-ar", str(SAMPLE_RATE), "pipe:1"]
    base = [exe, "-nostdin", "-hide_banner", "-loglevel", "error", "-threads", "1"]
    if fmt == "mp4":
        # MP4/M4A keeps its index (moov) at the end unless "fast-started"; ffmpeg must seek,
        # which a pipe cannot do, so this one container goes through a temporary file.
        with tempfile.NamedTemporaryFile(suffix=".m4a") as tmp:
            tmp.write(raw)
            tmp.flush()
            proc = _run([*base, "-i", tmp.name, *out_opts], stdin=None)
    else:
        proc = _run([*base, "-i", "pipe:0", *out_opts], stdin=raw)
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip()[-500:]
        raise AudioCorruptError(f"ffmpeg failed on {fmt}: {detail}")
    pcm = np.frombuffer(proc.stdout[: len(proc.stdout) // 2 * 2], dtype=np.int16)
    if pcm.size == 0:
        raise AudioCorruptError(f"ffmpeg decoded no samples from {fmt}")
    return pcm.astype(np.float32) / 32768.0


def _run(cmd: list[str], *, stdin: bytes | None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            cmd, input=stdin, capture_output=True, timeout=FFMPEG_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as e:
        raise AudioCorruptError("ffmpeg timed out") from e


_ENCODE_ARGS: dict[str, list[str]] = {
    "mp3": ["-f", "mp3", "-acodec", "libmp3lame", "-b:a", "48k"],
    "ogg": ["-f", "ogg", "-acodec", "libopus", "-b:a", "32k"],
}


def encode_audio(wav: bytes, *, fmt: str, timeout_s: float = FFMPEG_TIMEOUT_S) -> bytes:
    """WAV bytes → mono MP3 (``fmt='mp3'``) or Ogg/Opus (``'ogg'``) that every browser plays.

    Raises ``FileNotFoundError`` without ffmpeg and ``AudioCorruptError`` when encoding fails.
    """
    exe = shutil.which("ffmpeg")
    if exe is None:
        raise FileNotFoundError("ffmpeg not found on PATH")
    cmd = [exe, "-nostdin", "-hide_banner", "-loglevel", "error", "-i", "pipe:0", "-ac", "1",
           *_ENCODE_ARGS[fmt], "pipe:1"]
    try:
        proc = subprocess.run(cmd, input=wav, capture_output=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired as e:
        raise AudioCorruptError("ffmpeg encoding timed out") from e
    if proc.returncode != 0 or not proc.stdout:
        raise AudioCorruptError(f"ffmpeg {fmt} encoding failed: {proc.stderr[-300:]!r}")
    return proc.stdout


def speech_activity(audio: np.ndarray, *, sample_rate: int = SAMPLE_RATE) -> SpeechActivity:
    """Frame energies (30 ms) against an adaptive floor: how much of the clip is speech."""
    frame = int(_FRAME_S * sample_rate)
    duration = audio.size / sample_rate
    n = audio.size // frame
    if n == 0:
        return SpeechActivity(duration, 0.0, -120.0, -120.0)
    frames = audio[: n * frame].astype(np.float64).reshape(n, frame)
    rms = np.sqrt(np.mean(frames**2, axis=1))
    dbfs = 20.0 * np.log10(np.maximum(rms, 1e-6))
    floor, peak = float(np.percentile(dbfs, 10)), float(dbfs.max())
    if peak - floor < _MIN_DYNAMICS_DB:
        return SpeechActivity(duration, 0.0, peak, floor)
    # Half the dynamic range caps the margin so a clip with few pauses still counts as speech.
    margin = min(_SPEECH_ABOVE_FLOOR_DB, (peak - floor) / 2)
    threshold = max(_SILENCE_DBFS, floor + margin)
    speech_frames = int(np.count_nonzero(dbfs > threshold))
    return SpeechActivity(duration, speech_frames * _FRAME_S, peak, floor)


def check_speech(audio: np.ndarray, *, min_speech_s: float = 0.3) -> SpeechActivity:
    """Raise ``AudioSilentError`` / ``AudioTooShortError`` unless the clip holds speech."""
    act = speech_activity(audio)
    if act.peak_dbfs < _SILENCE_DBFS or act.speech_s == 0.0:
        raise AudioSilentError(f"peak {act.peak_dbfs:.1f} dBFS, floor {act.floor_dbfs:.1f}")
    if act.speech_s < min_speech_s:
        raise AudioTooShortError(f"{act.speech_s:.2f} s of speech in {act.duration_s:.2f} s")
    return act
