"""Recognition of the consumer_rights situations from citizens' own words.

Each phrasing is how a person at a kiosk might put it (colloquial, dialect, negations, a
relative asking for someone else); the expected situation must be the top match among this
category's situations.
"""

from __future__ import annotations

import pytest

from knowledge.situations import Situation
from tests.support.situations import category_pool, ranked_in

CATEGORY = "consumer_rights"


def _pool() -> list[Situation]:
    return category_pool(CATEGORY)


def _ranked(text: str, age: int | None = None) -> list[str]:
    return ranked_in(CATEGORY, text, age)


TOP: list[tuple[str, str]] = [
    # the online seller asked for a no-reason return (消费者权益保护法第二十五条)
    ("consumer.seller_online_return", "我在拼多多上开店卖鞋，有个买家收到货第三天说不想要了要七天无理由，我店里写了清仓不退换，能不给他退吗"),
    ("consumer.seller_online_return", "我网上卖衣服的，买家申请七天无理由退货，寄回来一股烟味，还得我出运费吗"),
    # a private person selling his own used things is no trader (网络消费纠纷规定（一）第七条)
    ("consumer.private_secondhand_seller",
     "我在转转上卖了自己穿过两次的一双球鞋，买家说是假的，要我退一赔三，我就是个人卖闲置"),
    ("consumer.private_secondhand_seller",
     "把家里闲置的一台旧电视挂在闲鱼上卖了，买家收到说有坏点，要我赔三倍，我平时不倒腾这些"),
    ("consumer.fraud_refund_triple", "我在网上买了个手机，结果是翻新机，商家还说是全新的"),
    # a repaired, repainted car sold as new is fraud (三倍), not a no-reason return
    ("consumer.fraud_refund_triple", "刚从车行买的新车，保养时发现车门喷过漆，是修过的车当新车卖的"),
    ("consumer.fraud_refund_triple", "在县城专卖店买的名牌运动鞋，拿去鉴定是冒牌货"),
    ("consumer.fraud_refund_triple", "村里来了一伙人讲健康课，说吃了他们的胶囊就能把降压药停了，俺娘花三千八买了十盒"),
    ("consumer.fraud_refund_triple", "他们宣传喝了这个保健酒就不用打针了，我爸买了两箱"),
    ("consumer.fraud_refund_triple", "俺娘在门口药店买的保健品，店员说能治糖尿病，根本是骗人的"),
    ("consumer.food_unsafe_tenfold", "超市买的酸奶过期三天了，我还给孩子喝了一口"),
    # the shopkeeper's side of the same claim
    ("consumer.seller_food_claim", "我开个小卖部，有个人来买了两瓶酸奶，回来说过期了，要我赔一千块，不给就举报我"),
    ("consumer.seller_food_claim", "我是开超市的，顾客买的饼干过期了，他要我按十倍赔，我得给不"),
    ("consumer.seller_food_claim", "我开小卖部，有人买了过期火腿肠要我赔一千，今天又拿来两张小票说又来买了两次，要我一共赔三千"),
    ("consumer.food_unsafe_tenfold", "在小卖部买了两包辣条，回家一看没有生产日期，是三无产品"),
    ("consumer.food_unsafe_tenfold", "蛋糕店买的蛋糕里吃出了一块玻璃碴子，能要十倍赔偿不"),
    ("consumer.food_illness", "在饭馆吃了顿饭，回家就上吐下泻，住了两天院"),
    ("consumer.food_illness", "我爸吃了超市买的熟食，医生说是食物中毒"),
    # expired food that made a child ill, bought without a receipt: the food, not the receipt
    ("consumer.food_illness", "在小卖部买的奶粉过期了，孩子喝了拉肚子，没要小票，只有微信付款记录"),
    ("consumer.defective_product_injury", "新买的电动车充电时起火，把车库烧了"),
    ("consumer.defective_product_injury", "热水器漏电，我老婆洗澡被电伤了，住了一个礼拜院"),
    ("consumer.defective_product_injury", "买的高压锅用的时候炸了，把我胳膊烫伤了"),
    ("consumer.online_return_7days", "我在淘宝买的裙子，穿着不合适，想退"),
    ("consumer.online_return_7days", "我爸在网上买的收音机，收到三天了，他不想要了"),
    ("consumer.online_return_7days", "拼多多下单的鞋子尺码不对，能七天无理由退吗"),
    ("consumer.shop_no_reason_return", "在商场买的羽绒服不喜欢了想退，店员说不给退"),
    ("consumer.shop_no_reason_return", "在超市买的饮料没过期，就是不想要了"),
    ("consumer.shop_no_reason_return", "前天在县城门市上买的电饭锅，没毛病，就是家里人说不好看，能退不"),
    ("consumer.quality_repair_replace_return", "买的洗衣机用了一个月就不转了，店里说找厂家"),
    ("consumer.quality_repair_replace_return", "网上买的手机三天两头死机，卖家不给换"),
    ("consumer.quality_repair_replace_return", "网上买的电饭锅用了半个月，内胆的涂层一块一块往下掉，商家只给修"),
    ("consumer.quality_repair_replace_return", "新买的炒锅不到一个月就起皮了，店里不给退"),
    ("consumer.quality_repair_replace_return", "我闺女在商场给我买的空调，装上就不制冷"),
    ("consumer.farm_inputs_fake", "在镇上农资店买的玉米种子，种下去一大片不出苗"),
    ("consumer.farm_inputs_fake", "俺在集上买的化肥是假的，麦子都黄了"),
    ("consumer.farm_inputs_fake", "打了他家卖的除草剂，结果把我家的玉米苗都烧死了"),
    ("consumer.prepaid_shop_closed", "健身房老板跑路了，卡里还有三千多"),
    ("consumer.prepaid_shop_closed", "他家的店关门了，我办的游泳卡还有二十多次没用"),
    ("consumer.prepaid_shop_closed", "孩子报的培训班突然不开了，交的一万多学费找不到人退"),
    ("consumer.prepaid_refund_refused", "上个星期办的美容卡，现在不想做了，店里说概不退款"),
    ("consumer.prepaid_refund_refused", "我上礼拜在理发店充了2000块，现在想退钱，店里不给退"),
    # the shop's own breach: no seven-day limit (预付式消费解释第十三条)
    ("consumer.prepaid_breach_refund", "健身房办了年卡，后来搬到很远的地方去了，要退钱不给退"),
    ("consumer.prepaid_breach_refund", "娃的舞蹈班换了个老板，新老板不认原来剩的三十节课"),
    ("consumer.prepaid_breach_refund", "我爸在理发店充的钱还没用完人就去世了，店里说卡不退"),
    ("consumer.prepaid_breach_refund", "前年在敬老院一次交了一年的床位费，俺娘住了四个月就走了，剩下的不给退"),
    ("consumer.platform_seller_missing", "拼多多上买的东西有问题，店铺已经关了，找不到卖家"),
    ("consumer.platform_seller_missing", "在网上买的净水器不出水，卖家把我拉黑了"),
    ("consumer.livestream_purchase", "在抖音直播间买的玉镯，主播说是天然翡翠，结果是假的"),
    ("consumer.livestream_purchase", "我妈在直播间买了一堆保健品，主播说能治高血压，吃了一点用没有"),
    ("consumer.livestream_purchase", "看直播买的羽绒服不合适，商家说直播间的东西不退"),
    ("consumer.service_done_badly", "装修公司给我家铺的瓷砖全是空鼓，找他们返工不理"),
    ("consumer.service_done_badly", "在小区门口的理发店烫头，头发全烫焦了"),
    ("consumer.service_done_badly", "找师傅修的冰箱，修完第二天又坏了，还收了我三百"),
    ("consumer.complaint_12315", "我想打12315投诉一家店，怎么弄"),
    ("consumer.complaint_12315", "这个商家态度太差了，我要去市场监管局投诉他们"),
    ("consumer.no_receipt", "买的电视坏了，小票丢了，还能修吗"),
    ("consumer.no_receipt", "在集市上买的东西，没有发票，出了问题还能找他吗"),
    ("consumer.unfair_terms", "酒楼说自带的酒要收两百开瓶费，这规定合法吗"),
    ("consumer.unfair_terms", "店门口贴着本店拥有最终解释权，活动说变就变"),
    # the shop owner whose customer wants a prepaid card refunded (预付式消费解释第九条、第十八条)
    ("consumer.seller_prepaid_refund", "我是开美容院的，有个顾客办了卡充了五千，用了一半说不想做了要退卡，我能不退吗"),
    ("consumer.seller_prepaid_refund", "我是开健身房的，搬了新地方，会员嫌远要退卡，卡上写着概不退款，我必须退吗"),
]


@pytest.mark.parametrize(("expected", "text"), TOP)
def test_top_match(expected: str, text: str) -> None:
    ranked = _ranked(text)
    assert ranked and ranked[0] == expected, f"{text!r} → {ranked[:3]}"


NOT: list[tuple[str, str]] = [
    # 7-day no-reason return is for distance purchases only, and only when nothing is wrong.
    ("consumer.shop_no_reason_return", "网上买的衣服不喜欢，想退"),
    ("consumer.online_return_7days", "在商场买的衣服不喜欢，想退"),
    ("consumer.shop_no_reason_return", "在商场买的鞋子穿了两天就开胶了，想退"),
    # Negations: the user says the thing did not happen.
    ("consumer.food_unsafe_tenfold", "超市买的牛奶没过期，就是不好喝"),
    ("consumer.fraud_refund_triple", "买的手机不是假货，就是有点卡"),
    ("consumer.quality_repair_replace_return", "在店里买的裤子没质量问题，就是不喜欢了"),
    # The shop is still open: not the "shop closed" situation.
    ("consumer.prepaid_shop_closed", "健身房还开着，就是不给我退卡"),
    # No harvest loss, no defect: not a farm-input claim.
    ("consumer.farm_inputs_fake", "在种子站买了玉米种子，想问问怎么种"),
    # A leak from upstairs is a neighbour matter, not a bad service.
    ("consumer.service_done_badly", "楼上漏水把我家天花板泡了"),
]


@pytest.mark.parametrize(("situation", "text"), NOT)
def test_does_not_match(situation: str, text: str) -> None:
    assert situation not in _ranked(text)


def test_shop_purchase_with_a_defect_goes_to_quality_rights() -> None:
    ranked = _ranked("在商场买的鞋子穿了两天就开胶了，想退")
    assert ranked[0] == "consumer.quality_repair_replace_return"


def test_every_situation_has_phrasings() -> None:
    assert {s.id for s in _pool()} == {sid for sid, _ in TOP}
