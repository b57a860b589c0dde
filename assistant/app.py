"""The composition root: everything a request needs, built once per process.

``Services`` is a typed container with explicit fields (the knowledge index, the engine and its
citation resolver, the stores, the screening hub, the speech models, the clock). Every channel
(API, kiosk, WeChat, CLI) reaches them only through the use cases, so a test hands the use
cases a ``Services`` with small fakes instead. ``build_services`` loads what the settings name;
optional parts degrade and say why in ``components`` (for ``/readyz``).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from assistant import clock
from assistant.config import CorpusChoice, DatabaseSettings, Settings
from assistant.consult.engine import Consultant, ConsultationEngine
from assistant.consult.retriever import IndexRetriever
from assistant.consult.risk import assess_risk
from assistant.db.coordination import SharedState, new_replica_id
from assistant.db.engine import backend_name, make_engine
from assistant.db.migrate import upgrade_to_head
from assistant.db.retention import purge_expired as purge_sessions
from assistant.db.store import DocumentStore, SessionStore
from assistant.db.takehome import TakeHomeStore
from assistant.errors import USER_ERRORS, EngineUnavailableError, UserError
from assistant.models import Facts, RiskAssessment
from assistant.screening.hub import Hub, build_hub
from knowledge.citations import CitationResolver
from knowledge.corpus import Corpus
from knowledge.dense import E5Embedder, Embedder, load_embedder
from knowledge.index import KnowledgeIndex, attach_vectors, open_index
from knowledge.vectors import VectorCache

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from assistant.speech.asr import Transcriber
    from assistant.speech.normalize import Normalizer
    from assistant.speech.tts import Speaker

log = logging.getLogger(__name__)

MEMORY_DB = "sqlite:///:memory:"


class RiskAssessor(Protocol):
    def __call__(self, *, category: str, facts: Facts, today: date,
                 groups: set[str] | None = None) -> RiskAssessment: ...


@dataclass(frozen=True, slots=True)
class Component:
    """Whether one optional part loaded, and why not (for /readyz; never shown to citizens)."""

    present: bool
    detail: str = ""


@dataclass
class VectorBuild:
    """The background build of the index's dense vectors (progress for /readyz)."""

    embedder: str
    total: int
    done: int = 0
    state: Literal["building", "ready", "stopped", "failed"] = "building"
    detail: str = ""
    seconds: float | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None


@dataclass
class Services:
    settings: Settings
    store: SessionStore
    documents: DocumentStore
    kb: KnowledgeIndex | None = None
    engine: Consultant | None = None
    # The engine's resolver: documents and answers check citations against the same index.
    resolver: CitationResolver | None = None
    risk: RiskAssessor | None = assess_risk
    clock: clock.Clock = clock.today
    transcriber: Transcriber | None = None
    speaker: Speaker | None = None
    normalizer: Normalizer | None = None
    # Set when the index failed to load: requests that need it get this error, not a 500.
    kb_error: UserError | None = None
    components: dict[str, Component] = field(default_factory=dict)
    vectors: VectorBuild | None = None
    # whisper is not thread-safe and FastAPI runs sync routes in a thread pool.
    asr_lock: threading.Lock = field(default_factory=threading.Lock)
    on_close: list[Callable[[], None]] = field(default_factory=list)
    # This process among the replicas sharing the database (heartbeats, message claims).
    replica_id: str = field(default_factory=new_replica_id)
    _hub: Hub | None = field(default=None, repr=False)
    _shared: SharedState | None = field(default=None, repr=False)
    _take_home: TakeHomeStore | None = field(default=None, repr=False)
    _hub_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def require_engine(self) -> Consultant:
        if self.engine is None:
            raise self.kb_error or EngineUnavailableError("no consultation engine")
        return self.engine

    def require_kb(self) -> KnowledgeIndex:
        if self.kb is None:
            raise self.kb_error or EngineUnavailableError("no knowledge index")
        return self.kb

    def require_risk(self) -> RiskAssessor:
        if self.risk is None:
            raise EngineUnavailableError("no risk assessor")
        return self.risk

    @property
    def screening(self) -> Hub:
        """Applications, lawyers, hand-offs and staff logins, over the service's database
        (built on first use: most kiosk and WeChat processes never touch it)."""
        with self._hub_lock:
            if self._hub is None:
                staff = self.settings.staff
                line = staff.hardship_line_yuan
                secret = staff.token_secret.get_secret_value() if staff.token_secret else ""
                self._hub = build_hub(
                    self.store.engine, follow_up_days=staff.follow_up_days,
                    hardship_line=None if line is None else Decimal(str(line)),
                    token_secret=secret, token_minutes=staff.token_minutes)
            return self._hub

    @property
    def shared(self) -> SharedState:
        """What the replicas share through the database (``assistant.db.coordination``)."""
        with self._hub_lock:
            if self._shared is None:
                self._shared = SharedState(self.store.engine, replica_id=self.replica_id)
            return self._shared

    @property
    def take_home(self) -> TakeHomeStore:
        """The kiosk's take-home links (QR code, print page) over the service's database."""
        with self._hub_lock:
            if self._take_home is None:
                self._take_home = TakeHomeStore(self.store.engine)
            return self._take_home

    def close(self) -> None:
        for fn in self.on_close:
            fn()


def purge_expired(services: Services) -> None:
    """One retention pass: sessions, documents and escalations older than the retention days,
    then expired shared rows (message claims, consent asks, followers, departed replicas)."""
    days = services.settings.database.retention_days
    if days > 0:
        purge_sessions(services.store, days)
        gone = services.screening.queue.purge_older_than(days)
        if gone:
            log.info("retention purge: %d escalations older than %d days", gone, days)
    services.shared.purge_expired()


def services_of(state: Any) -> Services:
    """The ``Services`` a web app keeps on ``app.state`` (``EngineUnavailableError`` while the
    lifespan is still loading them)."""
    services: Services | None = getattr(state, "services", None)
    if services is None:
        raise EngineUnavailableError("services not built yet")
    return services


def open_stores(url: str, *, echo: bool = False) -> tuple[SessionStore, DocumentStore, Engine]:
    """Migrate ``url`` to head and return its stores (the engine is shared by both)."""
    engine = make_engine(url, echo=echo)
    upgrade_to_head(engine)
    return SessionStore(engine), DocumentStore(engine), engine


def configured_embedder(settings: Settings) -> Embedder | None:
    """The embedder the settings name: a local sentence-transformers folder, the bundled
    multilingual-e5-small, or none (BM25 only)."""
    if settings.embedder_path is not None:
        return load_embedder(settings.embedder_path)
    return None if settings.embedder == "none" else E5Embedder()


def vector_cache(settings: Settings, embedder: Embedder) -> VectorCache:
    """The content-addressed vector cache of ``embedder``, shared by every corpus's index."""
    return VectorCache(settings.index_dir / "vectors" / embedder.name, dim=embedder.dim)


def load_knowledge(settings: Settings, *, corpus: CorpusChoice | None = None,
                   embedder: Embedder | None = None) -> KnowledgeIndex:
    """The index for ``corpus`` (default: the configured one), hybrid when it holds
    ``embedder``'s vectors; raises IndexMissingError / IndexMismatchError with the rebuild
    command when it is absent or stale."""
    choice = corpus or settings.corpus
    return open_index(settings.corpus_index_dir(choice), data_dir=settings.data_dir,
                      corpus_choice=choice, embedder=embedder)


def build_resolver(corpus: Corpus) -> CitationResolver:
    """The one place a citation resolver is built: over the loaded index's corpus, so answers
    and documents are checked against the same articles retrieval serves."""
    return CitationResolver(corpus)


def build_engine(kb: KnowledgeIndex, settings: Settings, *,
                 today: clock.Clock = clock.today) -> ConsultationEngine:
    """The one place the consultation engine is put together (service, CLI and evaluations)."""
    return ConsultationEngine.assemble(IndexRetriever(kb), build_resolver(kb.corpus),
                                       data_dir=settings.data_dir, llm=settings.llm, today=today)


def build_services(settings: Settings, *, speech: bool = True,
                   build_vectors: bool = True) -> Services:
    """Load everything the configuration names; optional parts degrade, reported by /readyz.

    With ``build_vectors``, an index that lacks the configured embedder's vectors serves BM25
    at once while a background thread builds them, then switches to hybrid retrieval."""
    store, documents, db_engine = open_stores(settings.database.url, echo=settings.database.echo)
    services = Services(settings=settings, store=store, documents=documents)
    services.on_close.append(db_engine.dispose)
    services.components["database"] = Component(True, backend_name(settings.database.url))
    embedder = _load_knowledge(services)
    if build_vectors and embedder is not None and services.kb is not None \
            and services.kb.mode == "bm25":
        start_vector_build(services, embedder)
    if speech:
        _load_speech(services)
    services.components["llm"] = _llm_component(settings)
    return services


def terminal_services(settings: Settings) -> Services:
    """Services for a terminal session (``legalaid ask`` / ``chat``): the configured index and
    engine, conversations in a private in-memory database, no speech models. Raises the index's
    error (with the rebuild command) instead of degrading."""
    private = settings.model_copy(update={"database": DatabaseSettings(url=MEMORY_DB)})
    services = build_services(private, speech=False, build_vectors=False)
    if services.kb_error is not None:
        services.close()
        raise services.kb_error
    return services


def _load_knowledge(services: Services) -> Embedder | None:
    """Open the index (hybrid if its vectors are built); returns the configured embedder."""
    settings = services.settings
    try:
        embedder = configured_embedder(settings)
    except USER_ERRORS as e:
        log.error("embedder not loaded, serving BM25 only: %s (%s)", e.code, e)
        services.components["embedder"] = Component(False, e.code)
        embedder = None
    try:
        services.kb = load_knowledge(settings, embedder=embedder)
    except USER_ERRORS as e:
        log.error("knowledge index not loaded: %s (%s)", e.code, e)
        services.kb_error = e
        return None
    _install(services, services.kb)
    return embedder


def _install(services: Services, kb: KnowledgeIndex) -> None:
    """Serve ``kb``: one engine over it (requests under way finish with the previous one)."""
    engine = build_engine(kb, services.settings, today=services.clock)
    services.kb, services.engine, services.resolver = kb, engine, engine.resolver
    name = kb.manifest.embedder if kb.mode == "hybrid" else None
    if name is not None or "embedder" not in services.components:
        services.components["embedder"] = Component(name is not None, name or "BM25 only")


def start_vector_build(services: Services, embedder: Embedder) -> VectorBuild:
    """Embed the served corpus in a background thread (lower CPU priority, resumable through
    the vector cache) and switch the service to hybrid retrieval when the vectors are in."""
    kb = services.require_kb()
    build = VectorBuild(embedder=embedder.name, total=len(kb.corpus) + len(kb.articles.memory.items))
    services.vectors = build
    build.thread = threading.Thread(target=_build_vectors, args=(services, kb, embedder, build),
                                    name="vector-build", daemon=True)
    services.on_close.append(lambda: _stop_vector_build(build))
    build.thread.start()
    log.info("serving BM25 while %d texts are embedded with %s in the background",
             build.total, embedder.name)
    return build


def _build_vectors(services: Services, kb: KnowledgeIndex, embedder: Embedder,
                   build: VectorBuild) -> None:
    started = time.perf_counter()
    try:
        # Linux applies a thread id's nice value to that thread (and the OpenMP workers it
        # starts): answers keep the CPU while the corpus is embedded.
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except (OSError, AttributeError):
        pass
    settings = services.settings
    directory = settings.corpus_index_dir()
    try:
        with _exclusive(directory / ".vectors.lock", build.stop) as owner:
            # Several workers share one index: one embeds, the others wait for the lock and
            # then find every vector in the cache.
            manifest = attach_vectors(directory, kb.corpus, embedder,
                                      vector_cache(settings, embedder),
                                      progress=lambda n: setattr(build, "done", build.done + n),
                                      should_stop=build.stop.is_set) if owner else None
        if manifest is None:
            build.state = "stopped"
            return
        _install(services, load_knowledge(settings, embedder=embedder))
    except Exception as e:  # any failure leaves BM25 serving; the reason goes to the log
        log.exception("dense vectors not built")
        build.state, build.detail = "failed", type(e).__name__
        return
    build.seconds = round(time.perf_counter() - started, 1)
    build.state = "ready"
    log.info("dense vectors ready after %.1f s: serving hybrid retrieval", build.seconds)


@contextlib.contextmanager
def _exclusive(path: Path, stop: threading.Event) -> Iterator[bool]:
    """Hold an exclusive lock on ``path`` (yields True), or yield False once ``stop`` is set."""
    with path.open("a") as fh:
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if stop.wait(1.0):
                    yield False
                    return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _stop_vector_build(build: VectorBuild) -> None:
    build.stop.set()
    if build.thread is not None:
        build.thread.join(timeout=30)


def _load_speech(services: Services) -> None:
    """Voice input: the bundled Whisper base loads in the background (``/readyz`` says when it
    is ready; a request meanwhile waits briefly, then gets ``asr_loading``); read-aloud with
    espeak-ng when it is installed."""
    # Imported here, not at the top: the recogniser pulls in CTranslate2 (only when voice is on).
    from assistant.speech.loader import start_voice
    from assistant.speech.normalize import default_normalizer

    speech = services.settings.speech
    voice = start_voice(speech)
    services.transcriber = voice
    if voice is not None:
        services.normalizer = default_normalizer()
        services.normalizer.normalize("预热")  # jieba's dictionary loads now, not on a request
    services.components["whisper"] = Component(voice is not None,
                                               "loading" if voice else "switched off")
    if shutil.which("espeak-ng"):
        from assistant.speech.tts import EspeakSpeaker

        services.speaker = EspeakSpeaker(voice=speech.tts_voice, speed_wpm=speech.tts_speed_wpm)
    services.components["tts"] = Component(services.speaker is not None,
                                           "espeak-ng" if services.speaker else "not installed")


def _llm_component(settings: Settings) -> Component:
    llm = settings.llm
    if not (llm.enabled and llm.base_url):
        return Component(False, "not configured")
    return Component(True, llm.model)


__all__ = ["Component", "RiskAssessor", "Services", "VectorBuild", "build_engine",
           "build_resolver", "build_services", "configured_embedder", "load_knowledge",
           "open_stores", "purge_expired", "services_of", "start_vector_build",
           "terminal_services", "vector_cache"]
