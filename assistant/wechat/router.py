"""``/wechat``: the official-account callback URL (GET = URL check, POST = messages).

Thin: size limit here, everything else in ``assistant.wechat.service``. Errors are raised with
their code and status (a forged signature is a 403) and rendered by the service's one error
handler in the API's JSON format.
"""

from __future__ import annotations

import logging
import time

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from assistant.wechat.errors import WeChatBodyTooLargeError, WeChatSignatureError
from assistant.wechat.service import service_of

log = logging.getLogger("legalaid.api")

router = APIRouter(tags=["wechat"], include_in_schema=False)


@router.get("/wechat", summary="微信服务器地址校验")
def verify(request: Request) -> Response:
    try:
        echo = service_of(request.app.state).verify(request.query_params)
    except WeChatSignatureError as e:
        log.warning("wechat callback rejected: %s", e)
        raise
    return PlainTextResponse(echo)


@router.post("/wechat", summary="微信消息回调")
async def receive(request: Request) -> Response:
    received_at = time.monotonic()
    service = service_of(request.app.state)
    body = await _read_body(request, limit=service.services.settings.wechat.max_body_bytes)
    if body is None:
        raise WeChatBodyTooLargeError("wechat callback body over the limit")
    try:
        reply = await run_in_threadpool(service.handle, body, request.query_params,
                                        received_at=received_at)
    except WeChatSignatureError as e:
        log.warning("wechat callback rejected: %s", e)
        raise
    media = "text/plain" if reply == "success" else "application/xml"
    return Response(reply, media_type=media)


async def _read_body(request: Request, *, limit: int) -> bytes | None:
    """The body, or None once it passes ``limit`` bytes (nothing more is read)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)
