"""One turn and one delivered answer per WeChat message, however many replicas see it.

WeChat retries a callback it got no answer to within 5 s up to three times, on new connections,
so behind a load balancer a retry may land on any replica. The ledger of messages is therefore
in the shared database (``assistant.db.coordination``):

- the replica whose ``INSERT`` of the message's claim wins runs the turn; a retry that lands on
  the same replica waits for that turn (its future is kept here, in memory);
- how the answer goes out is decided once, by compare-and-set: ``passive`` (in a callback
  response) or ``push`` (a callback said "success" first; the owner pushes when the turn ends);
- a retry on another replica never runs a turn: it repeats the passive answer when that was
  decided (WeChat retries only when it did not get our response, so it shows one) and otherwise
  says "success" and leaves the push to the owner;
- when the owner is gone (no heartbeat for ``replica_timeout_s``, e.g. after ``kill -9``) a
  retry takes the claim over, or, when WeChat has stopped retrying, the sweeper of a live
  replica does; the turn is reused if the owner saved it before it died.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future

from assistant.db.coordination import Claim, SharedState

Turn = Future[list[str]]
KEY_PREFIX = "wx:"


class LocalTurns:
    """Futures of the turns this process runs, by claim key, kept ``ttl_s`` seconds."""

    def __init__(self, *, ttl_s: float = 300.0, max_entries: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s = ttl_s
        self.max_entries = max_entries
        self.clock = clock
        self._entries: OrderedDict[str, tuple[float, Turn]] = OrderedDict()
        self._pushing: set[str] = set()

    def get(self, key: str) -> Turn | None:
        self._expire()
        found = self._entries.get(key)
        return None if found is None else found[1]

    def put(self, key: str, future: Turn) -> None:
        self._expire()
        self._entries[key] = (self.clock(), future)

    def first_push(self, key: str) -> bool:
        """True once per key: the caller registers the push of its answer."""
        if key in self._pushing or key not in self._entries:
            return False
        self._pushing.add(key)
        return True

    def _expire(self) -> None:
        now = self.clock()
        while self._entries:  # insertion order is time order: expire from the front
            first_key, (born, _) = next(iter(self._entries.items()))
            if now - born < self.ttl_s and len(self._entries) < self.max_entries:
                break
            del self._entries[first_key]
            self._pushing.discard(first_key)


class Ledger:
    """Claims in the shared database plus the futures of the turns run here."""

    def __init__(self, shared: SharedState, *, replica_timeout_s: float,
                 local: LocalTurns | None = None) -> None:
        self.shared = shared
        self.replica_timeout_s = replica_timeout_s
        self.local = local or LocalTurns()
        self._lock = threading.Lock()

    def own(self, key: str, *, payload: bytes | None,
            start: Callable[[Claim | None], Turn]) -> Turn | None:
        """The turn for ``key`` if this replica answers the message, else None.

        Claims the message (``start(None)`` runs the turn) or takes over a claim whose owner is
        gone (``start(previous claim)``); None when a live replica owns it.
        """
        with self._lock:  # one claim attempt at a time here: a retry waits for the first
            running = self.local.get(key)
            if running is not None:
                return running
            if self.shared.claim(key, payload=payload):
                return self._started(key, start(None))
            claim = self.shared.claim_of(key)
            if claim is None or claim.done or claim.owner == self.shared.replica_id:
                return None
            if self.shared.alive(claim.owner, timeout_s=self.replica_timeout_s):
                return None
            if not self.shared.take_over(key, from_owner=claim.owner):
                return None
            return self._started(key, start(claim))

    def adopt(self, key: str, start: Callable[[], Turn]) -> Turn:
        """Run a turn for a claim this replica has just taken over (the sweeper)."""
        with self._lock:
            return self._started(key, start())

    def first_push(self, key: str) -> bool:
        with self._lock:
            return self.local.first_push(key)

    def _started(self, key: str, future: Turn) -> Turn:
        self.local.put(key, future)
        return future
