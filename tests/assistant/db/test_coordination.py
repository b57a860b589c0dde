"""Shared state of the replicas on SQLite and PostgreSQL: two ``SharedState`` objects with
different replica IDs over one database stand for two replicas."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from assistant.db.coordination import SharedState
from assistant.db.engine import make_engine
from assistant.db.migrate import upgrade_to_head


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 12, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


def test_exactly_one_replica_wins_a_message_claim(engine: Engine) -> None:
    replicas = [SharedState(engine, replica_id=f"r{i}") for i in range(4)]
    barrier = threading.Barrier(len(replicas))

    def claim(r: SharedState) -> bool:
        barrier.wait()
        return r.claim("wx:42", payload=b"sealed")

    with ThreadPoolExecutor(len(replicas)) as pool:
        won = list(pool.map(claim, replicas))
    assert won.count(True) == 1
    claim_row = replicas[0].claim_of("wx:42")
    assert claim_row is not None and claim_row.owner == f"r{won.index(True)}"
    assert claim_row.mode is None and claim_row.payload == b"sealed" and not claim_row.done


def test_delivery_mode_is_decided_once(engine: Engine) -> None:
    a, b = SharedState(engine, replica_id="a"), SharedState(engine, replica_id="b")
    assert a.claim("wx:1", payload=None)
    assert b.decide("wx:1", "push") == ("push", True)
    assert a.decide("wx:1", "passive") == ("push", False)
    a.record_answer("wx:1", ["答复"])
    a.finish("wx:1")
    done = b.claim_of("wx:1")
    assert done is not None and done.done and done.answer == ["答复"] and done.payload is None


def test_claims_of_a_silent_replica_are_orphans_and_taken_over_once(engine: Engine) -> None:
    clock = Clock()
    a = SharedState(engine, replica_id="a", clock=clock)
    b = SharedState(engine, replica_id="b", clock=clock)
    c = SharedState(engine, replica_id="c", clock=clock)
    for r in (a, b, c):
        r.beat()
    assert a.claim("wx:7", payload=b"p")
    clock.now += timedelta(seconds=6)
    b.beat()
    c.beat()
    assert b.alive("a", timeout_s=10) and b.orphans(timeout_s=10, min_age_s=5) == []
    clock.now += timedelta(seconds=6)  # a has not beaten for 12 s: presumed dead
    b.beat()
    c.beat()
    assert not b.alive("a", timeout_s=10)
    assert [o.key for o in b.orphans(timeout_s=10, min_age_s=5)] == ["wx:7"]
    assert [b.take_over("wx:7", from_owner="a"), c.take_over("wx:7", from_owner="a")] == [
        True, False]
    taken = c.claim_of("wx:7")
    assert taken is not None and taken.owner == "b" and taken.attempts == 2
    assert b.orphans(timeout_s=10, min_age_s=5) == []  # b is alive


def test_consent_is_taken_once_and_expires(engine: Engine) -> None:
    clock = Clock()
    a = SharedState(engine, replica_id="a", clock=clock)
    b = SharedState(engine, replica_id="b", clock=clock)
    a.ask_consent("wx-user")
    assert b.take_consent("wx-user") is True and a.take_consent("wx-user") is False
    a.ask_consent("wx-user")
    clock.now += timedelta(minutes=11)
    assert b.take_consent("wx-user") is False
    a.ask_consent("wx-user")
    assert b.take_consent("wx-user") is True


def test_token_is_fetched_once_by_replicas_refreshing_together(engine: Engine) -> None:
    replicas = [SharedState(engine, replica_id=f"r{i}") for i in range(4)]
    fetched: list[int] = []
    lock = threading.Lock()

    def fetch() -> tuple[str, float]:
        with lock:
            fetched.append(1)
            return f"tok-{len(fetched)}", 7200.0

    barrier = threading.Barrier(len(replicas))

    def refresh(r: SharedState) -> str:
        barrier.wait()
        return r.refresh_token("wx-app", fetch, replacing=None, margin_s=300)[0]

    with ThreadPoolExecutor(len(replicas)) as pool:
        tokens = list(pool.map(refresh, replicas))
    assert tokens == ["tok-1"] * 4 and len(fetched) == 1
    # A rejected token is replaced once; a replica holding an older rejection reads the new one.
    assert replicas[0].refresh_token("wx-app", fetch, replacing="tok-1", margin_s=300)[0] == "tok-2"
    assert replicas[1].refresh_token("wx-app", fetch, replacing="tok-1", margin_s=300)[0] == "tok-2"
    assert len(fetched) == 2 and replicas[2].token("wx-app") is not None


def test_followers_are_kept_while_escalations_are_open(engine: Engine) -> None:
    clock = Clock()
    a = SharedState(engine, replica_id="a", clock=clock)
    b = SharedState(engine, replica_id="b", clock=clock)
    a.remember_follower("h" * 64, b"sealed-1")
    a.remember_follower("h" * 64, b"sealed-2")  # a second open escalation
    assert b.follower("h" * 64) == b"sealed-2"
    b.release_follower("h" * 64)
    assert b.follower("h" * 64) == b"sealed-2"
    b.release_follower("h" * 64)
    assert a.follower("h" * 64) is None
    a.remember_follower("g" * 64, b"s")
    clock.now += timedelta(hours=49)  # past WeChat's 48-hour window
    assert b.follower("g" * 64) is None
    purged = b.purge_expired()
    assert purged.followers == 1


def test_purge_drops_old_claims_consents_and_departed_replicas(engine: Engine) -> None:
    clock = Clock()
    a = SharedState(engine, replica_id="a", clock=clock)
    a.beat()
    a.claim("wx:old", payload=None)
    a.ask_consent("wx-user")
    clock.now += timedelta(days=2)
    a.claim("wx:new", payload=None)
    purged = a.purge_expired()
    assert (purged.claims, purged.consents, purged.replicas) == (1, 1, 1)
    assert a.claim_of("wx:new") is not None and a.claim_of("wx:old") is None
    a.beat()
    a.leave()
    assert not a.alive("a", timeout_s=60)
