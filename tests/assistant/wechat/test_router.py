"""``/wechat`` end to end: the full app, fake consultants, and a fake WeChat API on loopback."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from assistant.config import KioskSettings, Settings
from assistant.models import Reply, SessionState
from assistant.usecases import session_id_for
from assistant.wechat.text import TEXT_LIMIT_BYTES
from eval.wechat_fake import FakeWeChat
from tests.support.services import FakeConsultant, FakeTranscriber
from tests.support.wechat import (
    AES_KEY,
    APP_ID,
    BILLION_LAUGHS,
    OPEN_ID,
    TOKEN,
    event_xml,
    reply_fields,
    sign,
    signed_query,
    text_xml,
    voice_xml,
    wechat_app,
    wechat_settings,
)

ASR_OFF_ZH = "语音输入暂未开通，请直接输入文字。"


class CountingConsultant(FakeConsultant):
    """The API tests' fake consultant, counting turns and optionally slow or long-winded."""

    def __init__(self, *, delay_s: float = 0.0, answer: str | None = None) -> None:
        super().__init__(None)
        self.delay_s = delay_s
        self.answer = answer
        self.calls = 0
        self._lock = threading.Lock()

    def respond(self, state: SessionState, text: str) -> Reply:
        with self._lock:
            self.calls += 1
        time.sleep(self.delay_s)
        reply = super().respond(state, text)
        return reply.model_copy(update={"text": self.answer}) if self.answer else reply


def post(client: TestClient, xml: str, **query: str) -> Any:
    return client.post("/wechat", params={**signed_query(), **query}, content=xml.encode())


# ---------------------------------------------------------------- URL verification


def test_get_verification_echoes_echostr(tmp_path: Path, fake_wechat: FakeWeChat):
    with wechat_app(wechat_settings(tmp_path, api_base=fake_wechat.base_url)) as (client, _):
        r = client.get("/wechat", params={**signed_query(), "echostr": "echo-12345"})
    assert r.status_code == 200
    assert r.text == "echo-12345"


def test_forged_signature_is_403_in_the_standard_format(tmp_path: Path, fake_wechat: FakeWeChat):
    engine = CountingConsultant()
    settings = wechat_settings(tmp_path, api_base=fake_wechat.base_url)
    with wechat_app(settings, engine=engine) as (client, _):
        forged = {**signed_query(), "signature": sign("wrong-token", "1", "2")}
        r_get = client.get("/wechat", params={**forged, "echostr": "x"})
        r_post = client.post("/wechat", params=forged, content=text_xml("工资").encode())
    for r in (r_get, r_post):
        assert r.status_code == 403
        error = r.json()["error"]
        assert error["code"] == "wechat_signature_invalid"
        assert error["message"] == "签名校验失败，请求已被拒绝。"
        assert error["request_id"]
    assert engine.calls == 0


# ---------------------------------------------------------------- text messages


def test_text_message_gets_passive_reply(tmp_path: Path, fake_wechat: FakeWeChat):
    engine = CountingConsultant()
    with wechat_app(wechat_settings(tmp_path, api_base=fake_wechat.base_url),
                    engine=engine) as (client, services):
        r1 = post(client, text_xml("老板拖欠工资怎么办", msg_id=1))
        r2 = post(client, text_xml("还有加班费", msg_id=2))
        stored = services.store.get(session_id_for(OPEN_ID, app_id=APP_ID))
    assert r1.status_code == 200
    assert r1.headers["content-type"].startswith("application/xml")
    first, second = reply_fields(r1.text), reply_fields(r2.text)
    assert first["MsgType"] == "text"
    assert first["ToUserName"] == OPEN_ID
    assert first["FromUserName"] == "gh_0123456789ab"
    assert first["Content"] == "第1轮回答：没有找到"
    assert second["Content"] == "第2轮回答：没有找到"  # one session per follower
    assert stored is not None and stored.channel == "wechat"
    assert OPEN_ID not in stored.state.session_id
    assert fake_wechat.sent == [] and fake_wechat.token_calls == 0


def test_safe_mode_decrypts_and_encrypts(tmp_path: Path, fake_wechat: FakeWeChat):
    from wechatpy.crypto import WeChatCrypto

    crypto = WeChatCrypto(TOKEN, AES_KEY, APP_ID)
    query = signed_query(nonce="n-aes")
    envelope = reply_fields(crypto.encrypt_message(text_xml("交通事故赔偿", msg_id=7),
                                                   "n-aes", query["timestamp"]))
    body = (f"<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>"
            f"<Encrypt><![CDATA[{envelope['Encrypt']}]]></Encrypt></xml>")
    aes_query = {**query, "encrypt_type": "aes", "msg_signature": envelope["MsgSignature"]}
    settings = wechat_settings(tmp_path, api_base=fake_wechat.base_url, aes=True)
    with wechat_app(settings) as (client, _):
        r = client.post("/wechat", params=aes_query, content=body.encode())
        tampered = client.post("/wechat", params={**aes_query, "msg_signature": "0" * 40},
                               content=body.encode())
    assert r.status_code == 200
    out = reply_fields(r.text)
    assert "Content" not in out  # the reply is encrypted too
    plain = crypto.decrypt_message(r.text, out["MsgSignature"], out["TimeStamp"], out["Nonce"])
    assert reply_fields(plain)["Content"] == "第1轮回答：没有找到"
    assert tampered.status_code == 403


def test_three_retries_make_one_turn_and_one_reply(tmp_path: Path, fake_wechat: FakeWeChat):
    engine = CountingConsultant()
    with wechat_app(wechat_settings(tmp_path, api_base=fake_wechat.base_url),
                    engine=engine) as (client, _):
        xml = text_xml("离婚财产怎么分", msg_id=555)
        replies = [reply_fields(post(client, xml).text)["Content"] for _ in range(4)]
    assert engine.calls == 1
    # A retry means WeChat lost our response: it gets the same answer, not a second turn.
    assert replies == ["第1轮回答：没有找到"] * 4
    assert fake_wechat.sent == []


def test_slow_answer_is_pushed_once_after_success(tmp_path: Path, fake_wechat: FakeWeChat):
    engine = CountingConsultant(delay_s=0.8)
    settings = wechat_settings(tmp_path, api_base=fake_wechat.base_url, budget_s=0.2)
    with wechat_app(settings, engine=engine) as (client, _):
        xml = text_xml("工伤怎么认定", msg_id=77)
        started = time.monotonic()
        with ThreadPoolExecutor(3) as pool:  # WeChat's retries arrive while the turn still runs
            responses = list(pool.map(lambda _: post(client, xml), range(3)))
        elapsed = time.monotonic() - started
        sent = fake_wechat.wait_for_sends(1)
        late_retry = post(client, xml)
        time.sleep(0.2)
    assert [r.text for r in responses] == ["success"] * 3
    assert elapsed < 0.8  # answered within the budget, not after the turn
    assert late_retry.text == "success"
    assert engine.calls == 1
    assert len(fake_wechat.sent) == 1
    assert sent[0] == {"touser": OPEN_ID, "msgtype": "text",
                       "text": {"content": "第1轮回答：没有找到"}}
    assert fake_wechat.token_calls == 1


def test_token_is_cached_across_messages(tmp_path: Path, fake_wechat: FakeWeChat):
    engine = CountingConsultant(delay_s=0.3)
    settings = wechat_settings(tmp_path, api_base=fake_wechat.base_url, budget_s=0.05)
    with wechat_app(settings, engine=engine) as (client, _):
        for n in range(3):
            assert post(client, text_xml(f"问题{n}", msg_id=900 + n)).text == "success"
            fake_wechat.wait_for_sends(n + 1)
        fake_wechat.invalidate_tokens()  # e.g. another process fetched a new token
        assert post(client, text_xml("再问一次", msg_id=999)).text == "success"
        sent = fake_wechat.wait_for_sends(4)
    assert [s["text"]["content"] for s in sent] == [f"第{n}轮回答：没有找到" for n in range(1, 5)]
    assert fake_wechat.token_calls == 2  # fetched once, then again only when rejected


def test_long_answer_split_to_wechat_limit(tmp_path: Path, fake_wechat: FakeWeChat):
    answer = "\n".join(f"第{i}段：用人单位未及时足额支付劳动报酬的，可以向劳动行政部门投诉。"
                       for i in range(200))
    engine = CountingConsultant(answer=answer)
    with wechat_app(wechat_settings(tmp_path, api_base=fake_wechat.base_url),
                    engine=engine) as (client, _):
        first = reply_fields(post(client, text_xml("欠薪", msg_id=31)).text)["Content"]
        sent = fake_wechat.wait_for_sends(5)
        time.sleep(0.2)
    pieces = [first, *(s["text"]["content"] for s in fake_wechat.sent)]
    assert len(sent) == 5 and len(fake_wechat.sent) == 5  # WeChat's quota per user message
    assert all(len(p.encode("utf-8")) <= TEXT_LIMIT_BYTES for p in pieces)
    assert pieces[0].startswith("第0段") and pieces[1].startswith("第")
    assert all(p.endswith("。") for p in pieces[:-1])  # cut at sentence ends
    assert "已截断" in pieces[-1]


def test_engine_error_becomes_chinese_text(tmp_path: Path, fake_wechat: FakeWeChat):
    with wechat_app(wechat_settings(tmp_path, api_base=fake_wechat.base_url),
                    engine=FakeConsultant(None, fail=True)) as (client, _):
        r = post(client, text_xml("问题", msg_id=41))
        blank = post(client, text_xml("   ", msg_id=42))
    assert r.status_code == 200
    content = reply_fields(r.text)["Content"]
    assert "12348" in content and "13812345678" not in content
    assert reply_fields(blank.text)["Content"] == "请输入您想咨询的问题。"


def test_events_and_other_message_types(tmp_path: Path, fake_wechat: FakeWeChat):
    engine = CountingConsultant()
    image = text_xml("x", msg_id=51).replace("[text]", "[image]")
    with wechat_app(wechat_settings(tmp_path, api_base=fake_wechat.base_url),
                    engine=engine) as (client, _):
        welcome = post(client, event_xml("subscribe"))
        leave = post(client, event_xml("unsubscribe"))
        other = post(client, image)
    assert "法律援助" in reply_fields(welcome.text)["Content"]
    assert leave.text == "success"
    assert "文字" in reply_fields(other.text)["Content"]
    assert engine.calls == 0


# ---------------------------------------------------------------- voice messages


def test_voice_without_asr_says_so_in_chinese(tmp_path: Path, fake_wechat: FakeWeChat):
    engine = CountingConsultant()
    with wechat_app(wechat_settings(tmp_path, api_base=fake_wechat.base_url),
                    engine=engine) as (client, _):
        r = post(client, voice_xml("media-1", msg_id=61))
        text_after = post(client, text_xml("那我打字问", msg_id=62))
    assert r.status_code == 200
    assert reply_fields(r.text)["Content"] == ASR_OFF_ZH
    assert reply_fields(text_after.text)["Content"] == "第1轮回答：没有找到"
    assert fake_wechat.media_calls == [] and fake_wechat.token_calls == 0  # nothing downloaded


def test_voice_without_asr_uses_wechat_recognition(tmp_path: Path, fake_wechat: FakeWeChat):
    engine = CountingConsultant()
    with wechat_app(wechat_settings(tmp_path, api_base=fake_wechat.base_url),
                    engine=engine) as (client, _):
        r = post(client, voice_xml("media-1", msg_id=63, recognition="老板不发工资"))
    assert reply_fields(r.text)["Content"] == "第1轮回答：没有找到"
    assert engine.calls == 1


def _speech_like_amr() -> bytes:
    from eval.amrnb import amr_available, encode_amr_nb

    if not amr_available():
        pytest.skip("libopencore-amrnb0 not installed: cannot encode a WeChat AMR voice note")
    rate = 8000
    t = np.arange(int(2.0 * rate)) / rate
    voiced = (np.sin(2 * np.pi * 3 * t) > 0).astype(np.float64)  # syllable-like bursts
    pcm = 0.4 * voiced * (np.sin(2 * np.pi * 180 * t) + 0.5 * np.sin(2 * np.pi * 720 * t))
    return encode_amr_nb(pcm)


def test_voice_note_downloaded_decoded_and_answered(tmp_path: Path, fake_wechat: FakeWeChat):
    fake_wechat.media["media-amr"] = _speech_like_amr()
    engine = CountingConsultant()
    transcriber = FakeTranscriber("老板拖欠工资怎么办")
    with wechat_app(wechat_settings(tmp_path, api_base=fake_wechat.base_url),
                    engine=engine, transcriber=transcriber) as (client, _):
        r = post(client, voice_xml("media-amr", msg_id=71))
        missing = post(client, voice_xml("no-such-media", msg_id=72))
    content = reply_fields(r.text)["Content"]
    assert content == "您说的是：“老板拖欠工资怎么办”\n\n第1轮回答：没有找到"
    assert transcriber.calls == 1
    assert fake_wechat.media_calls == ["media-amr", "no-such-media"]
    assert fake_wechat.token_calls == 1
    assert reply_fields(missing.text)["Content"] == "微信接口暂时不可用，请稍后再试，或直接输入文字。"


class _SlowLoad:
    """A recogniser whose model load (in ``BackgroundTranscriber``'s thread) waits for ``gate``."""

    engine, name, load_seconds = "fake", "fake model", 0.0

    def __init__(self, gate: threading.Event, text: str) -> None:
        gate.wait(30)
        self.text = text
        self.calls = 0

    def transcribe(self, audio: object) -> str:
        self.calls += 1
        return self.text


def test_voice_note_while_the_model_loads_is_told_so_at_once_and_text_still_works(
    tmp_path: Path, fake_wechat: FakeWeChat
):
    from assistant.speech.errors import AsrLoadingError
    from assistant.speech.loader import BackgroundTranscriber

    fake_wechat.media["media-amr"] = _speech_like_amr()
    gate = threading.Event()
    voice = BackgroundTranscriber(lambda: _SlowLoad(gate, "老板拖欠工资怎么办")).start()
    engine = CountingConsultant()
    try:
        with wechat_app(wechat_settings(tmp_path, api_base=fake_wechat.base_url),
                        engine=engine, transcriber=voice) as (client, _):
            t0 = time.monotonic()
            loading = post(client, voice_xml("media-amr", msg_id=81))
            waited = time.monotonic() - t0
            typed = post(client, text_xml("那我打字问：老板拖欠工资", msg_id=82))
            recognised = post(client, voice_xml("media-amr", msg_id=83, recognition="老板不发工资"))
            gate.set()
            assert voice.wait(5)
            ready = post(client, voice_xml("media-amr", msg_id=84))
    finally:
        gate.set()
    # The passive reply, within WeChat's window, says voice is starting; nothing downloaded.
    assert reply_fields(loading.text)["Content"] == AsrLoadingError.message
    assert "正在启动" in AsrLoadingError.message and "输入文字" in AsrLoadingError.message
    assert 1.5 < waited < 4.0
    assert reply_fields(typed.text)["Content"] == "第1轮回答：没有找到"
    # WeChat's own recognition of a note answers it meanwhile.
    assert reply_fields(recognised.text)["Content"] == "第2轮回答：没有找到"
    assert fake_wechat.media_calls == ["media-amr"] and fake_wechat.sent == []
    assert reply_fields(ready.text)["Content"].startswith("您说的是：“老板拖欠工资怎么办”")


# ---------------------------------------------------------------- hostile input


def test_malformed_xml_is_400(tmp_path: Path, fake_wechat: FakeWeChat):
    with wechat_app(wechat_settings(tmp_path, api_base=fake_wechat.base_url)) as (client, _):
        responses = [post(client, body) for body in (
            "<xml><MsgType>text</MsgType>", "not xml at all", "",
            "<html><body/></html>", "<xml><MsgType>text</MsgType></xml>")]
    for r in responses:
        assert r.status_code == 400
        assert r.json()["error"]["code"] == "wechat_xml_invalid"





def test_entity_attacks_rejected_before_expansion(tmp_path: Path, fake_wechat: FakeWeChat):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file://{secret}">]>'
           "<xml><ToUserName>gh</ToUserName><FromUserName>u</FromUserName>"
           "<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&x;</Content>"
           "<MsgId>2</MsgId></xml>")
    engine = CountingConsultant()
    with wechat_app(wechat_settings(tmp_path, api_base=fake_wechat.base_url),
                    engine=engine) as (client, _):
        started = time.monotonic()
        bomb = post(client, BILLION_LAUGHS)
        elapsed = time.monotonic() - started
        external = post(client, xxe)
    assert bomb.status_code == 400 and external.status_code == 400
    assert elapsed < 1.0
    assert "TOP-SECRET" not in external.text
    assert engine.calls == 0


def test_oversized_body_is_413(tmp_path: Path, fake_wechat: FakeWeChat):
    engine = CountingConsultant()
    settings = wechat_settings(tmp_path, api_base=fake_wechat.base_url, max_body_bytes=4_000)
    with wechat_app(settings, engine=engine) as (client, _):
        r = post(client, text_xml("欠" * 3_000))

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            for _ in range(10):
                yield b"<xml>" + b" " * 1_000

        streamed = client.post("/wechat", params=signed_query(), content=chunks())
    assert r.status_code == 413 and streamed.status_code == 413
    assert r.json()["error"]["code"] == "body_too_large"
    assert engine.calls == 0


# ---------------------------------------------------------------- wiring


def test_default_app_mounts_wechat_only_when_enabled(tmp_path: Path):
    from pydantic import ValidationError

    from assistant.config import WeChatSettings
    from legalaid.server import build_app

    def wechat_routes(settings: Settings) -> list[str]:
        app = build_app(settings.model_copy(update={"kiosk": KioskSettings(enabled=False)}))
        return [path for path in _paths(app) if path == "/wechat"]

    on = wechat_settings(tmp_path, api_base="http://127.0.0.1:9")
    off = on.model_copy(update={"wechat": WeChatSettings()})
    assert wechat_routes(on) == ["/wechat"] * 2
    assert wechat_routes(off) == []
    with pytest.raises(ValidationError, match="token"):
        WeChatSettings(enabled=True)
    with pytest.raises(ValidationError, match="43"):
        WeChatSettings(enabled=True, token="t", app_id="wx1", encoding_aes_key="short")  # type: ignore[arg-type]


def _paths(app: Any) -> list[str]:
    """Every route path of ``app``, looking inside included routers."""
    out: list[str] = []
    for r in app.routes:
        inner = getattr(r, "original_router", None)
        out += [getattr(x, "path", "") for x in inner.routes] if inner else [getattr(r, "path", "")]
    return out
