"""Settings, read once from the environment (prefix ``LEGALAID_``) and injected everywhere else."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

CorpusChoice = Literal["core", "full"]


def _beside_project(relative: str) -> Path:
    """``relative`` from the working directory if it exists there, else from the project root.

    The knowledge pack lives beside the checkout (``../shared``); resolving against the project
    root as a fallback keeps ``legalaid`` usable from any working directory inside the clone.
    """
    here = Path(relative)
    if here.exists():
        return here.resolve()
    return (PROJECT_ROOT / relative).resolve()


class RetrievalSettings(BaseModel):
    """Knobs of the hybrid retriever; defaults are the ones tuned on the dev splits."""

    candidates: int = Field(default=300, ge=10, le=5000)
    rrf_k: int = Field(default=60, ge=1)
    use_reranker: bool = True
    use_dense: bool = True


class SpeechSettings(BaseModel):
    """Voice input: a local whisper checkpoint (None = voice input off, text keeps working)."""

    whisper_checkpoint: Path | None = None
    language: str | None = "zh"  # None = let whisper detect the language
    threads: int = Field(default=2, ge=1, le=64)
    beam_size: int | None = Field(default=None, ge=1, le=8)  # None = greedy
    max_seconds: float = Field(default=60.0, gt=0, le=600)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="LEGALAID_", env_nested_delimiter="__", extra="ignore"
    )

    data_dir: Path = Field(default_factory=lambda: _beside_project("../shared/data"))
    models_dir: Path = Field(default_factory=lambda: _beside_project("../shared/models"))
    index_dir: Path = Field(default_factory=lambda: PROJECT_ROOT / "var" / "index")
    results_dir: Path = Field(default_factory=lambda: PROJECT_ROOT / "var" / "results")
    corpus: CorpusChoice = "core"
    embedder_path: Path | None = None
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    speech: SpeechSettings = Field(default_factory=SpeechSettings)

    def corpus_index_dir(self, corpus: CorpusChoice | None = None) -> Path:
        """Index folder of one corpus choice: ``<index_dir>/<corpus>``."""
        return self.index_dir / (corpus or self.corpus)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
