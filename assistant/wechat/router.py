"""``/wechat``: the official-account callback URL (GET = URL check, POST = messages).

Thin: size limit and error mapping here, everything else in ``assistant.wechat.service``.
Errors use the API's one JSON format; a forged signature is a 403.
"""

from __future__ import annotations

import logging
import time

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from assistant.api.deps import ServicesDep
from assistant.api.errors import BODY_TOO_LARGE_MESSAGE, error_response
from assistant.wechat.adapter import WeChatSignatureError, WeChatXmlError
from assistant.wechat.service import wechat_service

log = logging.getLogger("legalaid.api")

router = APIRouter(tags=["wechat"], include_in_schema=False)


@router.get("/wechat", summary="微信服务器地址校验")
def verify(request: Request, services: ServicesDep) -> Response:
    service = wechat_service(services)
    try:
        echo = service.verify(request.query_params)
    except WeChatSignatureError as e:
        return _signature_error(e)
    return PlainTextResponse(echo)


@router.post("/wechat", summary="微信消息回调")
async def receive(request: Request, services: ServicesDep) -> Response:
    received_at = time.monotonic()
    service = wechat_service(services)
    body = await _read_body(request, limit=services.settings.wechat.max_body_bytes)
    if body is None:
        return error_response("body_too_large", BODY_TOO_LARGE_MESSAGE, status=413)
    try:
        reply = await run_in_threadpool(service.handle, body, request.query_params,
                                        received_at=received_at)
    except WeChatSignatureError as e:
        return _signature_error(e)
    except WeChatXmlError as e:
        return error_response(e.code, e.message, status=400)
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


def _signature_error(e: WeChatSignatureError) -> JSONResponse:
    log.warning("wechat callback rejected: %s", e)
    return error_response(e.code, e.message, status=403)
