"""The one error model: every error a user can meet has a stable ``code``, a fixed Chinese
``message`` and the HTTP ``status`` the service answers with.

Each package keeps its errors in its own ``errors.py``, deriving from ``AssistantError`` (the
knowledge layer's ``KnowledgeError`` has the same three attributes). One handler in
``assistant.api.errors`` reads them; channels catch ``USER_ERRORS`` and show ``e.message``.
``str(error)`` is for logs only.
"""

from __future__ import annotations

from knowledge.errors import KnowledgeError


class AssistantError(Exception):
    code = "internal_error"
    message = "系统暂时出了点问题，请稍后再试，或拨打12348法律援助热线。"
    status = 500

    def __init__(self, detail: str = "", *, message: str | None = None) -> None:
        super().__init__(detail or self.code)
        if message is not None:
            self.message = message


USER_ERRORS: tuple[type[AssistantError], type[KnowledgeError]] = (AssistantError, KnowledgeError)
"""Every error with a code, a Chinese message and a status (``except USER_ERRORS as e``)."""

UserError = AssistantError | KnowledgeError


class EngineUnavailableError(AssistantError):
    code = "engine_unavailable"
    message = "咨询服务正在启动或暂不可用，请稍后再试，或拨打12348法律援助热线。"
    status = 503


__all__ = ["USER_ERRORS", "AssistantError", "EngineUnavailableError", "UserError"]
