"""Helpers to speak to ``/wechat`` the way WeChat's servers do: signed, optionally encrypted."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.config import Settings, WeChatSettings
from assistant.services import Services
from tests.assistant.api.support import make_services, make_settings

APP_ID = "wx0123456789abcdef"
APP_SECRET = "test-app-secret-0123456789"
TOKEN = "legalaid-test-token"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # 43 characters, as WeChat issues
OPEN_ID = "oUser_ABCDEFGHIJKLMNOPQRSTUV"
ACCOUNT = "gh_0123456789ab"


def wechat_settings(tmp_path: Path, *, api_base: str, aes: bool = False,
                    budget_s: float = 4.0, **extra: Any) -> Settings:
    settings = make_settings(tmp_path / "data", tmp_path / "index",
                             f"sqlite:///{tmp_path / 'legalaid.db'}")
    wx = WeChatSettings(enabled=True, token=TOKEN, app_id=APP_ID, app_secret=APP_SECRET,  # type: ignore[arg-type]
                        encoding_aes_key=AES_KEY if aes else None, api_base=api_base,  # type: ignore[arg-type]
                        reply_budget_s=budget_s, **extra)
    return settings.model_copy(update={"wechat": wx})


@contextmanager
def wechat_app(settings: Settings, *, engine: object | None = None,
               transcriber: object | None = None) -> Iterator[tuple[TestClient, Services]]:
    """A test client of the full app with the WeChat router, over fakes and a real SQLite DB."""
    from assistant.wechat.router import router

    services = make_services(settings, kb=None, engine=engine, transcriber=transcriber)
    try:
        with TestClient(create_app(settings, services=services, routers=(router,))) as client:
            yield client, services
    finally:
        services.close()


def sign(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def signed_query(*, timestamp: str | None = None, nonce: str = "nonce42") -> dict[str, str]:
    ts = timestamp or str(int(time.time()))
    return {"signature": sign(TOKEN, ts, nonce), "timestamp": ts, "nonce": nonce,
            "openid": OPEN_ID}


def text_xml(content: str, *, msg_id: int = 1001, open_id: str = OPEN_ID) -> str:
    return (f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
            f"<FromUserName><![CDATA[{open_id}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId></xml>")


def voice_xml(media_id: str, *, msg_id: int = 2001, recognition: str = "") -> str:
    return (f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
            f"<FromUserName><![CDATA[{OPEN_ID}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[voice]]></MsgType>"
            f"<MediaId><![CDATA[{media_id}]]></MediaId><Format><![CDATA[amr]]></Format>"
            f"<Recognition><![CDATA[{recognition}]]></Recognition>"
            f"<MsgId>{msg_id}</MsgId></xml>")


def event_xml(event: str) -> str:
    return (f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
            f"<FromUserName><![CDATA[{OPEN_ID}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
            f"<Event><![CDATA[{event}]]></Event></xml>")


def reply_fields(xml: str) -> dict[str, str]:
    root = ElementTree.fromstring(xml)
    return {child.tag: child.text or "" for child in root}
