from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from assistant.db.engine import make_engine
from assistant.db.migrate import upgrade_to_head
from assistant.db.retention import purge_expired
from assistant.db.store import DocumentStore, SessionConflictError, SessionStore
from assistant.models import Classification, SessionState, Turn


@pytest.fixture
def stores(db_url: str) -> Iterator[tuple[SessionStore, DocumentStore]]:
    engine = make_engine(db_url)
    upgrade_to_head(engine)
    yield SessionStore(engine), DocumentStore(engine)
    engine.dispose()


def _state(sid: str = "sess-0001") -> SessionState:
    return SessionState(session_id=sid, turns=[Turn(role="user", text="老板欠我工资")],
                        classification=Classification(category="labor_wages", confidence=0.8))


def test_save_and_get_round_trip(stores: tuple[SessionStore, DocumentStore]) -> None:
    sessions, _ = stores
    state = _state()
    version = sessions.save(state, channel="kiosk", version=None)
    got = sessions.get(state.session_id)
    assert got is not None
    assert got.channel == "kiosk" and got.version == version
    assert got.state.turns[0].text == "老板欠我工资"
    assert got.state.classification is not None
    assert got.state.classification.category == "labor_wages"
    assert sessions.get("missing-00") is None


def test_optimistic_save_rejects_a_stale_version(stores: tuple[SessionStore, DocumentStore]) -> None:
    sessions, _ = stores
    state = _state()
    v1 = sessions.save(state, channel="api", version=None)
    state.turns.append(Turn(role="assistant", text="第一次"))
    v2 = sessions.save(state, channel="api", version=v1)
    assert v2 > v1
    state.turns.append(Turn(role="assistant", text="过时的写入"))
    with pytest.raises(SessionConflictError) as err:
        sessions.save(state, channel="api", version=v1)
    assert err.value.code == "session_conflict"
    got = sessions.get(state.session_id)
    assert got is not None and [t.text for t in got.state.turns][-1] == "第一次"
    with pytest.raises(SessionConflictError):  # inserting an existing ID is a conflict too
        sessions.save(_state(), channel="api", version=None)


def test_delete_removes_the_session_and_its_documents(
    stores: tuple[SessionStore, DocumentStore],
) -> None:
    sessions, documents = stores
    sessions.save(_state(), channel="kiosk", version=None)
    doc = documents.add(session_id="sess-0001", template_id="loan_note", fields={"a": "b"},
                        docx=b"PK\x03\x04docx", pdf=None)
    other = documents.add(session_id=None, template_id="loan_note", fields={}, docx=b"x", pdf=b"%PDF")
    assert documents.get(doc.id) is not None
    assert sessions.delete("sess-0001") is True
    assert sessions.get("sess-0001") is None
    assert documents.get(doc.id) is None
    kept = documents.get(other.id)
    assert kept is not None and kept.pdf == b"%PDF" and kept.docx == b"x"
    assert sessions.delete("sess-0001") is False


def test_purge_deletes_only_what_is_older_than_the_retention(
    stores: tuple[SessionStore, DocumentStore],
) -> None:
    sessions, documents = stores
    sessions.save(_state("sess-old-1"), channel="api", version=None)
    documents.add(session_id="sess-old-1", template_id="t", fields={}, docx=b"x", pdf=None)
    later = datetime.now(UTC) + timedelta(days=31)
    sessions.save(_state("sess-new-1"), channel="api", version=None)
    assert sessions.purge_older_than(30).sessions == 0  # nothing is 30 days old yet
    purged = sessions.purge_older_than(30, now=later)
    assert purged.sessions == 2 and purged.documents == 1
    assert sessions.get("sess-old-1") is None and sessions.get("sess-new-1") is None


def test_purge_expired_keeps_everything_when_retention_is_zero(
    stores: tuple[SessionStore, DocumentStore],
) -> None:
    sessions, _ = stores
    sessions.save(_state(), channel="api", version=None)
    assert purge_expired(sessions, 0).sessions == 0
    assert purge_expired(sessions, 30).sessions == 0
    assert sessions.get("sess-0001") is not None
