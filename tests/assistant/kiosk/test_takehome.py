"""Take-home links: expiring snapshots behind a random token, the phone page and the print page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.app import Services
from assistant.db.store import utcnow
from assistant.errors import USER_ERRORS
from assistant.kiosk.page import mount_kiosk
from assistant.usecases import chat_turn, draft, reset_session
from assistant.usecases.errors import NothingToTakeHomeError, TakeHomeNotFoundError
from assistant.usecases.takehome import create_take_home, load_take_home

QUESTION = "老板欠我三个月工资一万二，没签劳动合同，已经离职了<b>怎么办</b>"


def test_store_keeps_only_the_token_hash_and_forgets_expired_links(services: Services) -> None:
    store = services.take_home
    token, expires = store.add({"answer": "答"}, docx=None, ttl=timedelta(minutes=30))
    assert store.get(token) is not None and expires > utcnow()
    with services.store.engine.connect() as conn:
        stored = [r[0] for r in conn.exec_driver_sql("SELECT token_hash FROM take_home")]
    assert token not in stored and len(stored[0]) == 64
    assert store.get(token, now=expires + timedelta(seconds=1)) is None
    assert store.get(token) is None  # deleted when it was found expired


def test_snapshot_of_a_conversation_survives_its_reset(services: Services) -> None:
    with pytest.raises(NothingToTakeHomeError):
        create_take_home(services, session_id=None)
    sid = chat_turn(services, session_id=None, text=QUESTION, channel="kiosk").session_id
    other = chat_turn(services, session_id=None, text="房东不退押金", channel="kiosk").session_id
    with pytest.raises(USER_ERRORS):
        load_take_home(services, "x" * 22)
    with pytest.raises(TakeHomeNotFoundError):
        load_take_home(services, "../../etc/passwd")
    from assistant.drafting import get_template

    services.resolver = None  # the tiny pack lacks the 借条's articles; citations are not tested here
    tpl = get_template("loan_note")
    fields = {k: list(v) if isinstance(v, tuple) else v for k, v in tpl.example.items()}
    mine = draft(services, template_id=tpl.id, fields=fields, session_id=sid, pdf=False).document
    theirs = draft(services, template_id=tpl.id, fields=fields, session_id=other,
                   pdf=False).document
    link = create_take_home(services, session_id=sid, document_id=mine.id,
                            pickup_code="abcd-efgh")
    snap = load_take_home(services, link.token)
    assert snap.payload["question"] == QUESTION and snap.payload["pickup_code"] == "ABCDEFGH"
    assert snap.payload["document"] == "借条" and snap.docx == mine.docx
    assert "借条" in snap.payload["document_text"]
    foreign = create_take_home(services, session_id=sid, document_id=theirs.id)
    assert "document" not in load_take_home(services, foreign.token).payload
    reset_session(services, sid)
    assert load_take_home(services, link.token).payload["question"] == QUESTION


def test_phone_and_print_pages(services: Services) -> None:
    sid = chat_turn(services, session_id=None, text=QUESTION, channel="kiosk").session_id
    link = create_take_home(services, session_id=sid, pickup_code="ABCDEFGH")
    with TestClient(create_app(services=services, kiosk=mount_kiosk)) as client:
        page = client.get(f"/take-home/{link.token}")
        assert page.status_code == 200
        assert "&lt;b&gt;怎么办&lt;/b&gt;" in page.text and "<b>怎么办" not in page.text
        assert "ABCD EFGH" in page.text and "/take-home/pickup" in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert page.headers["cache-control"] == "no-store"
        assert page.headers["referrer-policy"] == "no-referrer"
        assert client.get(f"/take-home/{link.token}/document.docx").status_code == 404
        gone = client.get("/take-home/" + "A" * 22)
        assert gone.status_code == 404 and "过期" in gone.text
        assert client.get("/take-home/pickup").status_code == 200
        assert "window.print()" in client.get("/take-home/assets/take-home.js").text
        assert client.get("/take-home/assets/secret.py").status_code == 404
