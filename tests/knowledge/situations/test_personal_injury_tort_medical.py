"""Recognition of the personal_injury_tort_medical situations from a citizen's own words.

Each phrasing must make the expected situation the top match among this category's
situations (the age is passed when the text states it); a few phrasings must not match.
"""

from __future__ import annotations

import pytest

from knowledge.situations import Situation
from tests.support.situations import category_pool, ranked_in

CATEGORY = "personal_injury_tort_medical"


def _pool() -> list[Situation]:
    return category_pool(CATEGORY)


def _matches(text: str, age: int | None = None) -> list[str]:
    return ranked_in(CATEGORY, text, age)


CASES: list[tuple[str, int | None, str]] = [
    # a fixture that fell (民法典第一千二百五十三条), not something thrown from a window
    ("超市门口的广告牌被风吹掉了，正好砸在我爸肩膀上，骨折了，超市说是天灾", None,
     "injury.fixture_fell"),
    ("走在小区里，楼上一户的空调外机掉下来砸到我胳膊，缝了好几针", None, "injury.fixture_fell"),
    ("孩子在学校门口被一个陌生男人砍伤了，学校门卫根本没拦", None, "injury.school_third_party"),
    ("幼儿园里闯进来一个社会上的人，把我6岁的儿子打伤了", 6, "injury.school_third_party"),
    ("我女儿在班上被同学推倒，胳膊骨折了", None, "injury.school_classmate"),
    ("儿子10岁，课间被高年级的同学踢伤了肚子，住了院", 10, "injury.school_classmate"),
    ("我闺女5岁，在幼儿园滑梯上摔下来，门牙磕掉了", 5, "injury.school_under8"),
    ("孩子在幼儿园午睡起来额头上破了个口子，老师说不知道怎么弄的", None, "injury.school_under8"),
    ("娃12岁，上体育课跳马摔断了胳膊，学校说是孩子自己不小心", 12, "injury.school_8plus"),
    ("孩子今年14岁，在学校宿舍从上铺摔下来骨折了", 14, "injury.school_8plus"),
    ("孩子在学校摔伤了，学校不管", None, "injury.school_injury"),
    ("我爸在医院做完手术第二天人就没了，我们怀疑是医院的问题", None, "injury.medical_death"),
    ("俺娘在县医院输液时突然去世，医院说是心脏病", None, "injury.medical_death"),
    # classmates slapping and kicking a girl: the school-injury situation, not an adult assault
    ("我闺女在学校让同班几个女生扇耳光、踹肚子，还拍了视频发到群里。对方会不会坐牢", None,
     "injury.school_classmate"),
    # long after the death: no autopsy any more, the claim's limitation is what counts
    ("我爸三年前在县医院做胆囊手术，术后大出血人没了，现在还来得及告不", None,
     "injury.medical_death_claim"),
    ("俺娘前年在镇卫生院打针后就去世了，当时没追究，现在想告医院", None,
     "injury.medical_death_claim"),
    ("医院不给复印病历，说要等领导签字", None, "injury.medical_records"),
    ("我怀疑医生改了病历，要不要封存", None, "injury.medical_records"),
    ("我在诊所打了一针后就过敏休克了，诊所说不是他们的责任", None, "injury.medical_malpractice"),
    ("医院误诊，把阑尾炎当胃病治，拖成了腹膜炎", None, "injury.medical_malpractice"),
    ("俺老头做胆囊手术，又拉回去开了一刀，说是肠子给弄破了", None, "injury.medical_malpractice"),
    ("生完孩子大出血，医院说这是并发症，不赖他们", None, "injury.medical_malpractice"),
    ("我爸做完手术就瘫了，之前医生根本没告诉我们有这个风险", None, "injury.medical_malpractice"),
    ("我在街上抓小偷，被小偷捅伤了", None, "injury.good_samaritan"),
    ("看见有人落水，我跳下去救人，结果腿被石头划伤了", None, "injury.good_samaritan"),
    ("我帮邻居盖房子，没要工钱，从架子上摔下来骨折了", None, "injury.unpaid_helper"),
    ("去给亲戚家帮忙收玉米，被拖拉机压伤了脚", None, "injury.unpaid_helper"),
    ("被狗咬了，能要精神损失费吗", None, "injury.mental_damage"),
    ("我被人打了以后吓得天天做噩梦，能要精神损失费不", None, "injury.mental_damage"),
    ("我被邻居家的狗咬了，打了狂犬疫苗花了两千", None, "injury.animal_bite"),
    ("小区里一条没拴绳的大狗扑上来把我孩子咬伤了", None, "injury.animal_bite"),
    # the owner's side: my dog bit someone
    ("俺家狗把邻居家小孩咬了，腿上咬破了，他家要俺赔两万", None, "injury.own_animal_harm"),
    ("我家养的狗把过路的人咬伤了，对方要精神损失费，得赔多少", None, "injury.own_animal_harm"),
    ("在超市地上有水滑倒了，摔断了手腕，超市说不管", None, "injury.premises_fall"),
    ("在饭店厕所里地太滑摔了一跤，尾椎骨裂了", None, "injury.premises_fall"),
    ("走在小区楼下被楼上掉下来的花盆砸中头", None, "injury.falling_object"),
    ("不知道哪家从阳台扔下来一个酒瓶，砸伤了我的肩膀", None, "injury.falling_object"),
    ("家里的电热水器突然爆炸，我被烫伤了", None, "injury.defective_product"),
    ("网上买的充电宝半夜着火，孩子的手烧伤了", None, "injury.defective_product"),
    # an elder hurt in a care home: the home answers for its (even dispatched) carer (民法典第一千一百九十一条)
    ("我妈住养老院，护工嫌烦推了她一把，股骨颈骨折做了手术，养老院说合同写了意外不担责", None, "injury.care_home"),
    ("俺爹在敬老院摔断了腿，院里说是他自己摔的，不管", None, "injury.care_home"),
    ("我儿子把邻居家的小孩推倒了，对方头破了要我们赔", None, "injury.minor_caused_harm"),
    ("我家孩子被邻居家的熊孩子用石头砸伤了眼睛", None, "injury.minor_caused_harm"),
    ("邻居跟我吵架，把我打伤了，鼻梁骨折", None, "injury.assault"),
    ("昨天在饭馆被一个醉汉打了好几拳，牙掉了两颗", None, "injury.assault"),
    ("孩子在村口让一个男孩打了，派出所说那孩子才十二，不够岁数，医药费找谁要", None, "injury.hurt_by_minor"),
    ("俺儿子被邻居家的小子打伤了，人家说他是未成年不用管，俺找谁赔", None, "injury.hurt_by_minor"),
    ("打篮球抢篮板的时候被对方撞倒，手腕骨折了", None, "injury.sports_voluntary_risk"),
    ("踢球被人从背后铲倒，膝盖韧带断了，对方说这是比赛难免的", None, "injury.sports_voluntary_risk"),
    # the one asked to pay: the harmed side's situations are not told to him (claimant_only)
    ("我请表弟来帮我家砌猪圈，他从墙上摔下来把腰摔了，现在他妈找我要五万，我要不要赔", None,
     "injury.liable_party"),
    ("我在自家阳台上搬花盆，不小心碰掉一个，砸伤了楼下路过的人，对方让我拿三万块钱", None,
     "injury.liable_party"),
    ("我家那条大黄平时一直拴着的，那天绳子断了把路过的人腿咬了，人家要我赔八千", None,
     "injury.own_animal_harm"),
    # hurt someone while doing the employer's work: the employer answers (民法典第一千一百九十一条)
    ("我在厂里开叉车卸货，不小心把来送货的司机腿轧伤了，厂长说得我自己赔", None,
     "injury.worker_caused_harm"),
    ("我是快递员，送件时骑车把一个小孩撞了，公司说让我自己掏钱赔人家", None,
     "injury.worker_caused_harm"),
    # the household whose hired helper was hurt at work: a service relation, shared by fault (民法典第一千一百九十二条)
    ("我家请的保姆拖地滑倒把腿摔骨折了，她家里人说是工伤让我们全赔，我们要全赔吗", None,
     "injury.household_helper_hurt"),
    ("俺家雇了个护工照顾老人，她晾衣服从凳子上摔下来伤了腰，这算工伤不，俺们得赔多少", None,
     "injury.household_helper_hurt"),
]


@pytest.mark.parametrize(("text", "age", "expected"), CASES)
def test_top_match(text: str, age: int | None, expected: str) -> None:
    found = _matches(text, age)
    assert found, f"nothing matched {text!r}"
    assert found[0] == expected, f"{text!r}: {found[:3]}"


NOT_CASES: list[tuple[str, int | None, str]] = [
    # the asker was bitten and asks to be paid: nothing of the liable side
    ("我被邻居家的狗咬了，医药费都是我自己掏的，我要赔偿", None, "injury.liable_party"),
    ("我老公把孩子打伤了，我想问问怎么办", None, "injury.liable_party"),
    # ... and the one asked to pay is not answered as the bitten
    ("俺家狗把邻居家小孩咬了，他家要俺赔两万", None, "injury.animal_bite"),
    ("医院治好了，挺满意", None, "injury.medical_malpractice"),
    ("孩子在学校被同学推倒了，还好没受伤", None, "injury.school_classmate"),
    ("被狗吓了一跳，没咬到", None, "injury.animal_bite"),
    ("我19岁，在大学宿舍摔伤了", 19, "injury.school_injury"),
    ("我闺女5岁，在幼儿园滑梯上摔下来，门牙磕掉了", 5, "injury.school_8plus"),
    ("娃12岁，上体育课跳马摔断了胳膊", 12, "injury.school_under8"),
    ("我爸在医院做完手术第二天人就没了", None, "injury.medical_malpractice"),
    ("我帮邻居抓小偷，被小偷打伤了", None, "injury.unpaid_helper"),
    # the speaker's son broke someone's nose: no school injury of his own child
    ("我儿子十七岁，跟同学在网吧跟人打架，把人鼻梁打骨折了", 17, "injury.school_8plus"),
    ("我儿子十七岁，跟同学在网吧跟人打架，把人鼻梁打骨折了", 17, "injury.school_classmate"),
]


@pytest.mark.parametrize(("text", "age", "absent"), NOT_CASES)
def test_does_not_match(text: str, age: int | None, absent: str) -> None:
    assert absent not in _matches(text, age)


def test_every_situation_has_a_case() -> None:
    assert {s.id for s in _pool()} <= {sid for _, _, sid in CASES}
    assert len(_pool()) >= 13
