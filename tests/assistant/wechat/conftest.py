"""A real HTTP server on loopback that speaks the parts of WeChat's API the adapter uses."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tests.assistant.wechat.support import APP_ID, APP_SECRET


class FakeWeChat:
    """State of the fake: tokens issued, media served, customer-service messages received."""

    def __init__(self) -> None:
        self.token_calls = 0
        self.valid_tokens: set[str] = set()
        self.expires_in = 7200
        self.media: dict[str, bytes] = {}
        self.media_calls: list[str] = []
        self.sent: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.sent_event = threading.Condition(self.lock)
        self.server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def issue_token(self, query: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if query.get("appid") != APP_ID or query.get("secret") != APP_SECRET:
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
            self.sent_event.notify_all()

    def wait_for_sends(self, n: int, *, timeout: float = 5.0) -> list[dict[str, Any]]:
        with self.sent_event:
            self.sent_event.wait_for(lambda: len(self.sent) >= n, timeout=timeout)
            return list(self.sent)


def _handler(fake: FakeWeChat) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
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

        def do_GET(self) -> None:
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

        def do_POST(self) -> None:
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


@pytest.fixture
def fake_wechat() -> Iterator[FakeWeChat]:
    fake = FakeWeChat()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    fake.server = server
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
