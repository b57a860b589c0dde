"""Clarifying questions: the few facts per category that change the answer.

A slot is filled when the facts carry it or the user's words mention it; the engine asks at most
three missing slots, once per category, then answers with what it has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.consult.facts import latest
from assistant.models import Facts

MAX_QUESTIONS = 3

Check = Callable[[Facts, str], bool]


@dataclass(frozen=True, slots=True)
class Slot:
    key: str
    question_zh: str
    filled: Check


def _words(*words: str) -> Check:
    return lambda _f, text: any(w in text for w in words)


def _date(*labels: str) -> Check:
    return lambda f, _t: latest(f, *labels) is not None


def _amount(f: Facts, _t: str) -> bool:
    return bool(f.amounts)


def _evidence_or(*words: str) -> Check:
    return lambda f, text: bool(f.evidence) or any(w in text for w in words)


SLOTS: dict[str, tuple[Slot, ...]] = {
    "labor_wages": (
        Slot("contract", "您和单位签没签书面劳动合同？",
             lambda f, t: f.written_contract is not None),
        Slot("employment", "您现在还在那里干活吗？如果已经不干了，是哪天离开的？",
             lambda f, t: f.employment_ongoing is not None or latest(f, "离职") is not None),
        Slot("amount", "涉及多少钱？（欠了多少工资，或者您每月工资大概多少）", _amount),
    ),
    "work_injury": (
        Slot("injury_date", "您是哪天受的伤（或者哪天被诊断为职业病）？", _date("事故", "诊断")),
        Slot("recognition", "单位有没有帮您申请工伤认定？", _words("认定", "工伤申请")),
        Slot("insurance", "单位有没有给您交社保（工伤保险）？", _words("社保", "工伤保险", "保险")),
    ),
    "traffic_accident": (
        Slot("accident_date", "事故是哪天发生的？", _date("事故")),
        Slot("report", "交警有没有出具事故认定书？", _words("认定书", "交警", "责任")),
        Slot("injury", "有没有人受伤？伤得重不重？", lambda f, t: bool(f.injuries) or "没受伤" in t),
    ),
    "contract_debt": (
        Slot("amount", "借了（欠了）多少钱？", _amount),
        Slot("proof", "有没有借条、欠条或者转账记录？", _evidence_or("借条", "欠条", "转账", "收条")),
        Slot("due", "约定什么时候还？", lambda f, t: latest(f, "到期") is not None or "没约定" in t),
    ),
    "marriage_family_inheritance": (
        Slot("consent", "对方同意离婚吗？", _words("同意", "不愿", "不肯", "遗产", "继承", "抚养费", "赡养")),
        Slot("children", "你们有没有未成年的孩子？", _words("孩子", "子女", "儿子", "女儿", "娃", "没孩子")),
        Slot("property", "有没有需要分的房子、存款等共同财产？", _words("房", "财产", "存款", "车", "钱")),
    ),
    "housing_property_neighbor": (
        Slot("contract", "有没有书面的合同或者协议（租房合同、物业合同、购房合同）？", _words("合同", "协议")),
        Slot("amount", "涉及多少钱（押金、房租、物业费或损失）？", _amount),
    ),
    "consumer_rights": (
        Slot("channel", "是在网上买的，还是在实体店买的？", _words("网", "平台", "店", "超市", "商场", "直播")),
        Slot("proof", "有没有发票、小票或者订单截图？", _evidence_or("发票", "小票", "订单", "截图")),
        Slot("amount", "花了多少钱？", _amount),
    ),
    "personal_injury_tort_medical": (
        Slot("date", "是哪天受的伤（或者哪天做的治疗）？", _date("事故", "诊断")),
        Slot("injury", "伤得怎么样？有没有住院或者做伤残鉴定？", lambda f, t: bool(f.injuries)),
    ),
    "rural_land_grassland": (
        Slot("contract", "您有没有土地（草场）承包合同或者承包经营权证？", _words("合同", "证", "协议")),
        Slot("counterparty", "和您发生纠纷的是村委会、政府，还是别的村民？",
             _words("村委", "政府", "镇", "乡", "村民", "邻居", "别人", "他家")),
    ),
    "vulnerable_groups_dv": (
        Slot("safety", "您现在安全吗？身边有没有危险？", _words("安全", "危险", "现在")),
        Slot("proof", "有没有报警记录、验伤报告、照片或者聊天记录？",
             _evidence_or("报警", "验伤", "照片", "病历", "聊天")),
    ),
    "criminal": (
        Slot("role", "您是受害的一方，还是被抓的人或者他的家属？",
             _words("被害", "受害", "被骗", "被打", "被抓", "家属", "儿子", "丈夫", "嫌疑", "被告")),
        Slot("stage", "案子现在到哪一步了（派出所、检察院还是法院）？",
             _words("派出所", "公安", "检察", "法院", "拘留", "逮捕", "起诉", "判", "立案")),
    ),
    "administrative": (
        Slot("decision_date", "这个决定是哪天收到或者知道的？", _date("决定")),
        Slot("agency", "是哪个部门作出的决定？", lambda f, t: any(p.kind == "government" for p in f.parties)),
    ),
}


def missing_slots(category: str, facts: Facts, text: str) -> list[Slot]:
    """Unfilled slots of ``category`` given the facts and all the user's words so far."""
    return [s for s in SLOTS.get(category, ()) if not s.filled(facts, text)]
