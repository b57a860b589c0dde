"""WeChat as a test partner: a real HTTP server on loopback that speaks the parts of WeChat's
API the channel uses (access tokens, media download, customer-service messages), and callback
bodies signed the way WeChat's servers sign them. Shared by the load runner and the tests.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


class FakeWeChat:
    """State of the fake: tokens issued, media served, customer-service messages received."""

    def __init__(self, *, app_id: str, app_secret: str) -> None:
        self.app_id, self.app_secret = app_id, app_secret
        self.token_calls = 0
        self.valid_tokens: set[str] = set()
        self.expires_in = 7200
        self.media: dict[str, bytes] = {}
        self.media_calls: list[str] = []
        self.sent: list[dict[str, Any]] = []
        self.sent_at: list[float] = []  # time.monotonic() of each customer-service message
        self.lock = threading.Lock()
        self.sent_event = threading.Condition(self.lock)
        self.server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def issue_token(self, query: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if query.get("appid") != self.app_id or query.get("secret") != self.app_secret:
            return 200, {"errcode": 40013, "errmsg": "invalid appid"}
        with self.lock:
            self.token_calls += 1
            token = f"tok-{self.token_calls}"
            self.valid_tokens.add(token)
        return 200, {"access_token": token, "expires_in": self.expires_in}

    def invalidate_tokens(self) -> None:
        with self.lock:
            self.valid_tokens.clear()

    def token_ok(self, query: dict[str, str]) -> bool:
        with self.lock:
            return query.get("access_token") in self.valid_tokens

    def record_send(self, body: dict[str, Any]) -> None:
        with self.sent_event:
            self.sent.append(body)
            self.sent_at.append(time.monotonic())
            self.sent_event.notify_all()

    def wait_for_sends(self, n: int, *, timeout: float = 5.0) -> list[dict[str, Any]]:
        with self.sent_event:
            self.sent_event.wait_for(lambda: len(self.sent) >= n, timeout=timeout)
            return list(self.sent)


def _handler(fake: FakeWeChat) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet output
            pass

        def _query(self) -> dict[str, str]:
            return {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}

        def _json(self, data: dict[str, Any], content_type: str = "application/json") -> None:
            raw = json.dumps(data, ensure_ascii=False).encode()
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            path, query = urlparse(self.path).path, self._query()
            if path == "/cgi-bin/token":
                self._json(fake.issue_token(query)[1])
            elif path == "/cgi-bin/media/get":
                self._media(query)
            else:
                self.send_error(404)

        def _media(self, query: dict[str, str]) -> None:
            if not fake.token_ok(query):
                self._json({"errcode": 40001, "errmsg": "invalid credential"}, "text/plain")
                return
            media_id = query.get("media_id", "")
            fake.media_calls.append(media_id)
            data = fake.media.get(media_id)
            if data is None:
                self._json({"errcode": 40007, "errmsg": "invalid media_id"})
                return
            self.send_response(200)
            self.send_header("Content-Type", "audio/amr")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:  # noqa: N802
            path, query = urlparse(self.path).path, self._query()
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if path != "/cgi-bin/message/custom/send":
                self.send_error(404)
                return
            if not fake.token_ok(query):
                self._json({"errcode": 42001, "errmsg": "access_token expired"})
                return
            fake.record_send(json.loads(body.decode("utf-8")))
            self._json({"errcode": 0, "errmsg": "ok"})

    return Handler


@contextlib.contextmanager
def serve_fake_wechat(*, app_id: str, app_secret: str) -> Iterator[FakeWeChat]:
    """The fake on a free 127.0.0.1 port until the block ends (``fake.base_url``)."""
    fake = FakeWeChat(app_id=app_id, app_secret=app_secret)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    fake.server = server
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def sign(*parts: str) -> str:
    """WeChat's callback signature: SHA-1 of the sorted, concatenated parts."""
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def signed_query(token: str, open_id: str, *, timestamp: str | None = None,
                 nonce: str | None = None) -> dict[str, str]:
    ts, nonce = timestamp or str(int(time.time())), nonce or secrets.token_hex(4)
    return {"signature": sign(token, ts, nonce), "timestamp": ts, "nonce": nonce,
            "openid": open_id}


def voice_xml(media_id: str, *, open_id: str, account: str, msg_id: int,
              recognition: str = "") -> str:
    """A voice-note callback (AMR); ``recognition`` is WeChat's own transcript, when enabled."""
    return (f"<xml><ToUserName><![CDATA[{account}]]></ToUserName>"
            f"<FromUserName><![CDATA[{open_id}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[voice]]></MsgType>"
            f"<MediaId><![CDATA[{media_id}]]></MediaId><Format><![CDATA[amr]]></Format>"
            f"<Recognition><![CDATA[{recognition}]]></Recognition>"
            f"<MsgId>{msg_id}</MsgId></xml>")


def text_xml(content: str, *, open_id: str, account: str, msg_id: int) -> str:
    return (f"<xml><ToUserName><![CDATA[{account}]]></ToUserName>"
            f"<FromUserName><![CDATA[{open_id}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId></xml>")
