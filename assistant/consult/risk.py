"""Risk assessment from the category and the facts: deadlines, evidence, fees, legal aid, level.

Every deadline, fee and eligibility statement comes from the cited rule tables in
``knowledge.rules``; this module only decides which rule applies to which extracted date.
"""

from __future__ import annotations

from datetime import date

from assistant.consult.facts import latest
from assistant.models import (
    Basis,
    DeadlineOut,
    EvidenceOut,
    Facts,
    FeeOut,
    LegalAidOut,
    RiskAssessment,
)
from knowledge.rules import compute_deadline, estimate_fee, evidence_checklist, legal_aid_hint
from knowledge.rules.deadlines import DeadlineStatus, OpenEnded, get_rule, unpaid_wage_arbitration

# category -> (deadline rule id, date labels that start it, in order of preference)
DEADLINE_TRIGGERS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "labor_wages": (("labor_arbitration", ("离职",)),),
    "work_injury": (("work_injury_worker", ("事故", "诊断")), ("labor_arbitration", ("离职",))),
    "traffic_accident": (("civil_limitation", ("事故",)), ("traffic_accident_review", ("认定书",))),
    "contract_debt": (("civil_limitation", ("到期",)),),
    "consumer_rights": (("online_no_reason_return", ("购买",)),),
    "housing_property_neighbor": (("civil_limitation", ("发生", "事故")),),
    "personal_injury_tort_medical": (("civil_limitation", ("事故", "诊断")),),
    "marriage_family_inheritance": (("property_redivision", ("离婚",)),),
    "administrative": (("admin_reconsideration", ("决定",)), ("admin_litigation", ("决定",))),
    "criminal": (("criminal_appeal_judgment", ("判决",)),),
    "rural_land_grassland": (("rural_land_arbitration", ("发生", "决定")),),
    "vulnerable_groups_dv": (("civil_limitation", ("事故",)),),
}
FEE_CASE_TYPE: dict[str, str] = {
    "labor_wages": "labor",
    "work_injury": "labor",
    "marriage_family_inheritance": "divorce",
    "administrative": "administrative",
}
MATTER_TAGS: dict[str, tuple[str, ...]] = {
    "labor_wages": ("请求支付劳动报酬",),
    "work_injury": ("请求工伤赔偿",),
    "traffic_accident": ("请求交通事故赔偿",),
    "vulnerable_groups_dv": ("家庭暴力",),
}
BURDEN_OF_PROOF = Basis(text="谁主张谁举证：证据不够，官司可能输。", law="民事诉讼法", article="第六十七条")


def _basis(law: str, article: str, text: str) -> Basis:
    return Basis(text=text, law=law, article=article)


def _deadline_out(status: DeadlineStatus | OpenEnded) -> DeadlineOut:
    rule = status.rule
    basis = _basis(rule.law_key, rule.article, rule.name_zh)
    if isinstance(status, OpenEnded):
        return DeadlineOut(rule_id=rule.id, name=rule.name_zh, deadline=None, days_left=None,
                           urgency="open", message=status.message_zh, basis=basis)
    return DeadlineOut(rule_id=rule.id, name=rule.name_zh, deadline=status.deadline,
                       days_left=status.days_left, urgency=status.urgency,
                       message=status.message_zh, basis=basis)


def deadlines_for(category: str, facts: Facts, *, today: date) -> list[DeadlineOut]:
    out: list[DeadlineOut] = []
    if category == "labor_wages" and (
        facts.employment_ongoing is not None or latest(facts, "离职") is not None
    ):
        ended = latest(facts, "离职")
        ended_on = ended.value if ended and facts.employment_ongoing is not True else None
        out.append(_deadline_out(unpaid_wage_arbitration(employment_ended_on=ended_on, today=today)))
        return out
    for rule_id, labels in DEADLINE_TRIGGERS.get(category, ()):
        start = latest(facts, *labels)
        if start is not None:
            out.append(_deadline_out(compute_deadline(get_rule(rule_id), start.value, today=today)))
    return out


def _fee(category: str, facts: Facts) -> FeeOut | None:
    amount = max((a.value for a in facts.amounts), default=None)
    case_type = FEE_CASE_TYPE.get(category) or ("property" if amount else None)
    if case_type is None or category == "criminal":
        return None
    est = estimate_fee(case_type, amount=amount if case_type == "property" else None)
    return FeeOut(case_type=case_type, amount_yuan=est.amount_yuan,
                  amount_max_yuan=est.amount_max_yuan, breakdown=list(est.breakdown),
                  relief=est.relief_note_zh,
                  basis=[_basis(law, art, "诉讼费用") for law, art in est.basis])


def _legal_aid(category: str, facts: Facts, groups: set[str]) -> LegalAidOut:
    hint = legal_aid_hint(category=category, groups=groups,
                          matter_tags=set(MATTER_TAGS.get(category, ())) | set(facts.matter_tags))
    return LegalAidOut(
        in_scope=hint.in_scope, exempt_from_means_test=hint.exempt_from_means_test,
        means_check_waived=hint.means_check_waived,
        reasons=[_basis(r.law_key, r.article, r.text_zh) for r in hint.reasons],
        documents=list(hint.documents_zh),
    )


def assess_risk(*, category: str, facts: Facts, today: date, groups: set[str] | None = None
                ) -> RiskAssessment:
    """Structured risk for one of the twelve categories (raises ValueError for others)."""
    deadlines = deadlines_for(category, facts, today=today)
    checklist = evidence_checklist(category, set(facts.evidence))
    evidence = [EvidenceOut(key=i.key, label=i.label_zh, why=i.why_zh, held=i.held) for i in checklist]
    reasons: list[Basis] = []
    level = "low"
    for d in deadlines:
        if d.urgency in ("expired", "urgent"):
            level = "high"
            reasons.append(Basis(text=d.message, law=d.basis.law, article=d.basis.article))
        elif d.urgency == "soon":
            level = "medium" if level == "low" else level
            reasons.append(Basis(text=d.message, law=d.basis.law, article=d.basis.article))
    held = sum(1 for e in evidence if e.held)
    if evidence and held < len(evidence) / 2 and category != "criminal":
        level = "medium" if level == "low" else level
        reasons.append(BURDEN_OF_PROOF)
    return RiskAssessment(
        level=level,  # type: ignore[arg-type]
        reasons=reasons,
        deadlines=deadlines,
        evidence=evidence,
        fee=_fee(category, facts),
        legal_aid=_legal_aid(category, facts, set(groups or ()) | set(facts.groups)),
    )
