"""Worked eligibility cases: one for every rule of the pre-screen engine, and the conflicts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.models import Basis
from assistant.screening.models import Proposal
from assistant.screening.rules import (
    LABEL_RULES,
    LocalPolicy,
    basis_rows,
    priority_rank,
    propose,
)
from knowledge.corpus import Corpus, load_statutes
from knowledge.rules.deadlines import get_rule
from knowledge.rules.legal_aid import legal_aid_table
from tests.support.screening import TODAY, app_in

POLICY = LocalPolicy(hardship_line=Decimal(1500))


def run(app_kwargs: dict[str, object] | None = None, *, policy: LocalPolicy = POLICY,
        **kw: object) -> Proposal:
    return propose(app_in(**{**(app_kwargs or {}), **kw}), today=TODAY,  # type: ignore[arg-type]
                   policy=policy)


def cites(p: Proposal | list[Basis], law: str, article: str) -> bool:
    reasons = p.reasons if isinstance(p, Proposal) else p
    return any(b.law == law and b.article == article for b in reasons)


def flag(p: Proposal, code: str) -> list[Basis]:
    found = [f for f in p.priority if f.code == code]
    return found[0].reasons if found else []


@pytest.fixture(scope="module")
def statutes(data_dir: Path) -> Corpus:
    return Corpus(tuple(load_statutes(data_dir / "statutes")))


# ---------------------------------------------------------------- the basis table is real law


def test_every_basis_row_quotes_its_article(statutes: Corpus) -> None:
    for key, row in basis_rows().items():
        art = statutes.by_key((row["law"], row["article"]))
        assert art is not None, f"{key}: 《{row['law']}》{row['article']} not in the pack"
        assert row["basis_phrase"] in art.text, f"{key}: article does not say the phrase"
        if row.get("local_policy"):
            assert "本地" in row["text"] or "政策" in row["text"], key


def test_every_reason_of_many_proposals_cites_an_existing_article(statutes: Corpus) -> None:
    cases = [run(tags=("请求支付劳动报酬",), groups=("农民工",), income=5000),
             run(category="criminal", tags=("犯罪嫌疑人被告人", "可能判处无期徒刑死刑")),
             run(category="contract_debt", groups=("军人军属", "妇女", "留守儿童")),
             run(category="vulnerable_groups_dv", tags=("家庭暴力",), born=date(2012, 1, 1)),
             run(key_dates=[{"label": "离职", "on": TODAY - timedelta(days=360)}])]
    for p in cases:
        for b in p.reasons + [r for f in p.priority for r in f.reasons]:
            if b.law:
                assert statutes.by_key((b.law, b.article)) is not None, b


def test_label_rules_name_real_deadline_rules() -> None:
    for (category, _label), rule_id in LABEL_RULES.items():
        assert get_rule(rule_id).applies_to(category)


# ---------------------------------------------------------------- scope (第三十一条, 刑事, 第三十三条)


@pytest.mark.parametrize("row", legal_aid_table()["civil_scope"], ids=lambda r: r["tag"])
def test_each_listed_matter_is_in_scope(row: dict[str, str]) -> None:
    p = run(tags=(row["tag"],), income=1000)
    assert p.in_scope is True
    assert cites(p, "法律援助法", row["article"])
    assert p.recommendation == "grant"


def test_matter_outside_the_national_list_needs_local_rules() -> None:
    p = run(category="contract_debt", income=1000)
    assert p.in_scope is None and p.recommendation == "more_info"
    assert any("地方" in b.text for b in p.reasons if b.article == "第三十一条")


def test_criminal_suspect_adult_applies_and_is_means_tested() -> None:
    p = run(category="criminal", tags=("犯罪嫌疑人被告人",), income=1000)
    assert p.in_scope is True and p.means_test == "required"
    assert cites(p, "法律援助法", "第二十四条") and cites(p, "法律援助法", "第三十条")


def test_criminal_suspect_minor_gets_a_defender_without_means_test() -> None:
    p = run(category="criminal", tags=("犯罪嫌疑人被告人",), born=date(2010, 5, 5), income=9000)
    assert p.means_test == "exempt" and p.recommendation == "grant"
    assert cites(p, "法律援助法", "第二十五条") and cites(p, "未成年人保护法", "第二条")


def test_criminal_victim_cites_article_29() -> None:
    p = run(category="criminal", tags=("被害人",), income=1000)
    assert p.in_scope is True and cites(p, "法律援助法", "第二十九条")
    assert p.mediation_first is False


def test_compulsory_medical_is_exempt() -> None:
    p = run(category="criminal", tags=("强制医疗",))
    assert p.means_test == "exempt" and cites(p, "法律援助法", "第二十八条")


# ---------------------------------------------------------------- 第三十二条 exemptions


@pytest.mark.parametrize("row", legal_aid_table()["no_means_test"], ids=lambda r: r["tag"])
def test_each_article_32_matter_is_exempt_even_above_the_line(row: dict[str, str]) -> None:
    p = run(category="vulnerable_groups_dv", tags=(row["tag"],), income=50_000)
    assert p.means_test == "exempt" and p.recommendation == "grant"
    assert cites(p, "法律援助法", "第三十二条")
    assert "hardship_statement" not in {d.key for d in p.documents_needed}


# ---------------------------------------------------------------- 第四十二条 waivers


def test_elderly_without_fixed_income_check_waived() -> None:
    p = run(category="marriage_family_inheritance", tags=("请求给付赡养费",),
            born=date(1950, 1, 1), no_fixed_income=True)
    assert p.means_test == "waived" and p.recommendation == "grant"
    assert "老年人" in p.groups and cites(p, "老年人权益保障法", "第二条")
    assert cites(p, "法律援助法", "第四十二条")
    assert "group_proof" in {d.key for d in p.documents_needed}


def test_social_assistance_recipient_check_waived() -> None:
    p = run(tags=("请求确认劳动关系",), groups=("低保/特困",))
    assert p.means_test == "waived" and cites(p, "法律援助法", "第四十二条")


def test_migrant_worker_above_income_line_claiming_wages_is_not_hardship_checked() -> None:
    # The conflict of the issue: income above the line, but 第四十二条第三项 waives the check.
    p = run(tags=("请求支付劳动报酬",), groups=("农民工",), income=5000)
    assert p.means_test == "waived"  # not "exempt": that is 第三十二条, a different relief
    assert p.recommendation == "grant"
    waiver = [b for b in p.reasons if b.article == "第四十二条" and "高于本地标准" in b.text]
    assert waiver and "免予核查" in waiver[0].text and "第三十二条" in waiver[0].text
    review = flag(p, "no_hardship_review")
    assert review and cites(review, "法律援助法", "第四十二条")
    assert next(f for f in p.priority if f.code == "no_hardship_review").local_policy is False


def test_same_income_without_the_waiver_is_proposed_for_refusal() -> None:
    p = run(tags=("请求支付劳动报酬",), income=5000)
    assert p.means_test == "required" and p.recommendation == "refuse"
    assert cites(p, "法律援助法", "第三十四条")
    assert any("书面告知" in b.text and b.article == "第四十三条" for b in p.reasons)


def test_migrant_worker_on_a_debt_matter_is_still_checked() -> None:
    p = run(category="traffic_accident", tags=("请求交通事故赔偿",), groups=("农民工",),
            income=5000)
    assert p.means_test == "required" and p.recommendation == "refuse"


def test_income_below_line_grants_and_unknown_income_asks() -> None:
    assert run(tags=("请求支付劳动报酬",), income=1000).recommendation == "grant"
    p = run(tags=("请求支付劳动报酬",))
    assert p.recommendation == "more_info" and cites(p, "法律援助法", "第四十一条")
    no_line = run(tags=("请求支付劳动报酬",), income=1000, policy=LocalPolicy())
    assert no_line.recommendation == "more_info"
    assert any("没有配置" in b.text for b in no_line.reasons)


# ---------------------------------------------------------------- priority acceptance


@pytest.mark.parametrize(("groups", "born", "law", "article"), [
    (("军人军属",), None, "法律援助法", "第七十条"),
    (("农民工",), None, "保障农民工工资支付条例", "第四十五条"),
    ((), date(2012, 7, 1), "未成年人保护法", "第一百零四条"),
    (("残疾人",), None, "残疾人保障法", "第六十条"),
])
def test_priority_acceptance_groups(groups: tuple[str, ...], born: date | None, law: str,
                                    article: str) -> None:
    p = run(category="contract_debt", groups=groups, born=born)
    reasons = flag(p, "priority_acceptance")
    assert cites(reasons, law, article)
    assert all("本地" in b.text or "政策" in b.text for b in reasons)
    assert priority_rank(p) == 1


def test_no_priority_for_an_ordinary_applicant() -> None:
    p = run(category="contract_debt", income=1000)
    assert p.priority == [] and priority_rank(p) == 2


# ---------------------------------------------------------------- no hardship review (local)


def test_rural_elderly_no_review_is_local_policy() -> None:
    p = run(category="contract_debt", born=date(1940, 1, 1), rural_household=True, income=9000)
    f = next(f for f in p.priority if f.code == "no_hardship_review")
    assert f.local_policy and "不是法律援助法的统一规定" in f.reasons[0].text
    assert p.means_test == "waived"
    urban = run(category="contract_debt", born=date(1940, 1, 1), income=9000)
    assert not flag(urban, "no_hardship_review") and urban.means_test == "required"
    young = run(category="contract_debt", born=date(1960, 1, 1), rural_household=True)
    assert not flag(young, "no_hardship_review")


def test_women_and_left_behind_children_no_review_are_local_policy() -> None:
    for groups, born in ((("妇女",), None), (("留守儿童",), date(2014, 2, 2))):
        p = run(category="contract_debt", groups=groups, born=born)
        f = next(f for f in p.priority if f.code == "no_hardship_review")
        assert f.local_policy and p.means_test == "waived"
    off = LocalPolicy(hardship_line=Decimal(1500), women_no_review=False)
    assert run(category="contract_debt", groups=("妇女",), policy=off).means_test == "required"


# ---------------------------------------------------------------- priority assignment


def test_deadline_within_seven_days_is_first_aid_and_rank_zero() -> None:
    ended = date(2024, 6, 5)  # one-year wage arbitration limit ends 2025-06-05: 4 days left
    p = run(tags=("请求支付劳动报酬",), income=1000,
            key_dates=[{"label": "离职", "on": ended.isoformat()}])
    assert p.deadlines[0].days_left == 4
    reasons = flag(p, "priority_assignment")
    assert cites(reasons, "法律援助法", "第四十四条")
    assert cites(reasons, "劳动争议调解仲裁法", "第二十七条")
    assert priority_rank(p) == 0 and p.mediation_first is False


def test_deadline_close_is_priority_but_not_first_aid() -> None:
    p = run(tags=("请求支付劳动报酬",), income=1000,
            key_dates=[{"label": "开庭举证期限", "on": (TODAY + timedelta(days=20)).isoformat(),
                        "kind": "deadline"}])
    reasons = flag(p, "priority_assignment")
    assert reasons and not cites(reasons, "法律援助法", "第四十四条")
    assert "还剩20天" in reasons[0].text and priority_rank(p) == 1
    far = run(tags=("请求支付劳动报酬",), key_dates=[
        {"label": "x", "on": (TODAY + timedelta(days=200)).isoformat(), "kind": "deadline"}])
    assert not flag(far, "priority_assignment")


def test_expired_deadline_is_flagged_for_checking() -> None:
    p = run(category="administrative", tags=("请求国家赔偿",), key_dates=[
        {"label": "决定", "on": "2025-01-01"}])
    assert any("已过" in b.text for b in flag(p, "priority_assignment"))
    assert cites(flag(p, "priority_assignment"), "行政复议法", "第二十条")


def test_major_difficult_life_sentence_and_group_cases() -> None:
    assert any("重大疑难" in b.text for b in flag(run(major_or_difficult=True),
                                                   "priority_assignment"))
    life = run(category="criminal", tags=("犯罪嫌疑人被告人", "可能判处无期徒刑死刑"))
    assert cites(flag(life, "priority_assignment"), "法律援助法", "第二十六条")
    assert any("群体性" in b.text for b in flag(run(claimants=12), "priority_assignment"))


# ---------------------------------------------------------------- mediation first, 市域通办


def test_mediation_first_for_a_dispute_between_people() -> None:
    p = run(category="contract_debt", income=1000)
    assert p.mediation_first is True
    assert cites(p, "人民调解法", "第二条") and cites(p, "人民调解法", "第四条")
    labor = run(tags=("请求支付劳动报酬",), income=1000)
    assert labor.mediation_first and cites(labor, "劳动争议调解仲裁法", "第十条")


def test_no_mediation_against_government_violence_refusal_or_crime() -> None:
    assert run(category="contract_debt", opposing_kind="government").mediation_first is False
    dv = run(category="marriage_family_inheritance", tags=("家庭暴力",))
    assert dv.mediation_first is False and any("家庭暴力" in b.text and "调解" in b.text
                                               for b in dv.reasons)
    refused = run(category="contract_debt", mediation_refused=True)
    assert refused.mediation_first is False and cites(refused, "人民调解法", "第十七条")
    assert run(category="criminal", tags=("犯罪嫌疑人被告人",)).mediation_first is False


def test_city_wide_acceptance_is_local_policy_and_switchable() -> None:
    p = run(category="contract_debt")
    assert p.city_wide_acceptance
    b = next(b for b in p.reasons if "市域通办" in b.text)
    assert "不是法律规定" in b.text and (b.law, b.article) == ("法律援助法", "第十三条")
    off = run(category="contract_debt", policy=LocalPolicy(city_wide_acceptance=False))
    assert not off.city_wide_acceptance


# ---------------------------------------------------------------- documents still needed


def test_documents_needed_shrink_with_documents_held() -> None:
    p = run(tags=("请求支付劳动报酬",), income=1000)
    assert [d.key for d in p.documents_needed] == ["id_card", "hardship_statement",
                                                    "case_materials"]
    assert cites(p, "法律援助法", "第四十三条")  # 一次性告知
    held = run(tags=("请求支付劳动报酬",), income=1000,
               documents_held=["id_card", "hardship_statement", "case_materials"])
    assert held.documents_needed == []
    minor = run(category="contract_debt", born=date(2012, 1, 1))
    need = {d.key: d for d in minor.documents_needed}
    assert need["guardian_proof"].basis is not None
    assert need["guardian_proof"].basis.article == "第四十条"
