"""Errors of the knowledge layer: a stable ``code``, the fixed Chinese ``message`` a user may
see, and the HTTP ``status`` a service answers with (the same shape as
``assistant.errors.AssistantError``, whose handler serves both).

``str(error)`` is for logs and operators; ``error.message`` is the only text a user ever sees.
"""

from __future__ import annotations


class KnowledgeError(Exception):
    code = "knowledge_error"
    message = "知识库暂时不可用，请稍后再试，或拨打12348法律援助热线。"
    status = 503

    def __init__(self, detail: str = "", *, message: str | None = None) -> None:
        super().__init__(detail or self.code)
        if message is not None:
            self.message = message


class IndexMissingError(KnowledgeError):
    code = "index_missing"
    message = "知识库索引还没有建立。请管理员运行 `legalaid ingest` 后再试。"


class IndexMismatchError(KnowledgeError):
    code = "index_mismatch"
    message = "知识库索引与当前法规数据不一致。请管理员运行 `legalaid ingest --force` 重新建立索引。"


class DataMissingError(KnowledgeError):
    code = "data_missing"
    message = "找不到法规数据包。请检查 LEGALAID_DATA_DIR 设置。"


class ModelIntegrityError(KnowledgeError):
    code = "model_corrupt"
    message = "模型文件校验失败，已拒绝加载。请管理员重新放置正确的模型文件。"


class ModelNotFoundError(KnowledgeError):
    code = "model_missing"
    message = "找不到配置的模型文件夹。请管理员检查 LEGALAID_EMBEDDER_PATH 设置（必须是本机上的文件夹）。"


class OptionalDependencyError(KnowledgeError):
    code = "dependency_missing"
    message = "此功能所需的组件没有安装。"
