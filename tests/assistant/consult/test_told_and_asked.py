"""What the person told and who is asking, read through the real engine (issue 13, eighth
round of lawyers' probes): a record's exact day replaces a day counted from today, a day still
to come or printed on a package is no day of the story, the notice's day comes from its own
words, and the person's side decides the answer (a worker's wife is no boss, a shop owner asked
for a refund is the seller, a tenant who sublet is no landlord).

The phrasings are new, written for these tests, not the probes' words.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from assistant.consult.engine import ConsultationEngine
from assistant.models import Reply, SessionState
from knowledge.index import KnowledgeIndex
from tests.support.services import engine_for

SUNDAY = date(2026, 12, 6)


@pytest.fixture(scope="module")
def engine(core_kb: KnowledgeIndex, data_dir: Path) -> ConsultationEngine:
    return engine_for(core_kb, data_dir, today=lambda: SUNDAY)


def _talk(engine: ConsultationEngine, turns: Sequence[str]) -> tuple[SessionState, Reply]:
    state = SessionState(session_id="t" * 24)
    reply = None
    for text in turns:
        reply = engine.respond(state, text)
    assert reply is not None
    return state, reply


def test_a_last_weekday_told_on_a_sunday_is_either_week(engine: ConsultationEngine) -> None:
    # On Sunday 6 December "上礼拜三" is 25 November to some and 2 December to others: an
    # estimate spanning both, so a 7-day return is not declared lost on the earlier reading.
    state, reply = _talk(engine, ["网上买的电饭锅上礼拜三收到的，用着不顺手想退，能七天无理由退不"])
    day = state.facts.dates["purchase"]
    assert (day.first, day.last, day.estimated) == (date(2026, 11, 25), date(2026, 12, 2), True)
    assert "已经过了" not in reply.first_screen or "也可能还没过" in reply.first_screen


def test_a_records_day_replaces_a_day_counted_from_today(engine: ConsultationEngine) -> None:
    state, reply = _talk(engine, ["网上买的电饭锅上礼拜三收到的，用着不顺手想退，能七天无理由退不",
                                  "我查了物流，签收记录是12月2号中午"])
    assert state.facts.dates["purchase"].first == date(2026, 12, 2)
    assert "2026年12月9日" in reply.first_screen  # 7 days from the day after receipt


def test_a_later_exact_day_without_a_kind_of_its_own_changes_nothing(
        engine: ConsultationEngine) -> None:
    # "上个礼拜二" told, then a day whose clause names no purchase: not a correction.
    state, _ = _talk(engine, ["网上买的电饭锅上礼拜二收到的，用着不顺手想退，能七天无理由退不",
                              "客服12月3号回我说不给退"])
    assert state.facts.dates["purchase"].last == date(2026, 12, 1)


def test_a_day_of_this_month_still_to_come_is_no_day_last_year(
        engine: ConsultationEngine) -> None:
    state, reply = _talk(engine, ["我们饭店打算让一个厨师干到这个月底就走，他说要仲裁要补偿，我们要给吗"])
    assert all(d.first.year == 2026 for d in state.facts.dates.values())
    assert "2025年" not in reply.text


def test_the_day_a_shed_was_built_and_a_packages_date_are_no_events(
        engine: ConsultationEngine) -> None:
    state, _ = _talk(engine, ["镇里贴了通知让我三天内拆猪圈，猪圈是前年秋天盖的，他们能直接来推吗"])
    assert "decision" not in state.facts.dates and "incident" not in state.facts.dates
    state, _ = _talk(engine, ["在小卖部买的饼干，保质期到11月20号，早过了，吃了肚子疼，能赔吗"])
    assert "incident" not in state.facts.dates


def test_the_notices_day_comes_from_its_own_words(engine: ConsultationEngine) -> None:
    # "通知是礼拜三" names the notice; the 15-day lawsuit limit of 土地管理法第八十三条 runs from it.
    state, reply = _talk(engine, ["乡里说我在承包地上盖的仓房违法占地，贴了限期拆除的通知，能不能直接推",
                                  "通知是礼拜三，二号送来的，盖的乡政府的章"])
    assert state.facts.dates["decision"].first == date(2026, 12, 2)
    assert "已经过了" not in reply.first_screen


def test_a_workers_wife_is_not_answered_as_the_boss(engine: ConsultationEngine) -> None:
    state, reply = _talk(engine, ["替我男人问问，他在厂里干了半年没签合同，上礼拜组长让他别来了",
                                  "工资都是组长个人微信发的，不是公司账户打的"])
    assert state.facts.role != "employer"
    assert not any(s.startswith("labor.employer_") for s in reply.situations)
    assert reply.situations[0] in ("labor.no_written_contract", "labor.unlawful_dismissal")


def test_the_company_asking_through_its_manager_is_the_employer(
        engine: ConsultationEngine) -> None:
    state, reply = _talk(engine, ["公司让我问问，我们返聘了个领退休金的保安，现在不用他了，要给经济补偿吗"])
    assert state.facts.role == "employer"
    assert reply.situations[0] == "labor.employer_pensioner_leaving"
    assert "劳务关系" in reply.first_screen


def test_a_shop_owner_asked_for_a_refund_is_the_seller(engine: ConsultationEngine) -> None:
    state, reply = _talk(engine, ["我是开理发店的，顾客充三千送一千，用了一千六，现在要退卡，卡上写着概不退款，我能不退吗"])
    assert reply.situations[0] == "consumer.seller_prepaid_refund"
    assert "无效" in reply.first_screen
    # a court interpretation is named by its short title, not its 30-odd characters
    assert "最高法《预付式消费解释》第九条" in reply.text and "《最高人民法院关于" not in reply.text


def test_a_tenant_said_to_be_a_second_landlord_is_still_the_tenant(
        engine: ConsultationEngine) -> None:
    state, reply = _talk(engine, ["我租的房子把小屋转租给了老乡，房东说我当二房东，要收房不退押金",
                                  "房东五月来修水管就见过他，一直没说啥"])
    assert state.facts.role == "tenant"
    assert reply.situations[0] == "housing.tenant_sublet_landlord_objects"
    assert "六个月" in reply.text


def test_the_health_fund_pays_first_when_the_attacker_will_not(
        engine: ConsultationEngine) -> None:
    _, reply = _talk(engine, ["我让人打伤了缝了针住了院，医保说打架的不给报销，打我的人又不给钱，医保真不能报吗"])
    assert reply.situations[0] == "admin.med_insurance_third_party"
    assert "先行支付" in reply.first_screen
    cited = {(c.law, c.article) for c in reply.citations}
    assert ("中华人民共和国社会保险法", "第三十条") in cited


def test_a_rider_docked_by_the_station_is_asked_about_the_labour_relation(
        engine: ConsultationEngine) -> None:
    state, reply = _talk(engine, ["我跑外卖的，配送站排班管着我，签的合作协议，站长说我超时多扣了我两千配送费，还把我号停了"])
    assert state.facts.role == "worker"
    assert reply.situations[0] == "labor.platform_worker_relation"
    assert "确认劳动关系" in reply.text


def test_a_family_member_who_cared_for_the_dead_is_answered_as_an_heir(
        engine: ConsultationEngine) -> None:
    # The husband died in a crash years ago; the question is the in-laws' estate.
    state, _ = _talk(engine, ["我男人前些年出车祸没了，我一直伺候公婆，婆婆今年也走了，小叔子说房子没我的份"])
    assert state.facts.role == "heir"


def test_a_village_taking_a_dead_members_share_is_told_it_may_not(
        engine: ConsultationEngine) -> None:
    _, reply = _talk(engine, ["俺爹今年走了，组里说年底调地要把他那份收回，按死一口减一口的规矩，让俺签字，俺签不签"])
    assert reply.situations[0] == "rural.land_adjustment_rules"
    assert "别急着签" in reply.first_screen
    assert "承包期内，发包方不得收回承包地" in reply.text


def test_a_resignation_form_put_before_her_is_no_day_she_left(
        engine: ConsultationEngine) -> None:
    # "前天主管拿了份辞职报告让我签": she has not left; no one-year limit runs from that day.
    state, reply = _talk(engine, ["我怀孕五个月了，前天主管拿了份辞职报告让我签，说不签就调我去外地，这字能签不"])
    assert "left_job" not in state.facts.dates
    assert "别签" in reply.first_screen


def test_a_landlord_who_talked_with_the_subtenant_knew(engine: ConsultationEngine) -> None:
    state, _ = _talk(engine, ["我把租的房子分租了一间给朋友，房东要收房",
                              "房东七月来修空调那次，我朋友还跟他聊了半天"])
    assert state.facts.signals.get("owner_knew_sublet") is True


def test_a_rent_or_allowance_told_by_the_month_is_not_a_wage(engine: ConsultationEngine) -> None:
    state, _ = _talk(engine, ["房东换了锁不让我进门，我东西都在里面", "欠了他一个月房租，一个月一千八，明天还得上班"])
    assert "monthly_wage" not in state.facts.amounts and state.facts.amounts["rent"].value == 1800
    state, _ = _talk(engine, ["俺爹一直吃着低保，一个月三百多，村里说停就停了，能去哪说理"])
    assert "monthly_wage" not in state.facts.amounts
    assert state.facts.amounts["allowance"].value == 300


def test_living_together_is_no_yuan_and_an_old_yard_no_hospital(
        engine: ConsultationEngine) -> None:
    state, _ = _talk(engine, ["俺娘的低保让乡里停了，说俺家有车，可她不跟俺们一块住，自己住老院"])
    assert "price" not in state.facts.amounts
    assert state.facts.signals.get("hospitalised") is not True


def test_a_contract_never_signed_to_the_end_is_not_signed(engine: ConsultationEngine) -> None:
    state, _ = _talk(engine, ["在厂里干了八个月，上个月让我走了", "合同老板老说回头签回头签，到走都没签"])
    assert state.facts.signals.get("written_contract") is False


def test_an_hour_of_the_evening_is_no_day_and_an_average_is_the_wage(
        engine: ConsultationEngine) -> None:
    state, _ = _talk(engine, ["我在厂里天天干到晚上九十点，从来没给过加班费，能要吗",
                              "一个月底薪两千五加提成，平均下来六千"])
    assert not any(d.raw.endswith("点") for d in state.facts.dates.values())
    assert state.facts.amounts["monthly_wage"].value == 6000


def test_a_parent_asking_if_the_child_will_be_locked_up_gets_an_answer_not_110(
        engine: ConsultationEngine) -> None:
    _, reply = _talk(engine, ["俺儿子十五，跟同学偷了人家两回电瓶，派出所做了笔录，娃会不会被关起来？"])
    assert reply.kind == "answer"
    assert "立即拨打110" not in reply.text


def test_a_wife_in_labour_can_ask_for_the_detained_husband_to_leave(
        engine: ConsultationEngine) -> None:
    # Ten days' detention by the police is administrative: no criminal bail, and the birth of
    # a child is a ground to leave (治安管理处罚法第一百二十六条).
    _, reply = _talk(engine, ["我男人打架让派出所拘了十天，已经关进去了，我下礼拜就要生了，能不能让他出来几天"])
    assert reply.situations[0] == "admin.detention"
    assert "第一百二十六条" in reply.text and "取保候审" not in reply.first_screen


def test_a_neighbour_settling_before_the_decision_and_an_elder_over_seventy(
        engine: ConsultationEngine) -> None:
    _, reply = _talk(engine, ["我爸七十五了，跟邻居吵架推了人家一下，派出所说要拘五天，还没下决定书，"
                              "给邻居赔了钱是不是就不用处罚了"])
    # administrative detention, answered in either category's words
    assert reply.situations[0] in ("admin.detention", "crim.fight_detention")
    assert "第二十三条" in reply.text and "第九条" in reply.text


def test_a_dead_pensioners_family_is_not_answered_as_a_work_death(
        engine: ConsultationEngine) -> None:
    _, reply = _talk(engine, ["我爸是单位退休的，十月份病死了，社保说多发了两个月养老金要退，丧葬费抚恤金咋领"])
    assert reply.situations[0] == "admin.pension_after_death"
    assert "工亡" not in reply.first_screen


def test_a_household_whose_helper_fell_is_told_it_is_no_work_injury(
        engine: ConsultationEngine) -> None:
    state, reply = _talk(engine, ["我家请了个阿姨带孩子，她自己爬高拿东西摔了，胳膊骨折，她老公说是工伤要我们赔十万"])
    assert reply.situations[0] == "injury.household_helper_hurt"
    assert "不算工伤" in reply.first_screen


def test_hr_asking_for_the_company_about_a_pregnant_employee(engine: ConsultationEngine) -> None:
    state, reply = _talk(engine, ["我是公司的人事，老板让我问问，一个女员工怀孕了，合同下月到期，能不能不续"])
    assert state.facts.role == "employer"
    assert reply.situations[0] == "labor.employer_pregnant_contract_end"


def test_a_salon_owner_whose_customer_moved_away_refunds_at_list_price(
        engine: ConsultationEngine) -> None:
    _, reply = _talk(engine, ["我自己开了个理发店，老顾客充五百送一百，用了三百，现在她搬走了让我把剩下的退给她，送的也要退吗"])
    assert reply.situations[0] == "consumer.seller_prepaid_refund"
    assert "第十九条" in reply.text


def test_a_hotline_number_is_no_sum(engine: ConsultationEngine) -> None:
    state, _ = _talk(engine, ["我是房东，租客说押金不退他就打12345投诉我，还要告到12315，押金是两千"])
    assert {m.value for m in state.facts.amounts.values()} == {2000}


def test_a_detention_already_decided_and_a_review_asked_is_no_self_defence(
        engine: ConsultationEngine) -> None:
    _, reply = _talk(engine, ["我男人跟人吵架，对方先推的他，他还手把人打伤了，公安给了拘留五天的决定，"
                              "已经送拘留所了，我们想复议，等复议完再说行不行"])
    assert reply.situations[0] in ("admin.detention", "crim.fight_detention")


def test_an_hr_clerk_asking_to_dock_a_leaving_worker(engine: ConsultationEngine) -> None:
    state, reply = _talk(engine, ["我在一家厂里负责人事，有个工人没提前一个月说就要走，合同写了扣一个月工资作为违约金，能扣吗"])
    assert state.facts.role == "employer"
    assert reply.situations[0] == "labor.employer_worker_left_penalty"


def test_a_suspects_parent_is_not_answered_as_a_victim_wanting_prosecution(
        engine: ConsultationEngine) -> None:
    state, reply = _talk(engine, ["我儿子十七，跟人打架把对方打成轻伤，现在被刑拘了，能不能取保，要不要赔钱"])
    assert "suspect_family" in state.facts.roles
    assert reply.situations[0] != "crim.victim_wants_prosecution"


def test_a_hit_and_run_victims_health_fund_and_road_relief_fund(
        engine: ConsultationEngine) -> None:
    _, reply = _talk(engine, ["我妈让车撞了，司机逃逸了没找着，住院花了四万，医保说有第三方责任不给报，咋办"])
    assert reply.situations[0] == "admin.med_insurance_third_party"
    assert "救助基金" in reply.text and "处罚决定书和找他要钱" not in reply.first_screen


def test_a_last_day_on_a_sunday_is_not_called_today_beside_its_move(
        engine: ConsultationEngine) -> None:
    # Received 29 November: the seventh day is Sunday 6 December (today), moved to Monday.
    _, reply = _talk(engine, ["网上买的电热毯，快递签收是11月29号，不想要了，店家说拆了不给退，还来得及吗"])
    assert "顺延到2026年12月7日" in reply.first_screen
    assert "今天就是最后一天" not in reply.first_screen


def test_a_rise_in_price_and_a_double_return_are_not_the_sums_told(
        engine: ConsultationEngine) -> None:
    state, _ = _talk(engine, ["我把房子卖了，总价九十万，收了三万定金，现在房价涨了十多万不想卖了，双倍退他六万行不行"])
    assert state.facts.amounts["price"].value == 900000
    assert state.facts.amounts["deposit"].value == 30000


def test_a_dead_pensioners_child_asking_about_a_fine_for_fraud(
        engine: ConsultationEngine) -> None:
    _, reply = _talk(engine, ["我爸退休工资一个月四千，十月份病死了，养老金又多打了两个月，社保说不退就算骗保要罚款，会罚几倍",
                              "他是病死的，不是工伤"])
    assert reply.situations[0] == "admin.pension_after_death"
    assert "第八十八条" in reply.text


def test_a_boy_who_hit_a_schoolmate_is_not_answered_as_hurt_at_school(
        engine: ConsultationEngine) -> None:
    _, reply = _talk(engine, ["我儿子十四，在学校门口跟人打架，把对方打出血了，派出所说要拘他，这能关吗"])
    assert reply.situations[0] != "injury.school_8plus"


# Who is asking and what the story is decide the situation that comes first (one case each;
# the name says what it guards against).
SITUATION_FIRST: list[tuple[str, tuple[str, ...], str]] = [
    ("a_case_dropped_after_criminal_detention_is_a_state_compensation_claim",
     ('我被刑事拘留关了一个月，后来检察院没批捕，案子也撤了，能找国家要赔偿吗',),
     "admin.state_compensation"),
    ("the_local_minimum_wage_named_is_no_claim_of_pay_below_it",
     ('我在厂里一天干十二个小时，一个月五千，厂里说加班费都包在里面了，能要加班费吗', '我们这边最低工资两千出头，合同签了'),
     "labor.overtime_pay"),
    ("a_builder_accused_of_taking_the_neighbours_plot_is_a_boundary_dispute",
     ('俺家翻盖房子，邻居说俺往他那边占了半米，不让盖，中间原来有条排水沟，他能告俺吗',),
     "rural.homestead_dispute"),
    ("an_employer_asking_to_offset_wages_is_answered_that_not_the_generic_duties",
     ('我开了个小饭馆，厨师干了一年签了合同，突然不干就走了，我临时找人花了两千，他的工资我能扣下来抵损失吗',),
     "labor.employer_worker_left_penalty"),
    ("an_upstairs_flat_asked_to_pay_for_its_leak_is_the_liable_side",
     ('我家热水器的管子裂了，把楼下淹了，楼下跟我要一万五，我都得赔吗',),
     "housing.leak_to_downstairs"),
    ("an_allowance_stopped_for_a_car_left_with_the_ex_husband",
     ('我离婚了自己带孩子吃低保，民政局说我名下有辆车把低保停了，给了决定书，那车离婚时归前夫了，一直没过户',),
     "admin.social_assistance_refused"),
    ("an_online_shop_owner_refusing_a_worn_return_is_the_seller",
     ('我在网上开了个卖鞋的小店，买家收货五天申请七天无理由退货，退回来的鞋明显穿过了，我能拒收吗',),
     "consumer.seller_online_return"),
    ("a_buyer_asked_to_pay_the_return_postage_is_not_the_liable_side",
     ('在直播间买的手表说是正品，收到是假的，商家只肯退款还要我自己出来回运费，能要三倍吗',),
     "consumer.livestream_purchase"),
]


@pytest.mark.parametrize(("case", "turns", "expected"), SITUATION_FIRST,
                         ids=[c for c, _, _ in SITUATION_FIRST])
def test_the_situation_for_the_story_told_comes_first(engine: ConsultationEngine, case: str,
                                                      turns: tuple[str, ...], expected: str) -> None:
    _, reply = _talk(engine, turns)
    assert reply.situations[0] == expected
