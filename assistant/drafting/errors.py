"""Errors of document drafting, each with a stable code and the Chinese message users see."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.errors import AssistantError


class TemplateUnknownError(AssistantError):
    code = "template_unknown"
    message = "没有这个文书模板。可用 `legalaid draft --list` 查看全部模板。"
    status = 404

    def __init__(self, template_id: str, *, known: Sequence[str] = ()) -> None:
        hint = f"可用的模板有：{'、'.join(known)}。" if known else ""
        super().__init__(template_id, message=f"没有名为“{template_id}”的文书模板。{hint}")
        self.template_id = template_id


class TemplateInvalidError(AssistantError):
    """A template data file is malformed — an operator/developer problem, not a user one."""

    code = "template_invalid"
    message = "文书模板文件有误，请联系管理员。"
    status = 500


class DocumentMissingFieldsError(AssistantError):
    code = "document_missing_fields"
    message = "文书还缺少必填内容。"
    status = 422

    def __init__(self, labels: Sequence[str]) -> None:
        self.missing_labels: tuple[str, ...] = tuple(labels)
        super().__init__(
            ",".join(self.missing_labels),
            message=f"文书还缺少以下必填内容：{'、'.join(self.missing_labels)}。请补充后再生成。",
        )


class DocumentInvalidFieldError(AssistantError):
    code = "document_invalid_field"
    message = "文书中有内容填写不正确。"
    status = 422

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        """``problems``: (field label, Chinese explanation) pairs."""
        self.problems: tuple[tuple[str, str], ...] = tuple(problems)
        lines = "；".join(f"{label}：{why}" for label, why in self.problems)
        super().__init__(
            ",".join(label for label, _ in self.problems),
            message=f"以下内容需要修改：{lines}",
        )


class PdfConversionError(AssistantError):
    code = "pdf_conversion_failed"
    message = "PDF 转换失败，已生成的 Word（.docx）文件仍可使用。"
    status = 500
