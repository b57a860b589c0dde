"""Everything a request needs, built once per process in the FastAPI lifespan.

``Services`` is the seam for tests and for other front ends (kiosk, WeChat, CLI): the API only
ever reaches the knowledge index, the consultation engine, the stores and the speech models
through it, so a test hands ``create_app`` a ``Services`` with small fakes instead.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from assistant.config import Settings
from assistant.consult.engine import Consultant
from assistant.consult.models import Facts, RiskAssessment
from assistant.db.engine import backend_name, make_engine
from assistant.db.migrate import upgrade_to_head
from assistant.db.store import DocumentStore, SessionStore
from knowledge.errors import LegalAidError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from assistant.speech.asr import Transcriber
    from assistant.speech.normalize import Normalizer
    from assistant.speech.tts import Speaker
    from knowledge.citations import CitationResolver
    from knowledge.index import KnowledgeIndex

log = logging.getLogger(__name__)


class RiskAssessor(Protocol):
    def __call__(self, *, category: str, facts: Facts, today: date,
                 groups: set[str] | None = None) -> RiskAssessment: ...


class EngineUnavailableError(LegalAidError):
    code = "engine_unavailable"
    message = "咨询服务正在启动或暂不可用，请稍后再试，或拨打12348法律援助热线。"


@dataclass(frozen=True, slots=True)
class Component:
    """Whether one optional part loaded, and why not (for /readyz; never shown to citizens)."""

    present: bool
    detail: str = ""


@dataclass
class Services:
    settings: Settings
    kb: KnowledgeIndex | None
    engine: Consultant | None
    store: SessionStore
    documents: DocumentStore
    transcriber: Transcriber | None = None
    speaker: Speaker | None = None
    normalizer: Normalizer | None = None
    risk: RiskAssessor | None = None
    # Set when the index failed to load: requests that need it get this error, not a 500.
    kb_error: LegalAidError | None = None
    components: dict[str, Component] = field(default_factory=dict)
    # whisper is not thread-safe and FastAPI runs sync routes in a thread pool.
    asr_lock: threading.Lock = field(default_factory=threading.Lock)
    on_close: list[Callable[[], None]] = field(default_factory=list)
    # Lazily built helpers shared by requests (e.g. the citation resolver of /v1/documents).
    extras: dict[str, Any] = field(default_factory=dict)

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

    def citation_resolver(self) -> CitationResolver | None:
        """The resolver that checks citations in documents against the loaded statutes (built
        once; ``None`` without an index, when documents are drafted unchecked)."""
        if self.kb is None:
            return None
        cached = self.extras.get("citation_resolver")
        if cached is None:
            from knowledge.citations import CitationResolver as Resolver

            cached = self.extras["citation_resolver"] = Resolver(self.kb.corpus)
        resolver: CitationResolver = cached
        return resolver

    def close(self) -> None:
        for fn in self.on_close:
            fn()


def open_stores(url: str, *, echo: bool = False) -> tuple[SessionStore, DocumentStore, Engine]:
    """Migrate ``url`` to head and return its stores (the engine is shared by both)."""
    engine = make_engine(url, echo=echo)
    upgrade_to_head(engine)
    return SessionStore(engine), DocumentStore(engine), engine


def build_services(settings: Settings) -> Services:
    """Load everything the configuration names; optional parts degrade, reported by /readyz."""
    store, documents, db_engine = open_stores(settings.database.url, echo=settings.database.echo)
    services = Services(settings=settings, kb=None, engine=None, store=store,
                        documents=documents, risk=_default_risk())
    services.on_close.append(db_engine.dispose)
    services.components["database"] = Component(True, backend_name(settings.database.url))
    _load_knowledge(services)
    _load_speech(services)
    services.components["llm"] = _llm_component(settings)
    return services


def _load_knowledge(services: Services) -> None:
    from assistant.knowledge_base import load_knowledge

    settings = services.settings
    try:
        services.kb = load_knowledge(settings)
    except LegalAidError as e:
        log.error("knowledge index not loaded: %s (%s)", e.code, e)
        services.kb_error = e
        return
    try:
        services.engine = _default_engine(services.kb, settings)
    except ModuleNotFoundError as e:  # a partial checkout; /readyz and every chat say so
        log.error("consultation engine unavailable: %s", e)
        services.kb_error = EngineUnavailableError(str(e))
    embedder = services.kb.manifest.embedder
    services.components["embedder"] = Component(embedder is not None, embedder or "BM25 only")


def _default_engine(kb: KnowledgeIndex, settings: Settings) -> Consultant:
    from assistant.consult.engine import ConsultationEngine

    return ConsultationEngine.from_knowledge(kb, data_dir=settings.data_dir, llm=settings.llm)


def _default_risk() -> RiskAssessor | None:
    try:
        from assistant.consult.risk import assess_risk
    except ImportError as e:  # the rule tables are part of the package; this is a broken install
        log.error("risk assessment unavailable: %s", e)
        return None
    return assess_risk


def _load_speech(services: Services) -> None:
    from assistant.speech.asr import load_transcriber

    speech = services.settings.speech
    try:
        services.transcriber = load_transcriber(
            speech.whisper_checkpoint, language=speech.language, threads=speech.threads,
            beam_size=speech.beam_size,
        )
        services.components["whisper"] = Component(True, str(speech.whisper_checkpoint))
        from assistant.speech.normalize import default_normalizer

        services.normalizer = default_normalizer()
    except LegalAidError as e:
        services.components["whisper"] = Component(False, e.code)
    if shutil.which("espeak-ng"):
        from assistant.speech.tts import EspeakSpeaker

        services.speaker = EspeakSpeaker()
    services.components["tts"] = Component(services.speaker is not None,
                                           "espeak-ng" if services.speaker else "not installed")


def _llm_component(settings: Settings) -> Component:
    llm = settings.llm
    if not (llm.enabled and llm.base_url):
        return Component(False, "not configured")
    return Component(True, llm.model)
