"""Screening errors: stable codes, fixed Chinese messages and the HTTP status of each code."""

from __future__ import annotations

from assistant.errors import AssistantError


class ScreeningError(AssistantError):
    code = "screening_error"
    message = "操作没有完成，请检查后再试。"
    status = 400


class NotAuthenticatedError(ScreeningError):
    code = "not_authenticated"
    message = "请先登录工作台。"
    status = 401


class TokenExpiredError(ScreeningError):
    code = "token_expired"
    message = "登录已过期，请重新登录。"
    status = 401


class LoginFailedError(ScreeningError):
    code = "login_failed"
    message = "用户名或密码不正确。"
    status = 401


class ForbiddenError(ScreeningError):
    code = "forbidden"
    message = "您的账号没有这项操作的权限。"
    status = 403


class ConsoleUnavailableError(ScreeningError):
    code = "staff_console_unavailable"
    message = "工作台未启用：请管理员设置 LEGALAID_STAFF__TOKEN_SECRET。"
    status = 503


class NotFoundError(ScreeningError):
    code = "record_not_found"
    message = "找不到这条记录。"
    status = 404


class PickupCodeNotFoundError(ScreeningError):
    code = "pickup_code_not_found"
    message = "取件码不正确或已失效，请核对后再输入。"
    status = 404


class TransitionError(ScreeningError):
    code = "transition_invalid"
    message = "当前状态下不能进行这项操作。"
    status = 409


class ReasonRequiredError(ScreeningError):
    code = "reason_required"
    message = "修改审查建议必须填写理由。"
    status = 422


class ConsentRequiredError(ScreeningError):
    code = "consent_required"
    message = "需要您明确同意后，才能把对话内容转给工作人员。"
    status = 422


class NothingToEscalateError(ScreeningError):
    code = "escalation_empty"
    message = "请先说一说您遇到的问题，再转给工作人员。"
    status = 422


class EscalationReasonInvalidError(ScreeningError):
    code = "escalation_reason_invalid"
    message = "转人工的原因或来源不正确。"
    status = 422


class UserExistsError(ScreeningError):
    code = "user_exists"
    message = "这个用户名已经存在。"
    status = 409


class AlreadyDoneError(ScreeningError):
    code = "already_done"
    message = "这项工作已经完成，不能重复提交。"
    status = 409


class RosterInvalidError(ScreeningError):
    """``errors`` lists ``(row, message)``; row 0 means the whole file."""

    code = "roster_invalid"
    message = "律师名册有错误，没有导入任何一行，请按错误清单修改后重新导入。"
    status = 422

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        super().__init__(f"{len(errors)} bad rows")
        self.errors = errors

    def response_extra(self) -> dict[str, object]:
        """The error list, added to the error body so the console can show every bad row."""
        return {"rows": [{"row": r, "message": m} for r, m in self.errors]}


class NoCategoryError(ScreeningError):
    code = "application_no_category"
    message = "这段对话还没有确定属于哪类问题，请到窗口由工作人员登记申请。"
    status = 422
