"""WeChat retries a callback it got no answer to within 5 s up to three times: one delivery per
MsgId, shared by the original callback and its retries."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field


@dataclass
class _Delivery:
    """One inbound message: its answer (pieces of text) and which path delivers it."""

    future: Future[list[str]]
    mode: str | None = None  # None until decided, then "passive" or "push"
    lock: threading.Lock = field(default_factory=threading.Lock)


class DedupeCache:
    """MsgId → delivery, kept ``ttl_s`` seconds (WeChat's retries come within ~15 s).

    In memory, per process: with several workers a retry routed to another worker is not
    recognised and that message is answered twice. A shared table (or Redis) is what a
    multi-worker deployment needs; WeChat's retries only happen when a callback got no answer
    within 5 s, which the reply budget avoids, so this is rare.
    """

    def __init__(self, *, ttl_s: float = 300.0, max_entries: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s = ttl_s
        self.max_entries = max_entries
        self.clock = clock
        self._entries: OrderedDict[str, tuple[float, _Delivery]] = OrderedDict()
        self._lock = threading.Lock()

    def claim(self, key: str, make: Callable[[], _Delivery]) -> tuple[_Delivery, bool]:
        """The delivery for ``key`` and whether this call created it (``make`` runs once)."""
        now = self.clock()
        with self._lock:
            while self._entries:  # insertion order is time order: expire from the front
                first_key, (born, _) = next(iter(self._entries.items()))
                if now - born < self.ttl_s and len(self._entries) < self.max_entries:
                    break
                del self._entries[first_key]
            found = self._entries.get(key)
            if found is not None:
                return found[1], False
            delivery = make()
            self._entries[key] = (now, delivery)
            return delivery, True


