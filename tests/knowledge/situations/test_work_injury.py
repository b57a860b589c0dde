"""Recognition of work_injury situations from citizens' own words (the engine's regression suite).

Each phrasing is read by the signal reader and matched against the work_injury situations only;
the expected situation must come first. A second list says which situation must NOT fire.
"""

from __future__ import annotations

import pytest

from knowledge.situations import Situation
from tests.support.situations import category_pool, ranked_in

CATEGORY = "work_injury"


def _pool() -> list[Situation]:
    return category_pool(CATEGORY)


def _matches(text: str, age: int | None = None) -> list[str]:
    return ranked_in(CATEGORY, text, age)


CASES: list[tuple[str, str]] = [
    # the employer who wants to pay once and be done (工伤保险条例第六十二条, 民法典第一百五十一条)
    ("我是开饭馆的，帮厨的下班骑车回家让车撞了，我想给他两万块让他签个字以后不找我，行不", "injury.employer_settlement"),
    ("俺是包工头，手下一个工人干活摔断了腿，俺想一次性给他三万了事，让他签个协议", "injury.employer_settlement"),
    # the employer's side: filing it himself, within 30 days
    ("我是开家具厂的，厂里一个师傅干活时叫木头砸了脚，我现在给他报工伤还来得及不", "injury.employer_files"),
    ("我是老板，工人在车间干活把手轧伤了，单位要怎么申请工伤认定", "injury.employer_files"),
    # an unlicensed workshop pays at least the work-injury benefits (工伤保险条例第六十六条)
    ("我在村里一个没营业执照的塑料加工点干活，手让机器绞伤了，老板说他不是正规单位不管",
     "injury.unlicensed_employer"),
    ("俺男人在黑作坊里烧锅炉，让蒸汽烫伤了，住了半个月院，老板一分钱不想出",
     "injury.unlicensed_employer"),
    # 上班受伤，申请工伤认定
    ("我在工地上干活，从架子上摔下来，腿摔骨折了", "injury.recognition_apply"),
    ("俺在车间开冲床，手被压伤了，工伤咋认定", "injury.recognition_apply"),
    ("我去年在厂里受的伤，现在还能申请工伤认定吗", "injury.recognition_apply"),
    # 单位不承认、不给申请
    ("在厂里搬货把腰扭伤了，老板说不算工伤，不给报", "injury.employer_refuses"),
    ("我媳妇在服装厂上班被机器夹伤了手，厂里不给申请工伤", "injury.employer_refuses"),
    # 因工死亡
    ("我老公在工地上摔死了，我们家属能拿到什么", "injury.death_at_work"),
    ("俺男人在矿上被埋了，人没了", "injury.death_at_work"),
    # 职业病
    ("俺男人在煤矿干了十几年，前年查出来尘肺二期，矿上早就关了", "injury.occupational_disease"),
    ("在石材厂打磨了八年，医院说是矽肺，这个算工伤吗", "injury.occupational_disease"),
    # 上下班途中
    ("下班路上骑电动车被小轿车撞了，交警说对方全责", "injury.commute_accident"),
    ("上班路上出了车祸，算工伤吗", "injury.commute_accident"),
    # 没交工伤保险
    ("厂里没给我交工伤保险，我上班时把手弄伤了，谁赔", "injury.no_insurance_employer_pays"),
    ("公司社保一直没交，我在车间被砸伤了", "injury.no_insurance_employer_pays"),
    # 包工头
    ("跟着包工头在工地干活摔伤了，包工头说没钱赔", "injury.contractor_worker"),
    ("包工头带我们给建筑公司干活，我从脚手架上摔下来受伤了", "injury.contractor_worker"),
    # over 60 and hurt at work: not a work injury only if a pension is drawn (and then by fault)
    ("我六十五了还在工地给人看搅拌机，前两天被机器轧伤了手，老板说我超龄不算工伤", "injury.overage_worker"),
    ("俺爸六十二，在厂里打扫卫生时摔断了腿，厂里说超过六十岁不给认工伤，真的吗", "injury.overage_worker"),
    # 劳动能力鉴定
    ("工伤认定下来了，伤残鉴定怎么做", "injury.disability_assessment"),
    ("腿伤养得差不多了，单位让我去做劳动能力鉴定，去哪做", "injury.disability_assessment"),
    # 再次鉴定
    ("伤残鉴定评了十级，我觉得评低了", "injury.reassessment"),
    ("鉴定结果出来是八级，单位不服要重新鉴定", "injury.reassessment"),
    # 伤残待遇
    ("评了九级伤残，能拿多少钱", "injury.disability_benefits"),
    ("工伤鉴定为七级，一次性伤残补助金怎么算", "injury.disability_benefits"),
    # 不予认定，复议诉讼
    ("人社局下了不予认定工伤决定书，我不服", "injury.not_recognised_review"),
    ("社保局认定我这个不是工伤，还能怎么办", "injury.not_recognised_review"),
    # 工作时间以外
    ("周末在家修电灯摔伤了，算工伤吗", "injury.off_duty_not_covered"),
    ("下班后和同事去喝酒，回来摔伤了", "injury.off_duty_not_covered"),
    # 私了协议
    ("老板让我签个协议，给两万块一次性了结，我手指断了", "injury.settlement_offer"),
    # a death with an offer: the death benefits answer (its "sign" answer says wait)
    ("我儿子在厂里干活被机器轧死了，老板说给二十万私了，能签吗", "injury.death_at_work"),
    ("干活把手指头压断了，老板拿来一份协议给五万一次性了结，让我签字", "injury.settlement_offer"),
    # already signed, and too little: revoke for obvious unfairness (显失公平)
    ("工伤评了七级，厂里给了三万一次性了结，协议我已经签了，后来才知道少了好多，还能反悔不", "injury.settlement_signed_unfair"),
    ("手被机器轧了，认定工伤了，急着用钱就签了个赔偿协议拿了两万，现在后悔了能撤销吗", "injury.settlement_signed_unfair"),
    # 停工留薪
    ("受工伤住院三个月，厂里工资一分不发", "injury.stop_work_wages"),
    ("工伤停工留薪期的工资该怎么算", "injury.stop_work_wages"),
    # 工伤后被辞退
    ("工伤好了回去上班，老板把我辞退了", "injury.dismissed_after_injury"),
    ("我评了十级伤残，公司让我走人", "injury.dismissed_after_injury"),
    # 给私人干活受伤
    ("帮邻居盖房子，从房顶摔下来了", "injury.private_labour_service"),
    ("给村里人家装修打零工，从梯子上摔伤了", "injury.private_labour_service"),
    # 上班时突发疾病去世（视同工伤）
    ("我爸在厂里上班时突发心梗去世了，算不算工伤", "injury.sudden_illness_death"),
    ("老公值夜班时突然晕倒，送到医院第二天就没了", "injury.sudden_illness_death"),
    # ... also when the employer offers money for a signature
    ("俺爹在厂里上班时突然倒地，抢救一天没救过来，厂里说病死的不算工伤，给五万让签字", "injury.sudden_illness_death"),
    # building a private house under an individual foreman: tort, not work injury (民法典第一千一百九十二、一千一百九十三条)
    ("我爸跟着包工头给村里人家盖房子，从架子上摔下来腰断了，包工头是个人没公司，房主说不关他事", "injury.private_build_contractor"),
    ("俺男人跟个体包工头去给人家翻盖房子，从房顶掉下来没了，能告房主不", "injury.private_build_contractor"),
    # 超过一年才申请工伤认定
    ("在工地摔伤已经一年多了，老板一直说帮我报工伤，现在还能申请吗", "injury.recognition_late"),
    ("两年前在厂里砸伤了腿，当时没申请工伤认定，现在还来得及吗", "injury.recognition_late"),
    # 认定了工伤，单位不给待遇
    ("工伤认定下来了，老板一分钱不给，说没钱", "injury.benefits_unpaid"),
    ("评了八级伤残，单位到现在补助金也没给", "injury.benefits_unpaid"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_phrasing_finds_its_situation_first(text: str, expected: str) -> None:
    found = _matches(text)
    assert found, f"nothing matched {text!r}"
    assert found[0] == expected, f"{text!r}: {found[:3]}"


NOT_CASES: list[tuple[str, str]] = [
    ("我今年四十，在工地摔伤了，包工头不管", "injury.overage_worker"),
    ("在一户人家当住家保姆，擦玻璃从凳子上摔下来骨折了，能不能算工伤", "injury.recognition_apply"),
    ("人社局已经认定了工伤，现在要做伤残鉴定", "injury.not_recognised_review"),
    ("老板说这算工伤，让我安心养伤", "injury.employer_refuses"),
    ("单位交了工伤保险，我在车间摔伤了", "injury.no_insurance_employer_pays"),
    ("在单位上班的时候受的伤，不是下班以后", "injury.off_duty_not_covered"),
    ("我在厂里干活摔伤了，人没事，没有死", "injury.death_at_work"),
    ("伤残鉴定结果是八级，我们都认可", "injury.reassessment"),
]


@pytest.mark.parametrize(("text", "not_expected"), NOT_CASES)
def test_phrasing_does_not_match(text: str, not_expected: str) -> None:
    assert not_expected not in _matches(text)


def test_every_situation_has_phrasings() -> None:
    covered = [expected for _, expected in CASES]
    for s in _pool():
        assert covered.count(s.id) >= 2, f"{s.id} needs at least two phrasings"
