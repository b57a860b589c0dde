"""Bad text through the API: empty, whitespace, 1 MB, binary, emoji, mixed scripts, a 200-turn
session; SQL-injection strings in every text field; path traversal on document download."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from sqlalchemy import text as sql

from assistant.drafting import get_template
from tests.support.http import assert_error
from tests.support.robust import Robust

SQL_INJECTIONS = [
    "'; DROP TABLE sessions; --",
    "\" OR \"1\"=\"1",
    "1' OR '1'='1' /*",
    "admin'--",
    "1; SELECT pg_sleep(5); --",
    "'); DELETE FROM documents WHERE ('1'='1",
    "工资' UNION SELECT id, state FROM sessions --",
    "%' AND 1=0 UNION SELECT sqlite_version() --",
]


def _chat(robust: Robust, text: str, session_id: str | None = None) -> Any:
    return robust.client.post("/v1/chat", json={"text": text, "session_id": session_id})


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"text": ""}, 422, "text_empty"),
    ({"text": " \t\n\u3000 "}, 422, "text_empty"),
    ({"text": "\u200b\u200b"}, None, None),  # zero-width spaces: an answer or a clear error
    ({"text": "问" * 2001}, 422, "text_too_long"),
    ({"text": "a\x00b"}, 422, "text_invalid"),
    ({"text": "\ud800"}, 422, None),  # a lone surrogate (JSON-escaped) never reaches the engine
    ({}, 422, "invalid_request"),
    ({"text": None}, 422, "invalid_request"),
    ({"text": ["列表"]}, 422, "invalid_request"),
    ({"text": "你好", "extra": 1}, 422, "invalid_request"),
])
def test_bad_chat_bodies(robust: Robust, body: dict[str, object], status: int | None,
                         code: str | None) -> None:
    r = robust.client.post("/v1/chat", content=json.dumps(body).encode(),
                           headers={"content-type": "application/json"})
    if status is None and r.status_code == 200:
        return
    assert_error(r, status, code)


def test_one_megabyte_and_binary_bodies(robust: Robust) -> None:
    c = robust.client
    mb = json.dumps({"text": "欠" * 350_000}).encode()  # 1 MB of UTF-8
    assert len(mb) > 1_000_000
    assert_error(c.post("/v1/chat", content=mb, headers={"content-type": "application/json"}),
                 413, "body_too_large")
    binary = bytes(range(256)) * 40
    assert_error(c.post("/v1/chat", content=binary, headers={"content-type": "application/json"}),
                 422, "invalid_request")
    assert_error(c.post("/v1/chat", content=binary,
                        headers={"content-type": "application/octet-stream"}), 422)
    assert_error(c.get("/v1/search", params={"q": "\x00\x01"}), 422, "text_invalid")


@pytest.mark.parametrize("text", [
    "😭😭😭🙏",
    "👨‍👩‍👧‍👦💰❓",
    "My boss 不给我 wages, 怎么办？ 3个月 ₩ ¥8000",
    "ᠮᠣᠩᠭᠣᠯ 蒙古文 和 ئۇيغۇرچە 维吾尔文 混在一起 拖欠工资",
    "老闆拖欠工資三個月了怎麼辦",  # traditional script
    "Ｆｕｌｌｗｉｄｔｈ　ＡＢＣ　欠薪",
    "\u202e反转文字\u202c 工资",
])
def test_odd_but_valid_text_gets_a_reply(robust: Robust, text: str) -> None:
    r = _chat(robust, text)
    assert r.status_code == 200, r.text
    reply = r.json()["reply"]
    assert reply["kind"] in ("answer", "clarify", "abstain", "out_of_scope", "emergency")
    assert reply["text"].strip()


def test_two_hundred_turn_session_stays_small_and_fast(robust: Robust) -> None:
    """The session keeps the last 40 turns (older facts live on in ``state.facts``) and reads
    the last 6 user turns as history, so size and latency stop growing."""
    turns = ["公司拖欠我三个月工资怎么办", "没签合同，已经不干了，欠了八千元", "有聊天记录", "不知道"]
    sid = None
    sizes: list[int] = []
    latencies: list[float] = []
    for i in range(200):
        t0 = time.perf_counter()
        r = _chat(robust, f"{turns[i % 4]}（{i}）", sid)
        latencies.append(time.perf_counter() - t0)
        assert r.status_code == 200, r.text
        sid = r.json()["session_id"]
        if i % 50 == 49:
            with robust.services.store.engine.connect() as conn:
                raw = conn.execute(sql("SELECT state FROM sessions WHERE id = :i"), {"i": sid})
                sizes.append(len(str(raw.scalar_one())))
    from assistant.consult.engine import KEPT_TURNS

    state = robust.client.get(f"/v1/sessions/{sid}").json()
    assert len(state["turns"]) == KEPT_TURNS
    assert state["turns"][-2]["text"].endswith("（199）")
    assert sizes[-1] < 1.2 * sizes[0]  # bounded: 200 turns cost what 50 did
    assert max(latencies[-20:]) < 1.0


def test_sql_injection_in_every_text_field_is_stored_literally(robust: Robust) -> None:
    c, engine = robust.client, robust.services.store.engine
    for payload in SQL_INJECTIONS:
        r = _chat(robust, f"老板欠工资 {payload}")
        assert r.status_code == 200, r.text
        sid = r.json()["session_id"]
        user = [t["text"] for t in c.get(f"/v1/sessions/{sid}").json()["turns"]
                if t["role"] == "user"]
        assert user == [f"老板欠工资 {payload}"]
        assert_error(_chat(robust, "你好", payload), 400, "session_id_invalid")
        assert_error(c.get(f"/v1/sessions/{payload}"), None)
        assert c.get("/v1/search", params={"q": payload}).status_code in (200, 422)
        assert_error(c.post("/v1/risk", json={"category": payload}), 422, "category_unknown")
        assert_error(c.post("/v1/documents/preview", json={"template_id": payload}), 404,
                     "template_unknown")
        _document_fields(robust, payload)
    with engine.connect() as conn:  # every table is still there and holds what was saved
        n = conn.execute(sql("SELECT COUNT(*) FROM sessions")).scalar_one()
    assert n == len(SQL_INJECTIONS)


def _document_fields(robust: Robust, payload: str) -> None:
    tpl = get_template("loan_note")
    fields = {k: list(v) if isinstance(v, tuple) else v for k, v in tpl.example.items()}
    texts = [f.key for f in tpl.fields if f.type in ("text", "multiline")]
    for key in texts:
        fields[key] = f"{fields[key]}{payload}"
    r = robust.client.post("/v1/documents/preview", json={"template_id": tpl.id, "fields": fields})
    assert r.status_code == 200, r.text
    assert payload in r.json()["text"]


@pytest.mark.parametrize("path", [
    "/v1/documents/../../etc/passwd",
    "/v1/documents/..%2F..%2Fetc%2Fpasswd/docx",
    "/v1/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd/docx",
    "/v1/documents/..%5c..%5cwindows%5cwin.ini/docx",
    "/v1/documents/....//....//etc/passwd/docx",
    "/v1/documents/%252e%252e%252fetc%252fpasswd/docx",
    "/v1/documents/%00/docx",
    "/v1/documents/" + "a" * 31 + "%00/docx",
    "/v1/documents/" + "0" * 32 + "/..%2F..%2Fetc%2Fpasswd",
    "/v1/documents/" + "0" * 32 + "/docx%00.pdf",
    "/v1/documents/\u2025\u2025\u2215etc\u2215passwd/docx",
    "/v1/documents/~root/docx",
    "/v1/documents/%2fetc%2fpasswd/pdf",
])
def test_path_traversal_on_document_download(robust: Robust, path: str) -> None:
    r = robust.client.get(path)
    assert r.status_code in (400, 404, 422), r.text
    assert "root:" not in r.text
    assert_error(r)


def test_sql_injection_in_application_and_voice_fields(robust: Robust) -> None:
    from tests.support.screening import app_in

    c = robust.client
    for i, payload in enumerate(SQL_INJECTIONS):
        body = app_in().model_dump(mode="json")
        body["applicant"].update(name=f"张{i}", residence=payload, household_registration=payload)
        body["case"].update(summary=f"欠薪 {payload}", opposing_party=payload[:200])
        body["referred_from"] = payload[:100]
        r = c.post("/v1/staff/applications", headers=robust.auth, json=body)
        assert r.status_code == 201, r.text
        app_id = r.json()["application"]["id"]
        got = c.get(f"/v1/staff/applications/{app_id}", headers=robust.auth).json()
        assert got["applicant"]["residence"] == payload
        assert got["case"]["summary"] == f"欠薪 {payload}"
        assert_error(c.get(f"/v1/staff/applications/{payload}", headers=robust.auth))
        assert_error(c.get(f"/v1/applications/status/{payload}"))
        voice = c.post("/v1/voice", data={"session_id": payload},
                       files={"audio": ("q.wav", b"RIFF0000WAVE", "audio/wav")})
        assert_error(voice, 400, "session_id_invalid")
    queue = c.get("/v1/staff/queue", headers=robust.auth).json()
    assert len(queue) == len(SQL_INJECTIONS)


def test_absurd_amounts_are_field_problems_not_500s(robust: Robust) -> None:
    """30 digits overflowed Decimal's precision in the validator, and the preview rendered
    every unparseable amount through the 大写 converter: both were 500s."""
    tpl = get_template("loan_note")
    for amount in ("1" * 30, "9" * 28 + ".5", "0." + "1" * 40, "-5", "NaN", "Infinity", "5万"):
        fields = {k: list(v) if isinstance(v, tuple) else v for k, v in tpl.example.items()}
        fields["amount"] = amount
        r = robust.client.post("/v1/documents/preview",
                               json={"template_id": tpl.id, "fields": fields})
        assert r.status_code == 200, r.text
        # (legal_basis is flagged too: the tiny corpus lacks the loan note's two articles)
        fields_flagged = {p["field"] for p in r.json()["problems"]} - {"legal_basis"}
        assert fields_flagged == {"amount"}, amount
        assert amount in r.json()["text"]  # shown as typed, not a 500
