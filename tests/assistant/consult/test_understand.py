"""Understanding a citizen's words: vague dates kept as spans, colloquial amounts, negation,
roles, corrections, facts that persist across turns, answers to our own questions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from assistant.consult.chrono import find_times
from assistant.consult.money import find_ages, find_money, to_number
from assistant.consult.understand import understand
from assistant.models import Facts

TODAY = date(2026, 12, 5)


@pytest.mark.parametrize(("text", "first", "last"), [
    ("九月底就不干了", date(2026, 9, 25), date(2026, 9, 30)),
    ("九月初", date(2026, 9, 1), date(2026, 9, 5)),
    ("十月十二号那天", date(2026, 10, 12), date(2026, 10, 12)),
    ("上个礼拜", date(2026, 11, 23), date(2026, 11, 29)),
    # a month so many years back ("十一月" alone must not become 国庆, 十一)
    ("我爸三年前十一月底在县医院做的手术", date(2023, 11, 25), date(2023, 11, 30)),
    ("三年前的十一月", date(2023, 11, 1), date(2023, 11, 30)),
    ("两年前三月份借的", date(2024, 3, 1), date(2024, 3, 31)),
    ("两年前的十月十二号", date(2024, 10, 12), date(2024, 10, 12)),
    # a feast day and so many days before or after it (jionlp reads the two apart)
    ("摔那天是端午前两天", date(2026, 6, 17), date(2026, 6, 17)),
    ("春节后三天回的工地", date(2026, 2, 20), date(2026, 2, 20)),
    ("去年腊月", date(2026, 1, 19), date(2026, 2, 16)),  # the lunar twelfth month
    ("上个月", date(2026, 11, 1), date(2026, 11, 30)),  # jionlp cannot: the adapter does
    ("前年", date(2024, 1, 1), date(2024, 12, 31)),
    ("十二月二十号", date(2025, 12, 20), date(2025, 12, 20)),  # past, not this year's future
    # some day of a stretch of a month: jionlp reads "九月二十" as a lunar day, or nothing
    ("决定书是九月二十几号送来的", date(2026, 9, 20), date(2026, 9, 29)),
    ("十月十几号出的事", date(2026, 10, 11), date(2026, 10, 19)),
    ("上个月二十多号他说不用来了", date(2026, 11, 20), date(2026, 11, 29)),
    # some days before a feast, not the feast day; one of two days said
    ("国庆前那几天被狗咬了", date(2026, 9, 21), date(2026, 9, 30)),
    ("罚款是十一月十五号还是十六号交的", date(2026, 11, 15), date(2026, 11, 16)),
    ("九月二十六号还是二十七号摔的", date(2026, 9, 26), date(2026, 9, 27)),
])
def test_time_expressions_become_spans_relative_to_today(text: str, first: date,
                                                         last: date) -> None:
    (m,) = [m for m in find_times(text, today=TODAY) if m.first is not None]
    assert (m.first, m.last) == (first, last)
    assert m.estimated == (first != last)


@pytest.mark.parametrize(("text", "days"), [
    ("上个月二十号店长跟我说'你明天就别来了'", [date(2026, 11, 20), date(2026, 11, 21)]),
    ("十月三号出的事，第二天就住院了", [date(2026, 10, 3), date(2026, 10, 4)]),
    ("那天是三月五号，当天就报警了", [date(2026, 3, 5), date(2026, 3, 5)]),
    # a part of the day after the word still counts from the day told before
    ("俺娘前天下午做的手术，当天晚上人就没了", [date(2026, 12, 3), date(2026, 12, 3)]),
    ("十月三号出的事，第二天下午就住院了", [date(2026, 10, 3), date(2026, 10, 4)]),
    ("店长说你明天就别来了", []),  # no day of the story before it: no day said
    ("当天就报警了", []),
])
def test_days_counted_from_the_story_not_from_today(text: str, days: list[date]) -> None:
    found = find_times(text, today=TODAY)
    assert [m.first for m in found] == days
    assert all(m.first == m.last for m in found)


@pytest.mark.parametrize("text", [
    "厂里还欠俺退休前三个月工资九千",
    "最后一个月工资没给",
    "离职之前两个月就没发工资",
    "走之前一个月他还说给",
    # the n-th month of a job, not February; a school grade, not a lunar day
    "她第二个月就自己不来了",
    "干到第三年老板跑了",
    "闺女十三，上初一",
    "我儿子读初二，被同学打了",
    "他是初三的学生",
])
def test_months_counted_from_an_event_of_the_story_are_no_day(text: str) -> None:
    # "前三个月" after 退休 is the three months before retiring, not three months ago
    assert find_times(text, today=TODAY) == []


def test_months_counted_back_after_a_pronoun_are_from_today() -> None:
    (m,) = find_times("我前两个月辞职了", today=TODAY)
    assert (m.first, m.last) == (date(2026, 10, 1), date(2026, 11, 30))


@pytest.mark.parametrize(("text", "first", "last"), [
    ("俺前年在装修公司干活，年底走的时候老板说没钱", date(2024, 11, 1), date(2024, 12, 31)),
    ("去年在厂里干，秋天走的", date(2025, 8, 7), date(2025, 11, 6)),
    ("去年在厂里干，今年年初走的", date(2026, 1, 1), date(2026, 2, 28)),  # its own year
    # a day or a month stands for itself: this year's November, not last year's
    ("俺去年结的婚，乡政府十一月二十号给了个通知书", date(2026, 11, 20), date(2026, 11, 20)),
    ("三月份走的", date(2026, 3, 1), date(2026, 3, 31)),  # the month, not three months
])
def test_a_part_of_a_year_is_in_the_year_named_before(text: str, first: date,
                                                     last: date) -> None:
    m = find_times(text, today=TODAY)[-1]
    assert (m.first, m.last) == (first, last)


@pytest.mark.parametrize(("text", "dates"), [
    # a period of work: it started at one end and ended at the other (not one long "left" span)
    ("俺从前年三月到今年十月在砖厂干活，老板还欠俺八千工钱",
     {"started_job": date(2024, 3, 1), "left_job": date(2026, 10, 1)}),
    ("我2024年5月至2026年9月在物流公司上班", {"started_job": date(2024, 5, 1),
                                             "left_job": date(2026, 9, 1)}),
    ("从去年腊月到今年正月在他家帮工干活", {"started_job": date(2026, 1, 19),
                                       "left_job": date(2026, 2, 17)}),
    # a day still to come is no day of the story (not last year's same week)
    ("俺儿媳妇下礼拜就要生了", {}),
    ("明年开春再说", {}),
    # still working: "到现在" ends nothing
    ("从前年三月到现在一直在厂里干", {"started_job": date(2024, 3, 1)}),
    # a lease period: its end is when the deposit fell due; a lease ending is no job left
    ("去年三月到今年三月我租了他的门面，合同到期了他不退我一万的押金", {"signed": date(2025, 3, 1),
                                                      "incident": date(2026, 3, 1)}),
])
def test_a_period_is_read_as_its_two_ends(text: str, dates: dict[str, date]) -> None:
    facts = understand(text, today=TODAY).facts
    assert {k: d.first for k, d in facts.dates.items()} == dates


def test_seasons_are_spans_not_the_first_of_january() -> None:
    (autumn,) = find_times("去年秋天", today=TODAY)
    assert autumn.first is not None and autumn.first.month in (8, 9)
    assert autumn.estimated


@pytest.mark.parametrize(("text", "value"), [
    ("一万二", 12000), ("三万五", 35000), ("十八万八", 188000), ("六千四", 6400),
    ("两千块", 2000), ("3.5万", 35000), ("12,000", 12000),
])
def test_colloquial_numerals(text: str, value: int) -> None:
    assert to_number(text.removesuffix("块")) == Decimal(value)


def test_money_needs_a_unit_or_a_money_word() -> None:
    assert [m.value for m in find_money("老板还欠俺一万二工钱没给")] == [Decimal(12000)]
    assert [m.value for m in find_money("欠我8000")] == [Decimal(8000)]
    assert find_money("住了二十天院，2026年11月1日出院") == []
    assert find_ages("我儿子15岁") == [(3, 15)]


@pytest.mark.parametrize(("text", "age"), [
    ("俺今年六十三了，退休以后给小区看大门", 63),
    ("我妈七十二了，上个月去听了个讲座", 72),
    ("俺儿子十七，上个月在网吧跟人打架", 17),
    ("那孩子才十三，不够岁数", 13),
    ("俺今年满六十了，去社保局办退休", 60),
    ("娃才八个月大，他就跑了", 0),
    ("给到娃十八岁为止。娃今年九岁", 18),  # "N岁" said outright comes first
    # a limit someone names ("超过六十岁") yields to the age said
    ("老板说我超过六十岁了不给认工伤，俺今年六十四了", 64),
])
def test_ages_said_without_sui(text: str, age: int) -> None:
    assert find_ages(text)[0][1] == age


@pytest.mark.parametrize("text", ["老板欠了我三十二", "他借了俺十五", "他十五号来的",
                                  "俺有三个孩子", "干了十三年"])
def test_numbers_that_are_not_ages(text: str) -> None:
    assert find_ages(text) == []


def test_quitting_worker_story_across_two_turns() -> None:
    first = understand("俺在砖厂干了大半年，九月底就不干了，老板还欠俺一万二工钱没给",
                       today=TODAY).facts
    facts = understand("没签合同，啥也没签", today=TODAY, previous=first).facts
    assert facts.role == "worker"
    assert facts.flag("employment_ongoing") is False and facts.flag("written_contract") is False
    assert facts.amounts["wages_owed"].value == Decimal(12000)
    left = facts.dates["left_job"]
    assert (left.first, left.last, left.estimated) == (date(2026, 9, 25), date(2026, 9, 30), True)
    assert "contract" in facts.evidence_missing and "contract" not in facts.evidence_held


@pytest.mark.parametrize(("text", "flag", "value"), [
    ("我没受伤", "injured", False),
    ("没住院", "hospitalised", False),
    ("伤残鉴定还没做", "disability_assessed", False),
    ("合同签了", "written_contract", True),
    ("还在那干着呢", "employment_ongoing", True),
])
def test_negation_and_word_order(text: str, flag: str, value: bool) -> None:
    assert understand(text, today=TODAY).facts.flag(flag) is value


def test_a_later_turn_corrects_an_earlier_one() -> None:
    facts = understand("我在网上买的羊毛衫", today=TODAY).facts
    facts = understand("不对，不是网上买的，是在镇上店里买的", today=TODAY, previous=facts).facts
    assert facts.flag("online") is False and facts.flag("in_shop") is True


def test_facts_persist_unless_changed() -> None:
    facts = understand("我没签劳动合同，欠我五千元工资", today=TODAY).facts
    facts = understand("我还在那干", today=TODAY, previous=facts).facts
    assert facts.flag("written_contract") is False  # not flipped by a turn that did not say
    assert facts.amounts["wages_owed"].value == Decimal(5000)


def test_a_bare_date_answers_the_question_we_asked() -> None:
    facts = understand("十月十二号", today=TODAY, expecting=["dates.left_job"]).facts
    assert facts.dates["left_job"].first == date(2026, 10, 12)


def test_roles_other_than_the_obvious_party() -> None:
    assert understand("我给我表哥做的担保，银行现在找我还钱", today=TODAY).facts.role == "guarantor"
    assert understand("我的车借给朋友开，他撞了人", today=TODAY).facts.role == "vehicle_owner"
    assert understand("我老公被派出所抓了", today=TODAY).facts.role == "suspect_family"
    # a passenger who opened the taxi door is not the driver; "开车门" is not "开车"
    assert understand("我坐了个网约车，下车时我推开车门碰倒了骑车的人", today=TODAY).facts.role == \
        "passenger"
    assert understand("我是饭店里管人事的，厨房帮工切到手了", today=TODAY).facts.role == "employer"
    # the one sued for a debt is the borrower, whatever the lender's papers say
    assert understand("他去法院告我欠他三万块", today=TODAY).facts.role == "borrower"
    # a lender who took the interest off first is not read as the borrower it was taken from
    lender = understand("我借给老王两万，当时先扣了两千利息", today=TODAY).facts
    assert lender.roles == ["lender"]
    assert understand("我借了两万，被扣了两千砍头息", today=TODAY).facts.role == "borrower"


def test_time_since_and_the_day_written_are_no_days_of_the_story() -> None:
    # "现在过去一个多月了" says how long ago, it moves no day of the accident
    facts = understand("九月二十号下班路上让车撞了", today=TODAY).facts
    facts = understand("不对，是同等责任。现在都过去两个多月了，还来得及吗", today=TODAY,
                       previous=facts).facts
    assert facts.dates["incident"].first == date(2026, 9, 20) and len(facts.dates) == 1
    # the day a conclusion was made is not the day it was received
    facts = understand("鉴定结论书上写的作出日期是十月九号，我们十五号才收到", today=TODAY).facts
    assert facts.dates["decision"].first == date(2026, 10, 15) and "incident" not in facts.dates


@pytest.mark.parametrize(("text", "kind", "value"), [
    # a pension told in the clause before its monthly sum, not the clause after
    ("我爸有退休金，一个月三千出头，住院医保也能报", "pension", 3000),
    # what a child gives each month is support, what a debtor offers each month an instalment
    ("儿子每月给我八百块", "support", 800),
    ("我想跟法院说分期，一个月还一千五行不行", "instalment", 1500),
    # a wage stays a wage
    ("在饭店端盘子，一个月四千二", "monthly_wage", 4200),
])
def test_a_monthly_sum_is_what_its_neighbours_say(text: str, kind: str, value: int) -> None:
    amounts = understand(text, today=TODAY).facts.amounts
    assert list(amounts) == [kind] and amounts[kind].value == value


def test_one_of_several_payments_is_not_the_total() -> None:
    facts = understand("我爸在养生馆前后买了两万六的保健品", today=TODAY).facts
    facts = understand("其中一次是九月份买的，八千", today=TODAY, previous=facts).facts
    assert facts.amounts["price"].value == 26000


def test_the_borrowers_own_words_name_the_due_day_in_the_loans_year() -> None:
    # "前年十月份……'借我三万周转下，年底还你'": the end of that year, quoted or not
    facts = understand("前年十月份借给表弟两万，他微信上说“借我两万周转下，年底还你”",
                       today=TODAY).facts
    assert facts.dates["loan_due"].first == date(2024, 11, 1)
    assert facts.dates["loan_due"].last == date(2024, 12, 31)
    # someone's words without asking for the loan carry no day of the story
    assert understand("他说“今年手头紧，明年一定还”", today=TODAY).facts.dates == {}


def test_a_workers_owed_money_is_pay() -> None:
    facts = understand("我在小区当保安，一个月三千，物业走的时候欠我六千", today=TODAY).facts
    assert facts.role == "worker" and facts.flag("wages_owed") is True
    # a loan told with the same words stays a loan
    loan = understand("我在小区当保安，去年借给同事六千，他还欠我六千", today=TODAY).facts
    assert loan.flag("wages_owed") is not True


def test_nothing_unsaid_is_filled_in() -> None:
    facts = understand("老板不给钱", today=TODAY).facts
    assert facts.dates == {} and facts.age is None and facts.flag("written_contract") is None
    assert isinstance(Facts.model_validate(facts.model_dump()), Facts)


def test_telling_apart_questions_skip_what_was_said() -> None:
    from assistant.consult.situate import CATEGORY_QUESTIONS, open_questions

    facts = understand("朋友欠我两万块，借条写得清清楚楚，今年六月底到期", today=TODAY).facts
    asked = open_questions("contract_debt", facts)
    # Who lent to whom, the IOU and the due date were all said: nothing left to ask of them.
    assert asked == []
    assert len(open_questions("contract_debt", understand("有个经济纠纷", today=TODAY).facts)) == \
        len(CATEGORY_QUESTIONS["contract_debt"])


def test_this_year_before_an_age_is_not_a_date() -> None:
    facts = understand("俺老伴走了三年，俺今年七十二，想再找个老伴", today=TODAY).facts
    assert facts.dates == {} and facts.age == 72


@pytest.mark.parametrize(("text", "value"), [("抢救花了十来万", 100000), ("一个月七八千", 7000),
                                             ("三四万块", 30000), ("一共一万五", 15000)])
def test_round_and_ranged_sums(text: str, value: int) -> None:
    assert [m.value for m in find_money(text)] == [Decimal(value)]


@pytest.mark.parametrize("text", ["住了二十天院", "他有三个孩子", "一百多个人", "干了三年"])
def test_counts_are_not_money(text: str) -> None:
    assert find_money(text) == []


def test_months_without_a_year_before_a_day_and_lunar_days() -> None:
    from assistant.consult.chrono import find_times

    [nine] = find_times("九月份在农资店买的", today=TODAY)
    assert (nine.first, nine.last, nine.estimated) == (date(2026, 9, 1), date(2026, 9, 30), True)
    [due] = find_times("说好2025年10月1日前还清", today=TODAY)
    assert due.first == due.last == date(2025, 10, 1)
    assert find_times("干了三个月", today=TODAY)[0].first is None  # a duration, no month


@pytest.mark.parametrize(("turns", "flag", "value"), [
    # an assessment not yet made denies the assessment, not the injury
    (("右腿骨折，住了二十天院", "还没做伤残鉴定"), "injured", True),
    (("右腿骨折，住了二十天院", "还没做伤残鉴定"), "disability_assessed", False),
    # a worker who "走了" left: an employer speaking of her is not speaking of a death
    (("我开饭馆，招了个服务员，她是十月底走的，是她自己提的不干",), "died", None),
    (("她走了以后跑去劳动仲裁告我",), "died", None),
    (("俺爹上个月走了",), "died", True),
])
def test_words_that_deny_or_mean_something_else(turns: tuple[str, ...], flag: str,
                                                value: bool | None) -> None:
    facts = None
    for turn in turns:
        facts = understand(turn, today=TODAY, previous=facts).facts
    assert facts is not None and facts.signals.get(flag) is value


def test_a_later_day_without_words_does_not_move_when_it_happened() -> None:
    # "上个月我去社保局问" in the second turn is the day of asking, not of the injury; only a
    # correction moves the day told first.
    first = understand("去年十月我在饭店后厨切菜，把手指的筋切断了", today=TODAY).facts
    later = understand("上个月我去社保局问，人家说没人报过", today=TODAY, previous=first).facts
    assert later.dates["incident"].first == date(2025, 10, 1)
    fixed = understand("不对，是去年九月", today=TODAY, previous=first).facts
    assert fixed.dates["incident"].first == date(2025, 9, 1)


def test_a_corrected_day_replaces_the_day_it_denies() -> None:
    # "不是五月": the day known in May (when she started) is the one the new day replaces; it
    # is not a new "when it happened".
    facts = understand("我雇的服务员上个月底不干了，她是五月初来上班的，一直没签合同",
                       today=TODAY).facts
    facts = understand("不对，我查了账本，她是四月中旬来的，不是五月", today=TODAY,
                       previous=facts).facts
    assert facts.dates["started_job"].first == date(2026, 4, 11)
    assert "incident" not in facts.dates


def test_correcting_a_date_does_not_change_who_the_user_is() -> None:
    facts = understand("我是开小加工厂的，一个工人上个月在冲床上把手压了，我没给他买工伤保险",
                       today=TODAY).facts
    assert facts.role == "employer"
    facts = understand("不对不对，出事是十月二十号左右，不是十一月。现在再去申请工伤还来得及不",
                       today=TODAY, previous=facts).facts
    assert facts.role == "employer"
    assert facts.dates["incident"].first == date(2026, 10, 20)


@pytest.mark.parametrize(("text", "days"), [
    # "说好半年还" counts from the day told before; "就是九月份" is the September of that day
    ("是俺表弟去年三月借的五万，说好半年还，就是九月份", [(date(2025, 3, 1), date(2025, 3, 31)),
                                        (date(2025, 9, 1), date(2025, 9, 30)),
                                        (date(2025, 9, 1), date(2025, 9, 30))]),
    ("前年三月借的，借条上写的一年后还", [(date(2024, 3, 1), date(2024, 3, 31)),
                                (date(2025, 3, 1), date(2025, 3, 31))]),
    # "半年还没发工资": still not paid after half a year — a duration, no day
    ("干了半年还没发工资", []),
])
def test_a_time_to_pay_back_is_a_day_after_the_day_told_before(
        text: str, days: list[tuple[date, date]]) -> None:
    assert [(m.first, m.last) for m in find_times(text, today=TODAY) if m.first] == days


def test_how_long_is_not_when() -> None:
    facts = understand("债主这一年多也没找过俺，这几年光打电话催他", today=TODAY).facts
    assert facts.dates == {}


def test_a_month_s_sum_in_a_lease_is_the_rent_not_the_deposit() -> None:
    facts = understand("我的房子租出去了，一个月一千八，押了一个月，租客两个月没交了",
                       today=TODAY).facts
    assert facts.amounts["rent"].value == Decimal(1800)


def test_neighbouring_numerals_are_a_rough_count_of_years_not_a_year() -> None:
    # "都五六年了" was read as 1956
    assert [m.first for m in find_times("地让他种了都五六年了", today=TODAY)] == [None]
    assert [m.first for m in find_times("九八年结婚的", today=TODAY)] == [date(1998, 1, 1)]


@pytest.mark.parametrize(("text", "monthly", "owed"), [
    ("最后俩月的工资一直没给，一个月四千二", 4200, 8400),
    ("老板欠了俺三个月工钱，一个月两千五", 2500, 7500),
    ("一个月三千，欠了两个月工资，一共六千", 3000, 6000),  # the total said wins
])
def test_months_owed_times_the_month_s_wage(text: str, monthly: int, owed: int) -> None:
    amounts = understand(text, today=TODAY).facts.amounts
    assert (amounts["monthly_wage"].value, amounts["wages_owed"].value) == (monthly, owed)


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("去诊所花了八十", "medical_costs", 80),  # a small bare sum right after paying
    ("买了两箱牛奶，一箱六十", "price", 120),  # the count times the unit's price
])
def test_small_sums_and_unit_prices(text: str, kind: str, value: int) -> None:
    assert understand(text, today=TODAY).facts.amounts[kind].value == value


def test_not_this_but_that_takes_back_what_the_denied_part_said() -> None:
    # "不是村里分钱的事，是俺娘留下的房子": the village's money is not the matter
    facts = understand("村里分钱没俺的份", today=TODAY).facts
    assert facts.signals.get("collective_money") is True
    facts = understand("不是村里分钱的事，是俺娘留下的房子", today=TODAY, previous=facts).facts
    assert facts.signals.get("collective_money") is False


def test_a_corrected_day_of_the_month_replaces_the_day_it_names() -> None:
    facts = understand("罚款决定书是十一月三号拿到的", today=TODAY).facts
    facts = understand("我看了决定书，记错了，不是三号，是十一月十三号拿到的", today=TODAY,
                       previous=facts).facts
    assert facts.dates["decision"].first == date(2026, 11, 13)
    assert "incident" not in facts.dates


def test_let_go_and_worked_until_are_the_leaving_day() -> None:
    facts = understand("老板上个月底说俺岁数大了干不动了，不用俺了", today=TODAY).facts
    assert facts.signals.get("dismissed") is True and facts.signals.get("employment_ongoing") is False
    facts = understand("俺是去年秋收后去的，一直干到上个月底", today=TODAY).facts
    assert facts.dates["left_job"].first == date(2026, 11, 25)
    assert facts.dates["started_job"].first.year == 2025
    # a man saying he is a man is no context of women's rights
    assert not understand("俺今年五十八，男的", today=TODAY).facts.signals.get("women_female_context")


def test_a_month_of_pay_said_roughly_is_no_baby() -> None:
    # "一个月大概七八千": 大概 is "about", not a one-month-old
    assert find_ages("收入不固定，一个月大概七八千") == []
    assert find_ages("孩子才八个月大") == [(3, 0)]


def test_a_corrected_bare_sum_replaces_the_sum_told_before() -> None:
    first = understand("去年秋天我借给以前厂里的同事一万二，微信转的", today=TODAY).facts
    assert first.amounts["loan"].value == 12000
    facts = understand("不对，是一万二千五，后来他又跟我要了五百", today=TODAY, previous=first).facts
    assert facts.amounts["loan"].value == 12500
    # without a correction a bare sum is not filed under the earlier kind
    facts = understand("后来又花了五百", today=TODAY, previous=first).facts
    assert facts.amounts["loan"].value == 12000


def test_the_day_asked_for_is_not_taken_by_another_day_of_the_answer() -> None:
    # the decision's day was told; "九月中旬" restates when he died ("走的"), not the decision
    first = understand("我老公在工地干活时晕倒了，抢救了三天人还是没了，人社局说不予认定工伤",
                       today=TODAY).facts
    facts = understand("决定书是10月15号拿到的。他是9月份走的，九月中旬。", today=TODAY,
                       previous=first, expecting=("dates.decision",)).facts
    assert facts.dates["decision"].first == date(2026, 10, 15)
    assert (facts.dates["death"].first, facts.dates["death"].last) == \
        (date(2026, 9, 11), date(2026, 9, 20))
    assert "left_job" not in facts.dates


def test_a_day_said_again_keeps_its_kind() -> None:
    facts = understand("裁决书是上个礼拜五收到的，就是11月27号。俺是河南人，今年五十二",
                       today=TODAY, expecting=("dates.left_job",)).facts
    assert facts.dates["judgment"].first == date(2026, 11, 27)
    assert "left_job" not in facts.dates  # neither the restated day nor "今年五十二" (an age)


def test_a_sum_denied_and_restated_and_a_correction_of_something_else() -> None:
    first = understand("她一下买了六盒，花了一万二千八，住院自己掏了三千四", today=TODAY).facts
    facts = understand("我刚才说错了，不是一万二千八，是一万八千二，收据上写得清清楚楚", today=TODAY,
                       previous=first).facts
    assert facts.amounts["price"].value == 18200
    assert facts.amounts["medical_costs"].value == 3400
    # "他不是在店里伤的" corrects where; the sum offered later is not the one claimed before
    first = understand("他家里人找上门来要俺拿五万，说是工伤", today=TODAY).facts
    facts = understand("补充一下，他不是在店里伤的，是骑电动车回家路上让车撞了。俺想给他两万块让他签个字",
                       today=TODAY, previous=first).facts
    assert facts.amounts["claimed"].value == 50000


def test_a_due_day_without_a_year_is_the_first_after_the_loan() -> None:
    facts = understand("二〇二五年一月十号他表哥借了八万块，借条上写六月三十号之前还清", today=TODAY).facts
    assert facts.dates["loan_made"].first == date(2025, 1, 10)
    assert facts.dates["loan_due"].first == date(2025, 6, 30)


def test_november_is_not_national_day() -> None:
    # jionlp reads "十一" of "从十一月起" as the October holiday
    (m,) = find_times("家庭收入超标了，从十一月起就不发了", today=TODAY)
    assert (m.first, m.last) == (date(2026, 11, 1), date(2026, 11, 30))
    (m,) = find_times("十一那天出的车祸", today=TODAY)
    assert m.first == date(2026, 10, 1)


def test_a_question_with_bushi_corrects_nothing() -> None:
    # "是不是真的" asks; the day told first (the hospital stay) stays, the transfer is another day
    first = understand("今年正月十二我脑梗住院，给他打了八个电话都不来", today=TODAY).facts
    facts = understand("我刚才说漏了，过户是二三年三月办的。我闺女说公证过的就撤不回来了，是不是真的？",
                       today=TODAY, previous=first).facts
    assert facts.dates["incident"] == first.dates["incident"]


def test_an_exact_day_within_an_estimate_makes_it_precise() -> None:
    # "去年冬天" was an estimate; the day read later off the records is that day, exact
    first = understand("去年冬天我在家具厂开电锯，把左手两个指头锯了", today=TODAY).facts
    assert first.dates["incident"].estimated
    facts = understand("具体日子我看了病历，是去年12月18号，阳历。", today=TODAY,
                       previous=first).facts
    assert facts.dates["incident"].first == facts.dates["incident"].last == date(2025, 12, 18)
    assert not facts.dates["incident"].estimated
    # a day outside the estimate is something else and leaves it alone
    other = understand("今年十月我去社保局问过", today=TODAY, previous=first).facts
    assert other.dates["incident"] == first.dates["incident"]


@pytest.mark.parametrize(("text", "question"), [
    ("我刚才说错了。到了派出所他啥都认了。像这样的，还算不算自首？", "像这样的，还算不算自首？"),
    ("俺还能咋办？是不是就这样算了？", "俺还能咋办？是不是就这样算了？"),
    ("裁决书上礼拜收到的。俺还能咋办？", "俺还能咋办？"),
    ("他说给八万。这字能签不", "这字能签不"),
    ("没签合同，啥也没签", None),  # "啥也没签" asks nothing
    ("当时没说啥时候还，也没说利息。", None),
])
def test_the_question_a_message_ends_with(text: str, question: str | None) -> None:
    from assistant.consult.situate import question_start

    start = question_start(text)
    assert (None if start is None else text[start:]) == question


def test_a_question_names_the_situation_it_is_about() -> None:
    from knowledge.signals import default_reader
    from knowledge.situations import match

    text = ("我娃二十三了，开着车把一个骑摩托的老汉给撞了，娃害怕就跑了。那老汉腿断了。现在娃叫"
            "关起来了，我们想先把医药费给人家出上。当天半夜警察寻到屋里，把他从炕上叫起来带走的，"
            "他之前也没说要去自首。到了派出所他啥都认了。像这样的，还算不算自首？")
    reading = default_reader().read(text)
    roles = ("parent", "suspect_family")
    plain = [s.id for _, s in match(reading.signals, roles=roles)]
    asked = [s.id for _, s in match(reading.signals, roles=roles, salience=reading.positions,
                                    asked=text.index("像这样"))]
    # settling with the victim fits a little better, but the question is about surrender
    assert plain[:2] == ["crim.suspect_settlement", "crim.surrender"]
    assert asked[0] == "crim.surrender"


def test_the_asked_sum_goes_to_a_bare_sum_only_when_no_sum_names_it() -> None:
    # asked "对方看病一共花了多少钱": the sum said to be the medical bill answers it, the other
    # bare sum (the other side's claim) does not overwrite it
    facts = understand("她住了十几天院，医药费花了八千六。两万是不是要多了？", today=TODAY,
                       expecting=["amounts.medical_costs"]).facts
    assert facts.amounts["medical_costs"].value == 8600
    # with no sum named as the bill, the bare sum is the answer to the question
    bare = understand("大概一万三吧", today=TODAY, expecting=["amounts.medical_costs"]).facts
    assert bare.amounts["medical_costs"].value == 13000


def test_the_courts_day_is_no_day_of_the_dispute() -> None:
    # "这个月二十二号开庭" is ahead; read as the past it made a crash of December last year
    facts = understand("传票是上礼拜五收到的，上面写这个月二十二号开庭", today=TODAY).facts
    assert "incident" not in facts.dates
    assert facts.dates["served"].first == date(2026, 11, 27)


def test_the_other_partys_age_does_not_replace_the_one_spoken_about() -> None:
    facts = understand("我家娃九岁，骑车把楼下一个老太太撞倒了", today=TODAY).facts
    assert facts.age == 9
    later = understand("老太太七十二了，退休的", today=TODAY, previous=facts).facts
    assert later.age == 9
    # said of no one else, a later age is the person's own
    assert understand("俺今年六十八了", today=TODAY, previous=facts).facts.age == 68


def test_the_day_a_divorce_was_filed_starts_the_cooling_off() -> None:
    facts = understand("我们十一月二十号到民政局交的离婚材料，我后悔了", today=TODAY).facts
    assert facts.flag("mf_divorce_filed") is True
    assert facts.dates["incident"].first == date(2026, 11, 20)


def test_days_inside_quoted_words_are_the_speakers_not_the_storys() -> None:
    facts = understand("借条上写的二三年年底还。去年过年我问过他一回，他回我说'今年手头紧，明年一定还'",
                       today=TODAY).facts
    assert facts.dates["demanded"].first == date(2025, 1, 1)  # 去年, not the quoted 今年

