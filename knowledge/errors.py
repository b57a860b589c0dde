"""Domain errors with stable codes and the Chinese message shown to users.

``str(error)`` is for logs and operators; ``error.message`` is the only text a user ever sees.
"""

from __future__ import annotations


class LegalAidError(Exception):
    code = "internal_error"
    message = "系统暂时出了点问题，请稍后再试，或拨打12348法律援助热线。"

    def __init__(self, detail: str = "", *, message: str | None = None) -> None:
        super().__init__(detail or self.code)
        if message is not None:
            self.message = message


class IndexMissingError(LegalAidError):
    code = "index_missing"
    message = "知识库索引还没有建立。请管理员运行 `legalaid ingest` 后再试。"


class IndexMismatchError(LegalAidError):
    code = "index_mismatch"
    message = "知识库索引与当前法规数据不一致。请管理员运行 `legalaid ingest --force` 重新建立索引。"


class DataMissingError(LegalAidError):
    code = "data_missing"
    message = "找不到法规数据包。请检查 LEGALAID_DATA_DIR 设置。"


class ModelIntegrityError(LegalAidError):
    code = "model_corrupt"
    message = "模型文件校验失败，已拒绝加载。请管理员重新放置正确的模型文件。"


class OptionalDependencyError(LegalAidError):
    code = "dependency_missing"
    message = "此功能所需的组件没有安装。"
