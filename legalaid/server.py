"""The served application: the API with the channels the settings switch on.

``app_from_env`` is uvicorn's factory (``legalaid.server:app_from_env``), one app per worker.
The API does not import the kiosk or WeChat: they are plugged in here, above all channels.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from assistant.api.app import Kiosk, OnReady, create_app
from assistant.api.middleware import configure_logging
from assistant.config import Settings, get_settings


def app_from_env() -> FastAPI:
    configure_logging()
    return build_app(get_settings())


def build_app(settings: Settings) -> FastAPI:
    """The API, plus the kiosk page at ``/`` and the WeChat callback when switched on."""
    routers: list[APIRouter] = []
    on_ready: list[OnReady] = []
    if settings.wechat.enabled:
        # Imported only then: WeChat pulls in wechatpy.
        from assistant.wechat.router import router as wechat_router
        from assistant.wechat.service import attach

        routers.append(wechat_router)
        on_ready.append(attach)
    kiosk: Kiosk | None = None
    if settings.kiosk.enabled:
        # Imported only then: Gradio takes seconds to import.
        from assistant.kiosk import mount_kiosk

        kiosk = mount_kiosk
    return create_app(settings, routers=routers, kiosk=kiosk, on_ready=on_ready)
