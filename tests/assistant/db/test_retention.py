from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from assistant.app import purge_expired
from assistant.db.engine import make_engine
from assistant.db.migrate import upgrade_to_head
from assistant.db.retention import purge_expired as purge_store
from assistant.db.retention import retention_loop
from assistant.db.store import SessionStore
from assistant.db.store import utcnow as utcnow_db
from assistant.db.takehome import TakeHomeStore
from assistant.models import SessionState, Turn
from assistant.screening.store import utcnow
from assistant.screening.tables import AuditRow, EscalationRow
from tests.support.services import make_services, make_settings


def test_retention_loop_purges_at_start_and_keeps_running() -> None:
    calls: list[int] = []

    async def main() -> None:
        task = asyncio.create_task(retention_loop(lambda: calls.append(1), interval_s=0.05))
        await asyncio.sleep(0.3)
        task.cancel()

    asyncio.run(main())
    assert len(calls) >= 2


def test_escalations_are_purged_with_sessions(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, tmp_path, f"sqlite:///{tmp_path / 'r.db'}")
    services = make_services(settings, kb=None)
    try:
        state = SessionState(session_id="sess-0001",
                             turns=[Turn(role="user", text="公司欠我工资")])
        services.store.save(state, channel="api", version=None)
        queue = services.screening.queue
        old_code = queue.escalate(state, consent=True, reason="user_request", channel="kiosk",
                                  articles=[])
        new_code = queue.escalate(state, consent=True, reason="user_request", channel="kiosk",
                                  articles=[])
        store = services.screening.store
        with store.session.begin() as db:  # one escalation asked and answered 40 days ago
            row = db.scalars(select(EscalationRow).where(
                EscalationRow.pickup_code == old_code)).one()
            row.created_at = row.answered_at = utcnow() - timedelta(days=40)
        purge_expired(services)  # retention_days defaults to 30
        with store.session() as db:
            left = [r.pickup_code for r in db.scalars(select(EscalationRow)).all()]
            audit = db.scalars(select(AuditRow).where(
                AuditRow.action == "escalations_purged")).all()
        assert left == [new_code]
        assert [(a.actor, a.detail) for a in audit] == [("system", {"count": 1, "days": 30})]
    finally:
        services.close()


def test_purge_deletes_expired_take_home_links_even_when_sessions_are_kept(
    tmp_path: Path
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 't.db'}")
    upgrade_to_head(engine)
    links = TakeHomeStore(engine)
    new, _ = links.add({"answer": "新"}, docx=None, ttl=timedelta(minutes=30))
    old, _ = links.add({"answer": "旧"}, docx=None, ttl=timedelta(minutes=30),
                       now=utcnow_db() - timedelta(hours=1))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM take_home").scalar() == 2
    purge_store(SessionStore(engine), 0)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM take_home").scalar() == 1
    assert links.get(new) is not None and links.get(old) is None
    engine.dispose()
