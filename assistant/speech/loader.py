"""Which recogniser the settings name, and loading it once per process, off the request path.

``open_transcriber`` loads now (about a second for Whisper base); ``start_voice`` does it in a
background thread and returns a ``BackgroundTranscriber`` that is a ``Transcriber`` at once and
tells ``/readyz`` whether voice is ready (``status()``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from assistant.config import SpeechSettings
from assistant.errors import USER_ERRORS, UserError
from assistant.speech.asr import LoadedTranscriber, WhisperTranscriber
from assistant.speech.bundled import NAME as BUNDLED_NAME
from assistant.speech.bundled import assemble_bundled
from assistant.speech.convert import CONVERTED_NAME, bundled_checkpoint
from assistant.speech.ct2 import Decoding, FasterWhisperTranscriber
from assistant.speech.errors import AsrLoadingError, AsrNotConfiguredError

log = logging.getLogger(__name__)

Engine = Literal["faster-whisper", "openai-whisper"]
State = Literal["loading", "ready", "failed", "off"]
# A request that arrives while the model loads waits this long before "try again shortly".
DEFAULT_WAIT_S = 10.0


def engine_for(speech: SpeechSettings) -> Engine:
    """``auto``: openai-whisper for a configured ``.pt`` checkpoint, faster-whisper otherwise."""
    if speech.engine != "auto":
        return speech.engine
    return "openai-whisper" if speech.whisper_checkpoint is not None else "faster-whisper"


def decoding_for(speech: SpeechSettings) -> Decoding:
    return Decoding(language=speech.language, beam_size=speech.beam_size or 1,
                    initial_prompt=speech.initial_prompt, vad=speech.vad)


def open_transcriber(speech: SpeechSettings) -> LoadedTranscriber:
    """Load the configured recogniser now.

    Raises ``AsrNotConfiguredError`` (voice off, a configured file missing, model packages not
    installed) or ``ModelIntegrityError`` (a file fails its SHA-256 check or cannot be loaded).
    """
    if not speech.enabled:
        raise AsrNotConfiguredError("speech.enabled is false")
    if engine_for(speech) == "openai-whisper":
        return _open_openai(speech)
    model_dir = speech.model_dir or assemble_bundled(speech.assembled_dir)
    name = str(speech.model_dir) if speech.model_dir else BUNDLED_NAME
    return FasterWhisperTranscriber(model_dir, decoding=decoding_for(speech),
                                    threads=speech.threads, compute_type=speech.compute_type,
                                    name=name)


def _open_openai(speech: SpeechSettings) -> WhisperTranscriber:
    """A configured ``.pt``, else the bundled model converted to openai-whisper's layout."""
    known: dict[str, str] | None = None
    checkpoint = speech.whisper_checkpoint
    if checkpoint is None:
        checkpoint, digest = bundled_checkpoint(speech.assembled_dir)
        known = {CONVERTED_NAME: digest}
    return WhisperTranscriber(Path(checkpoint), language=speech.language, threads=speech.threads,
                              beam_size=speech.beam_size, initial_prompt=speech.initial_prompt,
                              known_hashes=known)


@dataclass(frozen=True)
class VoiceStatus:
    """What ``/readyz`` reports about voice input. ``error_code`` is a stable code, never a path."""

    state: State
    engine: str | None = None
    model: str | None = None
    load_seconds: float | None = None
    error_code: str | None = None

    @property
    def ready(self) -> bool:
        return self.state == "ready"

    def as_dict(self) -> dict[str, Any]:
        return {"ready": self.ready, **asdict(self)}


class BackgroundTranscriber:
    """A ``Transcriber`` whose model loads in a daemon thread; calls are serialised.

    ``transcribe`` during loading waits up to ``wait_s`` and then raises ``AsrLoadingError``;
    after a failed load it raises the load's error (``AsrNotConfiguredError`` or
    ``ModelIntegrityError``) so the user gets its Chinese message.
    """

    def __init__(self, factory: Callable[[], LoadedTranscriber], *, wait_s: float = DEFAULT_WAIT_S):
        self._factory = factory
        self._wait_s = wait_s
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._model: LoadedTranscriber | None = None
        self._error: UserError | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> BackgroundTranscriber:
        if self._thread is None:
            self._thread = threading.Thread(target=self._load, name="voice-model", daemon=True)
            self._thread.start()
        return self

    def load_now(self) -> BackgroundTranscriber:
        """Load in the calling thread (the CLI, tests, a server that prefers to block)."""
        self._load()
        return self

    def _load(self) -> None:
        t0 = time.perf_counter()
        try:
            self._model = self._factory()
            log.info("voice model ready: %s %s in %.2f s", self._model.engine, self._model.name,
                     time.perf_counter() - t0)
        except USER_ERRORS as e:
            log.error("voice model not loaded: %s (%s)", e.code, e)
            self._error = e
        except Exception as e:  # a library's own error type; voice stays off, text keeps working
            log.exception("voice model failed to load")
            self._error = AsrNotConfiguredError(f"{type(e).__name__}: {e}")
        finally:
            self._done.set()

    def wait(self, timeout: float | None = None) -> bool:
        """True once loading has finished (ready or failed) within ``timeout`` seconds."""
        return self._done.wait(timeout)

    def status(self) -> VoiceStatus:
        if not self._done.is_set():
            return VoiceStatus("loading")
        if self._model is None:
            return VoiceStatus("failed", error_code=self._error.code if self._error else None)
        m = self._model
        return VoiceStatus("ready", m.engine, m.name, round(m.load_seconds, 3))

    @property
    def model(self) -> LoadedTranscriber:
        """The loaded recogniser; raises as ``transcribe`` does when there is none (yet)."""
        return self.require()

    def require(self, wait_s: float | None = None) -> LoadedTranscriber:
        """The loaded recogniser, waiting up to ``wait_s`` seconds (default: ``wait_s`` of the
        constructor) for a load in progress; ``AsrLoadingError`` if it is still loading, the
        load's own error if it failed."""
        wait = self._wait_s if wait_s is None else wait_s
        if not self._done.wait(wait):
            raise AsrLoadingError(f"voice model still loading after {wait:g} s")
        if self._model is None:
            raise self._error or AsrNotConfiguredError("voice model not loaded")
        return self._model

    def transcribe(self, audio: np.ndarray) -> str:
        model = self.model
        with self._lock:
            return model.transcribe(audio)


def start_voice(speech: SpeechSettings, *, background: bool = True) -> BackgroundTranscriber | None:
    """Start loading the configured recogniser; None when voice input is switched off.

    With ``background=False`` the model is loaded before this returns (a failed load still
    returns the object: its ``status()`` says ``failed`` with the error code).
    """
    if not speech.enabled:
        return None
    voice = BackgroundTranscriber(lambda: open_transcriber(speech))
    return voice.start() if background else voice.load_now()
