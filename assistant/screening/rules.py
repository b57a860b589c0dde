"""The pre-screen engine: pure functions from an application to a cited ``Proposal``.

Scope, the 第三十二条 exemption and the 第四十二条 waiver come from
``knowledge.rules.legal_aid.legal_aid_hint``; this module adds what a legal-aid centre needs
on top: the means-test outcome against the local hardship line, priority flags as centres
practise them, 援调对接 (mediation first), 市域通办 and the documents still missing. Practices
that no statute lays down are marked ``local_policy`` and their text says so (rows in
``data/basis.json``). The proposal never decides: staff confirm or override it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.drafting.validators import id_birth_date
from assistant.models import Basis
from assistant.screening.models import (
    LEFT_BEHIND_CHILD,
    RECOMMENDATION_ZH,
    ApplicationIn,
    DeadlineNote,
    DocumentKey,
    DocumentNeed,
    MeansTest,
    PriorityFlag,
    Proposal,
    Recommendation,
)
from knowledge.rules.common import Reason
from knowledge.rules.deadlines import URGENT_DAYS, compute_deadline, get_rule
from knowledge.rules.legal_aid import (
    CIVIL_PLAINTIFF_IN_CRIMINAL,
    DISABLED,
    ELDERLY,
    GROUPS,
    LIFE_OR_DEATH_SENTENCE,
    MIGRANT_WORKER,
    MILITARY_FAMILY,
    MINOR,
    NO_FIXED_INCOME,
    SENSORY_DISABLED,
    SOLDIER,
    VICTIM,
    WAGES,
    WOMAN,
    WORK_INJURY,
    LegalAidHint,
    legal_aid_hint,
)

BASIS_JSON = Path(__file__).resolve().parent / "data" / "basis.json"
FIRST_AID_DAYS = 7  # 法律援助法第四十四条: 不足七日
GROUP_CASE_CLAIMANTS = 10
VIOLENCE_TAGS = frozenset({"家庭暴力", "虐待", "遗弃"})
MEDIATION_CATEGORIES = frozenset({
    "marriage_family_inheritance", "contract_debt", "traffic_accident", "consumer_rights",
    "housing_property_neighbor", "rural_land_grassland", "personal_injury_tort_medical",
    "labor_wages",
})
# Key dates carry labels (a kiosk application writes them from escalation.DATE_LABELS); the
# rule each starts, by category.
LABEL_RULES: dict[tuple[str, str], str] = {
    ("labor_wages", "离职"): "labor_unpaid_wages_after_end",
    ("work_injury", "事故"): "work_injury_worker",
    ("work_injury", "诊断"): "work_injury_worker",
    ("administrative", "决定"): "admin_reconsideration",
    ("traffic_accident", "认定书"): "traffic_accident_review",
    ("traffic_accident", "事故"): "civil_limitation",
    ("personal_injury_tort_medical", "事故"): "civil_limitation",
    ("contract_debt", "到期"): "civil_limitation",
}
PRIORITY_LABELS = {
    "priority_acceptance": "优先受理",
    "no_hardship_review": "免经济困难审查",
    "priority_assignment": "优先指派",
}


@dataclass(frozen=True, slots=True)
class LocalPolicy:
    """Knobs that differ between centres. ``hardship_line``: yuan per person per month, set
    by the province (法律援助法第三十四条); ``None`` leaves the income judgement to staff."""

    hardship_line: Decimal | None = None
    city_wide_acceptance: bool = True
    rural_elderly_age: int = 80
    rural_elderly_no_review: bool = True
    women_no_review: bool = True
    left_behind_no_review: bool = True
    deadline_close_days: int = URGENT_DAYS


@lru_cache(maxsize=1)
def basis_rows() -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = json.loads(BASIS_JSON.read_text(encoding="utf-8"))["rows"]
    return rows


def basis(key: str) -> Basis:
    row = basis_rows()[key]
    return Basis(text=row["text"], law=row["law"], article=row["article"])


def is_local_policy(key: str) -> bool:
    return bool(basis_rows()[key].get("local_policy"))


def _from_reason(r: Reason) -> Basis:
    return Basis(text=r.text_zh, law=r.law_key, article=r.article)


def age_on(id_number: str, today: date) -> int | None:
    born = id_birth_date(id_number)
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def effective_groups(app: ApplicationIn, today: date) -> tuple[set[str], list[Basis]]:
    """Declared groups plus what the ID number and the economic status prove."""
    groups = set(app.applicant.groups)
    reasons: list[Basis] = []
    age = age_on(app.applicant.id_number, today)
    if age is not None and age < 18 and MINOR not in groups:
        groups.add(MINOR)
        reasons.append(basis("age_minor"))
    if age is not None and age >= 60 and ELDERLY not in groups:
        groups.add(ELDERLY)
        reasons.append(basis("age_elderly"))
    if app.economic.no_fixed_income:
        groups.add(NO_FIXED_INCOME)
    return groups, reasons


def propose(app: ApplicationIn, *, today: date, policy: LocalPolicy | None = None) -> Proposal:
    """The cited proposal for ``app`` judged on ``today`` (deadlines count from it)."""
    policy = policy or LocalPolicy()
    groups, reasons = effective_groups(app, today)
    tags = set(app.case.matter_tags)
    hint = legal_aid_hint(category=app.case.category, matter_tags=tags,
                          groups=groups & GROUPS)
    reasons += [_from_reason(r) for r in hint.reasons]
    age = age_on(app.applicant.id_number, today)
    review = _no_review_flag(app, groups, tags, age=age, policy=policy)
    means = _means_test(hint, review)
    means_reasons, income_verdict = _means_reasons(app, means, groups, tags, policy=policy)
    reasons += means_reasons
    deadlines = deadline_notes(app, today=today)
    flags = [f for f in (_acceptance_flag(groups), review,
                         _assignment_flag(app, tags, deadlines, policy=policy)) if f]
    mediation, mediation_reasons = _mediation(app, tags, deadlines)
    reasons += mediation_reasons
    city_wide = policy.city_wide_acceptance and not (hint.exempt_from_means_test and
                                                      app.case.category == "criminal")
    if city_wide:
        reasons.append(basis("city_wide"))
    if groups & {ELDERLY, DISABLED, SENSORY_DISABLED}:
        reasons.append(basis("accessibility"))
    docs = documents_needed(app, means=means, groups=groups, tags=tags)
    if docs:
        reasons.append(basis("documents_one_time"))
    rec = _recommend(hint.in_scope, means, income_verdict)
    reasons.append(basis("refusal_in_writing" if rec == "refuse" else "review_seven_days"))
    for f in flags:
        reasons += f.reasons
    return Proposal(
        in_scope=hint.in_scope, means_test=means, recommendation=rec,
        recommendation_zh=RECOMMENDATION_ZH[rec], priority=flags, mediation_first=mediation,
        city_wide_acceptance=city_wide, documents_needed=docs, deadlines=deadlines,
        reasons=_dedupe(reasons), groups=sorted(groups),
    )


def _means_test(hint: LegalAidHint, review: PriorityFlag | None) -> MeansTest:
    if hint.exempt_from_means_test:
        return "exempt"
    if hint.means_check_waived or review is not None:
        return "waived"
    return "required"


def _means_reasons(app: ApplicationIn, means: MeansTest, groups: set[str], tags: set[str], *,
                   policy: LocalPolicy) -> tuple[list[Basis], str]:
    """Reasons about income, and the verdict: below | above | unknown | not_needed."""
    income = app.economic.monthly_income_per_capita
    line = policy.hardship_line
    above = income is not None and line is not None and income > line
    if means == "waived":
        migrant = MIGRANT_WORKER in groups and bool(tags & {WAGES, WORK_INJURY})
        key = "waived_over_line" if above and migrant else "waived_explained"
        return [basis(key)], "not_needed"
    if means == "exempt":
        return [], "not_needed"
    out = [basis("means_required")]
    if income is None:
        return [*out, basis("income_unknown")], "unknown"
    if line is None:
        return [*out, basis("no_line_configured")], "unknown"
    return [*out, basis("income_above_line" if above else "income_below_line")], (
        "above" if above else "below")


def _recommend(in_scope: bool | None, means: MeansTest, income: str) -> Recommendation:
    if in_scope is None or income == "unknown":
        return "more_info"
    if means == "required" and income == "above":
        return "refuse"
    return "grant"


def _acceptance_flag(groups: set[str]) -> PriorityFlag | None:
    keys = []
    if groups & {MILITARY_FAMILY, SOLDIER}:
        keys.append("accept_military")
    if MIGRANT_WORKER in groups:
        keys.append("accept_migrant")
    if MINOR in groups:
        keys.append("accept_minor")
    if groups & {DISABLED, SENSORY_DISABLED}:
        keys.append("accept_disabled")
    return _flag("priority_acceptance", keys)


def _no_review_flag(app: ApplicationIn, groups: set[str], tags: set[str], *, age: int | None,
                    policy: LocalPolicy) -> PriorityFlag | None:
    keys = []
    if MIGRANT_WORKER in groups and tags & {WAGES, WORK_INJURY}:
        keys.append("review_migrant")
    if (policy.rural_elderly_no_review and app.applicant.rural_household and age is not None
            and age >= policy.rural_elderly_age):
        keys.append("review_rural_elderly")
    if policy.women_no_review and WOMAN in groups:
        keys.append("review_women")
    if policy.left_behind_no_review and LEFT_BEHIND_CHILD in groups:
        keys.append("review_left_behind")
    return _flag("no_hardship_review", keys)


def _flag(code: str, keys: list[str], extra: list[Basis] | None = None) -> PriorityFlag | None:
    reasons = [basis(k) for k in keys] + (extra or [])
    if not reasons:
        return None
    local = bool(keys) and all(is_local_policy(k) for k in keys) and not extra
    return PriorityFlag(code=code, label=PRIORITY_LABELS[code], reasons=reasons,
                        local_policy=local)


def _assignment_flag(app: ApplicationIn, tags: set[str], deadlines: list[DeadlineNote], *,
                     policy: LocalPolicy) -> PriorityFlag | None:
    keys: list[str] = []
    extra: list[Basis] = []
    for d in deadlines:
        if 0 <= d.days_left < FIRST_AID_DAYS:
            keys.append("deadline_first_aid")
            extra.append(d.basis)
        elif 0 <= d.days_left <= policy.deadline_close_days:
            extra.append(Basis(text=f"{d.label}还剩{d.days_left}天（不超过{policy.deadline_close_days}"
                                    "天），按本地做法优先指派。", law=d.basis.law,
                               article=d.basis.article))
        elif d.days_left < 0:
            extra.append(Basis(text=f"{d.label}已过{-d.days_left}天，请尽快核实是否有中断、中止等"
                                    "例外情形。", law=d.basis.law, article=d.basis.article))
    if LIFE_OR_DEATH_SENTENCE in tags:
        keys.append("major_life_sentence")
    if app.case.major_or_difficult:
        extra.append(Basis(text="工作人员标记为重大疑难案件，按本地做法优先指派（本地做法，无直接法条依据）。"))
    if app.case.claimants >= GROUP_CASE_CLAIMANTS:
        extra.append(Basis(text=f"共同申请人{app.case.claimants}人，属于群体性案件，按本地做法优先指派"
                                "（本地做法，无直接法条依据）。"))
    return _flag("priority_assignment", list(dict.fromkeys(keys)), extra)


def deadline_notes(app: ApplicationIn, *, today: date) -> list[DeadlineNote]:
    """Each key date as a last day and the days left, nearest first."""
    out: list[DeadlineNote] = []
    for kd in app.case.key_dates:
        if kd.kind == "deadline":
            out.append(DeadlineNote(label=kd.label, deadline=kd.on,
                                    days_left=(kd.on - today).days,
                                    basis=Basis(text=f"{kd.label}：由办案机关确定的期限。")))
            continue
        rule_id = kd.rule_id or LABEL_RULES.get((app.case.category, kd.label))
        if rule_id is None:
            continue
        rule = get_rule(rule_id)
        if rule.kind != "citizen":
            continue
        status = compute_deadline(rule, kd.on, today=today)
        out.append(DeadlineNote(label=rule.name_zh, deadline=status.deadline,
                                days_left=status.days_left,
                                basis=Basis(text=status.message_zh, law=rule.law_key,
                                            article=rule.article)))
    return sorted(out, key=lambda d: d.deadline)


def _mediation(app: ApplicationIn, tags: set[str],
               deadlines: list[DeadlineNote]) -> tuple[bool, list[Basis]]:
    if app.case.category not in MEDIATION_CATEGORIES or app.case.opposing_kind == "government":
        return False, []
    if tags & VIOLENCE_TAGS:
        return False, [basis("mediation_not_for_violence")]
    if app.case.mediation_refused:
        return False, [basis("mediation_refused")]
    if tags & {VICTIM, CIVIL_PLAINTIFF_IN_CRIMINAL}:
        return False, []
    if any(0 <= d.days_left < FIRST_AID_DAYS for d in deadlines):
        return False, []  # no time to mediate: 第四十四条 first aid comes first
    out = [basis("mediation_fits"), basis("mediation_free"), basis("mediation_no_fee")]
    if app.case.category == "labor_wages":
        out.append(basis("mediation_labor"))
    return True, out


DOCUMENT_LABELS: dict[str, str] = {
    "id_card": "本人身份证件（居民身份证或户口簿）",
    "hardship_statement": "经济困难状况的如实说明或个人诚信承诺书",
    "group_proof": "属于免予核查人群的证明（低保证、特困证明、残疾证、务工证明等）",
    "situation_proof": "说明情况的材料（见义勇为认定、报警回执、告诫书、伤情照片或病历等）",
    "guardian_proof": "法定代理人的身份证件和监护关系证明",
    "case_materials": "与案件有关的材料（合同、欠条、病历、通知书、判决书等）",
}


def documents_needed(app: ApplicationIn, *, means: MeansTest, groups: set[str],
                     tags: set[str]) -> list[DocumentNeed]:
    """Documents the application needs and the applicant does not hold yet."""
    needed: list[tuple[DocumentKey, Basis | None]] = [("id_card", None)]
    if means == "required":
        needed.append(("hardship_statement", basis("income_unknown")))
    if means == "waived":
        needed.append(("group_proof", basis("waived_explained")))
    if tags & (VIOLENCE_TAGS | {"见义勇为", "英雄烈士人格权益"}):
        needed.append(("situation_proof", None))
    if MINOR in groups:
        needed.append(("guardian_proof", basis("proxy_application")))
    needed.append(("case_materials", None))
    held = set(app.case.documents_held)
    return [DocumentNeed(key=k, label=DOCUMENT_LABELS[k], basis=b)
            for k, b in needed if k not in held]


def priority_rank(proposal: Proposal) -> int:
    """0: a deadline within seven days; 1: any other priority flag; 2: the rest."""
    if any(0 <= d.days_left < FIRST_AID_DAYS for d in proposal.deadlines):
        return 0
    if any(f.code in ("priority_acceptance", "priority_assignment") for f in proposal.priority):
        return 1
    return 2


def _dedupe(reasons: list[Basis]) -> list[Basis]:
    seen: set[str] = set()
    out: list[Basis] = []
    for r in reasons:
        if r.text not in seen:
            seen.add(r.text)
            out.append(r)
    return out
