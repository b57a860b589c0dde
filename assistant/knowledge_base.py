"""Opens the knowledge index the settings describe (the one place settings meet ``knowledge``)."""

from __future__ import annotations

from assistant.config import CorpusChoice, Settings
from assistant.consult.engine import ConsultationEngine
from knowledge.index import KnowledgeIndex, open_index


def load_knowledge(settings: Settings, *, corpus: CorpusChoice | None = None) -> KnowledgeIndex:
    """The index for ``corpus`` (default: the configured one); raises IndexMissingError /
    IndexMismatchError with the rebuild command when it is absent or stale."""
    choice = corpus or settings.corpus
    return open_index(
        settings.corpus_index_dir(choice),
        data_dir=settings.data_dir,
        corpus_choice=choice,
        embedder_path=settings.embedder_path,
    )


def load_engine(settings: Settings, *, kb: KnowledgeIndex | None = None) -> ConsultationEngine:
    """The consultation engine over the configured index (loads it unless given)."""
    return ConsultationEngine.from_knowledge(kb or load_knowledge(settings),
                                             data_dir=settings.data_dir, llm=settings.llm)
