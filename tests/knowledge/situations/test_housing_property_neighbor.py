"""Recognition of the housing_property_neighbor situations from citizens' own words.

Each phrasing is how a person might put it (colloquial, dialect, negations, a relative asking
for someone else); the expected situation must be the top match among this category's
situations.
"""

from __future__ import annotations

import pytest

from knowledge.situations import Situation
from tests.support.situations import category_pool, ranked_in

CATEGORY = "housing_property_neighbor"


def _pool() -> list[Situation]:
    return category_pool(CATEGORY)


def _ranked(text: str, age: int | None = None) -> list[str]:
    return ranked_in(CATEGORY, text, age)


TOP: list[tuple[str, str]] = [
    # the flat the water came from, asked to pay (for_liable): a shared riser is the
    # property manager's (民法典第九百四十二条)
    ("housing.leak_to_downstairs", "我家洗衣机的水管脱了，水把楼下的天花板泡了，楼下要我赔一万五，该给多少"),
    ("housing.leak_to_downstairs", "楼下说我家卫生间漏水泡了他家，要我赔钱，可物业说漏的是楼里的立管"),
    ("housing.leak_to_downstairs", "我家热水器的进水管爆了，楼下的天花板泡坏了一大片，楼下让我赔一万二"),
    # the landlord died: his heir takes the house with the lease (民法典第七百二十五条)
    ("housing.landlord_died", "我租的门面房东老爷子上个月走了，他儿子说房子现在是他的了，喊我月底前搬走"),
    ("housing.landlord_died", "房东去世了，他闺女把门锁换了，不让我进去，我合同还有一年"),
    ("housing.lease_house_sold", "房东把房子卖了，新房东让我月底前搬走，可我合同签到明年"),
    ("housing.lease_house_sold", "俺租的门面房被房东卖给别人了，新老板说要收回去自己用"),
    ("housing.lease_house_sold", "我在城里租房住，房东说房子要卖了，买家不让我住了"),
    ("housing.tenant_preemption", "我租的门面，房东要卖，我也想买下来，他没通知我就过户了"),
    ("housing.tenant_preemption", "房东要把我租的这套房卖掉，我想问问我有没有优先购买权"),
    ("housing.landlord_sells_leased", "我是房东，房子租出去了，现在想卖给我闺女，租客说他要先买"),
    ("housing.landlord_sells_leased", "俺家有套房子租给人家了，租期还有两年，俺想卖掉，租客说过户了他也不搬"),
    ("housing.deposit_not_returned", "退租三个月了，房东一直不退押金，说墙脏了要扣"),
    ("housing.deposit_not_returned", "房东扣了我两千块押金，说地板有划痕，可那是本来就有的"),
    ("housing.deposit_not_returned", "我儿子在外地租房，搬走的时候房东不给退押金"),
    # a subtenant whom the real owner wants out (民法典第七百一十八、七百一十九条)
    ("housing.subtenant_owner_reclaims", "我住的单间是二房东租给我的，交了半年房租，现在真正的房东说二房东欠他房租，让我们月底前都搬走"),
    ("housing.subtenant_owner_reclaims", "我们是从中介手里转租的房子，大房东来了要收房，可他每个月都来收电费，见过我们好几回"),
    ("housing.landlord_evicts_early", "租期还有半年，房东突然把锁换了，我的东西都被扔出来了"),
    ("housing.landlord_evicts_early", "房东说他儿子要结婚，让我们下个月就搬走，租约还没到期呢"),
    ("housing.landlord_evicts_early", "房东为了赶我走，把电给停了"),
    ("housing.tenant_not_paying", "我是房东，租客拖了三个月房租不交，也不搬"),
    ("housing.tenant_not_paying", "我家有套房子租出去了，那家人半年没交房租，电话也不接"),
    ("housing.tenant_not_paying", "我是房东，房子租给一对小两口，从八月份就没交了，到现在欠了四个月，人还住里头"),
    ("housing.property_fee_bad_service", "物业服务太差，垃圾没人清，电梯老坏，我不想交物业费"),
    ("housing.property_fee_bad_service", "物业啥也不管，凭啥让我交物业费"),
    ("housing.property_fee_bad_service", "我妈家小区物业天天催交物业费，可小区脏乱差没人管"),
    ("housing.property_cuts_utilities", "物业把我家的电停了，说我欠了物业费"),
    ("housing.property_cuts_utilities", "没交物业费，物业就把我家电卡锁了不让充电"),
    ("housing.leak_from_upstairs", "楼上卫生间漏水，我家天花板都泡发霉了，楼上不管"),
    ("housing.leak_from_upstairs", "我家是一楼，楼上住户装修后卫生间老往下滴水"),
    ("housing.leak_from_upstairs", "楼上水管爆了，把我家淹了，家具都泡坏了"),
    ("housing.light_blocked", "邻居家盖了三层楼，把我家的阳光全挡住了"),
    ("housing.light_blocked", "前面新盖的楼离我家太近，屋里白天都很暗"),
    ("housing.light_blocked", "后院那家加盖了一层，俺家冬天晒不到太阳了"),
    ("housing.drainage_blocked", "隔壁把水沟堵死了，一下雨我家院子就淹了"),
    ("housing.drainage_blocked", "邻居把他家地基垫高了，雨水全流到我家院子里"),
    ("housing.neighbour_illegal_build", "楼上邻居在楼顶加盖了一间房"),
    ("housing.neighbour_illegal_build", "对门把楼道占了，搭了个鞋柜还堆满杂物"),
    ("housing.falling_object", "从楼上掉下来一个花盆，把我的车砸坏了"),
    ("housing.falling_object", "我儿子在小区里走路，被楼上扔下来的酒瓶砸伤了头"),
    ("housing.falling_object", "刮大风，我们楼外墙的瓷砖掉下来砸到人了"),
    ("housing.late_delivery", "开发商合同写的去年六月交房，到现在还没交"),
    ("housing.late_delivery", "期房延期交付快一年了，开发商一直拖着"),
    ("housing.owners_meeting_decision", "业委会开会决定把小区绿地改成停车场，我不同意"),
    ("housing.owners_meeting_decision", "业主大会投票用维修基金换电梯，我觉得票数根本不够"),
    ("housing.co_owner_selling", "房子是我和我哥共有的，他要偷偷卖掉"),
    ("housing.co_owner_selling", "我和前妻的房子房产证上写的两个人名字，她想把房子卖了"),
    ("housing.landlord_no_repair", "租的房子热水器坏了，房东一直不给修"),
    ("housing.landlord_no_repair", "房顶漏雨，跟房东说了好几次他都不管"),
    ("housing.passage_blocked", "邻居在路口砌了一道墙，不让我家走"),
    ("housing.passage_blocked", "前院那家把唯一的出路堵了，我家三轮车开不出去"),
    ("housing.neighbour_noise", "楼上那家每天夜里十二点还在剁肉，吵得孩子睡不着"),
    ("housing.neighbour_noise", "隔壁烧烤店的油烟全飘进我家，邻居说管不着"),
    # a neighbour's tree broke and fell on the house (民法典第一千二百五十七条)
    ("housing.neighbour_tree_damage", "隔壁家的老槐树夏天打雷劈断了一根枝子，正砸在我家厢房上，瓦碎了一片，他说是老天爷干的不赔"),
    ("housing.neighbour_tree_damage", "邻居院里的大榆树被风刮倒了压塌了俺家的院墙，他能不能一分不给"),
    # the tenant who sublet a room: the landlord who knew for six months consented (民法典第七百一十八条)
    ("housing.tenant_sublet_landlord_objects", "我租的房子把一间转租给了同事，房东现在知道了要收房，押金也不退"),
    ("housing.tenant_sublet_landlord_objects", "房东说我当二房东赚钱，要把房子收回去，可我分租出去半年多他一直知道"),
    # the landlord whose tenant leaves early: actual loss, mitigated (民法典第五百九十一条、第五百八十五条)
    ("housing.landlord_tenant_leaves_early", "我是房东，租客签了一年才住半年就要提前退租，合同写了押金不退，剩下的房租我能让他给吗"),
    ("housing.landlord_tenant_leaves_early", "我是房东，房客说下个月要搬走，离到期还有四个月，我想扣他押金再要三个月房租，行不行"),
]


@pytest.mark.parametrize(("expected", "text"), TOP)
def test_top_match(expected: str, text: str) -> None:
    ranked = _ranked(text)
    assert ranked and ranked[0] == expected, f"{text!r} → {ranked[:3]}"


NOT: list[tuple[str, str]] = [
    # A tenant who cannot pay is not the landlord asking about unpaid rent.
    ("housing.tenant_not_paying", "我租的房子，这个月房租交不上了，房东要赶我走"),
    # A power cut by the grid company is not the property company forcing fees.
    ("housing.property_cuts_utilities", "小区停电了，供电局说线路检修"),
    # Noise is not a leak; a fall down the stairs is not a falling object.
    ("housing.leak_from_upstairs", "楼上装修太吵了，天天砸墙"),
    ("housing.falling_object", "我在楼梯上摔了一跤"),
    # Good light is not blocked light.
    ("housing.light_blocked", "我家采光挺好的，就是邻居太吵"),
    # Selling one's own house with no tenant is not a lease matter.
    ("housing.lease_house_sold", "我想把自己的房子卖了，买家还没付清钱"),
    # An owner (not a tenant) owing property fees is not a deposit matter.
    ("housing.deposit_not_returned", "物业说我欠了物业费"),
    ("housing.neighbour_tree_damage", "邻居家的树长得太高，挡了我家的光，能让他砍吗"),
]


@pytest.mark.parametrize(("situation", "text"), NOT)
def test_does_not_match(situation: str, text: str) -> None:
    assert situation not in _ranked(text)


def test_tenant_who_cannot_pay_and_is_evicted_gets_the_tenant_side() -> None:
    ranked = _ranked("我租的房子，这个月房租交不上了，房东要赶我走")
    assert ranked and ranked[0] == "housing.landlord_evicts_early"


def test_every_situation_has_phrasings() -> None:
    assert {s.id for s in _pool()} == {sid for sid, _ in TOP}
