"""Assertions on HTTP responses of the service."""

from __future__ import annotations

from typing import Any


def assert_error(resp: Any, status: int | None = None, code: str | None = None) -> str:
    """The response is an error in the one documented format; returns its code."""
    if status is not None:
        assert resp.status_code == status, resp.text
    assert 400 <= resp.status_code < 600, resp.text
    body = resp.json()
    assert set(body) == {"error"}, body
    err = body["error"]
    assert set(err) == {"code", "message", "request_id"}, err
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err["message"]), err
    assert err["request_id"] == resp.headers["x-request-id"]
    assert "Traceback" not in resp.text
    if code is not None:
        assert err["code"] == code, err
    return str(err["code"])
