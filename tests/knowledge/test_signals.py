"""Reading a citizen's words: negation scope, both word orders, roles, evidence, intents."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.signals import default_reader, load_reader


@pytest.mark.parametrize(("text", "signal", "value"), [
    ("九月底就不干了", "employment_ongoing", False),
    ("还在那干着呢", "employment_ongoing", True),
    ("不在那干了", "employment_ongoing", False),
    ("让我第二天就别来了", "employment_ongoing", False),
    ("从砖厂出来的", "employment_ongoing", False),
    ("我还没离职", "employment_ongoing", True),
    ("合同签了", "written_contract", True),
    ("签了合同", "written_contract", True),
    ("没签合同", "written_contract", False),
    ("合同没签，口头说的", "written_contract", False),
    ("啥也没签", "written_contract", False),
    ("单位没跟我签劳动合同", "written_contract", False),
    ("我没受伤", "injured", False),
    ("不小心摔伤了腿", "injured", True),
    ("没住院", "hospitalised", False),
    ("住了半个月院", "hospitalised", True),
    ("伤残鉴定还没做", "disability_assessed", False),
    ("定了九级伤残", "disability_assessed", True),
    ("老板拖了我三个月工资", "wages_owed", True),
    ("老板还欠俺一万二工钱没给", "wages_owed", True),
    ("他不打我，就是不让我出门", "domestic_violence", False),
    ("他不打我，就是不让我出门", "control", True),
    ("他又打我了", "domestic_violence", True),
    ("我不是担保人", "guarantee", False),
    ("不是买东西，是我给人家干活", "purchase", False),
    # a cleft denies who did it, not that it happened
    # an elder's card taken by a son or brother
    ("俺娘的卡让俺弟弟拿走了，钱都是他取", "pension_card_held", True),
    # the one who hurt someone else, said with or without "我"
    ("送件的时候骑车把一个大爷撞了，腿骨折了", "harmed_other", True),
    ("我开铲车不小心把工友的脚轧了", "harmed_other", True),
    ("面包车交强险过期两个月了", "ta_no_insurance", True),
    ("车是我的，人又不是我撞的", "ta_crash", True),
    ("手机不是俺偷的，是他塞给俺的", "theft", True),
    ("我没撞他，是他自己摔的", "ta_crash", False),
])
def test_signals_respect_negation_and_word_order(text: str, signal: str, value: bool) -> None:
    assert default_reader().read(text).signals.get(signal) is value


@pytest.mark.parametrize(("text", "signal", "value"), [
    # Words that look like a signal and mean something else say nothing either way ...
    ("这衣服难看死了", "died", None),
    ("冰雹把麦子打死了", "died", None),
    ("可能垫子被人踢歪了", "pi_assault", None),
    # a lapsed policy or licence is no spoiled food
    ("我的面包车交强险过期两个月了", "food_unsafe", None),
    ("驾照过期了还在开", "food_unsafe", None),
    ("店门口的招牌让风刮掉了，牌子被人砸烂了", "pi_assault", None),
    # a threat is no death; a crowd that left did not die
    ("那男的说她敢去告就打死她", "died", None),
    ("他天天堵我，说不回去就弄死我", "died", None),
    ("那帮人已经走了，收据上有个公司名", "died", None),
    ("他把俺爹打死了", "died", True),
    # "吃低保" receives benefits; a household income over the line is no unsafe food
    ("我吃了五六年低保，一个月四百多", "food_item", None),
    ("说我儿子买了车，家庭收入超标了", "food_unsafe", None),
    ("买的火腿肠亚硝酸盐超标", "food_unsafe", True),
    # a household moved away, a card taken away: nobody died
    ("儿子户口也迁走了，地村里收回去了", "died", None),
    ("我儿子把我的房产证和养老金卡都拿走了", "died", None),
    # a protection order in force and breached; one against the speaker
    ("法院九月给我下了人身安全保护令，结果他昨天又跑到我上班的超市门口堵我", "dv_order_breached", True),
    ("法院九月给我下了人身安全保护令，不让他靠近我", "dv_order_against_me", None),
    ("保护令上说不让我靠近我媳妇，还让我搬出去住", "dv_order_against_me", True),
    ("我一岁多就被送给了现在的爸妈", "mf_given_away", True),
    ("罚款一直不交会怎么样", "adm_fine_unpaid", True),
    ("他又拿来两张小票，说后来又来买了两次", "food_repeat_buy", True),
    ("买了两箱牛奶，回去说过期了", "food_repeat_buy", None),
    ("我老伴今年5月12号走了", "mf_widowed", True),
    ("日期就写了2026年3月，没写哪一天", "mf_will_no_day", True),
    ("签见证人的是俺嫂子，俺大哥那天不在", "mf_witness_interested", True),
    ("邻居老王签了字当见证人", "mf_witness_interested", None),
    ("我是众包骑手，收入不固定，一个月大概七八千", "no_fixed_income", True),
    ("俺孙子让公安给抓走了，说他把银行卡借给别人用了", "card_lending", True),
    ("他把自己的电话卡卖给网上的人了", "card_lending", True),
    # a threat to sue is no coercion; a creditor who never sued "老张" did not sue the borrower
    ("他说我不写就去法院起诉我", "iou_force", None),
    ("不写就不让我出这个门", "iou_force", True),
    ("人家一直没起诉过老张，光打电话", "borrower_not_sued", True),
    ("他们没告过老板", "borrower_not_sued", None),
    # the side asked to pay for harm, and the harmed who pays his own bills
    ("人家爹妈让我一次性拿五千块了结", "liable_side", True),
    ("这医药费是不是得我家全掏", "liable_side", True),
    ("我倒车的时候把一个老大爷碰倒了", "liable_side", True),
    ("我被车撞了，医药费都是我自己掏的，我要赔偿", "liable_side", None),
    ("我爸把我打了一顿", "liable_side", None),
    ("我家狗平时都拴着，那天挣开了", "own_animal", True),
    ("我家养了只泰迪，早上下楼遛的时候没拴绳", "own_animal", True),
    ("我家养了只泰迪，早上下楼遛的时候没拴绳", "dog_unleashed", True),
    ("那个小孩拿棍子打狗，狗才咬的他", "domestic_violence", None),
    ("孩子现在好好的，上学也没耽误", "injured", None),
    ("墙里那根竖管子接头那里裂了", "injured", None),
    ("合同上写了违约方按总价百分之二十赔", "penalty_clause", True),
    ("我请了村里一个师傅来给我家铺地砖，一天三百", "private_labour_service", True),
    ("他摔了一跤，头那里裂了个口子", "injured", True),
    ("鉴定结果还没出来，医生说大概能评个九级", "disability_assessed", False),
    ("打了五针狂犬疫苗，还缝了三针", "vaccinated", True),
    ("疫苗还没打", "vaccinated", None),
    ("银行卡没借给任何人", "card_lending", None),
    ("平时打零工，没有固定收入", "no_fixed_income", True),
    ("工资是固定的，每月五千", "no_fixed_income", None),
    ("他撞坏了我家的车门", "injured", None),
    ("村里一直不还地", "loan", None),
    ("老同学借了我五千", "school", None),
    # a member card, and someone else who hit the user's mother
    ("会员卡让我闺女拿着", "pension_card_held", None),
    ("有人骑电动车把我妈撞了", "harmed_other", None),
    # ... and the real fact next to them still counts.
    ("我爸前年被车撞死了", "died", True),
    ("庄稼也被压死了，我爸也被撞死了", "died", True),
    ("被他打掉了两颗牙", "fight", True),
    ("被他打掉了两颗牙", "injured", True),
    # the worker who fell through an opening is no falling object; asking the boss is no promise
    ("在楼上干活一脚踩空从洞口掉下去了", "pi_from_building", None),
    ("我去找厂里说要报工伤，厂里说不算", "wi_employer_delay", None),
    ("老板说给我办工伤，让我等着，一拖就是半年", "wi_employer_delay", True),
    ("我的工资卡被女婿拿着不给我", "id_withheld", None),
    # "没人生孩子" denies the reason to leave detention; "没签协议" is no forced eviction
    ("家里没人考试也没人生孩子，就是缺人干活", "release_reason", False),
    ("补偿标准太低，俺没签协议", "adm_forced_eviction", None),
    ("已经立案了，我现在是取保候审", "crim_suspected", True),
    ("下班顺路捎同事回家，路上翻沟里了", "at_work", None),
    # who blocked the drain: the user, or the neighbour who blocked the user's ditch
    ("邻居盖房把俺家往外排水的阳沟给占了", "drain_blocked_by_me", None),
    ("去年秋天我把自家院子垫高了，后边邻居说雨水灌他家", "drain_blocked_by_me", True),
    ("他妹妹还在，嫁到外县了", "heirless_deceased", None),
    # a stop never put in writing: nobody told of the right to review (行政复议法第二十条第三款)
    ("从来没人给我们发过啥通知书，村干部嘴上说了一句", "adm_rights_told", False),
    ("我九零年进的县里国营纺织厂，九八年下的岗", "pension_deemed_years", True),
])
def test_other_meanings_cover_the_match(text: str, signal: str, value: bool | None) -> None:
    assert default_reader().read(text).signals.get(signal) is value


def test_later_clause_wins() -> None:
    reading = default_reader().read("一开始说签了合同，不对，合同没签")
    assert reading.signals["written_contract"] is False


@pytest.mark.parametrize(("text", "role"), [
    ("借条底下我签了个名，写的是“保证人”，别的没写", "guarantor"),
    ("我给他做的担保，现在银行找我还钱", "guarantor"),
    ("我的车借给朋友开，他撞了人", "vehicle_owner"),
    ("我老公被派出所抓了", "suspect_family"),
    ("我儿子15岁，偷了同学手机", "suspect_family"),
    ("我坐邻居的车去赶集，路上翻了", "passenger"),
    ("俺在砖厂干了大半年，老板还欠俺工钱", "worker"),
    ("我是房东，租客不交房租", "landlord"),
    ("我二三年借给我一个老乡三万五，打的借条", "lender"),  # "打的借条" is no taxi
    ("我一拳把他鼻梁打断了。现在是取保候审", "suspect"),
    ("我前年三月找老乡的一个远房表哥借了三万", "borrower"),
])
def test_role_of_the_user(text: str, role: str) -> None:
    assert default_reader().read(text).role == role


def test_being_sued_for_a_debt_makes_no_employer() -> None:
    assert "employer" not in default_reader().read("他说不还钱就去法院告我").roles
    assert "employer" in default_reader().read("服务员去仲裁告我要双倍工资").roles


def test_evidence_held_and_missing() -> None:
    reading = default_reader().read("没有借条，就是微信转的账，发票没有")
    assert reading.evidence_held == {"transfer_records"}
    assert reading.evidence_missing == {"iou", "invoice"}


@pytest.mark.parametrize(("text", "held", "missing"), [
    ("小票没要，付的微信", {"transfer_records"}, {"invoice"}),
    ("合同啥的没签，他给俺写了个欠条", {"iou"}, {"contract"}),
    ("病历俺们手里啥也没有，医生说出院了再给", set(), {"medical_records"}),
    ("病历我手里有", {"medical_records"}, set()),
    ("发票没有，就有个收据和微信付款记录", {"invoice", "transfer_records"}, set()),
    ("有发票，后来发票丢了", set(), {"invoice"}),
    ("发票没开，能不能让他补发票", set(), {"invoice"}),
    ("劳动合同没签，工资每月打到俺卡上", {"transfer_records"}, {"contract"}),
    ("付款是刷的银行卡，合同也签了", {"transfer_records", "contract"}, set()),
])
def test_the_last_word_on_a_piece_of_evidence_decides(text: str, held: set[str],
                                                      missing: set[str]) -> None:
    reading = default_reader().read(text)
    assert reading.evidence_held == held and reading.evidence_missing == missing


@pytest.mark.parametrize(("text", "held", "missing"), [
    # having been to the police or a clinic answers "报警了吗" and "看过伤吗"
    ("俺去卫生院看过，派出所也去过一回", {"medical_records", "police_record"}, set()),
    ("住了二十天院", {"medical_records"}, set()),
    ("我没去医院看，也没报警", set(), {"medical_records", "police_record"}),
    # ... but no hospital stay is no word on records: an outpatient has them too
    ("没住院，就门诊缝了针", set(), set()),
    # the finding itself told: "交警认定对方全责" answers "事故认定书出来了吗"
    ("交警认定对方全责", {"accident_report"}, set()),
    # what the police found or did shows they were called
    ("我被邻居打了，派出所说是轻微伤，只罚了他五百", {"police_record"}, set()),
])
def test_visits_tell_what_records_exist(text: str, held: set[str], missing: set[str]) -> None:
    reading = default_reader().read(text)
    assert reading.evidence_held == held and reading.evidence_missing == missing


@pytest.mark.parametrize(("text", "intent"), [
    ("这字能签不", "sign"),
    ("会不会判刑坐牢", "jail"),
    ("我现在还能申请复核吗", "review"),
    ("要去哪里申请仲裁", "where"),
    ("有没有时间限制", "deadline"),
])
def test_intents(text: str, intent: str) -> None:
    assert intent in default_reader().read(text).intents


def test_bad_tables_fail_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "core.json").write_text(
        '{"signals": [{"name": "x", "zh": "x", "yes": ["(unclosed"]}]}', encoding="utf-8")
    with pytest.raises(ValueError, match="bad pattern"):
        load_reader(tmp_path)
    (tmp_path / "core.json").write_text(
        '{"roles": [{"role": "king", "yes": ["王"]}]}', encoding="utf-8")
    with pytest.raises(ValueError, match="not in knowledge/vocabulary.py"):
        load_reader(tmp_path)


@pytest.mark.parametrize(("text", "intent"), [
    ("能七天无理由退吗？", "can"), ("可以告他们吗", "can"), ("这字能签不？", "sign")])
def test_yes_no_questions_are_asked(text: str, intent: str) -> None:
    assert intent in default_reader().read(text).intents


@pytest.mark.parametrize(("text", "died"), [
    ("他把俺家出路给堵死了", None),  # blocked, nobody died
    ("门给焊死了", None),
    ("俺爹前年死了", True),
])
def test_dead_ends_are_not_deaths(text: str, died: bool | None) -> None:
    assert default_reader().read(text).signals.get("died") is died


def test_a_decision_never_seen_is_missing() -> None:
    assert default_reader().read("俺从来没见过啥决定书").evidence_missing == {"decision_document"}


@pytest.mark.parametrize(("text", "signal", "value"), [
    # a clean past is no denial of what happened now
    ("罚款五万。我真不知道过期了，以前也没被罚过", "fine", True),
    ("他没罚我，就是口头警告了一下", "adm_penalty", False),
])
def test_never_before_does_not_deny_now(text: str, signal: str, value: bool) -> None:
    assert default_reader().read(text).signals.get(signal) is value
