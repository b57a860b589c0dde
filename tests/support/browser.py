"""The browser suite's parts: the real service as ``legalaid serve`` in a child process (its log
written to a file, read by the tests), Debian's chromium through Playwright, screenshots, and the
server-log check (one JSON object per line, no traceback)."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.config import PROJECT_ROOT
from assistant.screening.models import Role
from tests.support.screening import PASSWORD, SECRET
from tests.support.servers import CHROMIUM, CHROMIUM_ARGS

SHOTS = PROJECT_ROOT / "var" / "results" / "browser"
KIOSK = {"width": 1080, "height": 1920}
LAPTOP = {"width": 1366, "height": 768}
TIMEOUT_MS = 20_000


@dataclass
class Server:
    """A running ``legalaid serve``: its address, its SQLite file and its log file."""

    base_url: str
    db: Path
    log: Path
    process: subprocess.Popen[bytes]
    settings_env: dict[str, str] = field(default_factory=dict)

    def log_text(self, start: int = 0) -> str:
        with self.log.open("rb") as f:
            f.seek(start)
            return f.read().decode("utf-8", errors="replace")

    def log_size(self) -> int:
        return self.log.stat().st_size


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def legalaid_serve(root: Path, data: Path, index: Path, *, start_timeout_s: float = 120,
                   **settings: str) -> Iterator[Server]:
    """``python -m legalaid.cli serve`` on a free loopback port with ``LEGALAID_*`` settings
    (``kiosk__idle_minutes="0.1"`` → ``LEGALAID_KIOSK__IDLE_MINUTES``); stdout and stderr go
    to ``root/server.log``. Stopped with SIGTERM (uvicorn's graceful shutdown) at the end."""
    root.mkdir(parents=True, exist_ok=True)
    db, log, port = root / "legalaid.db", root / "server.log", _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEGALAID_")}
    ours = {"LEGALAID_DATA_DIR": str(data), "LEGALAID_INDEX_DIR": str(index),
            "LEGALAID_CORPUS": "core", "LEGALAID_DATABASE__URL": f"sqlite:///{db}",
            "LEGALAID_SERVICE__RATE_LIMIT_PER_MINUTE": "0",
            "LEGALAID_STAFF__TOKEN_SECRET": SECRET,
            **{f"LEGALAID_{k.upper()}": v for k, v in settings.items()}}
    env.update(ours)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    # Each server its own upload folder: gradio names an upload by its content's hash under one
    # shared /tmp/gradio, and a server that stops may remove a file another one still serves
    # (the same recorded clip, uploaded to two servers, seen once as "audio.wav does not exist").
    env["GRADIO_TEMP_DIR"] = str(root / "gradio")
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "legalaid.cli", "serve", "--host", "127.0.0.1",
             "--port", str(port)], cwd=PROJECT_ROOT, env=env, stdout=out, stderr=out)
    server = Server(f"http://127.0.0.1:{port}", db, log, process, ours)
    try:
        _wait_ready(server, start_timeout_s)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def _wait_ready(server: Server, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"legalaid serve exited:\n{server.log_text()[-3000:]}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(server.base_url + "/readyz", timeout=2) as r:
                if r.status == 200:
                    return
        time.sleep(0.3)
    raise RuntimeError(f"legalaid serve not ready in {timeout_s} s:\n{server.log_text()[-3000:]}")


def add_staff(server: Server, username: str, role: Role) -> None:
    """A console login (password ``PASSWORD``) in the server's own database."""
    from assistant.db.engine import make_engine
    from assistant.screening.store import ScreeningStore

    engine = make_engine(f"sqlite:///{server.db}")
    try:
        ScreeningStore(engine).add_user(username, PASSWORD, role=role)
    finally:
        engine.dispose()


def log_problems(text: str) -> list[str]:
    """Lines of a server log that are not one JSON object, or that carry a traceback."""
    bad = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            bad.append(line)
            continue
        if not isinstance(entry, dict) or "exc" in entry or "Traceback" in line:
            bad.append(line)
    return bad


@contextlib.contextmanager
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, with the suite's flags."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:  # chromium is there, so the suite must run, not skip
        raise RuntimeError("the browser suite needs: pip install playwright "
                           "(no `playwright install`: it drives /usr/bin/chromium)") from e
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@contextlib.contextmanager
def sibling_browser(browser: Any, *extra_args: str) -> Iterator[Any]:
    """Another chromium from the same Playwright as ``browser`` (one Playwright per thread), with
    the suite's flags and ``extra_args``."""
    b = browser.browser_type.launch(executable_path=str(CHROMIUM),
                                    args=[*CHROMIUM_ARGS, *extra_args], headless=True)
    try:
        yield b
    finally:
        b.close()


def fake_microphone(wav: Path) -> tuple[str, ...]:
    """Chromium flags that make ``wav`` (16-bit PCM) the microphone, allowed without asking;
    the file plays from its start when a page opens the microphone."""
    return ("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={wav}")


def new_page(browser: Any, url: str, *, viewport: dict[str, int], touch: bool = False,
             init_script: str | None = None, **options: Any) -> Any:
    """A page in a fresh context (no cookies, no storage) at ``viewport``; ``init_script`` runs
    before the page's own scripts."""
    context = browser.new_context(viewport=viewport, locale="zh-CN", has_touch=touch,
                                  timezone_id="Asia/Shanghai", **options)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url)
    return page


def shot(page: Any, name: str, *, full_page: bool = True) -> Path:
    """A screenshot under ``var/results/browser/`` (git-ignored) for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 5_000
    return path
