"""Recognition of criminal situations (defence and victims) from citizens' own words.

Each phrasing is read by the signal reader and matched against the criminal situations only; the
expected situation must come first. ``age`` is the age the text states (the engine extracts it);
the juvenile situations depend on it. A second list says which situation must NOT fire.
"""

from __future__ import annotations

import pytest

from knowledge.situations import Situation
from tests.support.situations import category_pool, ranked_in

CATEGORY = "criminal"


def _pool() -> list[Situation]:
    return category_pool(CATEGORY)


def _matches(text: str, age: int | None = None) -> list[str]:
    return ranked_in(CATEGORY, text, age)


CASES: list[tuple[str, str, int | None]] = [
    # lent or sold his bank card and the police call (帮信罪, 刑法第二百八十七条之二)
    ("去年我把自己的银行卡卖给一个网友，给了我八百，现在卡被冻了，派出所打电话让我去一趟，我会不会坐牢",
     "crim.card_lending_suspect", None),
    ("我儿子把手机卡和银行卡租给别人用，一个月给他五百，现在警察找上门说他涉嫌犯罪，会判刑吗",
     "crim.card_lending_suspect", None),
    # an adult suspect of a minor assault who wants to settle (刑事和解)
    ("喝酒时跟工友动了手，把他打成轻伤，派出所说我涉嫌故意伤害，我想赔钱求他原谅，能不判刑吗",
     "crim.suspect_settlement", None),
    ("我老公跟人打架把人鼻子打骨折了，现在是犯罪嫌疑人，对方说给十万就写谅解书，该不该给",
     "crim.suspect_settlement", None),
    # 不满14岁
    ("我儿子13岁，在超市偷了东西被抓住了，会不会坐牢", "crim.juvenile_under_14", 13),
    ("孩子11岁把同学推倒摔骨折了，对方家长说要告他，他会被判刑吗", "crim.juvenile_under_14", 11),
    ("娃才12岁，在学校把人家娃打了，人家报了警，会不会抓去坐牢", "crim.juvenile_under_14", 12),
    # 12、13岁致人死亡、重伤
    ("我侄子13岁，跟人吵架拿刀把人捅死了，他会判刑吗", "crim.juvenile_12_13_grave", 13),
    ("12岁的孩子用刀把同学砍成重伤，落下严重残疾，这个要负刑事责任吗", "crim.juvenile_12_13_grave", 12),
    # 14、15岁：偷东西、一般打架
    ("我儿子15岁，偷了同学的手机，派出所说要处理，会不会判刑", "crim.juvenile_14_15_minor_offence", 15),
    ("孩子14岁半，跟几个同学在网吧偷了人家的钱包，要坐牢吗", "crim.juvenile_14_15_minor_offence", 14),
    ("俺家小子十五了，和人打架把对方鼻子打破了，派出所叫我们去", "crim.juvenile_14_15_minor_offence", 15),
    # 14、15岁：八种重罪
    ("我儿子15岁，跟人抢劫了一个学生的手机和钱，被刑拘了", "crim.juvenile_14_15_grave", 15),
    ("14岁的孩子跟人打架，把对方打成重伤，会判刑吗", "crim.juvenile_14_15_grave", 14),
    # 16、17岁
    ("我儿子17岁，偷电动车被抓了，会不会坐牢", "crim.juvenile_16_17", 17),
    ("我弟弟16岁，跟人打架把人打成轻伤，现在被刑拘了", "crim.juvenile_16_17", 16),
    # 家人被拘留
    ("我老公昨天晚上被派出所抓走了，到现在也不知道关在哪，家里该怎么办", "crim.family_detained", None),
    ("儿子被刑事拘留了，警察说涉嫌诈骗，多久能出来", "crim.family_detained", None),
    ("我爸被警察带走了，说是涉嫌非法吸收存款，家里人能去看他吗", "crim.family_detained", None),
    # 取保候审
    ("我爸被关在看守所，能不能办取保候审把他保出来", "crim.bail", None),
    ("老公被刑拘一个星期了，律师说可以申请取保，要交多少钱", "crim.bail", None),
    # 请不起律师
    ("我哥被抓了，家里穷请不起律师，怎么办", "crim.legal_aid_defence", None),
    ("我弟是聋哑人，现在被起诉了，没钱请律师", "crim.legal_aid_defence", None),
    # 被骗
    # illegal fundraising already under investigation: the money comes back through the criminal case
    ("把二十万投到一个养老公司，一年给百分之十二利息，后来公司关门老板跑了，派出所说立案了，是非法吸收公众存款，能去法院告不",
     "crim.illegal_fundraising_victim", None),
    ("俺娘投的那个理财公司暴雷了，说是非法集资，公安已经立案，有人打电话说交解冻费就能退钱", "crim.illegal_fundraising_victim", None),
    # told without the words 非法集资: an old people's "养老" scheme, many put money in, the boss fled
    ("我爸在一个康养公司存了八万，说每个月有利息，现在公司关门老板跑了，好多老人都在那投了钱", "crim.illegal_fundraising_victim", None),
    # a shop owner robbed by his own hand is the victim asked for the letter
    ("我开饭馆的，店里的伙计偷了我柜台里的钱被抓了，他家里人来让我签谅解书，说签了就还钱，能签吗", "crim.victim_forgiveness_letter", None),
    ("我在网上被人骗了三万块，说是刷单返利，现在人找不到了", "crim.fraud_victim", None),
    ("我妈被冒充公检法的人骗走了八万，该怎么办", "crim.fraud_victim", None),
    # taking without paying, and "会不会被拘留" asked, not told
    ("闺女十四，在超市趁店员不注意把两支口红塞包里，被拦下来报了警，会不会被拘留", "crim.juvenile_14_15_minor_offence", 14),
    ("孙子十五岁，在小卖部没给钱就拿了两条烟跑了，派出所让家长去，会不会坐牢", "crim.juvenile_14_15_minor_offence", 15),
    # the scammer's script ("你的卡涉嫌洗钱") makes no suspect of the one he robbed
    ("我婆婆接到电话说她的卡涉嫌洗钱，让她把存款转到安全账户配合调查，转了五万多，咋追回来",
     "crim.fraud_victim", None),
    ("有人打电话自称是检察院的，说我涉嫌犯罪，叫我把钱打到他们指定的账户核查，我转了两万",
     "crim.fraud_victim", None),
    ("网恋认识一个男的，让我投资，钱转过去就提不出来了，对方把我拉黑了", "crim.fraud_victim", None),
    # 不立案
    ("被骗了五万块去报案，派出所说这是经济纠纷不给立案", "crim.police_not_filing", None),
    ("我被人打了去报警，警察一直拖着不立案", "crim.police_not_filing", None),
    # 被打伤要赔偿
    ("我被人打断了两根肋骨，打人的被抓了，我的医药费谁赔", "crim.assault_victim_compensation", None),
    ("我儿子被人捅伤住院了，能不能让对方赔钱", "crim.assault_victim_compensation", None),
    # 打架：拘留还是判刑
    ("我跟邻居吵架动了手，派出所说要拘留我十天，会不会留案底", "crim.fight_detention", None),
    ("老公和人打架，被行政拘留了，会不会判刑", "crim.fight_detention", None),
    # 醉驾
    ("我昨晚喝了酒开车被查了，吹出来是醉驾，会不会坐牢", "crim.drunk_driving", None),
    ("老公酒驾被交警抓了，抽血结果还没出来，会怎么处理", "crim.drunk_driving", None),
    # 上诉
    ("我弟被判了三年，他觉得判重了，还能上诉吗", "crim.defendant_appeal", None),
    ("一审判我两年，我不服，多少天内可以上诉", "crim.defendant_appeal", None),
    # 被害人觉得判轻了
    ("打伤我的人只判了缓刑，我觉得判得太轻，我能上诉吗", "crim.victim_protest_request", None),
    # 拒不支付劳动报酬
    ("老板欠我们二十多个人工资跑了，电话也打不通，能不能告他犯罪", "crim.wage_arrears_crime", None),
    ("包工头欠我工钱，人社局都下了通知让他给，他还是不给，能报警抓他吗", "crim.wage_arrears_crime", None),
    # 孩子被性侵
    ("我女儿12岁，被邻居家的男人猥亵了，该怎么办", "crim.child_sexual_abuse", 12),
    ("孩子才10岁，补课老师摸她下身，孩子回来跟我说的", "crim.child_sexual_abuse", 10),
    # 更多说法
    ("我14岁的儿子把人打成轻伤了，警察让去派出所", "crim.juvenile_14_15_minor_offence", 14),
    ("我16岁的女儿被网上的人骗了五千块", "crim.fraud_victim", 16),
    ("我男人让公安局的人带走了，说是涉嫌开设赌场", "crim.family_detained", None),
    ("俺儿子犯了事被抓了，家里没钱请律师，能让国家给找个律师不", "crim.legal_aid_defence", None),
    ("俺爹叫人打了，鉴定是轻伤，打人的赔不赔", "crim.assault_victim_compensation", None),
    # a victim who wants the attacker punished, not paid
    ("邻居把我打得肋骨断了两根，派出所非让调解，我不同意调解，就要他坐牢", "crim.victim_wants_prosecution", None),
    ("我被人打了，不要他的钱，就想追究他的刑事责任，能行不", "crim.victim_wants_prosecution", None),
    # the victim asked to sign the forgiveness letter (先拿钱再签)
    ("偷我家电动车的人抓着了，他爹妈找上门让我写谅解书，说赔三千，能写不", "crim.victim_forgiveness_letter", None),
    ("打伤我儿子的那家人天天来求，叫俺出个谅解书，钱还没给，俺该不该签",
     "crim.victim_forgiveness_letter", None),
    ("俺娘叫人推倒摔伤了，打人的想私了，俺们不接受私了，想让他受到惩罚", "crim.victim_wants_prosecution", None),
    ("被同村的打伤了，住了一礼拜院，我一定要让他判刑", "crim.victim_wants_prosecution", None),
    # 自首
    ("我儿子打伤了人跑了，我想劝他去自首，能轻判吗", "crim.surrender", None),
    ("我弟弟在工地上偷了钢筋，现在后悔了想去派出所说清楚，会不会坐牢", "crim.surrender", None),
    # 正当防卫
    ("对方先拿刀砍我，我夺过刀把他捅伤了，算正当防卫吗", "crim.self_defence", None),
    ("有人半夜闯进我家，我拿棍子把他打伤了，会不会坐牢", "crim.self_defence", None),
]


@pytest.mark.parametrize(("text", "expected", "age"), CASES)
def test_phrasing_matches_its_situation_first(text: str, expected: str, age: int | None) -> None:
    found = _matches(text, age)
    assert found, f"nothing matched: {text}"
    assert found[0] == expected, f"{text} → {found[:3]}"


NOT_CASES: list[tuple[str, str, int | None]] = [
    # theft at 14–15 is not one of the eight grave crimes
    ("我儿子15岁，偷了同学的手机", "crim.juvenile_14_15_grave", 15),
    ("我儿子15岁，偷了同学的手机", "crim.juvenile_16_17", 15),
    ("我儿子15岁，偷了同学的手机", "crim.juvenile_under_14", 15),
    # the victim's side is not the suspect's family
    ("打我的人被抓了，我的医药费谁赔", "crim.family_detained", None),
    ("打伤我的人只判了缓刑，我觉得判得太轻", "crim.defendant_appeal", None),
    # a suspect's family is not a fraud victim
    ("儿子被刑事拘留了，警察说涉嫌诈骗", "crim.fraud_victim", None),
    ("喝了酒以后跟人吵起来了", "crim.drunk_driving", None),
    ("我们俩喝多了约架，把对方打伤了", "crim.self_defence", None),
    # wanting one's own sentence lighter is not wanting the other punished
    ("我把人打伤了，对方不接受私了，我会判刑吗", "crim.victim_wants_prosecution", None),
    ("俺家小子十七了，拿砖头把人家头打破了，他会不会坐牢", "crim.victim_wants_prosecution", 17),
]


@pytest.mark.parametrize(("text", "not_expected", "age"), NOT_CASES)
def test_phrasing_does_not_match(text: str, not_expected: str, age: int | None) -> None:
    assert not_expected not in _matches(text, age)


def test_every_situation_has_phrasings() -> None:
    ids = {s.id for s in _pool()}
    assert len(ids) >= 13
    assert ids <= {expected for _, expected, _ in CASES}
