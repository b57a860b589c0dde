"""The parts of WeChat's HTTP API the adapter needs: access token, media download, custom send.

WeChat issues one access token per account and fetching a new one retires the old, so the token
lives in a ``TokenStore`` that every replica shares (the database: ``SharedState``; in memory
for a single process or a test). It is refreshed shortly before it expires, and once more when
WeChat says it is invalid (40001, 40014, 42001) unless another replica has refreshed it in the
meantime. Secrets and tokens travel in query strings, as WeChat's API requires, so httpx's
request log lines are stripped of their query string.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, TypeVar

import httpx

from assistant.usecases.errors import UploadTooLargeError
from assistant.wechat.errors import WeChatApiError

log = logging.getLogger(__name__)

TOKEN_ERRCODES = frozenset({40001, 40014, 42001})
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
REFRESH_MARGIN_S = 300.0

T = TypeVar("T")


class _RedactQuery(logging.Filter):
    """Drops query strings from httpx's "HTTP Request: GET <url> ..." lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(a.copy_with(query=None) if isinstance(a, httpx.URL) else a
                                for a in record.args)
        return True


def _install_log_redaction() -> None:
    logger = logging.getLogger("httpx")
    if not any(isinstance(f, _RedactQuery) for f in logger.filters):
        logger.addFilter(_RedactQuery())


Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


class TokenStore(Protocol):
    """Where the access token lives (``assistant.db.coordination.SharedState`` is one)."""

    def token(self, app_id: str) -> tuple[str, datetime] | None: ...

    def refresh_token(self, app_id: str, fetch: Callable[[], tuple[str, float]], *,
                      replacing: str | None, margin_s: float) -> tuple[str, datetime]: ...


class MemoryTokens:
    """A ``TokenStore`` in this process only (one process, or tests)."""

    def __init__(self, *, clock: Clock = utcnow) -> None:
        self.clock = clock
        self._tokens: dict[str, tuple[str, datetime]] = {}
        self._lock = threading.Lock()

    def token(self, app_id: str) -> tuple[str, datetime] | None:
        with self._lock:
            return self._tokens.get(app_id)

    def refresh_token(self, app_id: str, fetch: Callable[[], tuple[str, float]], *,
                      replacing: str | None, margin_s: float) -> tuple[str, datetime]:
        with self._lock:
            now = self.clock()
            held = self._tokens.get(app_id)
            if held and held[0] != replacing and held[1] - now > timedelta(seconds=margin_s):
                return held
            token, lifetime = fetch()
            self._tokens[app_id] = (token, now + timedelta(seconds=lifetime))
            return self._tokens[app_id]


class WeChatClient:
    """Thread-safe; ``clock`` is injectable so tests can expire the token."""

    def __init__(self, *, app_id: str, app_secret: str, api_base: str,
                 http: httpx.Client | None = None, tokens: TokenStore | None = None,
                 clock: Clock = utcnow) -> None:
        self.app_id = app_id
        self._secret = app_secret
        self.api_base = api_base.rstrip("/")
        self.http = http or httpx.Client(timeout=TIMEOUT)
        self.clock = clock
        self.tokens: TokenStore = tokens or MemoryTokens(clock=clock)
        _install_log_redaction()

    def close(self) -> None:
        self.http.close()

    def access_token(self, *, rejected: str | None = None) -> str:
        """The shared token; fetched again within ``REFRESH_MARGIN_S`` of expiry, or when it is
        the ``rejected`` one (and no other replica has replaced it yet)."""
        if rejected is None:
            held = self.tokens.token(self.app_id)
            if held and held[1] - self.clock() > timedelta(seconds=REFRESH_MARGIN_S):
                return held[0]
        token, _ = self.tokens.refresh_token(self.app_id, self._fetch_token, replacing=rejected,
                                             margin_s=REFRESH_MARGIN_S)
        return token

    def _fetch_token(self) -> tuple[str, float]:
        data = self._json(self._request("GET", "/cgi-bin/token", params={
            "grant_type": "client_credential", "appid": self.app_id, "secret": self._secret}))
        token, expires_in = data.get("access_token"), data.get("expires_in")
        if not isinstance(token, str) or not token or not isinstance(expires_in, int | float):
            raise WeChatApiError("token response without access_token/expires_in")
        log.info("wechat access token fetched, valid %s s", expires_in)
        return token, float(expires_in)

    def download_media(self, media_id: str, *, max_bytes: int) -> bytes:
        """A temporary media file (a voice note: AMR); ``UploadTooLargeError`` over ``max_bytes``."""
        return self._with_token(lambda token: self._download(token, media_id, max_bytes))

    def _download(self, token: str, media_id: str, max_bytes: int) -> bytes:
        url = f"{self.api_base}/cgi-bin/media/get"
        params = {"access_token": token, "media_id": media_id}
        try:
            with self.http.stream("GET", url, params=params) as resp:
                kind = resp.headers.get("content-type", "")
                if resp.status_code != 200 or "json" in kind or kind.startswith("text/"):
                    # Errors come back as JSON (sometimes labelled text/plain), never as media.
                    resp.read()
                    self._json(resp)
                    raise WeChatApiError(f"media/get HTTP {resp.status_code} {kind!r}")
                return _read_limited(resp, max_bytes)
        except httpx.HTTPError as e:
            raise WeChatApiError(f"media/get failed: {type(e).__name__}") from e

    def send_text(self, open_id: str, content: str) -> None:
        """One customer-service text message (WeChat allows it within 48 h of the user's)."""
        # ensure_ascii=False: WeChat shows \\uXXXX escapes literally instead of decoding them.
        body = json.dumps({"touser": open_id, "msgtype": "text", "text": {"content": content}},
                          ensure_ascii=False).encode("utf-8")
        self._with_token(lambda token: self._json(self._request(
            "POST", "/cgi-bin/message/custom/send", params={"access_token": token},
            content=body, headers={"Content-Type": "application/json; charset=utf-8"})))

    def _with_token(self, call: Callable[[str], T]) -> T:
        token = self.access_token()
        try:
            return call(token)
        except WeChatApiError as e:
            if e.errcode not in TOKEN_ERRCODES:
                raise
            log.info("wechat access token rejected (%s), refreshing", e.errcode)
            return call(self.access_token(rejected=token))

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            return self.http.request(method, f"{self.api_base}{path}", **kwargs)
        except httpx.HTTPError as e:
            raise WeChatApiError(f"{path} failed: {type(e).__name__}") from e

    @staticmethod
    def _json(resp: httpx.Response) -> dict[str, Any]:
        """The JSON body; ``WeChatApiError`` (with ``errcode``) for HTTP or WeChat errors."""
        try:
            data = resp.json()
        except ValueError as e:
            raise WeChatApiError(f"HTTP {resp.status_code}, not JSON") from e
        if not isinstance(data, dict):
            raise WeChatApiError("JSON is not an object")
        errcode = data.get("errcode", 0)
        if errcode:
            # errmsg is WeChat's own text (no secrets); the request URL is never logged.
            raise WeChatApiError(f"errcode {errcode}: {str(data.get('errmsg'))[:120]}",
                                 errcode=int(errcode) if isinstance(errcode, int) else None)
        if resp.status_code != 200:
            raise WeChatApiError(f"HTTP {resp.status_code}")
        return data


def _read_limited(resp: httpx.Response, max_bytes: int) -> bytes:
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise UploadTooLargeError(f"media {declared} > {max_bytes} bytes")
    out = bytearray()
    for chunk in resp.iter_bytes():
        out += chunk
        if len(out) > max_bytes:
            raise UploadTooLargeError(f"media over {max_bytes} bytes")
    return bytes(out)
