"""Read-aloud for kiosk answers behind ``Speaker``; espeak-ng's Mandarin voice is the offline default."""

from __future__ import annotations

import shutil
import subprocess
from typing import Literal, Protocol

from assistant.speech.audio import encode_audio
from assistant.speech.errors import SpeechError, TtsUnavailableError

AudioFormat = Literal["mp3", "ogg", "wav"]
MIME_TYPES: dict[str, str] = {"mp3": "audio/mpeg", "ogg": "audio/ogg", "wav": "audio/wav"}
MAX_TTS_CHARS = 2000  # a kiosk answer; longer text is cut rather than tying up the CPU


class Speaker(Protocol):
    """Turns text into audio bytes a browser can play."""

    def speak(self, text: str, *, fmt: AudioFormat = "mp3") -> bytes: ...


class EspeakSpeaker:
    """espeak-ng (voice ``cmn``, Mandarin) → WAV, then ``encode_audio`` → MP3 or Ogg/Opus."""

    def __init__(self, *, voice: str = "cmn", speed_wpm: int = 150, timeout_s: float = 60.0):
        self.voice = voice
        self.speed_wpm = speed_wpm
        self.timeout_s = timeout_s

    def speak(self, text: str, *, fmt: AudioFormat = "mp3") -> bytes:
        text = text.strip()[:MAX_TTS_CHARS]
        if not text:
            raise TtsUnavailableError("nothing to read aloud")
        wav = self._espeak(text)
        return wav if fmt == "wav" else self._encode(wav, fmt)

    def _espeak(self, text: str) -> bytes:
        exe = shutil.which("espeak-ng")
        if exe is None:
            raise TtsUnavailableError("espeak-ng not installed (apt-get install espeak-ng)")
        # Text goes on stdin so nothing the user typed is ever parsed as an option.
        cmd = [exe, "-v", self.voice, "-s", str(self.speed_wpm), "--stdin", "--stdout"]
        proc = self._run(cmd, text.encode("utf-8"))
        if proc.returncode != 0 or not proc.stdout.startswith(b"RIFF"):
            raise TtsUnavailableError(f"espeak-ng failed: {proc.stderr[-300:]!r}")
        return proc.stdout

    def _encode(self, wav: bytes, fmt: str) -> bytes:
        try:
            return encode_audio(wav, fmt=fmt, timeout_s=self.timeout_s)
        except (FileNotFoundError, SpeechError) as e:
            raise TtsUnavailableError(f"{fmt} encoding failed: {e}") from e

    def _run(self, cmd: list[str], stdin: bytes) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(
                cmd, input=stdin, capture_output=True, timeout=self.timeout_s, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            raise TtsUnavailableError(f"{cmd[0]}: {e}") from e
