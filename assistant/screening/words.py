"""Codes in the words staff read: categories, statuses, decisions, hand-off reasons, channels,
and a citizen's understood facts as plain sentences (the console shows no raw codes)."""

from __future__ import annotations

from decimal import Decimal

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
from knowledge.vocabulary import FLAGS

DECISION_ZH = {"grant": "给予法律援助", "refuse": "不予法律援助", "more_info": "需补充材料后再定"}
DECISION_KIND_ZH = {"confirmed": "确认了系统建议", "overridden": "修改了系统建议"}
REASON_ZH = {"abstain": "助手没有把握回答", "user_request": "群众要求转人工", "high_risk": "风险较高"}
CHANNEL_ZH = {"kiosk": "一体机", "wechat": "微信公众号", "api": "其他接口"}
SOURCE_ZH = {"staff": "窗口录入", "kiosk": "一体机", "wechat": "微信", "mediation_referral": "调解转来"}
ROLE_ZH = {"responder": "答复员", "staff": "工作人员", "supervisor": "主管"}
PARTY_KIND_ZH = {"person": "个人", "organisation": "单位", "government": "行政机关"}
AMOUNT_ZH = {"欠薪": "欠的工资", "月工资": "每月工资", "借款": "借款", "押金": "押金或定金",
             "彩礼": "彩礼", "医疗费": "医疗费", "货款": "花的钱（价款）", "赔偿": "赔偿",
             "金额": "涉及金额"}


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


def _yuan(value: Decimal) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") + "元"


def facts_in_words(facts: Facts) -> list[str]:
    """What the assistant understood from the citizen, one plain sentence each."""
    out = []
    if facts.parties:
        out.append("对方：" + "、".join(p.role for p in facts.parties))
    for key, value in (("written_contract", facts.written_contract),
                       ("employment_ongoing", facts.employment_ongoing)):
        if value is not None:
            yes, no = FLAGS[key]
            out.append(yes if value else no)
    out += [f"{d.label}：{d.value.year}年{d.value.month}月{d.value.day}日（原话“{d.raw}”）"
            for d in facts.dates]
    out += [f"{AMOUNT_ZH.get(a.label, a.label)}：{_yuan(a.value)}（原话“{a.raw}”）"
            for a in facts.amounts]
    out += [f"持续时间：约{d.days}天（原话“{d.raw}”）" for d in facts.durations]
    if facts.injuries:
        out.append("受伤：" + "、".join(facts.injuries))
    if facts.evidence:
        out.append("手里有的证据：" + "、".join(facts.evidence))
    if facts.place:
        out.append("地点：" + facts.place)
    if facts.groups:
        out.append("特殊群体：" + "、".join(facts.groups))
    return out
