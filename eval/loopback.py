"""A service on loopback for the load runners: ``legalaid serve`` on a free port, the
committed question set the simulated citizens ask, and the simulated chat sessions themselves
(``run_load``, shared by ``eval.load`` and ``eval.load_replicas``)."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import os
import random
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval import metrics as m

QUESTIONS = Path(__file__).parent / "data" / "speech_questions.tsv"
FOLLOW_UPS = ("没签合同，已经不干了，欠了八千元", "是去年5月的事，有聊天记录和转账记录", "不知道")


def questions() -> list[str]:
    with QUESTIONS.open(encoding="utf-8") as fh:
        rows = csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return [r[1] for r in list(rows)[1:] if len(r) > 1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class LocalServer:
    url: str
    pid: int  # the ``legalaid serve`` process (its workers are its children)


@contextlib.contextmanager
def local_server(workers: int, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """``legalaid serve`` on a free loopback port (see ``serve_local``); yields its URL."""
    with serve_local(workers, extra_env) as server:
        yield server.url


@contextlib.contextmanager
def serve_local(workers: int, extra_env: dict[str, str] | None = None) -> Iterator[LocalServer]:
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
        yield LocalServer(url, proc.pid)
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


async def _session(client: Any, url: str, first: str, turns: int, deadline: float,
                   out: list[tuple[float, int]], *, think_s: float = 0.0, ramp_s: float = 0.0,
                   seed: int = 0, acked: list[tuple[str, str]] | None = None) -> None:
    rng = random.Random(seed)
    if ramp_s:
        await asyncio.sleep(rng.uniform(0, ramp_s))
    session_id = None
    for i, text in enumerate([first, *FOLLOW_UPS][:turns]):
        if i and think_s:
            await asyncio.sleep(think_s * rng.uniform(0.5, 1.5))
        if time.monotonic() > deadline:
            return
        t0 = time.perf_counter()
        try:
            r = await client.post(f"{url}/v1/chat", json={"text": text, "session_id": session_id})
            status = r.status_code
            if status == 200:
                session_id = r.json()["session_id"]
                if acked is not None:  # (session, text) the service acknowledged
                    acked.append((session_id, text))
        except Exception:  # noqa: BLE001 - any transport failure is an error of the run
            status = 0
        out.append(((time.perf_counter() - t0) * 1000, status))
        if status != 200:
            return


async def run_load(url: str, *, sessions: int, turns: int, max_seconds: float,
                   think_s: float = 0.0, ramp_s: float = 0.0,
                   acked: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    """Warm up, then ``sessions`` concurrent conversations; ``acked`` collects every
    acknowledged (session ID, text) for a lost-write check afterwards."""
    import httpx

    qs = questions()
    samples: list[tuple[float, int]] = []
    deadline = time.monotonic() + max_seconds
    limits = httpx.Limits(max_connections=sessions)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        # Warm-up, not measured: every worker answers a few turns first (lazy imports, caches).
        warm: list[tuple[float, int]] = []
        await asyncio.gather(*(_session(client, url, qs[i], 1, deadline, warm) for i in range(8)))
        t0 = time.perf_counter()
        await asyncio.gather(*(_session(client, url, qs[i % len(qs)], turns, deadline, samples,
                                        think_s=think_s, ramp_s=ramp_s, seed=i, acked=acked)
                               for i in range(sessions)))
        wall = time.perf_counter() - t0
    return {"sessions": sessions, "turns": turns, "think_s": think_s, "ramp_s": ramp_s,
            **m.load_summary(samples, wall)}
