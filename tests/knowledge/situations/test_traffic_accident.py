"""Recognition of the traffic_accident situations from a citizen's own words.

Each phrasing must make the expected situation the top match among this category's
situations; a few phrasings must not match a situation whose facts are absent.
"""

from __future__ import annotations

import pytest

from knowledge.situations import Situation
from tests.support.situations import category_pool, ranked_in

CATEGORY = "traffic_accident"


def _pool() -> list[Situation]:
    return category_pool(CATEGORY)


def _matches(text: str, age: int | None = None) -> list[str]:
    return ranked_in(CATEGORY, text, age)


CASES: list[tuple[str, str]] = [
    # a private car used for ride-hailing: the compulsory cover still pays (道交解释第二十条)
    ("我开私家车跑滴滴，昨天拉着客人把前面的车追尾了，对方司机手腕扭伤，保险公司说我改变了车辆用途，交强险和商业险都不赔",
     "traffic.ride_hailing_insurance_refused"),
    ("我在高德上跑网约车，出了事故，保险公司拒赔，说我是营运车辆，我得自己掏钱吗",
     "traffic.ride_hailing_insurance_refused"),
    # the employer of a driver who hit someone at work (民法典第一千一百九十一条)
    ("我是开物流公司的，我雇的司机拉货时把人撞伤了，对方告我们公司，该司机赔还是公司赔",
     "traffic.employee_driver"),
    ("认定书拿到都半个月了，我觉得定责不公平，现在还能复核不", "traffic.review_expired"),
    ("交警判我同等责任，我不服，可复核时间已经过了三天了", "traffic.review_expired"),
    ("俺家那个事故责任认定书下来好几天了，想申请复核，交警说过期不收", "traffic.review_expired"),
    ("交警认定我负主要责任，我不服", "traffic.review_finding"),
    ("昨天刚拿到事故认定书，说我全责，凭什么，我是正常行驶", "traffic.review_finding"),
    ("我儿子骑车被撞，交警定了同等责任，我们有异议，想重新认定", "traffic.review_finding"),
    # an e-bike or bicycle is a non-motor vehicle: no compulsory insurance, medical insurance pays first
    ("我走在路边被一个骑电动车的撞了，他跑了，没找到人，腿骨折住院花了两万多", "traffic.hit_and_run_nonmotor"),
    ("俺娘在村口让电瓶车给撞倒了，骑车那小伙子一溜烟跑了，找不到人", "traffic.hit_and_run_nonmotor"),
    ("下班路上被骑共享单车的撞了，那人撞了就跑，医药费谁出", "traffic.hit_and_run_nonmotor"),
    ("俺老伴过马路被车撞死了，司机跑了", "traffic.hit_and_run"),
    ("晚上下班骑自行车，被一辆货车刮倒，司机开车跑了", "traffic.hit_and_run"),
    ("我被一辆黑色小车撞了，那车一溜烟就跑了，到现在也找不到人", "traffic.hit_and_run"),
    ("我老公开车撞死了一个老人，现在被交警扣了，会不会坐牢", "traffic.driver_criminal_risk"),
    ("俺男人开三轮拉货，把人撞了，人家住院了，交警把他扣了", "traffic.driver_criminal_risk"),
    ("我开车把一个骑车的撞了，人没抢救过来，家里人问要不要写谅解书", "traffic.driver_criminal_risk"),
    ("我开车撞了人，交警认定我全责，对方住院了，我要赔多少", "traffic.at_fault_driver"),
    ("我开车把骑电动车的撞了，他腿骨折了", "traffic.at_fault_driver"),
    ("我是开车的那个，老太太骑电动车闯红灯，我刹不住撞上了，她家让我先拿五万垫上", "traffic.at_fault_driver"),
    ("倒车的时候把邻居家的孩子刮倒了，孩子胳膊擦伤", "traffic.at_fault_driver"),
    ("被车撞了，对方想私了，给我五千让我签字", "traffic.private_settlement"),
    ("出了车祸我腿骨折了，司机说一次性给我两万了事，叫我签个协议，这字能签吗",
     "traffic.private_settlement"),
    ("撞我娘的那个司机找上门，要私下解决，说赔八千就不再追究", "traffic.private_settlement"),
    ("我爸出车祸去世了，能赔多少钱", "traffic.death_compensation"),
    ("我爸被车撞死了，司机会坐牢吗", "traffic.death_compensation"),
    ("俺哥在国道上被大货车撞了，没抢救过来，家里想问死亡赔偿金咋算", "traffic.death_compensation"),
    ("出车祸住院了，医院催交钱，没钱治", "traffic.treatment_costs"),
    ("我妈被车撞了在ICU，抢救费谁出，我们实在交不起押金", "traffic.treatment_costs"),
    ("撞我的那辆车没有交强险，怎么办", "traffic.no_compulsory_insurance"),
    ("被一辆面包车撞伤了，交警说那车保险早就过期了，没买交强险", "traffic.no_compulsory_insurance"),
    ("俺爹骑摩托去镇上，被一辆没牌照的面包车撞了，对方没保险", "traffic.no_compulsory_insurance"),
    ("邻居开车带我去赶集，路上翻车了，我胳膊断了", "traffic.free_ride"),
    ("我搭同事的便车回家，他开太快撞了护栏，我锁骨骨折了，同事要不要赔", "traffic.free_ride"),
    ("我好心顺路捎村里一个大姐去县城，出了车祸她受伤了，我得赔多少", "traffic.free_ride"),
    ("女儿坐同学爸爸的车去学校，出车祸了，腿受伤", "traffic.free_ride"),
    ("我把车借给表弟开，他撞了人，人家找我赔", "traffic.lent_car_owner"),
    ("我有辆小车，上个月借给我朋友开，他把一个骑电动车的撞了。被撞的那家人把我也告了，车又不是我开的，凭什么要我赔", "traffic.lent_car_owner"),
    ("车去年就卖给邻居了，一直没过户，他开着撞了人，现在找我赔", "traffic.sold_car_not_transferred"),
    ("我的面包车转手卖给别人了，还没办过户，买车的出了车祸要我担责吗", "traffic.sold_car_not_transferred"),
    ("俺的车借给朋友开了两天，他出了交通事故撞伤一个人，人家把我这车主也告了",
     "traffic.lent_car_owner"),
    ("撞我的车是他借朋友的，伤了腿", "traffic.hit_by_borrowed_car"),
    ("我被一辆小车撞了，司机说车子是租来的，车主不是他，我该找谁", "traffic.hit_by_borrowed_car"),
    ("我坐公交车，司机急刹车我摔倒了，腰伤了", "traffic.passenger_public_transport"),
    ("打了个滴滴，路上和别的车撞了，我头缝了五针", "traffic.passenger_public_transport"),
    ("坐长途大巴回老家，大巴翻到沟里，我在车上受伤住院了", "traffic.passenger_public_transport"),
    ("我骑电动车被小轿车撞了，腿骨折住院了", "traffic.rider_hit_by_car"),
    # a delivery rider hit by "a car": the car is a motor vehicle
    ("我跑外卖送餐路上被一辆车撞了，对方全责", "traffic.rider_hit_by_car"),
    ("俺骑着电瓶车过路口，被一辆小汽车给撞了，胳膊骨折", "traffic.rider_hit_by_car"),
    ("骑自行车上学的路上被一辆大货车刮倒了，孩子腿骨折", "traffic.rider_hit_by_car"),
    ("我在路边走，被一辆电动车撞倒了，腿骨折", "traffic.two_wheeler_collision"),
    ("我骑电动车把一个老太太撞倒了，她住院了", "traffic.two_wheeler_collision"),
    ("两辆电瓶车在村口撞了，我这边伤了脚，对方说是我的错", "traffic.two_wheeler_collision"),
    ("过马路被小轿车撞了，腿断了", "traffic.pedestrian_hit"),
    ("我在人行道上走路，被一辆倒车的汽车撞倒，骨裂了", "traffic.pedestrian_hit"),
    ("俺娘在斑马线上被出租车撞伤了", "traffic.pedestrian_hit"),
    ("昨天停车被人刮了，人没事，就是车门瘪了", "traffic.property_damage_only"),
    ("开车被追尾了，保险杠撞坏了，人都没事", "traffic.property_damage_only"),
    ("和人家的车剐蹭了一下，没有人受伤，后视镜掉了，修车谁出钱", "traffic.property_damage_only"),
    ("我开车和一辆面包车撞了，我肋骨骨折，对方全责", "traffic.injury_compensation"),
    ("出车祸受伤了，对方有保险，能赔些啥", "traffic.injury_compensation"),
    ("我搭朋友的车，给了他五十块车费，结果出了车祸受伤", "traffic.injury_compensation"),
    ("我弟开车被后面的大车追尾，颈椎受伤了，住了半个月院", "traffic.injury_compensation"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_top_match(text: str, expected: str) -> None:
    found = _matches(text)
    assert found, f"nothing matched {text!r}"
    assert found[0] == expected, f"{text!r}: {found[:3]}"


NOT_CASES: list[tuple[str, str]] = [
    ("被车撞了，人没事", "traffic.injury_compensation"),
    ("交警认定书上说对方全责，我挺满意的", "traffic.review_finding"),
    ("我搭朋友的车，给了他五十块车费，结果出了车祸受伤", "traffic.free_ride"),
    ("我爸被车撞死了，司机会坐牢吗", "traffic.driver_criminal_risk"),
    ("我骑电动车被小轿车撞了", "traffic.pedestrian_hit"),
    ("俺娘在斑马线上被出租车撞伤了", "traffic.hit_by_borrowed_car"),
    ("我骑电动车把一个老太太撞倒了，她住院了", "traffic.driver_criminal_risk"),
    ("追尾了，车灯碎了，我脖子也撞伤了", "traffic.property_damage_only"),
    ("我骑电动车把一个老太太撞倒了，她住院了", "traffic.at_fault_driver"),
    ("我爸出车祸去世了，能赔多少钱", "traffic.at_fault_driver"),
]


@pytest.mark.parametrize(("text", "absent"), NOT_CASES)
def test_does_not_match(text: str, absent: str) -> None:
    assert absent not in _matches(text)


def test_every_situation_has_a_case() -> None:
    assert {s.id for s in _pool()} <= {sid for _, sid in CASES}
    assert len(_pool()) >= 13
