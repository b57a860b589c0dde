from __future__ import annotations

import asyncio
import json
import logging

import pytest
from starlette.types import Message, Receive, Scope, Send

from assistant.api.errors import request_id_var
from assistant.api.middleware import JsonFormatter, RequestContextMiddleware, TokenBuckets


def test_token_bucket_allows_the_burst_then_refills() -> None:
    now = [0.0]
    buckets = TokenBuckets(6, clock=lambda: now[0])  # 6 a minute = one every 10 s
    assert all(buckets.take("1.2.3.4") == 0.0 for _ in range(6))
    wait = buckets.take("1.2.3.4")
    assert 9.0 < wait <= 10.0
    assert buckets.take("5.6.7.8") == 0.0  # other clients are unaffected
    now[0] += 10.0
    assert buckets.take("1.2.3.4") == 0.0


def test_json_log_lines_mask_personal_data_and_carry_the_request_id() -> None:
    token = request_id_var.set("req-123")
    try:
        record = logging.LogRecord("legalaid.api", logging.INFO, __file__, 1,
                                   "user said %s", ("我叫李四，电话13912345678",), None)
        record.path = "/v1/chat"
        record.detail = "身份证 110101199003071234"
        try:
            raise ValueError("bad 13912345678")
        except ValueError:
            import sys

            record.exc_info = sys.exc_info()
        line = JsonFormatter().format(record)
    finally:
        request_id_var.reset(token)
    entry = json.loads(line)
    assert entry["request_id"] == "req-123" and entry["level"] == "INFO"
    assert entry["msg"] == "user said 我叫[姓名]，电话[手机号]"
    assert entry["path"] == "/v1/chat" and "110101199003071234" not in entry["detail"]
    assert "13912345678" not in line and "李四" not in line


def _run_after_start(error: Exception, caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Send a response's headers, then fail with ``error``; what the middleware logged."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        raise error

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    scope: Scope = {"type": "http", "method": "GET", "path": "/gradio_api/file=x/audio.wav",
                    "headers": [], "client": ("127.0.0.1", 1)}
    with caplog.at_level(logging.INFO, logger="legalaid"):
        asyncio.run(RequestContextMiddleware(app)(scope, receive, send))
    assert sent[0]["status"] == 200  # no second response was attempted
    return [r for r in caplog.records if r.name == "legalaid.api"]


def test_a_file_removed_mid_transfer_is_a_warning_without_a_traceback(
        caplog: pytest.LogCaptureFixture) -> None:
    # Starlette's FileResponse sends the headers, then opens the file; the kiosk may have
    # deleted the citizen's recording in between (a race seen in one CI run).
    try:
        try:
            raise FileNotFoundError(2, "No such file or directory", "audio.wav")
        except FileNotFoundError as fnf:
            raise RuntimeError("Caught handled exception, but response already started.") from fnf
    except RuntimeError as chained:
        records = _run_after_start(chained, caplog)
    assert [(r.levelname, r.exc_info) for r in records] == [("WARNING", None)]
    assert "removed while it was being sent" in records[0].getMessage()


def test_any_other_failure_after_the_headers_is_still_an_error_with_its_traceback(
        caplog: pytest.LogCaptureFixture) -> None:
    records = _run_after_start(ValueError("a real bug"), caplog)
    assert [r.levelname for r in records] == ["ERROR"]
    assert records[0].exc_info is not None and records[0].exc_info[0] is ValueError
