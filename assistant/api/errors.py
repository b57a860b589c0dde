"""One error format for every failure: ``{"error": {"code", "message", "request_id"}}``.

``code`` is stable (clients branch on it), ``message`` is the fixed Chinese text for users, and
the HTTP status is fixed per code. Internals (``str(e)``, tracebacks) go to the log only.
"""

from __future__ import annotations

import contextvars
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from knowledge.errors import LegalAidError

log = logging.getLogger("legalaid.api")

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

INTERNAL_MESSAGE = LegalAidError.message
INVALID_REQUEST_MESSAGE = "请求格式不正确，请检查填写的内容后再试。"
INVALID_JSON_MESSAGE = "请求内容不是有效的 JSON，请检查后再试。"
RATE_LIMITED_MESSAGE = "您的请求太频繁了，请稍等一会儿再试。"
BODY_TOO_LARGE_MESSAGE = "提交的内容太大了，请精简后再试。"
NOT_FOUND_MESSAGE = "找不到您要访问的地址。"
METHOD_NOT_ALLOWED_MESSAGE = "不支持这种请求方式。"
DATABASE_UNAVAILABLE_MESSAGE = "系统存储暂时连不上，请稍后再试，或拨打12348法律援助热线。"

# Codes not listed are client errors (400), except codes ending in "_unavailable" (503).
STATUS_BY_CODE: dict[str, int] = {
    "invalid_request": 422,
    "text_empty": 422,
    "text_too_long": 422,
    "text_invalid": 422,
    "channel_invalid": 422,
    "category_unknown": 422,
    "risk_no_category": 422,
    "document_missing_fields": 422,
    "document_invalid_field": 422,
    "session_id_invalid": 400,
    "document_id_invalid": 400,
    "session_not_found": 404,
    "document_not_found": 404,
    "pdf_not_available": 404,
    "template_unknown": 404,
    "not_found": 404,
    "method_not_allowed": 405,
    "session_conflict": 409,
    "body_too_large": 413,
    "upload_too_large": 413,
    "audio_too_long": 413,
    "audio_unsupported": 415,
    "audio_corrupt": 422,
    "audio_too_short": 422,
    "audio_silent": 422,
    "rate_limited": 429,
    "internal_error": 500,
    "template_invalid": 500,
    "pdf_conversion_failed": 500,
    "model_corrupt": 503,
    "index_missing": 503,
    "index_mismatch": 503,
    "data_missing": 503,
    "dependency_missing": 503,
    "asr_not_configured": 503,
    "engine_unavailable": 503,
    "speech_error": 503,
    "tts_unavailable": 503,
    "database_unavailable": 503,
}


class ErrorDetail(BaseModel):
    code: str = Field(description="稳定的错误代码，客户端据此分支", examples=["text_empty"])
    message: str = Field(description="给用户看的中文说明")
    request_id: str = Field(description="请求编号（同响应头 X-Request-ID），用于查日志")


class ErrorResponse(BaseModel):
    error: ErrorDetail


# Documented on every operation: a "default" response also stops FastAPI from documenting its
# own 422 body ({"detail": [...]}), which this service never sends.
ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    "default": {"model": ErrorResponse,
                "description": "错误：`{\"error\": {\"code\", \"message\", \"request_id\"}}`"},
}


def status_for(code: str) -> int:
    if code in STATUS_BY_CODE:
        return STATUS_BY_CODE[code]
    return 503 if code.endswith("_unavailable") else 400


def error_response(
    code: str, message: str, *, status: int | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "request_id": request_id_var.get()}}
    return JSONResponse(body, status_code=status or status_for(code), headers=headers)


async def _legal_aid_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, LegalAidError)
    status = status_for(exc.code)
    level = logging.ERROR if status >= 500 else logging.INFO
    log.log(level, "%s %s -> %s: %s", request.method, request.url.path, exc.code, exc)
    return error_response(exc.code, exc.message, status=status)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    # Locations only: the rejected values may be personal data.
    where = [".".join(str(p) for p in e.get("loc", ())) for e in errors]
    log.info("%s %s -> invalid_request at %s", request.method, request.url.path, where)
    bad_json = any(e.get("type") == "json_invalid" for e in errors)
    return error_response("invalid_request", INVALID_JSON_MESSAGE if bad_json
                          else INVALID_REQUEST_MESSAGE)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        return error_response("not_found", NOT_FOUND_MESSAGE)
    if exc.status_code == 405:
        return error_response("method_not_allowed", METHOD_NOT_ALLOWED_MESSAGE)
    if exc.status_code >= 500:
        return error_response("internal_error", INTERNAL_MESSAGE, status=exc.status_code)
    return error_response("invalid_request", INVALID_REQUEST_MESSAGE, status=exc.status_code)


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    # Connection-level failures only (server down, file gone, pool exhausted): the request can
    # be retried once the database is back. Driver text may hold the URL: log the class only.
    log.error("%s %s -> database_unavailable: %s", request.method, request.url.path,
              type(exc).__name__)
    return error_response("database_unavailable", DATABASE_UNAVAILABLE_MESSAGE, status=503,
                          headers={"Retry-After": "5"})


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response("internal_error", INTERNAL_MESSAGE, status=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(LegalAidError, _legal_aid_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for db_error in _database_errors():
        app.add_exception_handler(db_error, _database_error)
    app.add_exception_handler(Exception, _unexpected_error)


def _database_errors() -> tuple[type[Exception], ...]:
    from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError, TimeoutError

    return (OperationalError, InterfaceError, DisconnectionError, TimeoutError)
