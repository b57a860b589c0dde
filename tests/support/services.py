"""Services for tests: a fake consultant and recogniser, the tiny index, settings, and a
``Services`` factory over a real (migrated) database with overrides."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.app import Services, build_engine, build_resolver, open_stores
from assistant.config import DatabaseSettings, ServiceSettings, Settings, SpeechSettings
from assistant.models import (
    CitedArticle,
    Classification,
    Reply,
    SessionState,
    Turn,
    assistant_turn,
)
from knowledge.index import KnowledgeIndex


class FakeConsultant:
    """Implements ``Consultant``: cites what the real retriever returns and counts the turns,
    so a test can see both grounding and state carried across requests."""

    def __init__(self, kb: KnowledgeIndex | None = None, *, fail: bool = False) -> None:
        self.kb = kb
        self.fail = fail

    def respond(self, state: SessionState, text: str) -> Reply:
        state.turns.append(Turn(role="user", text=text))
        if self.fail:
            raise RuntimeError("engine exploded with secret detail 13812345678")
        n = len(state.user_texts())
        hits = self.kb.articles.search(text, k=2) if self.kb else []
        citations = [CitedArticle(article_id=h.article.id, law=h.article.law,
                                  article=h.article.article, text=h.article.text) for h in hits]
        state.classification = Classification(category="labor_wages", confidence=0.9)
        answer = f"第{n}轮回答：{'、'.join(c.law + c.article for c in citations) or '没有找到'}"
        reply = Reply(kind="answer" if citations else "abstain", text=answer,
                      citations=citations, classification=state.classification)
        state.turns.append(assistant_turn(reply))
        state.updated_at = datetime.now(UTC)
        return reply


class FakeTranscriber:
    def __init__(self, text: str) -> None:
        self.text = text
        self.calls = 0

    def transcribe(self, audio: object) -> str:
        self.calls += 1
        return self.text


def build_tiny_index(root: Path) -> tuple[Path, Path]:
    """(data_dir, index_dir) of the tiny pack, with the core index built."""
    from ingest.build import build_index
    from tests.pack import write_tiny_pack

    data = write_tiny_pack(root / "data")
    build_index(root / "index" / "core", data_dir=data, corpus_choice="core", progress=False)
    return data, root / "index"


def make_settings(data_dir: Path, index_dir: Path, db_url: str, **service: object) -> Settings:
    """Settings over the given pack, index and database; BM25 only (no e5 vectors) and voice
    input off (a test that is about the bundled models switches them on)."""
    return Settings(data_dir=data_dir, index_dir=index_dir, corpus="core", embedder="none",
                    database=DatabaseSettings(url=db_url), speech=SpeechSettings(enabled=False),
                    service=ServiceSettings(**service))  # type: ignore[arg-type]


def make_services(settings: Settings, *, kb: KnowledgeIndex | None,
                  engine: object | None = None, transcriber: object | None = None,
                  **overrides: Any) -> Services:
    """Services over a real (migrated) database with the given fakes; ``overrides`` set any
    other field (``clock=fixed(day)``, ``speaker=…``, ``resolver=…``)."""
    store, documents, db_engine = open_stores(settings.database.url)
    if kb is not None and "resolver" not in overrides:  # as the service: the index's resolver
        overrides["resolver"] = build_resolver(kb.corpus)
    services = Services(settings=settings, store=store, documents=documents, kb=kb,
                        engine=engine if engine is not None else FakeConsultant(kb),  # type: ignore[arg-type]
                        transcriber=transcriber, **overrides)  # type: ignore[arg-type]
    services.on_close.append(db_engine.dispose)
    return services


def real_services(settings: Settings, kb: KnowledgeIndex, **overrides: Any) -> Services:
    """The real consultation engine (and its resolver) over ``kb``, a real store, and
    espeak-ng read-aloud when it is installed."""
    engine = build_engine(kb, settings)
    speaker = None
    if shutil.which("espeak-ng"):
        from assistant.speech.tts import EspeakSpeaker

        speaker = EspeakSpeaker()
    return make_services(settings, kb=kb, engine=engine,
                         **{"resolver": engine.resolver, "speaker": speaker, **overrides})




def engine_for(kb: KnowledgeIndex, data_dir: Path, *, llm: Any = None,
               today: Any = None) -> Any:
    """The real engine over ``kb`` as the service builds it (``assistant.app.build_engine``)."""
    from assistant.config import LLMSettings

    settings = Settings(data_dir=data_dir, llm=llm or LLMSettings())
    if today is None:
        return build_engine(kb, settings)
    return build_engine(kb, settings, today=today)
