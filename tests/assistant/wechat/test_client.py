"""WeChat API client against the fake WeChat server on loopback."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from assistant.usecases.errors import UploadTooLargeError
from assistant.wechat.client import REFRESH_MARGIN_S, WeChatApiError, WeChatClient
from eval.wechat_fake import FakeWeChat
from tests.support.wechat import APP_ID, APP_SECRET


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 12, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def make_client(fake: FakeWeChat, clock: Clock, *, secret: str = APP_SECRET) -> WeChatClient:
    return WeChatClient(app_id=APP_ID, app_secret=secret, api_base=fake.base_url, clock=clock)


def test_token_cached_until_shortly_before_expiry(fake_wechat: FakeWeChat):
    clock = Clock()
    client = make_client(fake_wechat, clock)
    try:
        first = client.access_token()
        clock.now += timedelta(seconds=7200 - REFRESH_MARGIN_S - 1)
        assert client.access_token() == first
        clock.now += timedelta(seconds=2)  # inside the safety margin: refreshed before expiry
        second = client.access_token()
    finally:
        client.close()
    assert (first, second) == ("tok-1", "tok-2")
    assert fake_wechat.token_calls == 2


def test_rejected_token_refreshed_once_and_call_retried(fake_wechat: FakeWeChat):
    client = make_client(fake_wechat, Clock())
    try:
        client.send_text("oUser", "第一条")
        fake_wechat.invalidate_tokens()
        client.send_text("oUser", "第二条")
    finally:
        client.close()
    assert [s["text"]["content"] for s in fake_wechat.sent] == ["第一条", "第二条"]
    assert fake_wechat.token_calls == 2


def test_media_download_and_errors(fake_wechat: FakeWeChat):
    fake_wechat.media["m1"] = b"#!AMR\n" + bytes(5000)
    client = make_client(fake_wechat, Clock())
    try:
        assert client.download_media("m1", max_bytes=10_000) == fake_wechat.media["m1"]
        with pytest.raises(UploadTooLargeError):
            client.download_media("m1", max_bytes=1_000)
        with pytest.raises(WeChatApiError) as missing:
            client.download_media("absent", max_bytes=10_000)
        fake_wechat.invalidate_tokens()  # media/get reports it as text/plain JSON
        assert client.download_media("m1", max_bytes=10_000) == fake_wechat.media["m1"]
    finally:
        client.close()
    assert missing.value.errcode == 40007
    assert fake_wechat.token_calls == 2


def test_bad_credentials_and_unreachable_api(fake_wechat: FakeWeChat):
    bad = make_client(fake_wechat, Clock(), secret="wrong")
    with pytest.raises(WeChatApiError) as e:
        bad.access_token()
    bad.close()
    assert e.value.errcode == 40013 and e.value.code == "wechat_api_unavailable"
    down = WeChatClient(app_id=APP_ID, app_secret=APP_SECRET, api_base="http://127.0.0.1:9",
                        http=httpx.Client(timeout=1.0))
    with pytest.raises(WeChatApiError):
        down.send_text("oUser", "你好")
    down.close()


def test_secrets_never_reach_the_log(fake_wechat: FakeWeChat, caplog: pytest.LogCaptureFixture):
    client = make_client(fake_wechat, Clock())
    with caplog.at_level(logging.DEBUG):
        client.send_text("oUser", "你好")
    client.close()
    text = caplog.text
    assert "/cgi-bin/token" in text  # httpx did log the requests...
    assert APP_SECRET not in text and "tok-1" not in text  # ...without their query strings
