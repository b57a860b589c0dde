"""Read-aloud behind ``Speaker``: espeak-ng's Mandarin voice, the only module that runs espeak-ng.

The voice is ``cmn-latn-pinyin``: espeak-ng's ``cmn`` voice turns Chinese characters into pinyin
and reads it with the English voice ("jin one tian one"), while ``cmn-latn-pinyin`` produces
Mandarin phonemes with tones (``phonemes`` shows no ``(en)`` switch). Numbers, dates and hotlines
are rewritten in Chinese words first (``assistant.speech.spoken``).

A kiosk reads the first screen only: ``plan_read_aloud`` keeps whole sentences until the measured
audio would pass ``max_seconds`` and returns the rest for a "继续朗读" button.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from assistant.speech.audio import encode_audio
from assistant.speech.errors import SpeechError, TtsUnavailableError
from assistant.speech.spoken import spoken_form

AudioFormat = Literal["mp3", "ogg", "wav"]
MIME_TYPES: dict[str, str] = {"mp3": "audio/mpeg", "ogg": "audio/ogg", "wav": "audio/wav"}
MAX_TTS_CHARS = 2000  # a kiosk answer; longer text is cut rather than tying up the CPU
DEFAULT_VOICE = "cmn-latn-pinyin"
READ_ALOUD_MAX_SECONDS = 55.0  # the first screen; 5 s of margin under the one-minute goal
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*|\n+")
_CLAUSE = re.compile(r"[^，、,：:]+[，、,：:]*")


@dataclass(frozen=True)
class Speech:
    """Audio of one text: ``audio`` bytes of ``mime`` type, lasting ``seconds``."""

    audio: bytes
    mime: str
    seconds: float


class Speaker(Protocol):
    """Turns text into audio a browser can play, and measures how long it takes to read."""

    def speak(self, text: str, *, fmt: AudioFormat = "mp3") -> bytes: ...

    def render(self, text: str, *, fmt: AudioFormat = "mp3") -> Speech: ...

    def seconds(self, text: str) -> float: ...


def wav_seconds(wav: bytes) -> float:
    """Duration of a PCM WAV in seconds, from the bytes actually present.

    espeak-ng writes to a pipe, so its header's sizes are placeholders (0x7ffff…); the data chunk
    is taken to run to the end of the file.
    """
    if wav[:4] != b"RIFF" or wav[8:12] != b"WAVE":
        raise ValueError("not a WAV file")
    pos, rate, block = 12, 0, 0
    while pos + 8 <= len(wav):
        tag, size = wav[pos : pos + 4], struct.unpack_from("<I", wav, pos + 4)[0]
        if tag == b"fmt ":
            _, _, rate, _, block = struct.unpack_from("<HHIIH", wav, pos + 8)
        elif tag == b"data":
            data = min(size, len(wav) - pos - 8)
            return data / (rate * block) if rate and block else 0.0
        pos += 8 + size + (size & 1)
    raise ValueError("WAV file has no data chunk")


class EspeakSpeaker:
    """espeak-ng → WAV, then ``encode_audio`` → MP3 or Ogg/Opus."""

    def __init__(self, *, voice: str = DEFAULT_VOICE, speed_wpm: int = 150, timeout_s: float = 60.0):
        self.voice = voice
        self.speed_wpm = speed_wpm
        self.timeout_s = timeout_s

    def speak(self, text: str, *, fmt: AudioFormat = "mp3") -> bytes:
        return self.render(text, fmt=fmt).audio

    def render(self, text: str, *, fmt: AudioFormat = "mp3") -> Speech:
        """Audio and its duration; raises ``TtsUnavailableError`` (no text, no espeak-ng)."""
        wav = self.wav(text)
        audio = wav if fmt == "wav" else self._encode(wav, fmt)
        return Speech(audio, MIME_TYPES[fmt], wav_seconds(wav))

    def seconds(self, text: str) -> float:
        """How long ``text`` takes to read aloud, measured on the synthesised audio."""
        return wav_seconds(self.wav(text))

    def wav(self, text: str) -> bytes:
        text = spoken_form(text.strip()[:MAX_TTS_CHARS])
        if not text:
            raise TtsUnavailableError("nothing to read aloud")
        proc = self._espeak(["--stdout"], text)
        if not proc.stdout.startswith(b"RIFF"):
            raise TtsUnavailableError(f"espeak-ng failed: {proc.stderr[-300:]!r}")
        return proc.stdout

    def phonemes(self, text: str) -> str:
        """espeak-ng's phoneme transcription (``-x``) of what ``speak`` would read.

        A language switch shows as ``(en)``: for Chinese text there must be none.
        """
        return self._espeak(["-x", "-q"], spoken_form(text)).stdout.decode("utf-8", "replace")

    def _espeak(self, args: list[str], text: str) -> subprocess.CompletedProcess[bytes]:
        exe = shutil.which("espeak-ng")
        if exe is None:
            raise TtsUnavailableError("espeak-ng not installed (apt-get install espeak-ng)")
        # Text goes on stdin so nothing the user typed is ever parsed as an option.
        cmd = [exe, "-v", self.voice, "-s", str(self.speed_wpm), "--stdin", *args]
        try:
            proc = subprocess.run(cmd, input=text.encode("utf-8"), capture_output=True,
                                  timeout=self.timeout_s, check=False)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise TtsUnavailableError(f"{cmd[0]}: {e}") from e
        if proc.returncode != 0:
            raise TtsUnavailableError(f"espeak-ng exit {proc.returncode}: {proc.stderr[-300:]!r}")
        return proc

    def _encode(self, wav: bytes, fmt: str) -> bytes:
        try:
            return encode_audio(wav, fmt=fmt, timeout_s=self.timeout_s)
        except (FileNotFoundError, SpeechError) as e:
            raise TtsUnavailableError(f"{fmt} encoding failed: {e}") from e


@dataclass(frozen=True)
class ReadAloud:
    """What to read now (``first``, lasting ``first_seconds``) and what a "继续朗读" button reads
    (``rest``, '' when nothing is left)."""

    first: str
    rest: str
    first_seconds: float


def sentences(text: str) -> list[str]:
    """Sentences with their end marks (。！？；), line breaks dropped."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def plan_read_aloud(
    first_screen: Sequence[str],
    rest: Sequence[str] = (),
    *,
    speaker: Speaker,
    max_seconds: float = READ_ALOUD_MAX_SECONDS,
) -> ReadAloud:
    """Whole sentences of ``first_screen`` (direct answer, deadline, next step, in that order)
    while their audio stays within ``max_seconds``; what does not fit goes before ``rest``.

    A first sentence that alone is too long is cut at a comma, so something is always read.
    """
    pending = [s for part in first_screen for s in sentences(part)]
    chosen: list[str] = []
    total = 0.0
    while pending:
        took = speaker.seconds(pending[0])
        if total + took > max_seconds:
            break
        chosen.append(pending.pop(0))
        total += took
    if not chosen and pending:
        head, tail = _cut(pending.pop(0), speaker=speaker, max_seconds=max_seconds)
        chosen, pending = [head], [tail, *pending] if tail else pending
    first = "".join(chosen)
    while len(chosen) > 1 and speaker.seconds(first) > max_seconds:
        pending.insert(0, chosen.pop())
        first = "".join(chosen)
    later = "\n".join(p for p in ["".join(pending), *rest] if p.strip())
    return ReadAloud(first, later, speaker.seconds(first) if first else 0.0)


def _cut(sentence: str, *, speaker: Speaker, max_seconds: float) -> tuple[str, str]:
    clauses = _CLAUSE.findall(sentence) or [sentence]
    head = ""
    for i, clause in enumerate(clauses):
        if head and speaker.seconds(head + clause) > max_seconds:
            return head, "".join(clauses[i:])
        head += clause
    # One endless clause: keep the share of characters that fits.
    seconds = speaker.seconds(head)
    if seconds <= max_seconds:
        return head, ""
    n = max(1, int(len(head) * max_seconds / seconds))
    return head[:n], head[n:]
