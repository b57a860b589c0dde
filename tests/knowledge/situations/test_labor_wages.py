"""Recognition of labor_wages situations from citizens' own words (the engine's regression suite).

Each phrasing is read by the signal reader and matched against the labor_wages situations only;
the expected situation must come first. A second list says which situation must NOT fire.
"""

from __future__ import annotations

import pytest

from knowledge.situations import Situation
from tests.support.situations import category_pool, ranked_in

CATEGORY = "labor_wages"


def _pool() -> list[Situation]:
    return category_pool(CATEGORY)


def _matches(text: str, age: int | None = None) -> list[str]:
    return ranked_in(CATEGORY, text, age)


CASES: list[tuple[str, str]] = [
    ("老板拖了我三个月工资不给，咋整", "labor.wages_owed"),
    ("厂里欠着俺两个月工钱，说是资金紧张", "labor.wages_owed"),
    # 已离职欠薪
    ("我去年十月从饭店辞职了，老板到现在还拖着两个月工资不给", "labor.wages_owed_after_leaving"),
    ("离职三个月了，公司最后一个月的工资一直没发", "labor.wages_owed_after_leaving"),
    # 有工资欠条
    ("老板欠我八千块工资，给我打了欠条，一直拖着不还", "labor.wage_iou"),
    ("包工头写了欠条，欠我们两万多工钱，到现在不给", "labor.wage_iou"),
    # 在职欠薪
    ("我现在还在厂里上班，老板已经三个月没发工资了", "labor.wages_owed_while_employed"),
    ("还在公司干着呢，两个月没发工资了，说是没钱", "labor.wages_owed_while_employed"),
    # 没签书面合同
    ("进厂一年多了，厂里一直没跟我签合同，我现在还在那干", "labor.no_written_contract"),
    ("在饭店干了八个月被辞退了，从头到尾没签过劳动合同", "labor.no_written_contract"),
    # 违法辞退
    # told to go, then asked to sign that he left of his own will (劳动合同法第四十六、四十七条)
    ("在厂里干了两年，领班说下个月不用来了，人事让我写个辞职信，说写了才给结这个月工资，我写不写", "labor.pressed_to_resign"),
    ("公司让我签自愿离职协议，我不想签，签了是不是就没补偿了", "labor.pressed_to_resign"),
    ("经理叫我明天别来了，一分钱补偿都没有", "labor.unlawful_dismissal"),
    ("在公司干了五年，突然被辞退了，说是业务调整", "labor.unlawful_dismissal"),
    # 包工头欠薪
    ("跟着包工头在工地干了半年，工钱一直拖着没结", "labor.contractor_wages"),
    # a labour boss with no company is not an employer who owes double wages
    ("跟着包工头在工地干了半年，没签过合同，他还欠俺八千工钱不给", "labor.contractor_wages"),
    ("俺们在工地上搬砖，工头说上面没拨钱，工资一分没发", "labor.contractor_wages"),
    # an IOU from the gang boss: the general contractor still answers for the wages when named
    ("给工头干了大半年活，他打了张欠条说年底给，年底人跑了，项目部说钱早结给他了，俺能找项目部要吗", "labor.contractor_wages"),
    ("在工地干到十月份，他还欠我一万五，现在人找不着了", "labor.contractor_wages"),
    # the employer keeps papers or takes money at hiring (劳动合同法第九、八十四条)
    ("进厂第一天就让交了五百块押金，说干满一年才退", "labor.id_or_deposit_held"),
    ("公司把我的毕业证扣着，说是怕我跑了，这合法吗", "labor.id_or_deposit_held"),
    # 加班费
    ("厂里天天加班到晚上十点，一分加班费都没有", "labor.overtime_pay"),
    ("周末和国庆都让我们上班，也不给加班费，这合法吗", "labor.overtime_pay"),
    ("俺们厂一天干十二个钟头，一个月只休两天，工资就是底薪", "labor.overtime_pay"),
    # 个体户、无照老板
    ("老板就是个体户，没办营业执照，欠了我三个月工资", "labor.informal_employer_wages"),
    ("在一个小作坊做衣服，老板拖着工钱不给", "labor.informal_employer_wages"),
    # 领退休金后再干活、给私人家里当保姆：劳务关系
    ("我六十二了，领着退休金，在小区当保安，物业欠了我两个月工资", "labor.pensioner_wages"),
    ("俺退休以后又被返聘回厂里，这半年的工钱一直拖着不给", "labor.pensioner_wages"),
    ("在人家里当保姆带孩子，干了八个月，最后两个月的工钱主家不给", "labor.domestic_worker_wages"),
    ("我给一户人家照顾瘫痪的老太太，走的时候雇主还欠我五千块", "labor.domestic_worker_wages"),
    # 克扣、罚款
    ("迟到一次罚五十，这个月被扣了八百多工资", "labor.wage_deduction"),
    ("老板押着我第一个月工资不发，说干满一年才给", "labor.wage_deduction"),
    # 低于最低工资
    ("每天干满八小时，一个月才给一千二，比最低工资还低", "labor.below_minimum_wage"),
    ("俺的工资连咱这的最低工资标准都不到，合法不", "labor.below_minimum_wage"),
    # 因欠薪、不交社保辞职要补偿
    ("公司拖了我三个月工资，我想辞职，能不能要补偿", "labor.resign_unpaid_wages"),
    ("单位从来没给我交过社保，我打算辞职，能拿经济补偿吗", "labor.resign_unpaid_wages"),
    ("厂里老是克扣工资，我准备解除劳动合同", "labor.resign_unpaid_wages"),
    # 辞职不放人
    ("我提前一个月交了辞职报告，老板不批，不让走", "labor.resign_blocked"),
    ("想辞工，老板扣着我身份证不让走", "labor.resign_blocked"),
    # 试用期辞退
    ("还在试用期，公司说我不符合录用条件把我辞退了", "labor.probation_dismissal"),
    ("试用期干了俩月被开除了，说我能力不行", "labor.probation_dismissal"),
    # 孕期、产期、哺乳期
    ("我怀孕五个月了，公司找理由要辞退我", "labor.pregnancy_dismissal"),
    ("休完产假回去上班，公司给我调岗降薪", "labor.pregnancy_dismissal"),
    ("我老婆还在哺乳期，单位说合同到期不续了", "labor.pregnancy_dismissal"),
    # 劳务派遣
    ("我是派遣工，在电子厂干，厂里把我退回派遣公司了", "labor.labour_dispatch"),
    ("劳务派遣公司把我派到物流公司，加班费两家互相推", "labor.labour_dispatch"),
    # 老板问义务
    # an employer who would keep wages against a penalty clause (劳动合同法第二十五、三十条)
    ("我是开加工厂的，女工没打招呼就走了，合同写着要赔两个月工资违约金，工资我能扣下来抵违约金不", "labor.employer_worker_left_penalty"),
    ("俺是老板，工人干了三个月说走就走，俺想把他最后一个月工钱扣了顶违约金", "labor.employer_worker_left_penalty"),
    ("我开了家小超市，招了两个店员，要不要给他们交社保", "labor.employer_obligations"),
    ("我是老板，刚雇了几个工人，劳动合同必须签吗", "labor.employer_obligations"),
    # the boss who owes wages and fears a crime
    ("我是老板，欠了工人三个月工资，人社局下了限期支付通知，会不会判刑", "labor.employer_wage_crime_worry"),
    ("我开了家装修公司，拖欠了几个工人工资，会不会坐牢", "labor.employer_wage_crime_worry"),
    # the employer's side of a double-wage claim
    ("我开了个小超市，招的店员干了半年走了，没签合同，现在她要我给双倍工资", "labor.employer_double_wage"),
    ("俺是包工头，雇的小工说没签合同要告俺拿二倍工资，真得给吗", "labor.employer_double_wage"),
    ("我在县城开了家理发店，雇了个学徒没签合同，他走了以后申请仲裁要二倍工资", "labor.employer_double_wage"),
    # 不交社保
    ("单位一直没给我交社保，去哪投诉", "labor.social_insurance_unpaid"),
    ("干了三年社保一直没交，我还在那上班", "labor.social_insurance_unpaid"),
    # a waiver of social insurance is no waiver of an inheritance
    ("老板叫我们每个人签一张自愿放弃参加社保的声明，不签就别干了", "labor.social_insurance_unpaid"),
    # 老板跑了、恶意欠薪
    ("老板卷钱跑了，欠了我们二十多个工人的工资", "labor.wage_crime_boss_fled"),
    ("厂子老板失联了，工钱三个月没发，能不能告他坐牢", "labor.wage_crime_boss_fled"),
    # 合同到期不续签
    ("劳动合同到期了，公司说不续签，有没有补偿", "labor.severance_contract_expiry"),
    ("合同期满单位不给续了，我在这干了六年", "labor.severance_contract_expiry"),
    # a noisy or dusty job: no contract end without the leaving health check (职业病防治法第三十五条)
    ("在纺织厂车间干了八年，噪音特别大，耳朵有点背了，合同到期厂里不续了，行吗", "labor.contract_end_hazard_exam"),
    ("我在水泥厂干粉尘活，合同月底到期说不续签，也没给做离岗体检", "labor.contract_end_hazard_exam"),
    # 单位倒闭
    ("公司倒闭了，我干了五年，有没有补偿", "labor.severance_company_closed"),
    ("厂子黄了，欠俺俩月工资，还有补偿吗", "labor.severance_company_closed"),
    # 仲裁赢了单位不给：申请执行
    ("劳动仲裁裁决下来了，厂里还是不给钱", "labor.award_enforcement"),
    ("仲裁赢了，公司拖着不付工资，能强制执行吗", "labor.award_enforcement"),
    ("仲裁裁决书下来了，只给了我一半加班费，我不服，能去法院告吗", "labor.award_lawsuit"),
    ("劳动仲裁的裁决我不服，上周收到的裁决书，还能起诉不", "labor.award_lawsuit"),
    # an award that went against the worker is past the dispute it decided
    ("俺被厂里开了，去仲裁要赔偿金，仲裁委给驳回了，俺还能咋办", "labor.award_lawsuit"),
    ("劳动仲裁输了，说我证据不足，是不是就这样算了", "labor.award_lawsuit"),
    # an employer who paid no social insurance: the worker who left over it is owed severance
    ("我开了个米粉店，请的师傅自己不做了，跑去讲我冇给他买社保，要我给补偿金，这个补偿金我要不要给", "labor.employer_no_social_insurance_severance"),
    ("我是老板，没给员工交社保，他辞职了要经济补偿，我得给吗", "labor.employer_no_social_insurance_severance"),
    # an employer facing a final award may only ask the intermediate court to set it aside
    ("我是开饭馆的，服务员仲裁告我，裁决书写着本裁决为终局裁决，我不服想去法院告她", "labor.final_award_employer"),
    ("我开了个小厂，工人仲裁告我，裁决书上写着一裁终局，我不服，能起诉吗", "labor.final_award_employer"),
    # the employer letting a rehired pensioner go: a service relation, no severance (劳动争议司法解释（一）第三十二条)
    ("我开了个小饭馆，请了个退休的老师傅做饭，他每月领着退休金，现在我不想用他了，要给经济补偿吗", "labor.employer_pensioner_leaving"),
    ("俺们厂返聘了个退休的老会计，领着退休金呢，厂里打算让他月底走，他说要仲裁要补偿，我们要给吗", "labor.employer_pensioner_leaving"),
    # a rider or courier managed by a station under a "cooperation" agreement (劳动争议调解仲裁法第二条)
    ("我送外卖的，配送站站长说我超时太多，这个月的钱扣了一千五当罚款，还不让我干了", "labor.platform_worker_relation"),
    ("我在站点跑快递，让我注册了个个体户签合作协议，现在站长把我开了，工钱也扣着不给", "labor.platform_worker_relation"),
    # the employer whose pregnant employee's contract runs out: it extends (劳动合同法第四十五条)
    ("我是公司管人事的，有个女员工怀孕了，合同下个月到期，老板说到期不续了，这样行吗", "labor.employer_pregnant_contract_end"),
    ("我开了个小厂，会计怀孕四个月，合同年底到期，我不想续签，要给她补偿吗", "labor.employer_pregnant_contract_end"),
    # the owner closing his shop: severance by years, none for the hourly helper (劳动合同法第四十六条、第七十一条)
    ("我开了个小饭馆，店里两个服务员，生意不行下个月关门注销了，要给她们经济补偿吗", "labor.employer_closing_severance"),
    ("俺开了个加工厂，厂里五个工人，厂子撑不下去要关门了，经济补偿要给多少", "labor.employer_closing_severance"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_phrasing_finds_its_situation_first(text: str, expected: str) -> None:
    found = _matches(text)
    assert found, f"nothing matched {text!r}"
    assert found[0] == expected, f"{text!r}: {found[:3]}"


NOT_CASES: list[tuple[str, str]] = [
    ("借给包工头三万块周转，他打了借条，现在人跑了", "labor.contractor_wages"),
    ("我在饭店上班，老板把工资卡拿着说帮我存钱", "labor.id_or_deposit_held"),
    ("我没怀孕，公司无故把我辞退了", "labor.pregnancy_dismissal"),
    ("公司没倒闭，就是要裁员", "labor.severance_company_closed"),
    ("我们老板没跑，就是一直拖着工资不发", "labor.wage_crime_boss_fled"),
    ("我是老板，员工想辞职还要我给补偿", "labor.resign_unpaid_wages"),
    ("合同签了，每个月工资也按时发，就是活太累", "labor.no_written_contract"),
    ("工资都按时发了，就是合同到期公司不续", "labor.wages_owed_while_employed"),
    ("社保单位都交了，就是没签合同", "labor.social_insurance_unpaid"),
    ("我是派遣工，派遣公司欠我两个月工资", "labor.wages_owed_while_employed"),
    # retired from this very employer: the wages before retiring are a labour claim
    ("我在厂里干到退休，现在领着退休金，厂里还欠我退休前三个月工资", "labor.pensioner_wages"),
    ("俺六十三了还没领养老金，在工地看大门，老板欠俺三个月工钱", "labor.pensioner_wages"),
    ("家政公司跟我签的合同，派我去人家当保姆，公司扣了我一个月工资", "labor.domestic_worker_wages"),
]


@pytest.mark.parametrize(("text", "not_expected"), NOT_CASES)
def test_phrasing_does_not_match(text: str, not_expected: str) -> None:
    assert not_expected not in _matches(text)


def test_every_situation_has_phrasings() -> None:
    covered = [expected for _, expected in CASES]
    for s in _pool():
        assert covered.count(s.id) >= 2, f"{s.id} needs at least two phrasings"
