"""Risk assessment: only the rules that apply, with a level that moves with the facts.

For a recognised situation (``assess_situation``): its time limit counted from the person's
date, the materials it needs (held or not, as they said), court fees only when going to court
is the route, and the legal-aid line of 法律援助法第三十一条's item (plus any 第四十二条 waiver
their group earns). The level is high when the time limit has passed or is close, low when
time is not pressing and they hold evidence for the claim, medium otherwise; each reason is
listed. ``assess_risk`` is the category-level assessment ``/v1/risk`` serves for given facts.
"""

from __future__ import annotations

from datetime import date

from assistant.consult.deadline import Timing
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
from knowledge.rules.deadlines import DeadlineStatus, get_rule
from knowledge.rules.legal_aid import legal_aid_table
from knowledge.situations import LIABLE_SIDE, Situation
from knowledge.vocabulary import EVIDENCE_KINDS

FEE_CASE_TYPE: dict[str, str] = {
    "labor_wages": "labor",
    "work_injury": "labor",
    "marriage_family_inheritance": "divorce",
    "administrative": "administrative",
}
# category -> (deadline rule id, the date kinds that start it, in order of preference)
DEADLINE_TRIGGERS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "labor_wages": (("labor_arbitration", ("left_job",)),),
    "work_injury": (("work_injury_worker", ("incident", "diagnosis")),),
    "traffic_accident": (("traffic_accident_review", ("accident_report",)),
                         ("civil_limitation", ("incident",))),
    "contract_debt": (("civil_limitation", ("loan_due",)),),
    "consumer_rights": (("civil_limitation", ("purchase",)),),
    "housing_property_neighbor": (("civil_limitation", ("incident",)),),
    "personal_injury_tort_medical": (("civil_limitation", ("incident", "diagnosis")),),
    "marriage_family_inheritance": (),
    "administrative": (("admin_reconsideration", ("decision",)),
                       ("admin_litigation", ("decision",))),
    "criminal": (("criminal_appeal_judgment", ("judgment",)),),
    "rural_land_grassland": (("rural_land_arbitration", ("incident",)),),
    "vulnerable_groups_dv": (),
}
# The words of the category evidence checklists each vocabulary kind stands for.
EVIDENCE_WORDS: dict[str, tuple[str, ...]] = {
    "contract": ("合同", "劳动合同", "协议"),
    "iou": ("借条", "欠条"),
    "transfer_records": ("转账记录", "银行流水"),
    "wage_records": ("工资条", "考勤", "工作证"),
    "invoice": ("发票", "小票", "收据", "订单"),
    "chat_records": ("聊天记录", "微信聊天记录", "短信"),
    "photos": ("照片", "视频"),
    "police_record": ("报警记录", "报警回执"),
    "medical_records": ("病历", "诊断证明"),
    "accident_report": ("事故认定书", "责任认定书"),
    "decision_document": ("决定书", "通知书"),
    "land_certificate": ("承包合同", "承包经营权证"),
    "witness": ("证人",),
}
CLAIM_ROUTES = frozenset({"court", "arbitration", "mediation", "negotiation"})
BURDEN_OF_PROOF = Basis(text="谁主张谁举证：证据不够，官司可能输。", law="民事诉讼法", article="第六十七条")
DATE_UNKNOWN = Basis(text="还不知道时间限制从哪天算起：请尽快确认日期，以免错过。")


def _deadline_out(status: DeadlineStatus) -> DeadlineOut:
    rule = status.rule
    return DeadlineOut(rule_id=rule.id, name=rule.name_zh, deadline=status.deadline,
                       days_left=status.days_left, urgency=status.urgency,
                       message=status.message_zh, extended_to=status.extended_to,
                       basis=Basis(text=rule.name_zh, law=rule.law_key, article=rule.article))


# Sums that are not what a lawsuit would claim: an insurance cover, savings, a month's wage or
# support, what the other side offered, an extra pay.
NOT_CLAIMED = frozenset({"cover", "savings", "monthly_wage", "support", "offered", "extra_pay"})


def _fee(category: str, facts: Facts) -> FeeOut | None:
    amount = max((m.value for kind, m in facts.amounts.items() if kind not in NOT_CLAIMED),
                 default=None)
    case_type = FEE_CASE_TYPE.get(category)
    if case_type == "divorce" and facts.signals.get("mf_divorce") is not True:
        case_type = None  # an inheritance or a bride price is a property claim, not a divorce
    case_type = case_type or ("property" if amount else None)
    if case_type is None or category == "criminal":
        return None
    est = estimate_fee(case_type, amount=amount if case_type == "property" else None)
    return FeeOut(case_type=case_type, amount_yuan=est.amount_yuan,
                  amount_max_yuan=est.amount_max_yuan, breakdown=list(est.breakdown),
                  relief=est.relief_note_zh, relief_brief=est.relief_brief_zh,
                  basis=[Basis(text="诉讼费用", law=law, article=art) for law, art in est.basis])


def matter_tags_of(situation: Situation) -> set[str]:
    """The 法律援助法 matter tags of a situation's legal-aid item (``legal_aid.json``)."""
    if situation.legal_aid is None:
        return set()
    table = legal_aid_table()
    phrase = situation.legal_aid.cite.phrase
    return {r["tag"] for r in table["civil_scope"] + table["no_means_test"]
            if r["basis_phrase"] in phrase or phrase in r["basis_phrase"]}


def _legal_aid(situation: Situation, facts: Facts, groups: set[str]) -> LegalAidOut | None:
    """The situation's 法律援助法 item and any group waiver; None when the situation is not a
    listed item (the step itself needs no lawyer, or local rules decide: 12348 says which)."""
    if situation.legal_aid is None:
        return None
    tags = matter_tags_of(situation) | set(facts.matter_tags)
    hint = legal_aid_hint(category=situation.category, groups=groups, matter_tags=tags)
    reasons = [Basis(text=r.text_zh, law=r.law_key, article=r.article) for r in hint.reasons]
    if situation.legal_aid is not None:
        own = situation.legal_aid
        reasons = [Basis(text=own.text_zh, law=own.cite.law_key, article=own.cite.article),
                   *[r for r in reasons if r.text != own.text_zh]]
    in_scope = True if situation.legal_aid is not None else hint.in_scope
    return LegalAidOut(in_scope=in_scope, exempt_from_means_test=hint.exempt_from_means_test,
                       means_check_waived=hint.means_check_waived, reasons=reasons,
                       documents=list(hint.documents_zh))


def _materials(situation: Situation, facts: Facts) -> list[EvidenceOut]:
    held = set(facts.evidence_held)
    return [EvidenceOut(key=m.evidence or m.label_zh, label=m.label_zh, why=m.why_zh,
                        held=m.evidence is not None and m.evidence in held)
            for m in situation.materials]


def _level(deadlines: list[DeadlineOut], evidence: list[EvidenceOut], *,
           claim: bool = True, date_unknown: bool = False) -> tuple[str, list[Basis]]:
    """``claim``: the person must prove something to a court or arbitrator (the burden of
    proof is a risk only then). ``date_unknown``: a time limit applies but its start date has
    not been said, so the risk cannot be called low."""
    reasons: list[Basis] = []
    pressing = [d for d in deadlines if d.urgency in ("expired", "urgent")]
    for d in pressing:
        # counted from the earliest day a vague date may mean: "可能", not a verdict
        passed = "时间限制可能已经过了" if d.estimated else "时间限制已经过了"
        reasons.append(Basis(text=(passed if d.urgency == "expired" else "时间限制很近了")
                             + f"（{d.name}）", law=d.basis.law, article=d.basis.article))
    if pressing:
        return "high", reasons
    soon = [d for d in deadlines if d.urgency == "soon"]
    proof = [e for e in evidence if e.key in EVIDENCE_KINDS]
    held = [e for e in proof if e.held]
    if soon:
        reasons.append(Basis(text=f"时间限制还剩{soon[0].days_left}天", law=soon[0].basis.law,
                             article=soon[0].basis.article))
    if claim and proof and not held:
        reasons.append(BURDEN_OF_PROOF)
    if date_unknown:
        reasons.append(DATE_UNKNOWN)
    elif claim and not soon and held:
        # Low only where evidence decides a claim (a crime report depends on the police) and
        # "in time" only where a time limit runs at all.
        reasons.append(Basis(text="您说手里有证据（" + "、".join(e.label for e in held[:2]) + "）"
                             + ("，时间也来得及" if deadlines else "")))
        return "low", reasons
    return "medium", reasons


def assess_situation(situation: Situation, facts: Facts, timing: Timing | None, *,
                     groups: set[str]) -> RiskAssessment:
    deadlines = [timing.out] if timing is not None and timing.out is not None else []
    evidence = _materials(situation, facts)
    # no timing for a limit the person does not have (the harmed side's time to sue, told to
    # the one asked to pay): no unknown start date to warn of
    limit = timing is not None and situation.deadline is not None \
        and situation.deadline.rule is not None
    # The other side's period (a creditor's guarantee period) running out is no risk to this
    # person: it is shown, but does not raise the level.
    theirs = situation.deadline is not None and bool(situation.deadline.theirs_zh)
    level, reasons = _level([] if theirs else deadlines, evidence,
                            # the side asked to pay holds no claim: the harmed side's records
                            # ("住了八天院") are no evidence of the user's
                            claim=situation.route in CLAIM_ROUTES
                            and facts.flag(LIABLE_SIDE) is not True,
                            date_unknown=limit and not deadlines
                            and not (timing is not None and timing.not_started))
    fee = _fee(situation.category, facts) if situation.route == "court" else None
    return RiskAssessment(level=level, reasons=reasons,  # type: ignore[arg-type]
                          deadlines=deadlines, evidence=evidence, fee=fee,
                          legal_aid=_legal_aid(situation, facts, groups | set(facts.groups)))


def deadlines_for(category: str, facts: Facts, *, today: date) -> list[DeadlineOut]:
    """Category-level time limits counted from the dates the facts hold."""
    if category == "labor_wages" and facts.flag("employment_ongoing") is True:
        return []  # wages owed while still employed: no arbitration limit runs
    out = []
    for rule_id, kinds in DEADLINE_TRIGGERS.get(category, ()):
        start = next((facts.dates[k] for k in kinds if k in facts.dates), None)
        if start is not None:
            out.append(_deadline_out(compute_deadline(get_rule(rule_id), start.first,
                                                      today=today)))
    return out


def assess_risk(*, category: str, facts: Facts, today: date, groups: set[str] | None = None
                ) -> RiskAssessment:
    """Structured risk for one of the twelve categories and the given facts (``/v1/risk``)."""
    deadlines = deadlines_for(category, facts, today=today)
    words = {w for k in facts.evidence_held for w in EVIDENCE_WORDS.get(k, ())}
    evidence = [EvidenceOut(key=i.key, label=i.label_zh, why=i.why_zh, held=i.held)
                for i in evidence_checklist(category, words)]
    level, reasons = _level(deadlines, [], date_unknown=not deadlines
                            and bool(DEADLINE_TRIGGERS.get(category)))
    held = sum(1 for e in evidence if e.held)
    if evidence and held < len(evidence) / 2 and category != "criminal":
        reasons.append(BURDEN_OF_PROOF)
        level = "medium" if level == "low" else level
    hint = legal_aid_hint(category=category, groups=set(groups or ()) | set(facts.groups),
                          matter_tags=set(facts.matter_tags))
    aid = LegalAidOut(in_scope=hint.in_scope, exempt_from_means_test=hint.exempt_from_means_test,
                      means_check_waived=hint.means_check_waived,
                      reasons=[Basis(text=r.text_zh, law=r.law_key, article=r.article)
                               for r in hint.reasons], documents=list(hint.documents_zh))
    return RiskAssessment(level=level, reasons=reasons,  # type: ignore[arg-type]
                          deadlines=deadlines, evidence=evidence, fee=_fee(category, facts),
                          legal_aid=aid)


__all__ = ["assess_risk", "assess_situation", "deadlines_for", "matter_tags_of"]
