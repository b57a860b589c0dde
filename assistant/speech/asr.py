"""The ``Transcriber`` Protocol, the hallucination filter both engines share, and the
openai-whisper engine; the only module that imports whisper and torch.

A ``.pt`` checkpoint is loaded from a local path only (whisper downloads when given a model
*name*, never for a path) after its SHA-256 is checked against the hashes openai/whisper
publishes, which are the ones in ``../shared/models/README.md``. Decoding is tuned for a 2-core
CPU: fp32, one temperature, no conditioning on previous text. The default engine is faster-whisper
(``assistant.speech.ct2``); ``assistant.speech.loader`` picks one from the settings.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from assistant.speech.errors import AsrNotConfiguredError
from knowledge.errors import ModelIntegrityError
from knowledge.integrity import sha256_file

log = logging.getLogger(__name__)

# Mirrors ../shared/models/README.md (the hashes embedded in openai/whisper's download URLs);
# a test checks the two agree. Other official names are added from whisper's own table.
PUBLISHED_SHA256: dict[str, str] = {
    "tiny.pt": "65147644a518d12f04e32d6f3b26facc3f8dd46e5390956a9424a650c0ce22b9",
    "base.pt": "ed3a0b6b1c0edf879ad9b11b1af5a0e6ab5db9205f891f668f8b0e6c6326e34e",
    "small.pt": "9ecf779972d90ba49c06d968637d720dd632c55bbf19d441fb42bf17a411e794",
}

# Short and in simplified script, which whisper then tends to answer in. A long list of legal
# terms was tried and dropped: its words leaked into transcripts (房地产 heard as 法律产).
LEGAL_PROMPT = "以下是普通话的法律咨询。"

# Text whisper is known to produce on silence or noise (it learnt them from subtitle credits).
_HALLUCINATIONS = re.compile(
    r"字幕(由|提供|制作|志愿者|组|校对|翻译|君)|(由|提供).{0,12}字幕|中文字幕|"
    r"请不吝点赞|点赞.{0,4}订阅|订阅.{0,6}(转发|打赏|频道)|打赏支持|明镜与点点|优优独播剧场|"
    r"谢谢(大家|您)?的?(收看|观看|聆听)|感谢(大家|您)?的?(收看|观看|聆听)|欢迎订阅|"
    r"下期再见|本期节目|amara\.org|yoyo television|索兰娅|(作词|作曲|编曲)\s*[:：]",
    re.IGNORECASE,
)
COMPRESSION_RATIO_MAX = 2.4  # above: a repetition loop, not speech
NO_SPEECH_PROB_MAX = 0.6
AVG_LOGPROB_MIN = -1.0


class Transcriber(Protocol):
    """Turns 16 kHz mono float32 samples into raw recognised text ('' when nothing was said)."""

    def transcribe(self, audio: np.ndarray) -> str: ...


class LoadedTranscriber(Transcriber, Protocol):
    """A recogniser with the facts ``/readyz`` and the evaluation report about it."""

    engine: str  # "faster-whisper" | "openai-whisper"
    name: str  # the model, for people (never a secret path component beyond the file name)
    load_seconds: float


def published_hashes() -> dict[str, str]:
    """File name -> SHA-256 of every official whisper checkpoint (README table first)."""
    import whisper

    table = dict(PUBLISHED_SHA256)
    for name, url in getattr(whisper, "_MODELS", {}).items():
        parts = str(url).split("/")
        if len(parts) >= 2 and re.fullmatch(r"[0-9a-f]{64}", parts[-2]):
            table.setdefault(f"{name}.pt", parts[-2])
    return table


def verify_checkpoint(path: Path, *, known: Mapping[str, str] | None = None) -> str:
    """'known' when the file matches a published hash, 'unknown' (logged) when it matches none.

    A file *named* like an official checkpoint whose hash differs is corrupt or tampered with:
    raises ``ModelIntegrityError`` rather than loading it.
    """
    table = published_hashes() if known is None else dict(known)
    digest = sha256_file(path)
    if digest in table.values():
        return "known"
    if path.name in table:
        raise ModelIntegrityError(
            f"{path} sha256 {digest} != published {table[path.name]} for {path.name}"
        )
    log.warning("whisper checkpoint %s has an unpublished sha256 %s; loading anyway", path, digest)
    return "unknown"


@dataclass(frozen=True)
class Segment:
    """One decoded window as whisper reports it (the fields the hallucination filter needs)."""

    text: str
    avg_logprob: float
    compression_ratio: float
    no_speech_prob: float


def is_hallucination(seg: Segment) -> bool:
    """Subtitle credits, repetition loops and low-confidence 'no speech' windows."""
    if _HALLUCINATIONS.search(seg.text):
        return True
    if seg.compression_ratio > COMPRESSION_RATIO_MAX:
        return True
    return seg.no_speech_prob > NO_SPEECH_PROB_MAX and seg.avg_logprob < AVG_LOGPROB_MIN


def _bare(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def is_prompt_echo(text: str, prompt: str | None) -> bool:
    """Whisper repeats its initial prompt when it hears no speech (seen on synthetic audio)."""
    t, p = _bare(text), _bare(prompt or "")
    return bool(t) and (t == p or (len(t) >= 6 and t in p))


def join_segments(segments: Iterable[Segment], *, prompt: str | None = None) -> str:
    """Text of the segments that survive the hallucination filter (and are no prompt echo)."""
    kept = [s.text.strip() for s in segments
            if not is_hallucination(s) and not is_prompt_echo(s.text, prompt)]
    return " ".join(t for t in kept if t).strip()


class WhisperTranscriber:
    """openai-whisper loaded once from a local checkpoint; ``transcribe`` is thread-unsafe."""

    engine = "openai-whisper"

    def __init__(
        self,
        checkpoint: Path,
        *,
        language: str | None = "zh",
        threads: int = 2,
        beam_size: int | None = None,
        initial_prompt: str | None = LEGAL_PROMPT,
        known_hashes: Mapping[str, str] | None = None,
    ) -> None:
        path = Path(checkpoint).expanduser().resolve()
        if not path.is_file():
            raise AsrNotConfiguredError(f"whisper checkpoint not found: {path}")
        t0 = time.perf_counter()
        self.integrity = verify_checkpoint(path, known=known_hashes)
        self.checkpoint = path
        self.name = path.name
        self.language = language
        self.beam_size = beam_size
        self.initial_prompt = initial_prompt
        self._model = _load_model(path, threads=threads)
        self.load_seconds = time.perf_counter() - t0
        self.last_language: str | None = None

    def transcribe(self, audio: np.ndarray) -> str:
        import whisper

        options: dict[str, Any] = {"fp16": False, "language": self.language, "task": "transcribe"}
        if self.beam_size:
            options["beam_size"] = self.beam_size
        result = whisper.transcribe(
            self._model,
            audio.astype(np.float32, copy=False),
            verbose=None,
            temperature=0.0,  # no sampling fallback: predictable CPU time
            compression_ratio_threshold=COMPRESSION_RATIO_MAX,
            logprob_threshold=AVG_LOGPROB_MIN,
            no_speech_threshold=NO_SPEECH_PROB_MAX,
            condition_on_previous_text=False,
            initial_prompt=self.initial_prompt,
            carry_initial_prompt=self.initial_prompt is not None,
            **options,
        )
        self.last_language = str(result.get("language") or "") or None
        return join_segments(_segments(result), prompt=self.initial_prompt)


def _segments(result: Mapping[str, Any]) -> list[Segment]:
    return [
        Segment(
            text=str(s.get("text", "")),
            avg_logprob=float(s.get("avg_logprob", 0.0)),
            compression_ratio=float(s.get("compression_ratio", 0.0)),
            no_speech_prob=float(s.get("no_speech_prob", 0.0)),
        )
        for s in result.get("segments", [])
    ]


def _load_model(path: Path, *, threads: int) -> Any:
    import torch
    import whisper

    torch.set_num_threads(max(1, threads))
    try:
        # An absolute path never equals a model name, so whisper cannot start a download.
        model = whisper.load_model(str(path), device="cpu")
    except Exception as e:  # torch/pickle raise many types for a damaged file
        raise ModelIntegrityError(f"cannot load whisper checkpoint {path}: {e}") from e
    return model.float().eval()


def load_transcriber(
    checkpoint: Path | None,
    *,
    language: str | None = "zh",
    threads: int = 2,
    beam_size: int | None = None,
    initial_prompt: str | None = LEGAL_PROMPT,
) -> WhisperTranscriber:
    """openai-whisper on a ``.pt`` checkpoint, or ``AsrNotConfiguredError`` when none is set/found.

    The settings-driven entry point (bundled model by default) is
    ``assistant.speech.loader.open_transcriber``.
    """
    if checkpoint is None:
        raise AsrNotConfiguredError("speech.whisper_checkpoint is not set")
    return WhisperTranscriber(checkpoint, language=language, threads=threads, beam_size=beam_size,
                              initial_prompt=initial_prompt)
