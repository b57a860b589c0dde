"""Speech recognition with faster-whisper (CTranslate2); the only module that imports it.

The model is a CTranslate2 Whisper folder given as a *path* (faster-whisper downloads only when
given a model name, never for an existing directory), int8 on CPU by default.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.speech.asr import (
    AVG_LOGPROB_MIN,
    COMPRESSION_RATIO_MAX,
    LEGAL_PROMPT,
    NO_SPEECH_PROB_MAX,
    Segment,
    join_segments,
)
from assistant.speech.errors import AsrNotConfiguredError
from knowledge.errors import ModelIntegrityError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Decoding:
    """Decoding options shared by both engines (see ``SpeechSettings`` for the defaults' reasons)."""

    language: str | None = "zh"
    beam_size: int = 5
    initial_prompt: str | None = LEGAL_PROMPT
    vad: bool = False
    temperature_fallback: bool = False
    # True keeps later sentences Whisper base drops after an early stop, but on the four real
    # clips it re-decoded trailing windows: median RTF 0.9 instead of 0.2. Off by default.
    resume_after_last_word: bool = False


class FasterWhisperTranscriber:
    """A CTranslate2 Whisper folder loaded once; ``transcribe`` may be called from one thread."""

    engine = "faster-whisper"

    def __init__(
        self,
        model_dir: Path,
        *,
        decoding: Decoding | None = None,
        threads: int = 2,
        compute_type: str = "int8",
        name: str | None = None,
    ) -> None:
        path = Path(model_dir).expanduser().resolve()
        if not (path / "model.bin").is_file():
            raise AsrNotConfiguredError(f"no CTranslate2 model.bin in {path}")
        self.model_dir = path
        self.name = name or path.name
        self.decoding = decoding or Decoding()
        self.last_language: str | None = None
        t0 = time.perf_counter()
        self._model = _load(path, threads=threads, compute_type=compute_type)
        if self.decoding.vad:
            _load_vad()  # otherwise loaded by the first request
        self.load_seconds = time.perf_counter() - t0

    def transcribe(self, audio: np.ndarray) -> str:
        d = self.decoding
        segments, info = self._model.transcribe(
            audio.astype(np.float32, copy=False),
            language=d.language,
            task="transcribe",
            beam_size=d.beam_size,
            # One temperature: predictable CPU time; the fallback retries cost whole decodes.
            temperature=[0.0, 0.2, 0.4] if d.temperature_fallback else 0.0,
            compression_ratio_threshold=COMPRESSION_RATIO_MAX,
            log_prob_threshold=AVG_LOGPROB_MIN,
            no_speech_threshold=NO_SPEECH_PROB_MAX,
            condition_on_previous_text=False,
            initial_prompt=d.initial_prompt,
            # Whisper base with beam search often ends a window after its first sentence and
            # claims the whole window; with word timestamps faster-whisper resumes decoding
            # after the last word it aligned, so the later sentences are not lost.
            word_timestamps=d.resume_after_last_word,
            without_timestamps=not d.resume_after_last_word,
            vad_filter=d.vad,
        )
        kept = [
            Segment(s.text, s.avg_logprob, s.compression_ratio, s.no_speech_prob)
            for s in segments  # a generator: decoding happens here
        ]
        self.last_language = info.language
        return join_segments(kept, prompt=d.initial_prompt)


def _load(path: Path, *, threads: int, compute_type: str) -> Any:
    from faster_whisper import WhisperModel

    try:
        return WhisperModel(
            str(path), device="cpu", compute_type=compute_type, cpu_threads=max(1, threads),
            num_workers=1, local_files_only=True,
        )
    except (RuntimeError, ValueError, OSError) as e:
        raise ModelIntegrityError(f"cannot load CTranslate2 whisper from {path}: {e}") from e



def _load_vad() -> None:
    from faster_whisper.vad import get_vad_model

    get_vad_model()  # cached by faster-whisper for the process
