"""Errors of the operator command line: stable code, fixed Chinese message, status."""

from __future__ import annotations

from assistant.errors import AssistantError


class FieldsFileError(AssistantError):
    code = "fields_file_invalid"
    message = '字段文件无法读取：请提供 UTF-8 编码的 JSON 对象，例如 {"applicant_name": "张三"}。'
    status = 400
