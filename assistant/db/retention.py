"""Retention and liveness loops: stored conversations, documents and escalations are deleted
after ``retention_days``, expired take-home links as soon as the purge runs; each replica
beats its heartbeat (``assistant.db.coordination``)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from assistant.db.store import Purged, SessionStore
from assistant.db.takehome import TakeHomeStore

log = logging.getLogger(__name__)


def purge_expired(store: SessionStore, days: int) -> Purged:
    """Delete what is older than ``days`` days (nothing when ``days`` is 0: keep forever), and
    the kiosk's take-home links that have expired (whatever ``days`` says)."""
    links = TakeHomeStore(store.engine).purge_expired()
    if links:
        log.info("retention purge: %d expired take-home links", links)
    if days <= 0:
        return Purged(0, 0)
    purged = store.purge_older_than(days)
    if purged.sessions or purged.documents:
        log.info("retention purge: %d sessions, %d documents older than %d days",
                 purged.sessions, purged.documents, days)
    return purged


async def retention_loop(purge: Callable[[], object], *, interval_s: float) -> None:
    """Run ``purge`` now, then every ``interval_s`` seconds, until cancelled (one task per
    replica: the deletes are idempotent, so several replicas purging at once do no harm)."""
    await _every(purge, interval_s=interval_s, what="retention purge")


async def heartbeat_loop(beat: Callable[[], object], *, interval_s: float) -> None:
    """Run ``beat`` now, then every ``interval_s`` seconds, until cancelled."""
    await _every(beat, interval_s=interval_s, what="heartbeat")


async def _every(fn: Callable[[], object], *, interval_s: float, what: str) -> None:
    while True:
        try:
            await asyncio.to_thread(fn)
        except Exception:  # a database hiccup must not end the loop for the process lifetime
            log.exception("%s failed; retrying in %.1f s", what, interval_s)
        await asyncio.sleep(interval_s)
