"""Real servers on loopback for tests: any ASGI app under uvicorn in a thread, the app with
the kiosk mounted (tiny pack, real engine), and headless Chromium driven by Playwright."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.app import Services
from assistant.config import KioskSettings, Settings
from tests.support.services import make_settings, real_services

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@contextlib.contextmanager
def serve_app(app: Any, *, start_timeout_s: float = 20) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free 127.0.0.1 port in a thread; yields the base URL."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None,
                                           access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout_s
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@dataclass
class Served:
    base_url: str
    services: Services


def kiosk_settings(data: Path, index: Path, db_url: str, *, idle_minutes: float) -> Settings:
    # The page makes many requests; the API's per-IP limit is not what is tested here.
    return make_settings(data, index, db_url, rate_limit_per_minute=0).model_copy(
        update={"kiosk": KioskSettings(idle_minutes=idle_minutes)})


@contextlib.contextmanager
def serve_kiosk(settings: Settings, kb: Any) -> Iterator[Served]:
    """``create_app`` with the kiosk mounted at ``/``, served by uvicorn in a thread."""
    from assistant.api.app import create_app
    from assistant.kiosk.page import mount_kiosk

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
