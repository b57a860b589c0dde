"""One error format for every failure: ``{"error": {"code", "message", "request_id"}}``.

``code`` is stable (clients branch on it), ``message`` is the fixed Chinese text for users, and
the HTTP status is the error class's ``status`` (``assistant.errors``): one handler reads all
three. Internals (``str(e)``, tracebacks) go to the log only.
"""

from __future__ import annotations

import contextvars
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import USER_ERRORS, AssistantError

log = logging.getLogger("legalaid.api")

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

INTERNAL_MESSAGE = AssistantError.message
INVALID_REQUEST_MESSAGE = "请求格式不正确，请检查填写的内容后再试。"
INVALID_JSON_MESSAGE = "请求内容不是有效的 JSON，请检查后再试。"
RATE_LIMITED_MESSAGE = "您的请求太频繁了，请稍等一会儿再试。"
BODY_TOO_LARGE_MESSAGE = "提交的内容太大了，请精简后再试。"
NOT_FOUND_MESSAGE = "找不到您要访问的地址。"
METHOD_NOT_ALLOWED_MESSAGE = "不支持这种请求方式。"
DATABASE_UNAVAILABLE_MESSAGE = "系统存储暂时连不上，请稍后再试，或拨打12348法律援助热线。"

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


def error_response(
    code: str, message: str, *, status: int, headers: dict[str, str] | None = None,
    extra: dict[str, object] | None = None,
) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "request_id": request_id_var.get(),
                      **(extra or {})}}
    return JSONResponse(body, status_code=status, headers=headers)


async def _user_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, USER_ERRORS)
    level = logging.ERROR if exc.status >= 500 else logging.INFO
    log.log(level, "%s %s -> %s: %s", request.method, request.url.path, exc.code, exc)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    extra = getattr(exc, "response_extra", None)
    return error_response(exc.code, exc.message, status=exc.status, headers=headers,
                          extra=extra() if callable(extra) else None)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    # Locations only: the rejected values may be personal data.
    where = [".".join(str(p) for p in e.get("loc", ())) for e in errors]
    log.info("%s %s -> invalid_request at %s", request.method, request.url.path, where)
    bad_json = any(e.get("type") == "json_invalid" for e in errors)
    return error_response("invalid_request", INVALID_JSON_MESSAGE if bad_json
                          else INVALID_REQUEST_MESSAGE, status=422)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        return error_response("not_found", NOT_FOUND_MESSAGE, status=404)
    if exc.status_code == 405:
        return error_response("method_not_allowed", METHOD_NOT_ALLOWED_MESSAGE, status=405)
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


async def _file_gone(request: Request, exc: Exception) -> JSONResponse:
    """A file that a file route found and then could not read: the kiosk deletes a recording as
    soon as it is read, and the page's own player may still ask for it (Gradio's ``/file=``
    route checks that the file exists, then stats it for a ranged read). Anywhere else a missing
    file is a fault."""
    if "/file=" not in request.url.path:
        return await _unexpected_error(request, exc)
    log.info("%s %s -> file already deleted", request.method, request.url.path)
    return error_response("not_found", NOT_FOUND_MESSAGE, status=404)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response("internal_error", INTERNAL_MESSAGE, status=500)


def install_error_handlers(app: FastAPI) -> None:
    for error_type in USER_ERRORS:
        app.add_exception_handler(error_type, _user_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for db_error in _database_errors():
        app.add_exception_handler(db_error, _database_error)
    app.add_exception_handler(FileNotFoundError, _file_gone)
    app.add_exception_handler(Exception, _unexpected_error)


def _database_errors() -> tuple[type[Exception], ...]:
    from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError, TimeoutError

    return (OperationalError, InterfaceError, DisconnectionError, TimeoutError)
