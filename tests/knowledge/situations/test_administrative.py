"""Recognition of administrative situations (review, litigation, state compensation) from
citizens' own words.

Each phrasing is read by the signal reader and matched against the administrative situations
only; the expected situation must come first. A second list says which situation must NOT fire.
"""

from __future__ import annotations

import pytest

from knowledge.situations import Situation
from tests.support.situations import category_pool, ranked_in

CATEGORY = "administrative"


def _pool() -> list[Situation]:
    return category_pool(CATEGORY)


def _matches(text: str, age: int | None = None) -> list[str]:
    return ranked_in(CATEGORY, text, age)


CASES: list[tuple[str, str]] = [
    # land taken without approval (土地管理法第八十三条): 15 days to sue, the court enforces
    ("我在宅基地边上多占了二十平盖了偏房，县农业农村局下了决定让我十五天内自己拆掉，不拆就强拆",
     "admin.land_demolition_order"),
    ("没批就在口粮地里盖了个养猪场，镇里送来责令限期拆除决定书，我能告吗",
     "admin.land_demolition_order"),
    # 行政处罚
    ("城管罚了我两千块，说我占道经营，我不服", "admin.penalty"),
    ("市场监管局罚了我店里五千块，我觉得罚得不对，怎么办", "admin.penalty"),
    # an on-the-spot ticket must go to review first (行政复议法第二十三条)
    ("交警当场给我开了二百块的罚单，我觉得冤", "admin.onsite_penalty_review_first"),
    ("城管把我的三轮车和货都没收了，也没给单子", "admin.penalty"),
    # the victim of a beating finds the attacker's penalty too light (治安管理处罚法第一百二十一条)
    ("我被邻居打了，派出所只罚了他五百块，太轻了，我能不能要求重罚", "admin.victim_penalty_light"),
    ("俺让村里一个二流子打了一顿，派出所才拘留他三天，俺不服这个处理", "admin.victim_penalty_light"),
    # 听证
    ("环保局给我厂子发了个告知书，说要罚十万，我能申请听证吗", "admin.penalty_hearing"),
    ("民警给俺念了个告知书，说准备拘俺十天再罚四千五，还说俺可以要求听证，还来得及不", "admin.penalty_hearing"),
    ("他们说准备吊销我的营业执照，还没下决定之前我还能说理吗", "admin.penalty_hearing"),
    # 行政拘留
    ("我被派出所行政拘留了十天，我觉得冤枉，可以告他们吗", "admin.detention"),
    ("我老公被治安拘留十五天，他妈病危了，能不能申请先不关", "admin.detention"),
    ("俺对象跟人打架被派出所拘了十天，俺预产期就在这个礼拜，能不能交点钱先让他出来", "admin.detention"),
    # a father whose son is detained says the other side struck first: still the detention
    ("我儿子被行政拘留十天，决定书给了，是对方先动的手，我们觉得处理不公平想告他们", "admin.detention"),
    # 养老金
    ("社保局说我缴费年限不够，不给我办退休，我明明交了十六年", "admin.pension_refused"),
    ("社保中心给了张不予核准退休的通知，说我缴费不够十五年", "admin.pension_refused"),
    # medical insurance and unemployment benefit: the agency's decision, not the hospital's
    ("医保局说我在外地看病没备案，药费一分不给报，我不服", "admin.insurance_benefit_refused"),
    ("单位裁员我没了工作，去社保局领失业保险金，他们说材料不全不给发", "admin.insurance_benefit_refused"),
    ("我爸的养老金突然停发了，社保中心说要核查，去问也没人给说法", "admin.pension_refused"),
    # 低保
    ("我家的低保被取消了，村里说我家有车，其实那车是别人的", "admin.social_assistance_refused"),
    ("我申请低保，民政局不批，也不说理由", "admin.social_assistance_refused"),
    # 工伤认定
    ("人社局的工伤认定书说我不算工伤，我是下班路上被车撞的", "admin.work_injury_decision"),
    ("我在厂里摔伤了，人社局不予认定工伤，下了决定书，我不服", "admin.work_injury_decision"),
    # 违建拆除
    ("镇上送了个限期拆除决定书，说俺家偏房是违建，七天内自己拆，听说村里明年要征收，他们能开铲车来拆不", "admin.illegal_building_demolition"),
    ("城管说我家加盖的二楼是违章建筑，贴了限期拆除通知，我不服", "admin.illegal_building_demolition"),
    ("镇政府说我的养殖棚是违建，没有任何手续就要拆", "admin.illegal_building_demolition"),
    # 城里房屋征收
    ("我家在城区，政府征收我们这栋楼，补偿太低了，我不想签", "admin.expropriation_city_house"),
    ("老城区改造，征收补偿决定下来了，评估价比市场价低很多", "admin.expropriation_city_house"),
    # 逼迁、强拆
    ("拆迁补偿还没谈好，他们就把我家水电停了，逼我搬走", "admin.expropriation_forced_eviction"),
    ("补偿款一分没给，拆迁队半夜就把我们小区的房子推了", "admin.expropriation_forced_eviction"),
    # 国家赔偿
    ("我被关了八个月，最后检察院不起诉放出来了，能要国家赔偿吗", "admin.state_compensation"),
    ("我被冤枉关了两年，后来法院判我无罪", "admin.state_compensation"),
    # 扣押
    ("城管把我的三轮车连货一起拉走了，给了张扣押清单，说交了罚款才还", "admin.seizure"),
    ("执法局上个月扣了我的电动车，到现在一个多月了还不还", "admin.seizure"),
    # 期限已过
    ("罚款决定是去年收到的，当时不知道可以告，现在已经过了六个月，还能起诉吗", "admin.deadline_passed"),
    ("派出所当场罚了我五百块，没给决定书，也没人跟我说不服可以咋办，都九个月了是不是早过了", "admin.deadline_passed"),
    ("当时没人告诉我可以复议、起诉，现在过了期限还有办法吗", "admin.deadline_passed"),
    # Not said whether the decision told the periods: the 6-month rule (the earlier, safe one)
    # answers, with the one-year rule as its condition.
    ("拆除决定书过了好几个月才看到，复议期限过了怎么办", "admin.deadline_passed_informed"),
    ("去年五月城管罚了我两千，决定书上写着不服可以复议、起诉，我一直没管，现在还能告吗",
     "admin.deadline_passed_informed"),
    ("处罚决定书上写明了六个月内可以起诉，我拖了八个月，过期了还有办法吗",
     "admin.deadline_passed_informed"),
    ("交警当场开了罚单罚了两百，我没闯红灯，想直接去法院告", "admin.onsite_penalty_review_first"),
    ("城管当场罚了我五十块，我不服，能起诉吗", "admin.onsite_penalty_review_first"),
    # 信息公开
    ("我向区政府申请公开征收补偿方案，他们不给公开", "admin.info_disclosure"),
    # 不作为
    ("邻居把我家院墙推倒了，我报警，派出所一直不处理", "admin.authority_inaction"),
    ("我给镇政府打了好几次报告，一直没人管也不答复", "admin.authority_inaction"),
    # 复议后
    ("复议决定下来了，维持了原来的处罚，我还能去法院吗", "admin.after_reconsideration"),
    ("申请了复议，结果复议驳回了，还能怎么办", "admin.after_reconsideration"),
    # 复议还是起诉
    ("对政府的决定不服，是先复议好还是直接去法院告", "admin.review_or_lawsuit"),
    ("我想告县自然资源局，是走行政诉讼吗", "admin.review_or_lawsuit"),
    # 更多说法
    ("交警扣了我驾照，说我闯红灯，可我没闯", "admin.penalty"),
    ("俺家是五保户，今年镇上把五保给停了，也没个说法", "admin.social_assistance_refused"),
    # "不打钱了", "说停就停": the allowance stopped, said without 取消 or 停发
    ("俺吃了好几年低保，打八月份起就不打钱了，乡里说停就停", "admin.social_assistance_refused"),
    ("有人在我承包的鱼塘里偷鱼，我找派出所好几次，他们就是不管", "admin.authority_inaction"),
    ("县城棚户区改造，要征收我家的门面房，给的补偿太少", "admin.expropriation_city_house"),
    # the health fund refuses a bill someone else should pay: it must pay first when he will not (社会保险法第三十条)
    ("我被人打了住了院，医保说别人打的不给报销，打人的又不给钱，咋办", "admin.med_insurance_third_party"),
    ("过马路让电动车撞伤了，骑车的跑了找不着，医保说有责任人的不给报，这对吗", "admin.med_insurance_third_party"),
    # a pensioner died: overpaid pension back, funeral grant and pension account (社会保险法第十七条、第十四条)
    ("我妈退休了领养老金，上个月走了，这个月养老金又打到卡上了，要退吗，丧葬费能领多少", "admin.pension_after_death"),
    ("老爷子是厂里退休的，去世三个月了，社保让退多发的退休金，他养老保险个人账户里的钱能取出来吗", "admin.pension_after_death"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_phrasing_matches_its_situation_first(text: str, expected: str) -> None:
    found = _matches(text)
    assert found, f"nothing matched: {text}"
    assert found[0] == expected, f"{text} → {found[:3]}"


NOT_CASES: list[tuple[str, str]] = [
    # a medical-insurance reimbursement refused is no pension matter
    ("县医保局出了个不予报销的决定书，说异地就医没备案", "admin.pension_refused"),
    # a pension refusal is not a police inaction case
    ("社保局说我缴费年限不够，不给我办退休", "admin.authority_inaction"),
    # rural land takings are not state-owned-land house expropriation
    ("村里征地，要拆我家宅基地上的房子，补偿太低", "admin.expropriation_city_house"),
    # an expropriation is not an illegal-building demolition
    ("老城区征收要拆我家，补偿太低", "admin.illegal_building_demolition"),
    ("我被派出所行政拘留了十天", "admin.penalty"),
]


@pytest.mark.parametrize(("text", "not_expected"), NOT_CASES)
def test_phrasing_does_not_match(text: str, not_expected: str) -> None:
    assert not_expected not in _matches(text)


def test_every_situation_has_phrasings() -> None:
    ids = {s.id for s in _pool()}
    assert len(ids) >= 13
    assert ids <= {expected for _, expected in CASES}
