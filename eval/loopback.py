"""A service on loopback for the load runners: ``legalaid serve`` on a free port, and the
committed question set the simulated citizens ask."""

from __future__ import annotations

import contextlib
import csv
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

QUESTIONS = Path(__file__).parent / "data" / "speech_questions.tsv"


def questions() -> list[str]:
    with QUESTIONS.open(encoding="utf-8") as fh:
        rows = csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return [r[1] for r in list(rows)[1:] if len(r) > 1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def local_server(workers: int, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """``legalaid serve`` on a free loopback port; unless LEGALAID_DATABASE__URL is set, over a
    throw-away SQLite file, so synthetic sessions never land in the deployment's database."""
    import tempfile

    port = _free_port()
    tmp = tempfile.TemporaryDirectory(prefix="legalaid-load-db-")
    env = {"LEGALAID_DATABASE__URL": f"sqlite:///{tmp.name}/load.db", **os.environ,
           "LEGALAID_SERVICE__RATE_LIMIT_PER_MINUTE": "0",
           "LEGALAID_KIOSK__ENABLED": "false", **(extra_env or {})}
    cmd = [sys.executable, "-m", "legalaid.cli", "serve", "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, proc)
        yield url
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=20)
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=20)
        tmp.cleanup()


def _wait_ready(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 180) -> None:
    import httpx

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        time.sleep(0.5)
    raise RuntimeError("server not ready in time")
