"""The WeChat official-account channel.

``attach`` (the app's ``on_ready`` hook that builds the process's ``WeChatService``) and the
callback router ``assistant.wechat.router.router`` are what ``legalaid.server`` plugs into the
app; ``dedupe``, ``text`` (answers cut to WeChat's size), ``handoff`` and ``client`` (the WeChat
API) are the parts. Imported lazily: importing the package does not import wechatpy.
"""

from __future__ import annotations

from typing import Any

__all__ = ["WeChatClient", "WeChatService", "attach"]


def __getattr__(name: str) -> Any:
    if name in ("WeChatService", "attach"):
        from assistant.wechat import service

        return getattr(service, name)
    if name == "WeChatClient":
        from assistant.wechat.client import WeChatClient

        return WeChatClient
    raise AttributeError(name)
