"""Retention: stored conversations and documents are deleted after ``retention_days``, expired
take-home links as soon as the purge runs."""

from __future__ import annotations

import asyncio
import logging

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


async def retention_loop(store: SessionStore, *, days: int, interval_s: float) -> None:
    """Purge now, then every ``interval_s`` seconds, until cancelled (one task per worker:
    the deletes are idempotent, so several workers purging at once do no harm)."""
    while True:
        try:
            await asyncio.to_thread(purge_expired, store, days)
        except Exception:  # a database hiccup must not end the loop for the process lifetime
            log.exception("retention purge failed; retrying in %.0f s", interval_s)
        await asyncio.sleep(interval_s)
