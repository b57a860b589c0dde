"""Wire format and delivery helpers: safe XML, CDATA, text splitting, the dedupe cache."""

from __future__ import annotations

import time

import pytest

from assistant.usecases import session_id_for
from assistant.wechat.adapter import (
    Codec,
    Inbound,
    WeChatSignatureError,
    WeChatXmlError,
    safe_xml,
)
from assistant.wechat.dedupe import LocalTurns
from assistant.wechat.text import TEXT_LIMIT_BYTES, cap_pieces, split_text
from tests.support.wechat import (
    BILLION_LAUGHS,
    OPEN_ID,
    TOKEN,
    reply_fields,
    signed_query,
    text_xml,
)


def test_dtds_are_refused_without_expansion():
    started = time.monotonic()
    with pytest.raises(WeChatXmlError, match="forbidden"):
        safe_xml(BILLION_LAUGHS.encode())
    with pytest.raises(WeChatXmlError, match="forbidden"):
        safe_xml(b'<!DOCTYPE xml [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]><xml>&x;</xml>')
    with pytest.raises(WeChatXmlError, match="forbidden"):
        safe_xml(b"<!DOCTYPE xml><xml/>")  # even a harmless DTD: WeChat never sends one
    assert time.monotonic() - started < 0.5


def test_decode_plaintext_message():
    decoded = Codec(token=TOKEN).decode(text_xml("工资", msg_id=9).encode(), signed_query())
    assert decoded.encrypted is False
    assert decoded.inbound.kind == "text" and decoded.inbound.text == "工资"
    assert decoded.inbound.open_id == OPEN_ID and decoded.inbound.dedupe_key == "9"


def test_signature_checked_before_parsing():
    with pytest.raises(WeChatSignatureError):
        Codec(token="other").decode(b"<<<", signed_query())


def test_reply_cannot_break_out_of_cdata():
    inbound = Inbound(kind="text", open_id=OPEN_ID, account="gh_x", create_time=1)
    xml = Codec(token=TOKEN).render_text(inbound, "答]]><MsgType>evil</MsgType>",
                                         encrypted=False)
    fields = reply_fields(xml)
    assert fields["MsgType"] == "text"
    assert fields["Content"].startswith("答]] >")


def test_event_dedupe_key_uses_sender_and_time():
    a = Inbound(kind="event", open_id="u", account="gh", create_time=5, event="subscribe")
    assert a.dedupe_key == "u:5:event:subscribe"


def test_split_text_respects_byte_limit_and_sentences():
    text = "。".join(["劳动者可以解除劳动合同"] * 300) + "。"
    pieces = split_text(text)
    assert "".join(pieces) == text
    assert all(len(p.encode("utf-8")) <= TEXT_LIMIT_BYTES for p in pieces)
    assert all(p.endswith("。") for p in pieces)
    unbroken = "欠" * 2000  # no boundary at all: hard cuts, nothing lost
    assert "".join(split_text(unbroken)) == unbroken
    assert split_text("短回答") == ["短回答"]


def test_cap_pieces_marks_truncation():
    pieces = ["甲" * 600] * 8
    capped = cap_pieces(pieces, max_pieces=5)
    assert len(capped) == 5 and "已截断" in capped[-1]
    assert len(capped[-1].encode("utf-8")) <= TEXT_LIMIT_BYTES
    assert cap_pieces(pieces[:3], max_pieces=5) == pieces[:3]


def test_local_turns_expire_and_are_bounded():
    from concurrent.futures import Future

    now = [0.0]
    turns = LocalTurns(ttl_s=10, max_entries=3, clock=lambda: now[0])
    first: Future[list[str]] = Future()
    turns.put("a", first)
    assert turns.get("a") is first
    assert turns.first_push("a") and not turns.first_push("a")  # one push per message
    assert not turns.first_push("unknown")
    now[0] = 11
    assert turns.get("a") is None  # expired: the shared claim still de-duplicates it
    for key in "bcd":
        turns.put(key, Future())
    turns.put("e", Future())
    assert turns.get("b") is None and turns.get("e") is not None  # oldest evicted when full


def test_session_id_is_stable_valid_and_pseudonymous():
    from assistant.usecases.chat import validate_session_id

    sid = session_id_for(OPEN_ID, app_id="wx1")
    assert sid == session_id_for(OPEN_ID, app_id="wx1") != session_id_for(OPEN_ID, app_id="wx2")
    assert validate_session_id(sid) == sid and OPEN_ID not in sid
