"""The real app on loopback (tiny pack, real engine, kiosk mounted) and headless Chromium."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.config import KioskSettings, Settings
from assistant.services import Services
from tests.assistant.api.support import make_settings, serve_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass
class Served:
    base_url: str
    services: Services


def kiosk_settings(data: Path, index: Path, db_url: str, *, idle_minutes: float) -> Settings:
    # The page makes many requests; the API's per-IP limit is not what is tested here.
    return make_settings(data, index, db_url, rate_limit_per_minute=0).model_copy(
        update={"kiosk": KioskSettings(idle_minutes=idle_minutes)})


def real_services(settings: Settings, kb: Any) -> Services:
    """The real consultation engine over the tiny index, a real SQLite store."""
    from assistant.consult.engine import ConsultationEngine
    from assistant.consult.risk import assess_risk
    from assistant.services import open_stores

    store, documents, db_engine = open_stores(settings.database.url)
    engine = ConsultationEngine.from_knowledge(kb, data_dir=settings.data_dir)
    services = Services(settings=settings, kb=kb, engine=engine, store=store,
                        documents=documents, risk=assess_risk)
    if shutil.which("espeak-ng"):
        from assistant.speech.tts import EspeakSpeaker

        services.speaker = EspeakSpeaker()
    services.on_close.append(db_engine.dispose)
    return services


@contextlib.contextmanager
def serve_kiosk(settings: Settings, kb: Any) -> Iterator[Served]:
    """``create_app`` with the kiosk mounted at ``/``, served by uvicorn in a thread."""
    from assistant.api.app import create_app
    from assistant.ui.kiosk import mount_kiosk

    services = real_services(settings, kb)
    app = create_app(services=services, kiosk=mount_kiosk)
    try:
        with serve_app(app) as url:
            yield Served(url, services)
    finally:
        services.close()


@contextlib.contextmanager
def chromium(profile: Path) -> Iterator[Any]:
    """A Playwright browser context on Debian's chromium with a fresh profile directory."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:  # chromium is there, so the test must run, not skip
        raise RuntimeError("the kiosk browser test needs: pip install playwright "
                           "(no `playwright install`: it drives /usr/bin/chromium)") from e

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1080, "height": 1920}, locale="zh-CN",
        )
        try:
            yield context
        finally:
            context.close()
