"""The WeChat official-account channel: callback router, service and WeChat API client."""

from __future__ import annotations

__all__ = ["WeChatClient", "WeChatService", "router"]


def __getattr__(name: str) -> object:
    # Lazy, so that importing the package does not import wechatpy or FastAPI.
    if name == "router":
        from assistant.wechat.router import router

        return router
    if name == "WeChatService":
        from assistant.wechat.service import WeChatService

        return WeChatService
    if name == "WeChatClient":
        from assistant.wechat.client import WeChatClient

        return WeChatClient
    raise AttributeError(name)
