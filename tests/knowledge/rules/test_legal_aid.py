from __future__ import annotations

from knowledge.corpus import Corpus
from knowledge.rules.common import CATEGORY_CODES
from knowledge.rules.legal_aid import (
    MIGRANT_WORKER,
    MINOR,
    NO_FIXED_INCOME,
    SOCIAL_ASSISTANCE,
    SUSPECT,
    WAGES,
    legal_aid_hint,
    legal_aid_table,
    matter_tags,
)
from tests.support.citations import assert_cited


def test_every_row_cites_real_text(statutes: Corpus) -> None:
    t = legal_aid_table()
    for row in [*t["civil_scope"], *t["no_means_test"], *t["group_laws"],
                *t["articles"].values()]:
        assert_cited(statutes, row["law_key"], row["article"], row["basis_phrase"])


def test_every_hint_reason_cites_an_existing_article(statutes: Corpus) -> None:
    for tag in matter_tags():
        hint = legal_aid_hint(category="labor_wages", matter_tags={tag}, groups={MINOR})
        for r in hint.reasons:
            assert_cited(statutes, r.law_key, r.article)


def test_migrant_worker_claiming_wages_check_waived_not_exempt() -> None:
    # 第四十二条(三) waives *verification*; only 第三十二条 lifts the hardship condition itself.
    hint = legal_aid_hint(category="labor_wages", matter_tags={WAGES}, groups={MIGRANT_WORKER})
    assert hint.in_scope is True
    assert hint.means_check_waived is True
    assert hint.exempt_from_means_test is False
    cited = {(r.law_key, r.article) for r in hint.reasons}
    assert ("法律援助法", "第三十一条") in cited
    assert ("法律援助法", "第四十二条") in cited
    assert ("保障农民工工资支付条例", "第四十五条") in cited
    assert any("免查" in d for d in hint.documents_zh)


def test_migrant_worker_on_other_matter_is_checked() -> None:
    hint = legal_aid_hint(category="contract_debt", matter_tags={"请求交通事故赔偿"},
                          groups={MIGRANT_WORKER})
    assert hint.in_scope is True and hint.means_check_waived is False
    assert any("诚信承诺" in d for d in hint.documents_zh)


def test_domestic_violence_victim_is_exempt() -> None:
    hint = legal_aid_hint(category="vulnerable_groups_dv", matter_tags={"家庭暴力"},
                          groups={"妇女"})
    assert hint.in_scope is True and hint.exempt_from_means_test is True
    cited = {(r.law_key, r.article) for r in hint.reasons}
    assert {("法律援助法", "第三十二条"), ("反家庭暴力法", "第十九条"),
            ("妇女权益保障法", "第七十二条")} <= cited
    assert not any("诚信承诺" in d for d in hint.documents_zh)


def test_good_samaritan_exempt() -> None:
    hint = legal_aid_hint(category="personal_injury_tort_medical", matter_tags={"见义勇为"},
                          groups=set())
    assert hint.exempt_from_means_test is True


def test_minor_suspect_gets_mandatory_defence() -> None:
    hint = legal_aid_hint(category="criminal", matter_tags={SUSPECT}, groups={MINOR})
    assert hint.in_scope is True and hint.exempt_from_means_test is True
    assert ("法律援助法", "第二十五条") in {(r.law_key, r.article) for r in hint.reasons}
    adult = legal_aid_hint(category="criminal", matter_tags={SUSPECT}, groups=set())
    assert adult.in_scope is True and adult.exempt_from_means_test is False
    assert ("法律援助法", "第二十四条") in {(r.law_key, r.article) for r in adult.reasons}


def test_low_income_and_no_fixed_income_groups_waive_the_check() -> None:
    a = legal_aid_hint(category="marriage_family_inheritance", matter_tags={"请求给付赡养费"},
                       groups={SOCIAL_ASSISTANCE})
    assert a.means_check_waived and not a.exempt_from_means_test
    elderly_with_pension = legal_aid_hint(category="marriage_family_inheritance",
                                          matter_tags={"请求给付赡养费"}, groups={"老年人"})
    assert not elderly_with_pension.means_check_waived
    elderly_no_income = legal_aid_hint(category="marriage_family_inheritance",
                                       matter_tags={"请求给付赡养费"},
                                       groups={"老年人", NO_FIXED_INCOME})
    assert elderly_no_income.means_check_waived


def test_unlisted_matter_is_unknown_not_refused() -> None:
    hint = legal_aid_hint(category="contract_debt", matter_tags={"公司股权"}, groups=set())
    assert hint.in_scope is None
    assert any(r.article == "第三十一条" and "地方" in r.text_zh for r in hint.reasons)


def test_urgent_deadline_allows_advance_aid_and_all_categories_accepted() -> None:
    hint = legal_aid_hint(category="labor_wages", matter_tags={WAGES, "期限不足七日"},
                          groups=set())
    assert ("法律援助法", "第四十四条") in {(r.law_key, r.article) for r in hint.reasons}
    for code in CATEGORY_CODES:
        assert legal_aid_hint(category=code, matter_tags=set(), groups=set()).documents_zh
