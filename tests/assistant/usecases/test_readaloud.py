"""Read-aloud in parts: the real engine over the 95 laws, real espeak-ng, real audio lengths."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.app import Services
from assistant.models import Turn
from assistant.speech.audio import SAMPLE_RATE, load_audio
from assistant.speech.errors import TtsUnavailableError
from assistant.usecases import chat_turn, read_aloud
from assistant.usecases.errors import NothingToReadError, ReadAloudStaleError
from assistant.usecases.readaloud import answer_blocks, answer_script
from knowledge.index import KnowledgeIndex
from tests.support.services import make_settings, real_services

needs_tools = pytest.mark.skipif(
    shutil.which("espeak-ng") is None or shutil.which("ffmpeg") is None,
    reason="espeak-ng/ffmpeg missing",
)
WAGES = "老板欠我三个月工资一万二，没签劳动合同，2026年9月30日离职了，我该怎么办？"
VIOLENCE = "我老公天天打我，刚才又拿刀威胁我"
ONE_MINUTE = 60.0
LAYOUT_MARKS = re.compile(r"[【】《》·…]")


@pytest.fixture
def services(data_dir: Path, core_index: Path, core_kb: KnowledgeIndex,
             tmp_path: Path) -> Iterator[Services]:
    s = real_services(make_settings(data_dir, core_index.parent,
                                    f"sqlite:///{tmp_path / 'r.db'}"), core_kb)
    yield s
    s.close()


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _walk(services: Services, session_id: str) -> list[tuple[str, float]]:
    """Every part of the latest answer, first to last: (text, seconds of audio as synthesised;
    for the first part, of the MP3 decoded as a browser plays it)."""
    parts: list[tuple[str, float]] = []
    rest: str | None = None
    while len(parts) < 30:
        part = read_aloud(services, session_id, rest=rest)
        seconds = part.speech.seconds
        if rest is None:
            decoded = load_audio(part.speech.audio).size / SAMPLE_RATE
            assert abs(decoded - seconds) < 0.5
            seconds = decoded
        parts.append((part.text, seconds))
        if part.finished:
            return parts
        rest = part.rest
    raise AssertionError("read-aloud never reached the end")


@needs_tools
def test_first_screen_first_then_every_part_once_to_the_end(services: Services) -> None:
    sid = chat_turn(services, session_id=None, text=WAGES, channel="kiosk").session_id
    turn = services.store.get(sid).state.turns[-1]  # type: ignore[union-attr]
    assert turn.first_screen and turn.first_screen in turn.text
    first, later = answer_script(turn)

    parts = _walk(services, sid)
    # The first part is the first screen (direct answer, time limit, next step), under a minute.
    text, seconds = parts[0]
    assert seconds <= ONE_MINUTE and seconds > 20
    assert _compact(first).startswith(_compact(text))
    assert "时间限制" in text and "下一步" in text
    assert "劳动争议调解仲裁法第二十七条" in text  # the article named without 《》
    # Every later part is under a minute too, and together they are the whole answer, in
    # order, nothing read twice and nothing left out.
    assert len(parts) > 2 and all(s <= ONE_MINUTE for _, s in parts)
    assert _compact("".join(t for t, _ in parts)) == _compact(first + later)
    assert not any(LAYOUT_MARKS.search(t) for t, _ in parts)
    for title in ("法律依据", "怎么办", "风险提示"):  # headings are read as short sentences
        assert any(f"{title}。" in t for t, _ in parts), title


@needs_tools
def test_a_stale_continue_and_an_empty_session_say_so(services: Services) -> None:
    with pytest.raises(NothingToReadError) as nothing:
        read_aloud(services, None)
    assert "还没有" in nothing.value.message
    sid = chat_turn(services, session_id=None, text=WAGES, channel="kiosk").session_id
    rest = read_aloud(services, sid).rest
    chat_turn(services, session_id=sid, text="我有工资条和聊天记录", channel="kiosk")
    with pytest.raises(ReadAloudStaleError) as stale:  # 继续朗读 of the answer before
        read_aloud(services, sid, rest=rest)
    assert stale.value.code == "read_aloud_stale" and "从头" in stale.value.message
    with pytest.raises(ReadAloudStaleError):
        read_aloud(services, sid, rest="随便一段不是这个回答的话。")
    services.speaker = None
    with pytest.raises(TtsUnavailableError):
        read_aloud(services, sid)


def test_the_script_leaves_out_what_the_first_screen_says() -> None:
    text = ("【紧急求助】\n请先确保自己安全：立即拨打110报警。\n\n【答复】\n可以申请保护令。\n"
            "下一步：整理证据。\n\n【法律依据】\n1. 《反家庭暴力法》第二十三条：……应当受理。\n\n"
            "【词语解释】\n· 告诫书：书面警告")
    first_screen = "请先确保自己安全：立即拨打110报警。\n可以申请保护令。\n下一步：整理证据。"
    assert [t for t, _ in answer_blocks(text)] == ["紧急求助", "答复", "法律依据", "词语解释"]
    first, rest = answer_script(Turn(role="assistant", text=text, first_screen=first_screen))
    assert first == first_screen
    assert rest == "法律依据。\n1. 反家庭暴力法第二十三条：应当受理。\n词语解释。\n告诫书：书面警告。"


def test_a_clarifying_question_is_all_first_screen_and_old_turns_use_the_first_section() -> None:
    ask = "您说的是“劳动争议与欠薪”的问题。请再告诉我：\n1. 您现在还在那里干吗？"
    assert answer_script(Turn(role="assistant", text=ask, first_screen=ask)) == (ask, "")
    old = Turn(role="assistant", text="【答复】\n可以要二倍工资。\n\n【怎么办】\n申请仲裁。")
    assert answer_script(old) == ("可以要二倍工资。", "怎么办。\n申请仲裁。")
