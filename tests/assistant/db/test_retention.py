from __future__ import annotations

import asyncio
from pathlib import Path

from assistant.db.engine import make_engine
from assistant.db.migrate import upgrade_to_head
from assistant.db.retention import retention_loop
from assistant.db.store import SessionStore
from assistant.models import SessionState


def test_retention_loop_purges_at_start_and_keeps_running(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'r.db'}")
    upgrade_to_head(engine)
    store = SessionStore(engine)
    store.save(SessionState(session_id="sess-0001"), channel="api", version=None)
    engine.dispose()
    calls: list[int] = []
    real = store.purge_older_than

    def spy(days: int, **kw: object) -> object:
        calls.append(days)
        return real(-1)  # everything is older than "minus one day"

    store.purge_older_than = spy  # type: ignore[method-assign,assignment]

    async def main() -> None:
        task = asyncio.create_task(retention_loop(store, days=7, interval_s=0.05))
        await asyncio.sleep(0.3)
        task.cancel()

    asyncio.run(main())
    assert calls and calls[0] == 7 and len(calls) >= 2
    assert store.get("sess-0001") is None


def test_purge_deletes_expired_take_home_links_even_when_sessions_are_kept(
    tmp_path: Path
) -> None:
    from datetime import timedelta

    from assistant.db.retention import purge_expired
    from assistant.db.store import utcnow
    from assistant.db.takehome import TakeHomeStore

    engine = make_engine(f"sqlite:///{tmp_path / 't.db'}")
    upgrade_to_head(engine)
    links = TakeHomeStore(engine)
    new, _ = links.add({"answer": "新"}, docx=None, ttl=timedelta(minutes=30))
    old, _ = links.add({"answer": "旧"}, docx=None, ttl=timedelta(minutes=30),
                       now=utcnow() - timedelta(hours=1))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM take_home").scalar() == 2
    purge_expired(SessionStore(engine), 0)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM take_home").scalar() == 1
    assert links.get(new) is not None and links.get(old) is None
    engine.dispose()
