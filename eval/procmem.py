"""Peak memory of a running server: the resident set size (RSS) of a process and all its
descendants (uvicorn's worker processes), sampled from Linux's ``/proc`` while a load runs."""

from __future__ import annotations

import threading
from pathlib import Path
from types import TracebackType
from typing import Any

PROC = Path("/proc")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in (PROC / str(pid) / "task").glob("*/children"):
        try:
            found += [int(p) for p in task.read_text().split()]
        except OSError:  # the thread or process ended meanwhile
            continue
    return found


def process_tree(pid: int) -> list[int]:
    """``pid`` and every descendant still running."""
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo += _children(p)
    return tree


def rss_mb(pid: int) -> float:
    """Resident set size of one process in MB (0 when it has ended)."""
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class RssSampler:
    """Samples the RSS of ``pid``'s process tree every ``interval_s`` in a thread, inside a
    ``with`` block; ``figures()`` gives the peak of the sum, the largest single process and how
    many processes were seen. A ``None`` pid (a server not started here) samples nothing."""

    def __init__(self, pid: int | None, *, interval_s: float = 0.2) -> None:
        self.pid = pid
        self.interval_s = interval_s
        self.peak_total = 0.0
        self.peak_process = 0.0
        self.processes: set[int] = set()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def sample(self) -> None:
        if self.pid is None:
            return
        sizes = {p: rss_mb(p) for p in process_tree(self.pid)}
        self.processes |= {p for p, mb in sizes.items() if mb}
        self.peak_total = max(self.peak_total, sum(sizes.values()))
        self.peak_process = max(self.peak_process, max(sizes.values(), default=0.0))

    def _loop(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.sample()

    def __enter__(self) -> RssSampler:
        self.sample()
        self._thread = threading.Thread(target=self._loop, name="rss-sampler", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        self.sample()

    def figures(self) -> dict[str, Any]:
        if self.pid is None or not PROC.is_dir():
            return {"peak_rss_mb": None, "peak_rss_process_mb": None, "server_processes": None}
        return {"peak_rss_mb": round(self.peak_total, 1),
                "peak_rss_process_mb": round(self.peak_process, 1),
                "server_processes": len(self.processes)}
