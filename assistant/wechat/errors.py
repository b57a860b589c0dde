"""WeChat channel errors: stable code, fixed Chinese message, HTTP status."""

from __future__ import annotations

from assistant.errors import AssistantError


class WeChatSignatureError(AssistantError):
    code = "wechat_signature_invalid"
    message = "签名校验失败，请求已被拒绝。"
    status = 403


class WeChatXmlError(AssistantError):
    code = "wechat_xml_invalid"
    message = "消息格式不正确，无法处理。"
    status = 400


class WeChatBodyTooLargeError(AssistantError):
    code = "body_too_large"
    message = "提交的内容太大了，请精简后再试。"
    status = 413


class WeChatUnavailableError(AssistantError):
    code = "wechat_unavailable"
    message = "微信接入尚未开通。"
    status = 503


class WeChatApiError(AssistantError):
    code = "wechat_api_unavailable"
    message = "微信接口暂时不可用，请稍后再试，或直接输入文字。"
    status = 503

    def __init__(self, detail: str = "", *, errcode: int | None = None) -> None:
        super().__init__(detail)
        self.errcode = errcode
