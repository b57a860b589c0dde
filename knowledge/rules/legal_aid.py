"""Legal-aid eligibility hints under 法律援助法 (rows in ``knowledge/data/legal_aid.json``).

Two different reliefs from the means test exist and are kept apart on purpose:
第三十二条 — the hardship condition does not apply at all (``exempt_from_means_test``);
第四十二条 — the applicant still qualifies by hardship but the agency does not *verify* it when
group membership is proven (``means_check_waived``). A migrant worker claiming wages is a
第四十二条 case, not a 第三十二条 one. These are hints for staff and citizens, not decisions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from knowledge.rules.common import DATA_DIR, Reason, check_category

LEGAL_AID_JSON = DATA_DIR / "legal_aid.json"

# Special groups (法律援助法第二十五条、第四十二条 and the group-specific laws).
MINOR = "未成年人"
ELDERLY = "老年人"
WOMAN = "妇女"
DISABLED = "残疾人"
SENSORY_DISABLED = "视力听力言语残疾人"
MIGRANT_WORKER = "农民工"
SOLDIER = "军人"
MILITARY_FAMILY = "军人军属"
SOCIAL_ASSISTANCE = "低保/特困"
JUDICIAL_ASSISTANCE = "司法救助对象"
ENTITLED_GROUP = "优抚对象"
NO_FIXED_INCOME = "无固定生活来源"
GROUPS: frozenset[str] = frozenset(
    {MINOR, ELDERLY, WOMAN, DISABLED, SENSORY_DISABLED, MIGRANT_WORKER, SOLDIER,
     MILITARY_FAMILY, SOCIAL_ASSISTANCE, JUDICIAL_ASSISTANCE, ENTITLED_GROUP, NO_FIXED_INCOME}
)

# Criminal-matter tags (法律援助法第二十四条至第三十条).
SUSPECT = "犯罪嫌疑人被告人"
VICTIM = "被害人"
PRIVATE_PROSECUTOR = "自诉人"
CIVIL_PLAINTIFF_IN_CRIMINAL = "附带民事诉讼原告"
LIFE_OR_DEATH_SENTENCE = "可能判处无期徒刑死刑"
CANNOT_FULLY_RECOGNISE = "不能完全辨认自己行为"
COMPULSORY_MEDICAL = "强制医疗"
# Urgency tags (第四十四条).
DEADLINE_WITHIN_7_DAYS = "期限不足七日"
URGENT_PRESERVATION = "需要立即保全"

WAGES = "请求支付劳动报酬"
WORK_INJURY = "请求工伤赔偿"


@dataclass(frozen=True, slots=True)
class LegalAidHint:
    """``in_scope`` is ``None`` when the national list does not cover the matter (local rules
    may); ``exempt_from_means_test`` per 第三十二条/第二十五条; ``means_check_waived`` per 第四十二条."""

    in_scope: bool | None
    exempt_from_means_test: bool
    means_check_waived: bool
    reasons: list[Reason]
    documents_zh: list[str]


@lru_cache(maxsize=1)
def legal_aid_table() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LEGAL_AID_JSON.read_text(encoding="utf-8"))
    return data


def matter_tags() -> frozenset[str]:
    """Every matter tag the table understands (civil scope, no-means-test, criminal, urgency)."""
    t = legal_aid_table()
    rows = t["civil_scope"] + t["no_means_test"]
    criminal = {SUSPECT, VICTIM, PRIVATE_PROSECUTOR, CIVIL_PLAINTIFF_IN_CRIMINAL,
                LIFE_OR_DEATH_SENTENCE, CANNOT_FULLY_RECOGNISE, COMPULSORY_MEDICAL}
    return frozenset({r["tag"] for r in rows} | criminal | {DEADLINE_WITHIN_7_DAYS,
                                                            URGENT_PRESERVATION})


def _reason(row: dict[str, Any]) -> Reason:
    return Reason(row["text_zh"], row["law_key"], row["article"])


def _art(key: str) -> Reason:
    return _reason(legal_aid_table()["articles"][key])


def _criminal(tags: set[str], groups: set[str]) -> tuple[bool, bool, list[Reason]]:
    """(in scope, exempt, reasons) for criminal-procedure roles."""
    reasons: list[Reason] = []
    exempt = False
    if SUSPECT in tags:
        mandatory = bool(groups & {MINOR, SENSORY_DISABLED}) or bool(
            tags & {LIFE_OR_DEATH_SENTENCE, CANNOT_FULLY_RECOGNISE}
        )
        reasons.append(_art("criminal_mandatory" if mandatory else "criminal_apply"))
        reasons.append(_art("duty_lawyer"))
        exempt = mandatory
    if COMPULSORY_MEDICAL in tags:
        reasons.append(_art("compulsory_medical"))
        exempt = True
    if tags & {VICTIM, PRIVATE_PROSECUTOR, CIVIL_PLAINTIFF_IN_CRIMINAL}:
        reasons.append(_art("criminal_victim"))
    return bool(reasons), exempt, reasons


def _means_check_waived(tags: set[str], groups: set[str]) -> list[Reason]:
    """The 第四十二条 items the person's groups and matter satisfy."""
    out: list[Reason] = []
    if NO_FIXED_INCOME in groups and groups & {MINOR, ELDERLY, DISABLED, SENSORY_DISABLED}:
        out.append(_art("waive_no_income"))
    if groups & {SOCIAL_ASSISTANCE, JUDICIAL_ASSISTANCE, ENTITLED_GROUP}:
        out.append(_art("waive_assistance"))
    if MIGRANT_WORKER in groups and tags & {WAGES, WORK_INJURY}:
        out.append(_art("waive_migrant"))
    return out


def _group_reasons(tags: set[str], groups: set[str]) -> list[Reason]:
    out = [
        _reason(r)
        for r in legal_aid_table()["group_laws"]
        if r.get("group") in groups or r.get("tag") in tags
    ]
    if groups & {SOLDIER, MILITARY_FAMILY}:
        out.append(_art("military"))
    if DEADLINE_WITHIN_7_DAYS in tags:
        out.append(_art("urgent_first_aid"))
    if URGENT_PRESERVATION in tags:
        out.append(_art("urgent_preservation"))
    return out


def legal_aid_hint(*, category: str, matter_tags: set[str], groups: set[str]) -> LegalAidHint:
    """Eligibility hint for one person's matter; every reason cites its article."""
    check_category(category)
    table = legal_aid_table()
    scope = [_reason(r) for r in table["civil_scope"] if r["tag"] in matter_tags]
    no_means = [_reason(r) for r in table["no_means_test"] if r["tag"] in matter_tags]
    crim_in, crim_exempt, crim = _criminal(matter_tags, groups)
    waived = _means_check_waived(matter_tags, groups)
    exempt = bool(no_means) or crim_exempt
    in_scope: bool | None = True if (scope or no_means or crim_in) else None
    reasons = _dedupe(scope + no_means + crim + waived + _group_reasons(matter_tags, groups))
    if in_scope is None:
        reasons.append(_art("local_scope"))
    if not exempt and not waived:
        reasons += [_art("hardship_standard"), _art("honest_statement")]
    reasons.append(_art("where_to_apply"))
    return LegalAidHint(
        in_scope=in_scope,
        exempt_from_means_test=exempt,
        means_check_waived=bool(waived),
        reasons=reasons,
        documents_zh=_documents(exempt=exempt, waived=bool(waived), groups=groups, tags=matter_tags),
    )


def _dedupe(reasons: list[Reason]) -> list[Reason]:
    seen: set[str] = set()
    out: list[Reason] = []
    for r in reasons:
        if r.text_zh not in seen:
            seen.add(r.text_zh)
            out.append(r)
    return out


def _documents(*, exempt: bool, waived: bool, groups: set[str], tags: set[str]) -> list[str]:
    docs = ["本人身份证件（居民身份证或户口簿）"]
    if not exempt and not waived:
        docs.append("经济困难状况的如实说明，或者个人诚信承诺书（法律援助法第四十一条）")
    if waived and not exempt:
        docs.append("证明您属于免查人群的材料，如低保证、特困证明、残疾证、务工证明等（法律援助法第四十二条）")
    if exempt and tags & {"见义勇为", "家庭暴力", "虐待", "遗弃", "英雄烈士人格权益"}:
        docs.append("能说明情况的材料，如见义勇为认定、报警回执、告诫书、伤情照片或病历")
    if groups & {MINOR} or CANNOT_FULLY_RECOGNISE in tags:
        docs.append("代为申请的，带上法定代理人的身份证件和关系证明（法律援助法第四十条）")
    docs.append("和这件事有关的材料，如合同、欠条、病历、通知书、判决书等")
    return docs


__all__ = [
    "GROUPS",
    "LegalAidHint",
    "legal_aid_hint",
    "legal_aid_table",
    "matter_tags",
]
