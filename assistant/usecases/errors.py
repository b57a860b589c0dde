"""Errors of the use cases (bad input, unknown sessions and documents): stable code, fixed
Chinese message, HTTP status."""

from __future__ import annotations

from assistant.errors import AssistantError


class TextEmptyError(AssistantError):
    code = "text_empty"
    message = "请输入您想咨询的问题。"
    status = 422


class TextTooLongError(AssistantError):
    code = "text_too_long"
    message = "您的问题太长了，请精简后再发送。"
    status = 422


class TextInvalidError(AssistantError):
    code = "text_invalid"
    message = "内容中有无法识别的字符，请用文字描述您的问题。"
    status = 422


class SessionIdInvalidError(AssistantError):
    code = "session_id_invalid"
    message = "对话编号格式不正确，请开始新的对话。"
    status = 400


class SessionNotFoundError(AssistantError):
    code = "session_not_found"
    message = "这段对话已经结束或已过期，请开始新的对话。"
    status = 404


class ChannelInvalidError(AssistantError):
    code = "channel_invalid"
    message = "请求来源标识不正确。"
    status = 422


class UploadTooLargeError(AssistantError):
    code = "upload_too_large"
    message = "上传的文件太大了，请缩短录音后再试，或直接输入文字。"
    status = 413


class CategoryUnknownError(AssistantError):
    code = "category_unknown"
    message = "问题类别不正确，请使用十二类法律问题之一的代码。"
    status = 422


class RiskNoCategoryError(AssistantError):
    code = "risk_no_category"
    message = "还不清楚您遇到的是哪一类问题，请先描述一下情况，再做风险评估。"
    status = 422


class DocumentIdInvalidError(AssistantError):
    code = "document_id_invalid"
    message = "文书编号格式不正确。"
    status = 400


class DocumentNotFoundError(AssistantError):
    code = "document_not_found"
    message = "找不到这份文书，可能已过保存期限被删除，请重新生成。"
    status = 404


class PdfNotAvailableError(AssistantError):
    code = "pdf_not_available"
    message = "这份文书没有 PDF 版本，请下载 Word（.docx）文件。"
    status = 404


class TakeHomeNotFoundError(AssistantError):
    code = "take_home_not_found"
    message = "这个链接已经过期或不存在。请回到一体机上重新扫码；取件码仍然可以在一体机上或拨打12348查询。"
    status = 404


class NothingToTakeHomeError(AssistantError):
    code = "nothing_to_take_home"
    message = "还没有可以带走的内容：请先提问，或生成文书、转人工之后再打印或扫码。"
    status = 422


class NothingToReadError(AssistantError):
    code = "nothing_to_read"
    message = "还没有可以朗读的回答，请先提问。"
    status = 404


class ReadAloudStaleError(AssistantError):
    """The "继续朗读" of an answer that has since been replaced by a newer one."""

    code = "read_aloud_stale"
    message = "回答已经更新了，请点“朗读回答”从头听。"
    status = 409
