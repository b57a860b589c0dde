"""ASGI middleware: request IDs and access logs, per-client rate limits, body-size limits,
and the JSON log format with personal data masked.

Pure ASGI (not ``BaseHTTPMiddleware``) so streamed bodies are counted as they arrive and
file downloads are not buffered.
"""

from __future__ import annotations

import json
import logging
import math
import re
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.errors import (
    BODY_TOO_LARGE_MESSAGE,
    INTERNAL_MESSAGE,
    RATE_LIMITED_MESSAGE,
    error_response,
    request_id_var,
)
from assistant.api.masking import mask_pii

access_log = logging.getLogger("legalaid.access")
log = logging.getLogger("legalaid.api")

_REQUEST_ID_RE = re.compile(r"[A-Za-z0-9._-]{1,64}")
UPLOAD_TOO_LARGE_MESSAGE = "上传的文件太大了，请缩短录音后再试，或直接输入文字。"


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def client_ip(scope: Scope) -> str:
    # uvicorn rewrites ``client`` from X-Forwarded-For only for trusted proxies
    # (``legalaid serve --forwarded-allow-ips``), so a client cannot forge its own key here.
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


class RequestContextMiddleware:
    """Request ID (``X-Request-ID``, generated unless a sane one came in), which replica answered
    (``X-Replica``: an opaque per-process ID, to follow a request behind a load balancer), one
    access-log line per request (path without the query string), and the last-resort 500 in our
    format."""

    def __init__(self, app: ASGIApp, *, replica: Callable[[], str | None] = lambda: None) -> None:
        self.app = app
        self.replica = replica

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = _header(scope, b"x-request-id")
        rid = incoming if incoming and _REQUEST_ID_RE.fullmatch(incoming) else uuid.uuid4().hex
        token = request_id_var.set(rid)
        scope.setdefault("state", {})["request_id"] = rid
        status = {"code": 500, "started": False}
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"], status["started"] = message["status"], True
                headers = message.setdefault("headers", [])
                headers.append((b"x-request-id", rid.encode()))
                if (replica := self.replica()) is not None:
                    headers.append((b"x-replica", replica.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as e:
            if status["started"] and _vanished_file(e):
                # A file removed between its headers and its bytes: the kiosk deletes a
                # citizen's recording as soon as it is read, while the browser's player may
                # still be fetching it. The client sees a cut transfer; nothing is broken here.
                log.warning("file removed while it was being sent on %s %s",
                            scope.get("method"), scope.get("path"))
                return
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if not status["started"]:
                await error_response("internal_error", INTERNAL_MESSAGE, status=500)(
                    scope, receive, send_with_id)
        finally:
            access_log.info(
                "%s %s %s", scope.get("method"), scope.get("path"), status["code"],
                extra={"method": scope.get("method"), "path": scope.get("path"),
                       "status": status["code"], "client": client_ip(scope),
                       "duration_ms": round((time.perf_counter() - started) * 1000, 1)},
            )
            request_id_var.reset(token)


def _vanished_file(error: BaseException) -> bool:
    """Whether a FileNotFoundError is the root of ``error`` (through its causes)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, FileNotFoundError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


class TokenBuckets:
    """Per-key token buckets: ``capacity`` requests at once, refilled at ``capacity`` a minute.

    In memory, per process: with N workers each one limits on its own, so one client can make up
    to N× the configured rate against the whole deployment (a shared limit would need Redis or
    the database on every request; the load balancer is the place for a hard cap).
    """

    MAX_KEYS = 10_000

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last time)
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """0.0 when a request may go ahead, else the seconds until one token is back."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                return (1.0 - tokens) / self.rate
            self._buckets[key] = (tokens - 1.0, now)
            if len(self._buckets) > self.MAX_KEYS:
                self._forget_full(now)
            return 0.0

    def _forget_full(self, now: float) -> None:
        # A bucket that has refilled is the same as no bucket: drop those to bound memory.
        full = [k for k, (t, last) in self._buckets.items()
                if t + (now - last) * self.rate >= self.capacity]
        for k in full:
            del self._buckets[k]


class RateLimitMiddleware:
    """429 ``rate_limited`` once a client IP has used its bucket on paths under ``prefixes``."""

    def __init__(self, app: ASGIApp, *, per_minute: int, prefixes: Iterable[str] = ("/v1/",),
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self.prefixes = tuple(prefixes)
        self.buckets = TokenBuckets(per_minute, clock=clock) if per_minute > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (self.buckets is None or scope["type"] != "http"
                or not str(scope.get("path", "")).startswith(self.prefixes)):
            await self.app(scope, receive, send)
            return
        wait = self.buckets.take(client_ip(scope))
        if wait > 0:
            headers = {"Retry-After": str(max(1, math.ceil(wait)))}
            await error_response("rate_limited", RATE_LIMITED_MESSAGE, status=429, headers=headers)(
                scope, receive, send)
            return
        await self.app(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


class BodySizeLimitMiddleware:
    """413 before the app reads more than the limit: ``max_upload_bytes`` on upload paths,
    ``max_body_bytes`` elsewhere; checked on Content-Length and on the bytes actually received."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, max_upload_bytes: int,
                 upload_paths: Iterable[str] = ("/v1/voice",)) -> None:
        self.app = app
        self.max_body = max_body_bytes
        self.max_upload = max_upload_bytes
        self.upload_paths = frozenset(upload_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        upload = scope.get("path") in self.upload_paths
        limit = self.max_upload if upload else self.max_body
        code, message_zh = (("upload_too_large", UPLOAD_TOO_LARGE_MESSAGE) if upload
                            else ("body_too_large", BODY_TOO_LARGE_MESSAGE))
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await error_response(code, message_zh, status=413)(scope, receive, send)
            return
        received = 0
        started = exceeded = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            # The app may catch our exception (FastAPI turns body errors into a 400); whatever
            # it answers after the limit was crossed is replaced by the 413.
            nonlocal started
            if exceeded:
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await error_response(code, message_zh, status=413)(scope, receive, send)
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except _BodyTooLarge:
            if not started:
                await error_response(code, message_zh, status=413)(scope, receive, send)


# ---------------------------------------------------------------- structured logs

_STANDARD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "taskName", "color_message"}


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return mask_pii(value)
    if isinstance(value, int | float | bool) or value is None:
        return value
    return mask_pii(str(value))


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, request ID, message and extras, with ID
    numbers, phone numbers and self-given names masked everywhere (tracebacks included)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", None) or request_id_var.get(),
            "msg": mask_pii(record.getMessage()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and key not in entry:
                entry[key] = _masked(value)
        if record.exc_info:
            entry["exc"] = mask_pii(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str | int = "INFO") -> None:
    """Send every logger (uvicorn's included) to stderr as masked JSON lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # uvicorn's access lines carry query strings (personal data); RequestContextMiddleware logs
    # every request instead, path only.
    access = logging.getLogger("uvicorn.access")
    access.handlers[:] = []
    access.propagate = False
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # Whatever Python itself would print as plain text goes through the same JSON lines:
    # warnings, and exceptions that escape a thread or the main program.
    logging.captureWarnings(True)
    threading.excepthook = _log_thread_exception
    sys.excepthook = _log_uncaught


def _log_thread_exception(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread else "?"
    logging.getLogger("legalaid.thread").error(
        "uncaught exception in thread %s", name,
        exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback))


def _log_uncaught(exc_type: type[BaseException], value: BaseException, tb: Any) -> None:
    logging.getLogger("legalaid").critical("uncaught exception", exc_info=(exc_type, value, tb))
