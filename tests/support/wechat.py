"""Helpers to speak to ``/wechat`` the way WeChat's servers do: signed, optionally encrypted.
The fake WeChat API server itself is ``eval.wechat_fake`` (shared with the load runner)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.app import Services
from assistant.config import Settings, WeChatSettings
from eval import wechat_fake
from tests.support.services import make_services, make_settings

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
    """A test client of the full app with the WeChat channel attached, over fakes and a real
    SQLite DB (as ``legalaid.server`` plugs it in)."""
    from assistant.wechat.router import router
    from assistant.wechat.service import attach

    services = make_services(settings, kb=None, engine=engine, transcriber=transcriber)
    try:
        app = create_app(settings, services=services, routers=(router,), on_ready=(attach,))
        with TestClient(app) as client:
            yield client, services
    finally:
        services.close()


sign = wechat_fake.sign


def signed_query(*, timestamp: str | None = None, nonce: str = "nonce42") -> dict[str, str]:
    return wechat_fake.signed_query(TOKEN, OPEN_ID, timestamp=timestamp, nonce=nonce)


def text_xml(content: str, *, msg_id: int = 1001, open_id: str = OPEN_ID) -> str:
    return wechat_fake.text_xml(content, open_id=open_id, account=ACCOUNT, msg_id=msg_id)


def voice_xml(media_id: str, *, msg_id: int = 2001, recognition: str = "") -> str:
    return wechat_fake.voice_xml(media_id, open_id=OPEN_ID, account=ACCOUNT, msg_id=msg_id,
                                 recognition=recognition)


def event_xml(event: str) -> str:
    return (f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
            f"<FromUserName><![CDATA[{OPEN_ID}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
            f"<Event><![CDATA[{event}]]></Event></xml>")


def reply_fields(xml: str) -> dict[str, str]:
    root = ElementTree.fromstring(xml)
    return {child.tag: child.text or "" for child in root}


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE xml [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<xml><ToUserName>gh</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime>
<MsgType>text</MsgType><Content>&lol9;</Content><MsgId>1</MsgId></xml>"""
