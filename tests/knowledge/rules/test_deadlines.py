from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge.corpus import Corpus
from knowledge.rules.common import CATEGORY_CODES
from knowledge.rules.deadlines import (
    SOON_DAYS,
    URGENT_DAYS,
    DeadlineStatus,
    OpenEnded,
    Period,
    add_months,
    compute_deadline,
    deadline_rules,
    get_rule,
    read_deadline_rules,
    rules_for_category,
    unpaid_wage_arbitration,
)
from tests.support.citations import assert_cited


def test_every_row_cites_a_real_article_that_says_the_phrase(statutes: Corpus) -> None:
    rules = deadline_rules()
    assert len(rules) >= 30
    for rule in rules:
        assert rule.basis_phrase, rule.id
        assert_cited(statutes, rule.law_key, rule.article, rule.basis_phrase)


_ZH_NUMBERS = {1: "一", 2: "二", 3: "三", 5: "五", 6: "六", 7: "七", 10: "十", 15: "十五",
               20: "二十", 30: "三十", 60: "六十", 72: "七十二", 90: "九十"}


def test_period_in_table_matches_the_phrase() -> None:
    # The typed period must be the number the quoted phrase states (Arabic or Chinese).
    derived = {"minor_sexual_abuse_limitation"}  # period comes from 第一百八十八条
    for r in deadline_rules():
        if r.id in derived:
            continue
        phrase = r.basis_phrase.replace("两", "二")
        v = r.period.value
        assert str(v) in phrase or _ZH_NUMBERS.get(v, "?") in phrase, r.id


def test_key_rules_have_expected_periods() -> None:
    expected = {
        "civil_limitation": Period(3, "years"),
        "civil_limitation_max": Period(20, "years"),
        "labor_arbitration": Period(1, "years"),
        "work_injury_employer": Period(30, "days"),
        "work_injury_worker": Period(1, "years"),
        "admin_reconsideration": Period(60, "days"),
        "admin_litigation": Period(6, "months"),
        "admin_litigation_after_reconsideration": Period(15, "days"),
        "state_compensation": Period(2, "years"),
        "product_defect_limitation": Period(2, "years"),
        "product_defect_max": Period(10, "years"),
        "traffic_accident_review": Period(3, "workdays"),
        "civil_appeal_judgment": Period(15, "days"),
        "civil_appeal_ruling": Period(10, "days"),
        "rural_land_arbitration": Period(2, "years"),
        "protection_order_decision": Period(72, "hours"),
        "marriage_annul_illness": Period(1, "years"),
        "gift_revocation": Period(1, "years"),
    }
    for rule_id, period in expected.items():
        assert get_rule(rule_id).period == period, rule_id
    assert get_rule("protection_order_decision").kind == "authority"
    assert "二十四小时" not in get_rule("protection_order_decision").basis_phrase
    assert "二十四小时" in get_rule("protection_order_decision").note_zh


def test_every_category_has_rules_and_unknown_category_fails() -> None:
    for code in CATEGORY_CODES:
        assert rules_for_category(code), code
    assert get_rule("legal_aid_decision") in rules_for_category("criminal")
    assert get_rule("labor_arbitration") in rules_for_category("labor_wages")
    assert get_rule("labor_arbitration") not in rules_for_category("traffic_accident")
    with pytest.raises(ValueError):
        rules_for_category("company_law")


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap-year February
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2024, 3, 15), 6, date(2024, 9, 15)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
    ],
)
def test_add_months_uses_month_end_when_no_corresponding_day(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


def test_years_from_feb_29_end_on_feb_28() -> None:
    assert Period(1, "years").last_day(date(2024, 2, 29)) == date(2025, 2, 28)
    assert Period(4, "years").last_day(date(2024, 2, 29)) == date(2028, 2, 29)
    assert Period(3, "years").last_day(date(2021, 6, 1)) == date(2024, 6, 1)


def test_days_start_the_next_day() -> None:
    # Served on 1 March: 15 days are 2–16 March, so 16 March is the last day.
    rule = get_rule("civil_appeal_judgment")
    s = compute_deadline(rule, date(2024, 3, 1), today=date(2024, 3, 1))
    assert s.deadline == date(2024, 3, 16)
    assert s.days_left == 15
    assert Period(3, "days").last_day(date(2024, 12, 30)) == date(2025, 1, 2)
    assert Period(72, "hours").last_day(date(2024, 1, 1)) == date(2024, 1, 4)


def test_urgency_levels_and_messages() -> None:
    rule = get_rule("civil_limitation")
    start = date(2021, 5, 10)  # last day 2024-05-10
    ok = compute_deadline(rule, start, today=date(2023, 1, 1))
    soon = compute_deadline(rule, start, today=date(2024, 5, 10).replace(month=3, day=1))
    urgent = compute_deadline(rule, start, today=date(2024, 5, 1))
    last = compute_deadline(rule, start, today=date(2024, 5, 10))
    expired = compute_deadline(rule, start, today=date(2024, 5, 11))
    assert [x.urgency for x in (ok, soon, urgent, last, expired)] == [
        "ok", "soon", "urgent", "urgent", "expired"
    ]
    assert soon.days_left <= SOON_DAYS and urgent.days_left <= URGENT_DAYS
    assert last.days_left == 0 and "今天就是最后一天" in last.message_zh
    assert expired.days_left == -1 and "已经过了1天" in expired.message_zh
    for s in (ok, expired):
        assert "2024年5月10日" in s.message_zh
        assert "《民法典》第一百八十八条" in s.message_zh
        assert s.extended_to is None and s.calendar_known  # a Friday in a published year


def test_rest_days_extend_the_last_day_and_unpublished_years_say_so() -> None:
    rule = get_rule("civil_limitation")
    # 2023-10-01 + 3 years = 2026-10-01, National Day: the legal last day moves past the holiday.
    national_day = compute_deadline(rule, date(2023, 10, 1), today=date(2026, 9, 1))
    assert national_day.deadline == date(2026, 10, 1)
    assert national_day.extended_to == date(2026, 10, 8)
    assert "依法顺延到2026年10月8日" in national_day.message_zh
    later = compute_deadline(get_rule("labor_arbitration"), date(2026, 9, 30),
                             today=date(2026, 12, 5))
    assert later.deadline == date(2027, 9, 30) and not later.calendar_known
    assert "尚未公布" in later.message_zh


def test_traffic_review_counts_working_days() -> None:
    rule = get_rule("traffic_accident_review")
    # Served on Friday 2026-12-04: Monday, Tuesday, Wednesday.
    assert compute_deadline(rule, date(2026, 12, 4), today=date(2026, 12, 5)).deadline == date(
        2026, 12, 9)
    # Served on 2026-09-30: the National Day holiday (1-7 October) does not count; Saturday
    # 10 October is an adjusted working day, so it does.
    assert compute_deadline(rule, date(2026, 9, 30), today=date(2026, 10, 2)).deadline == date(
        2026, 10, 10)


def test_boundaries_of_thresholds() -> None:
    rule = get_rule("civil_limitation")
    start = date(2021, 5, 10)
    deadline = date(2024, 5, 10)
    from datetime import timedelta

    at = {n: compute_deadline(rule, start, today=deadline - timedelta(days=n)).urgency
          for n in (URGENT_DAYS, URGENT_DAYS + 1, SOON_DAYS, SOON_DAYS + 1)}
    assert at == {URGENT_DAYS: "urgent", URGENT_DAYS + 1: "soon", SOON_DAYS: "soon",
                  SOON_DAYS + 1: "ok"}


def test_unpaid_wages_while_employed_is_not_limited() -> None:
    res = unpaid_wage_arbitration(employment_ended_on=None, today=date(2025, 1, 1))
    assert isinstance(res, OpenEnded)
    assert "不受一年时效的限制" in res.message_zh
    assert res.rule.article == "第二十七条"


def test_unpaid_wages_after_employment_ended_runs_one_year() -> None:
    res = unpaid_wage_arbitration(employment_ended_on=date(2024, 2, 29), today=date(2025, 2, 1))
    assert isinstance(res, DeadlineStatus)
    assert res.deadline == date(2025, 2, 28)
    assert res.urgency == "urgent"
    late = unpaid_wage_arbitration(employment_ended_on=date(2023, 6, 1), today=date(2025, 1, 1))
    assert isinstance(late, DeadlineStatus) and late.urgency == "expired"


def test_authority_rule_message_does_not_burden_the_citizen() -> None:
    s = compute_deadline(get_rule("protection_order_decision"), date(2024, 1, 1),
                         today=date(2024, 1, 2))
    assert "人民法院应当在这一天之前作出决定" in s.message_zh


def test_reader_rejects_bad_rows(tmp_path: Path) -> None:
    header = ("id\tcategories\tname_zh\tperiod_value\tperiod_unit\tkind\tactor_zh\t"
              "start_event_zh\tlaw_key\tarticle\tbasis_phrase\tnote_zh\n")
    bad_cat = tmp_path / "a.tsv"
    bad_cat.write_text(header + "x\tnope\tn\t1\tyears\tcitizen\ta\ts\t民法典\t第一条\tp\t\n",
                       encoding="utf-8")
    with pytest.raises(ValueError):
        read_deadline_rules(bad_cat)
    bad_unit = tmp_path / "b.tsv"
    bad_unit.write_text(header + "x\tcriminal\tn\t1\tweeks\tcitizen\ta\ts\t民法典\t第一条\tp\t\n",
                        encoding="utf-8")
    with pytest.raises(ValueError):
        read_deadline_rules(bad_unit)


def test_a_rest_day_extension_keeps_the_limit_open_after_the_nominal_day() -> None:
    # A period ending inside the National Day holiday, judged two days later: the first
    # working day after the holiday is still ahead, so the limit has not run out.
    rule = get_rule("civil_limitation")
    start = date(2023, 10, 3)  # three years later: 2026-10-03, inside the National Day holiday
    status = compute_deadline(rule, start, today=date(2026, 10, 5))
    assert status.deadline == date(2026, 10, 3)
    assert status.extended_to is not None and status.extended_to > date(2026, 10, 5)
    assert status.urgency != "expired"
    assert status.days_left == (status.extended_to - date(2026, 10, 5)).days
    assert "请务必在这天之前办好" in status.message_zh


def test_a_period_in_hours_is_not_moved_by_a_rest_day() -> None:
    from datetime import date

    from knowledge.rules.deadlines import compute_deadline, get_rule

    status = compute_deadline(get_rule("medical_autopsy"), date(2026, 12, 4), today=date(2026, 12, 5))
    assert status.deadline == date(2026, 12, 6)  # a Sunday: the 48 hours end that day all the same
    assert status.extended_to is None


def test_a_criminal_appeal_ending_on_a_rest_day_is_not_extended(statutes: Corpus) -> None:
    # 刑事诉讼法第一百零五条: no extension over rest days for a defendant in custody; not
    # knowing whether the person is held, the nominal day is said.
    assert_cited(statutes, "刑事诉讼法", "第一百零五条", "应当至期满之日为止，不得因节假日而延长")
    rule = get_rule("criminal_appeal_judgment")
    status = compute_deadline(rule, date(2026, 12, 2), today=date(2026, 12, 5))
    assert status.deadline == date(2026, 12, 12)  # a Saturday
    assert status.extended_to is None and "顺延" not in status.message_zh
    civil = compute_deadline(get_rule("civil_appeal_judgment"), date(2026, 11, 27),
                             today=date(2026, 12, 5))
    assert civil.deadline == date(2026, 12, 12) and civil.extended_to == date(2026, 12, 14)
