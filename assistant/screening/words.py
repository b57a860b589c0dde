"""Codes in the words staff read: categories, statuses, decisions, hand-off reasons, channels,
and a citizen's understood facts as plain sentences (the console shows no raw codes)."""

from __future__ import annotations

from assistant.models import RISK_LEVEL_ZH, Facts
from assistant.screening.models import (
    APPLICANT_GROUPS,
    MEANS_ZH,
    RECOMMENDATION_ZH,
    STATUS_ZH,
)
from assistant.screening.rules import DOCUMENT_LABELS
from knowledge.rules.legal_aid import matter_tags
from knowledge.taxonomy import CATEGORY_CODES, load_categories

DECISION_ZH = {"grant": "给予法律援助", "refuse": "不予法律援助", "more_info": "需补充材料后再定"}
DECISION_KIND_ZH = {"confirmed": "确认了系统建议", "overridden": "修改了系统建议"}
REASON_ZH = {"abstain": "助手没有把握回答", "user_request": "群众要求转人工", "high_risk": "风险较高"}
CHANNEL_ZH = {"kiosk": "一体机", "wechat": "微信公众号", "api": "其他接口"}
SOURCE_ZH = {"staff": "窗口录入", "kiosk": "一体机", "wechat": "微信", "mediation_referral": "调解转来"}
ROLE_ZH = {"responder": "答复员", "staff": "工作人员", "supervisor": "主管"}
PARTY_KIND_ZH = {"person": "个人", "organisation": "单位", "government": "行政机关"}
def labels() -> dict[str, dict[str, str] | list[str]]:
    """Every code the console shows, with its words; lists for the new-application form."""
    names = {c.code: c.name_zh for c in load_categories() if c.code in CATEGORY_CODES}
    return {
        "category": names, "status": STATUS_ZH, "recommendation": RECOMMENDATION_ZH,
        "means_test": MEANS_ZH, "decision": DECISION_ZH, "decision_kind": DECISION_KIND_ZH,
        "reason": REASON_ZH, "channel": CHANNEL_ZH, "source": SOURCE_ZH, "role": ROLE_ZH,
        "risk_level": {k: f"风险{v}" for k, v in RISK_LEVEL_ZH.items()},
        "party_kind": PARTY_KIND_ZH, "document": dict(DOCUMENT_LABELS),
        "groups": sorted(APPLICANT_GROUPS), "matter_tags": sorted(matter_tags()),
    }


def facts_in_words(facts: Facts) -> list[str]:
    """What the assistant understood from the citizen, one plain item each, for staff."""
    return facts.in_words(addressed=False)
