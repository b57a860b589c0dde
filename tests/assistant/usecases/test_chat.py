from __future__ import annotations

import pytest

from assistant.app import Services
from assistant.errors import AssistantError
from assistant.usecases.chat import (
    chat_turn,
    get_session,
    reset_session,
    validate_text,
    voice_turn,
)
from assistant.usecases.errors import TextEmptyError, TextInvalidError, TextTooLongError
from tests.support.services import FakeConsultant


@pytest.mark.parametrize(("text", "error"), [
    ("", TextEmptyError), ("  \n\t ", TextEmptyError), ("字" * 2001, TextTooLongError),
    ("工资\x00\x01", TextInvalidError), ("\ufffd\ufffd乱码", TextInvalidError),
    (b"bytes", TextInvalidError),
])
def test_bad_text_is_rejected_with_a_chinese_message(
    text: object, error: type[AssistantError]
) -> None:
    with pytest.raises(error) as exc:
        validate_text(text, max_chars=2000)
    assert exc.value.code.startswith("text_")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.value.message)


def test_validate_text_keeps_newlines_and_strips() -> None:
    assert validate_text("  第一行\n第二行 ", max_chars=10) == "第一行\n第二行"


def test_multi_turn_state_is_stored_between_turns(services: Services) -> None:
    first = chat_turn(services, session_id=None, text="公司不签劳动合同", channel="kiosk")
    assert first.reply.kind == "answer" and first.reply.text.startswith("第1轮")
    assert any("劳动合同法" in c.law for c in first.reply.citations)
    second = chat_turn(services, session_id=first.session_id, text="已经干了半年", channel="kiosk")
    assert second.session_id == first.session_id and second.reply.text.startswith("第2轮")
    state = get_session(services, first.session_id)
    assert [t.role for t in state.turns] == ["user", "assistant"] * 2
    assert reset_session(services, first.session_id) is True
    with pytest.raises(AssistantError) as exc:
        get_session(services, first.session_id)
    assert exc.value.code == "session_not_found"


def test_failures_never_lose_the_stored_session(services: Services) -> None:
    first = chat_turn(services, session_id=None, text="老板欠薪", channel="api")
    with pytest.raises(TextEmptyError):
        chat_turn(services, session_id=first.session_id, text=" ", channel="api")
    services.engine = FakeConsultant(services.kb, fail=True)
    with pytest.raises(RuntimeError):
        chat_turn(services, session_id=first.session_id, text="再问一句", channel="api")
    state = get_session(services, first.session_id)
    assert [t.text for t in state.turns if t.role == "user"] == ["老板欠薪"]


def test_unknown_or_malformed_session_ids(services: Services) -> None:
    with pytest.raises(AssistantError) as exc:
        chat_turn(services, session_id="no-such-session", text="你好", channel="api")
    assert exc.value.code == "session_not_found"
    with pytest.raises(AssistantError) as exc:
        chat_turn(services, session_id="../../etc/passwd", text="你好", channel="api")
    assert exc.value.code == "session_id_invalid"
    made = chat_turn(services, session_id="wx-openid-1234", text="你好", channel="wechat",
                     create_if_missing=True)
    assert made.session_id == "wx-openid-1234"


def test_voice_without_whisper_says_so_in_chinese(services: Services) -> None:
    with pytest.raises(AssistantError) as exc:
        voice_turn(services, session_id=None, audio=b"RIFF....", channel="api")
    assert exc.value.code == "asr_not_configured" and "文字" in exc.value.message
