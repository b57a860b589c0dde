"""The FastAPI application: ``create_app`` (the server's factory is ``legalaid.server``).

Heavy state (index, engine, models, database) is built in the lifespan, never at import time.
Other channels plug in without this package importing them: ``routers`` are included after the
built-in ones, ``kiosk`` is a callable that mounts a UI onto the app (e.g.
``gr.mount_gradio_app``), and ``on_ready`` hooks run once the services are built (returning a
closer); all reach the shared ``Services`` through ``app.state.services``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from assistant.api.errors import ERROR_RESPONSES, install_error_handlers
from assistant.api.middleware import (
    BodySizeLimitMiddleware,
    RateLimitMiddleware,
    RequestContextMiddleware,
)
from assistant.api.routes import (
    applications,
    chat,
    console,
    docs,
    documents,
    health,
    risk,
    search,
    staff,
    voice,
)
from assistant.app import Services, build_services, purge_expired
from assistant.config import Settings, get_settings
from assistant.db.retention import heartbeat_loop, retention_loop

DEFAULT_ROUTERS: tuple[APIRouter, ...] = (
    health.router,
    chat.router,
    voice.router,
    risk.router,
    search.router,
    documents.router,
    staff.router,
    applications.router,
    console.router,
)
Kiosk = Callable[[FastAPI], Any]
OnReady = Callable[[FastAPI, Services], Callable[[], None] | None]

DESCRIPTION = (
    "法律援助智能助手：文字或语音咨询、风险评估、法律文书起草和法条检索。"
    "所有错误均以 `{\"error\": {\"code\", \"message\", \"request_id\"}}` 返回，`code` 稳定不变。"
)


def create_app(
    settings: Settings | None = None,
    *,
    services: Services | None = None,
    routers: Sequence[APIRouter] = (),
    kiosk: Kiosk | None = None,
    on_ready: Sequence[OnReady] = (),
) -> FastAPI:
    """The application. With ``services`` given (tests), nothing is loaded in the lifespan and
    the caller keeps ownership (it is not closed on shutdown)."""
    settings = settings or (services.settings if services else get_settings())
    # The docs pages are ours (routes/docs.py): their assets come from the installation.
    app = FastAPI(title="法律援助智能助手 API", version="1.0", description=DESCRIPTION,
                  lifespan=_lifespan(settings, services, on_ready),
                  docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.services = services
    install_error_handlers(app)
    for router in (*DEFAULT_ROUTERS, *routers):
        app.include_router(router, responses=ERROR_RESPONSES)
    app.include_router(docs.docs_router(app))
    if kiosk is not None:
        kiosk(app)
    _add_middleware(app, settings)
    return app


def _add_middleware(app: FastAPI, settings: Settings) -> None:
    limits = settings.service
    # add_middleware wraps: the last added runs first. Order, outermost first: request context,
    # rate limit, body size, CORS.
    if limits.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=limits.cors_origins,
                           allow_methods=["GET", "POST", "DELETE"], allow_headers=["*"])
    # Audio uploads (the API's and the kiosk microphone's) get the larger upload limit.
    app.add_middleware(BodySizeLimitMiddleware, max_body_bytes=limits.max_body_bytes,
                       max_upload_bytes=limits.max_upload_bytes,
                       upload_paths=("/v1/voice", "/gradio_api/upload"))
    app.add_middleware(RateLimitMiddleware, per_minute=limits.rate_limit_per_minute)
    app.add_middleware(RequestContextMiddleware, replica=lambda: _replica_id(app))


def _replica_id(app: FastAPI) -> str | None:
    services: Services | None = getattr(app.state, "services", None)
    return services.replica_id if services is not None else None


def _lifespan(
    settings: Settings, given: Services | None, on_ready: Sequence[OnReady]
) -> Callable[[FastAPI], contextlib.AbstractAsyncContextManager[None]]:
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if given is None:
            services = await run_in_threadpool(build_services, settings)
        else:
            services = given
        app.state.services = services
        closers = [c for hook in on_ready if (c := hook(app, services)) is not None]
        tasks = [
            asyncio.create_task(heartbeat_loop(services.shared.beat,
                                               interval_s=settings.service.heartbeat_s)),
            asyncio.create_task(retention_loop(lambda: purge_expired(services),
                                               interval_s=settings.service.purge_interval_s)),
        ]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            for close in closers:
                close()
            with contextlib.suppress(Exception):  # the database may be the thing that is down
                await run_in_threadpool(services.shared.leave)
            if given is None:
                services.close()

    return lifespan
