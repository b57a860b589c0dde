"""Kiosk event handlers against real services (no browser): turns, documents, wipes, voice."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from starlette.routing import Mount

from assistant.api.app import create_app
from assistant.app import Services
from assistant.clock import fixed
from assistant.config import KioskSettings, Settings
from assistant.drafting import get_template
from assistant.kiosk.handlers import NEED_SESSION, NO_TTS
from assistant.kiosk.page import KioskPage, mount_kiosk
from assistant.models import Titles
from assistant.usecases import get_session
from legalaid.server import build_app
from tests.support.services import FakeTranscriber

needs_tools = pytest.mark.skipif(
    shutil.which("espeak-ng") is None or shutil.which("ffmpeg") is None,
    reason="espeak-ng/ffmpeg missing",
)

QUESTION = "老板一直不跟我签劳动合同，干了八个月，能要双倍工资吗？"
FOLLOW_UP = "还在干，每月工资五千，没欠工资"
TEMPLATE = "labor_arbitration_application"



@pytest.fixture
def page(services: Services) -> KioskPage:
    services.clock = fixed(date(2025, 3, 10))
    p = KioskPage(lambda: services, settings=services.settings.kiosk)
    p.build()
    return p


def _value(update: Any) -> Any:
    return update.get("value") if isinstance(update, dict) else update


def _answered(page: KioskPage) -> str:
    first = page.on_send(None, QUESTION)
    sid = first[page.session]
    # The situation is clear at once: an answer that also asks what it still needs.
    assert sid and f"<h3>{Titles.ASK}</h3>" in first[page.answer]
    second = page.on_send(sid, FOLLOW_UP)
    assert second[page.session] == sid and "details class=\"cite\"" in second[page.answer]
    assert second[page.question] == "" and QUESTION in second[page.history]
    assert _value(second[page.cats_box]) is None and second[page.cats_box]["visible"] is False
    return str(sid)


def _example_values(page: KioskPage, keys: list[str]) -> list[str]:
    tpl = get_template(TEMPLATE)
    out = []
    for key in keys:
        v = tpl.example.get(key, "")
        out.append("\n".join(v) if isinstance(v, tuple) else str(v))
    return out + [""] * (len(page.boxes) - len(keys))


def test_turns_go_through_the_conversation_and_errors_stay_on_screen(
    page: KioskPage, services: Services
) -> None:
    sid = _answered(page)
    assert len(get_session(services, sid).user_texts()) == 2
    empty = page.on_send(sid, "   ")
    assert set(empty) == {page.notice} and "请输入" in empty[page.notice]
    # A session wiped meanwhile (another tab, retention) does not strand the citizen.
    services.store.delete(sid)
    again = page.on_send(sid, QUESTION)
    assert again[page.session] and again[page.session] != sid


def test_document_is_stored_with_the_session_and_deleted_by_new_chat(
    page: KioskPage, services: Services, data_dir: Path
) -> None:
    from knowledge.citations import CitationResolver
    from knowledge.corpus import Corpus, load_statutes

    # The template's legal bases are checked against the real statutes, as in production.
    services.resolver = CitationResolver(Corpus(tuple(load_statutes(data_dir / "statutes"))))
    blank = [""] * len(page.boxes)
    assert NEED_SESSION in page.on_generate(False, None, TEMPLATE, [], *blank)[page.draft_notice]
    sid = _answered(page)
    form = page.on_template(sid, TEMPLATE)
    keys = form[page.form_keys]
    tpl = get_template(TEMPLATE)
    assert keys == [f.key for f in tpl.required_fields]
    visible = [b for b in page.boxes if form[b]["visible"]]
    assert len(visible) == len(keys)
    facts_box = form[page.boxes[keys.index("facts")]]
    # 事实和理由 from the understood facts, first person; never the chat's own questions.
    assert "没有和我签订书面劳动合同" in facts_box["value"] and "？" not in facts_box["value"]
    assert QUESTION not in facts_box["value"]
    claims = form[page.boxes[keys.index("claims")]]["value"]
    assert claims.startswith("裁决被申请人支付未签订书面劳动合同") and "二倍工资差额" in claims
    assert form[page.boxes[keys.index("sign_date")]]["value"] == "2025-03-10"

    values = _example_values(page, keys)
    preview = page.on_preview(sid, TEMPLATE, keys, *values)
    assert tpl.title in preview[page.preview] and "可以点" in preview[page.draft_notice]
    done = page.on_generate(False, sid, TEMPLATE, keys, *values)
    assert page.downloads in done, done.get(page.draft_notice)
    links = done[page.downloads]
    doc_id = links.split("/v1/documents/")[1].split("/")[0]
    href = f"/v1/documents/{doc_id}/docx"
    with TestClient(create_app(services=services)) as client:  # the links the page shows
        got = client.get(href)
        assert got.status_code == 200 and got.content[:2] == b"PK"

        wiped = page.on_reset(sid)
        assert wiped[page.session] is None and wiped[page.answer] == ""
        assert wiped[page.history] == "" and wiped[page.downloads] == ""
        assert all(wiped[b]["visible"] is False and wiped[b]["value"] == "" for b in page.boxes)
        assert services.store.get(sid) is None and services.documents.get(doc_id) is None
        assert client.get(href).status_code == 404


def test_missing_fields_are_named_before_generating(page: KioskPage) -> None:
    sid = _answered(page)
    keys = page.on_template(sid, TEMPLATE)[page.form_keys]
    out = page.on_generate(False, sid, TEMPLATE, keys, *[""] * len(page.boxes))
    assert "申请人姓名" in out[page.draft_notice] and page.downloads not in out
    preview = page.on_preview(sid, TEMPLATE, keys, *[""] * len(page.boxes))
    assert "还需要填写" in preview[page.draft_notice]


def test_idle_wipe_resets_the_page_and_deletes_the_session(
    page: KioskPage, services: Services
) -> None:
    sid = _answered(page)
    wiped = page.on_idle_wipe(sid)
    assert wiped[page.session] is None and wiped[page.question] == ""
    assert wiped[page.take_home] == "" and wiped[page.doc_id] is None and wiped[page.pickup] is None
    assert services.store.get(sid) is None
    assert page.on_idle_wipe(None)[page.answer] == ""  # a blank page: still a clean reset


def test_take_home_link_has_nothing_personal_and_outlives_the_kiosk_reset(
    page: KioskPage, services: Services
) -> None:
    from assistant.usecases.takehome import load_take_home

    class Request:
        base_url = "http://kiosk.example:8000/"

    assert "还没有可以带走" in page.on_phone(None, None, None, Request())[page.take_home]  # type: ignore[arg-type]
    sid = _answered(page)
    shown = page.on_phone(sid, None, None, Request())[page.take_home]  # type: ignore[arg-type]
    assert 'id="take-home-qr"' in shown and "data:image/svg+xml;base64," in shown
    printed = page.on_print(sid, None, None)[page.take_home]
    token = re.search(r'src="/take-home/([A-Za-z0-9_-]{22})\?print=1"', printed)
    assert token, printed
    snapshot = load_take_home(services, token.group(1))
    assert snapshot.payload["question"] == FOLLOW_UP and snapshot.payload["answer"]
    page.on_reset(sid)  # the kiosk keeps nothing; the phone's link works until it expires
    assert services.store.get(sid) is None
    assert load_take_home(services, token.group(1)).payload["question"] == FOLLOW_UP


@needs_tools
def test_read_aloud_reads_the_first_screen_then_continues_to_the_end(
    page: KioskPage, services: Services
) -> None:
    assert "还没有" in page.on_read(None)[page.notice]
    sid = _answered(page)
    out = page.on_read(sid)
    assert out[page.notice] == ""
    player = out[page.tts]
    assert player.startswith('<div class="read-aloud" data-speak="')
    assert "data:audio/mpeg;base64," in player and "回答的开头" in player
    read = [player]
    while out[page.read_more]["visible"] and len(read) < 20:
        assert out[page.read_rest]
        out = page.on_read_more(sid, out[page.read_rest])
        assert out[page.notice] == "" and "回答的下一段" in out[page.tts]
        read.append(out[page.tts])
    assert len(read) > 1 and "全部读完" in read[-1] and out[page.read_rest] == ""
    # A newer answer makes the old 继续朗读 stale: said on screen, the button goes away.
    rest = page.on_read(sid)[page.read_rest]
    page.on_send(sid, "有工资条")
    stale = page.on_read_more(sid, rest)
    assert "从头" in stale[page.notice] and stale[page.read_more]["visible"] is False
    # A new answer or 新对话 clears the player and the button.
    cleared = page.on_send(sid, "还有什么要准备的")
    assert cleared[page.tts] == "" and cleared[page.read_more]["visible"] is False
    assert page.on_reset(sid)[page.read_rest] == ""
    services.speaker = None
    assert NO_TTS in page.on_read(sid)[page.notice]
    assert page.on_load()[page.read]["interactive"] is False


def _wav(samples: np.ndarray) -> bytes:
    from eval.make_speech_set import wav_bytes

    return wav_bytes(samples.astype(np.float32), rate=16_000)


def _bursts(seconds: float) -> np.ndarray:
    """Speech-like bursts (syllables at 3 Hz of a voiced tone) for ``seconds``."""
    t = np.arange(int(seconds * 16_000)) / 16_000
    voiced = (np.sin(2 * np.pi * 3 * t) > 0).astype(np.float64)
    return 0.4 * voiced * (np.sin(2 * np.pi * 180 * t) + 0.5 * np.sin(2 * np.pi * 720 * t))


@needs_tools
def test_voice_goes_into_the_question_box_to_be_checked_before_sending(
    page: KioskPage, services: Services, tmp_path: Path
) -> None:
    services.transcriber = None
    assert page.on_load()[page.mic]["visible"] is False
    services.transcriber = FakeTranscriber("俺老板拖欠工钱怎么办")
    assert page.on_load()[page.mic]["visible"] is True
    recording = tmp_path / "mic.wav"
    recording.write_bytes(_wav(_bursts(2.0)))
    out = page.on_voice(str(recording))
    assert not recording.exists()  # the citizen's voice is not kept on disk
    assert out[page.question] and out[page.notice] == "" and out[page.mic] is None
    assert "听到的话：</b>俺老板拖欠工钱怎么办" in out[page.transcript]
    assert "输入框" in out[page.transcript] and page.session not in out  # nothing answered yet
    sent = page.on_send(None, out[page.question] + "，已经三个月了")
    assert sent[page.session] and sent[page.answer]
    assert get_session(services, sent[page.session]).user_texts()[-1].endswith("三个月了")


@needs_tools
@pytest.mark.parametrize(("name", "samples", "says"), [
    ("silence", np.zeros(3 * 16_000), "没有听到说话声"),
    ("too_short", np.concatenate([_bursts(0.2), np.zeros(2 * 16_000)]), "语音太短了"),
    ("too_long", _bursts(61.0), "语音太长了（最长60秒）"),
])
def test_silence_too_short_and_too_long_recordings_are_explained(
    page: KioskPage, services: Services, tmp_path: Path, name: str, samples: np.ndarray,
    says: str,
) -> None:
    services.transcriber = FakeTranscriber("不应该用到")
    recording = tmp_path / f"{name}.wav"
    recording.write_bytes(_wav(samples))
    out = page.on_voice(str(recording))
    assert says in out[page.notice] and "直接输入文字" in out[page.notice]
    assert page.question not in out and services.transcriber.calls == 0
    assert not recording.exists()


def test_app_serves_the_kiosk_at_root_beside_the_api(services: Services) -> None:
    def mounted(settings: Settings) -> bool:
        return any(isinstance(r, Mount) for r in build_app(settings).routes)

    assert mounted(Settings(kiosk=KioskSettings(enabled=False))) is False
    assert mounted(Settings()) is True
    with TestClient(create_app(services=services, kiosk=mount_kiosk)) as client:
        root = client.get("/")
        assert root.status_code == 200 and "法律援助智能助手" in root.text
        assert client.get("/healthz").json() == {"status": "ok"}
        config = client.get("/config").json()
        assert config.get("footer_links") in ([], None)


# ---------------------------------------------------------------- hand-off to a person


def test_handoff_offered_after_abstain_needs_consent_and_shows_the_pickup_code(
    page: KioskPage, services: Services
) -> None:
    from assistant.screening.auth import Principal
    from tests.support.services import FakeConsultant

    answered = page.on_send(None, QUESTION)  # the real engine answers: no offer
    assert answered[page.offer] == "" and answered[page.offer_btn]["visible"] is False
    services.engine = FakeConsultant(None)  # finds nothing: the reply abstains
    turn = page.on_send(answered[page.session], "那我该怎么办")
    sid = turn[page.session]
    assert "工作人员" in turn[page.offer] and turn[page.offer_btn]["visible"] is True
    assert page.on_offer()[page.handoff_box]["open"] is True
    refused = page.on_escalate(sid, False)
    assert "同意" in refused[page.ticket] and services.screening.queue.list() == []
    assert "先在上方" in page.on_escalate(None, True)[page.ticket]
    done = page.on_escalate(sid, True)
    [esc] = services.screening.queue.list()
    assert esc.reason == "abstain" and esc.channel == "kiosk" and QUESTION in esc.question
    code = re.search(r'id="pickup-code">([2-9A-Z]{4}) ([2-9A-Z]{4})<', done[page.ticket])
    assert code and "取件码" in done[page.ticket] and done[page.consent] is False
    pickup = code.group(1) + code.group(2)
    assert "还在处理" in page.on_pickup(pickup)[page.pickup_answer]
    services.screening.queue.answer(esc.id, "请带上工资条到法律援助中心窗口。",
                                   who=Principal(username="staff1", role="responder"))
    shown = page.on_pickup(f" {pickup[:4]}-{pickup[4:].lower()} ")[page.pickup_answer]
    assert "请带上工资条到法律援助中心窗口" in shown
    assert "取件码不正确" in page.on_pickup("22222222")[page.pickup_answer]
    assert "公众号" not in done[page.ticket] and "一体机" in done[page.ticket]
    wiped = page.on_idle_wipe(None)  # a fetched answer is wiped too
    assert wiped[page.pickup_answer] == "" and wiped[page.ticket] == ""
