"""The fact vocabulary shared by the situation tables, the engine and the scenario evaluation.

A citizen's facts are recorded in these words only, so a situation can ask for a fact, the
engine can say what it understood, and an evaluation can check it, all by the same key
(``eval/data/SCENARIOS.md`` documents the same lists for scenario writers).
"""

from __future__ import annotations

ROLES: dict[str, str] = {
    "worker": "劳动者",
    "employer": "用人单位（老板）",
    "lender": "出借人",
    "borrower": "借款人",
    "guarantor": "担保人",
    "buyer": "买东西或接受服务的人",
    "seller": "卖家或经营者",
    "tenant": "租房的人",
    "landlord": "房东",
    "homeowner": "业主",
    "neighbour": "邻居",
    "driver": "开车或骑车的人",
    "passenger": "乘车人",
    "pedestrian": "行人",
    "vehicle_owner": "车主",
    "victim": "受害人",
    "victim_family": "受害人家属",
    "suspect": "犯罪嫌疑人",
    "suspect_family": "犯罪嫌疑人的家属",
    "patient": "病人",
    "patient_family": "病人家属",
    "parent": "家长（父母或长辈）",
    "child": "子女",
    "spouse": "配偶",
    "heir": "继承人",
    "elder": "老人",
    "land_contractor": "承包土地的农户",
    "villager": "村民",
    "applicant": "面对政府部门决定的人",
}
"""Who the user is in the dispute, with the plain name the answer uses."""

KIN_ROLES: dict[str, tuple[str, ...]] = {
    kin: ("victim_family", "suspect_family", "patient_family", "heir")
    for kin in ("spouse", "parent", "child")
}
"""Kinship says whose relative the user is, not their side: a wife may speak as the victim's
family, the suspect's family or an heir, or ask for her husband. The situation recognised
decides which; kinship alone never rules a situation out."""

_OPPOSED: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (frozenset({"suspect", "suspect_family"}), frozenset({"victim", "victim_family"})),
    (frozenset({"landlord"}), frozenset({"tenant"})),
    (frozenset({"employer"}), frozenset({"worker"})),
    (frozenset({"lender"}), frozenset({"borrower"})),
    (frozenset({"seller"}), frozenset({"buyer"})),
)
SIDES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    r: (own, other) for a, b in _OPPOSED for own, other in ((a, b), (b, a)) for r in own
}
"""Each role with two sides: (its own side, the other side). A user who said they are on one
side is never answered with a situation written for the other only: a suspect's mother is not
told to refuse mediation, a landlord selling the house is not told how a tenant buys first."""

WEAK_ROLES = frozenset({"elder"})
"""A status, not a side in the dispute: it never rules a situation out."""

FLAGS: dict[str, tuple[str, str]] = {
    "employment_ongoing": ("还在这家单位干活", "已经不在这家单位干了"),
    "written_contract": ("签了书面合同", "没有签书面合同"),
    "injured": ("有人受伤", "没有人受伤"),
    "hospitalised": ("住了院", "没有住院"),
    "disability_assessed": ("做了伤残（伤情）鉴定", "还没做伤残（伤情）鉴定"),
    "died": ("有人去世", "没有人去世"),
}
"""Yes/no facts and how each answer is said back to the user: (true, false)."""

FLAG_CATEGORIES: dict[str, frozenset[str]] = {
    "employment_ongoing": frozenset({"labor_wages", "work_injury"}),
    "written_contract": frozenset({"labor_wages", "work_injury", "contract_debt",
                                   "housing_property_neighbor", "consumer_rights",
                                   "rural_land_grassland"}),
}
"""Flags said back only in these categories ("没有签书面合同" means nothing in a demolition
case); flags not listed are said back in every category."""

DATE_KINDS: dict[str, str] = {
    "left_job": "离职（不干了）",
    "started_job": "开始干活",
    "incident": "出事（事情发生）",
    "diagnosis": "诊断",
    "loan_made": "借钱",
    "loan_due": "约定还钱",
    "purchase": "买东西或收到货",
    "decision": "收到或知道决定",
    "review_decision": "收到复议决定书",
    "accident_report": "拿到事故认定书",
    "judgment": "收到判决书或裁决书",
    "served": "收到法院的传票、起诉状副本",
    "death": "去世",
    "marriage": "结婚",
    "signed": "签合同、协议（开始租、包、流转）",
    "gifted": "把房子、钱送给（过户给）对方",
    "demanded": "最近一次向对方讨要（或对方还了一部分、答应还）",
    "paid_for": "替人还钱（或被扣款）",
}

AMOUNT_KINDS: dict[str, str] = {
    "wages_owed": "欠的工资",
    "monthly_wage": "每月工资",
    "pension": "每月的退休金、养老金",
    "allowance": "每月的低保、救助金或补贴",
    "loan": "借款",
    "price": "花的钱（价款）",
    "deposit": "押金或定金",
    "rent": "房租",
    "medical_costs": "医疗费",
    "offered": "对方给的补偿或赔偿",
    "bride_price": "彩礼",
    "support": "抚养费或赡养费",
    "loss": "损失",
    "fee": "费用",
    "interest": "利息",
    "paid_for": "替人还的钱",
    "extra_pay": "多给的钱（补贴）",
    "claimed": "对方要的钱",
    "instalment": "每月能还的钱（分期）",
    "cover": "保险的保额",
    "savings": "存款",
}

EVIDENCE_KINDS: dict[str, str] = {
    "contract": "合同或协议",
    "iou": "借条、欠条",
    "transfer_records": "转账记录",
    "wage_records": "工资条、考勤、工作证或工友证言",
    "invoice": "发票、小票或订单",
    "chat_records": "微信、短信聊天记录",
    "photos": "照片、视频",
    "police_record": "报警记录",
    "medical_records": "病历、诊断证明、验伤报告",
    "accident_report": "交通事故认定书",
    "decision_document": "决定书、通知书",
    "land_certificate": "土地承包合同或承包经营权证",
    "witness": "证人",
}

INTENTS: dict[str, str] = {
    "deadline": "有没有时间限制、还来不来得及",
    "where": "去哪里办、找谁",
    "cost": "要花多少钱",
    "amount": "能要回多少、赔多少",
    "can": "能不能、行不行",
    "sign": "这个字能不能签",
    "jail": "会不会坐牢、判刑",
    "evidence": "怎么证明、要什么证据",
    "review": "不服能不能复核、复议、上诉",
}
"""Kinds of question a citizen asks; an answer leads with the part that answers it."""

__all__ = ["AMOUNT_KINDS", "DATE_KINDS", "EVIDENCE_KINDS", "FLAGS", "FLAG_CATEGORIES", "INTENTS", "KIN_ROLES", "ROLES",
           "SIDES", "WEAK_ROLES"]
