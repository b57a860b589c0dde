"""Recognition of the rural_land_grassland situations from citizens' own words.

Each phrasing is how a farmer or herder might put it (colloquial, dialect, a relative asking);
the expected situation must be the top match among this category's situations.
"""

from __future__ import annotations

import pytest

from knowledge.situations import Situation
from tests.support.situations import category_pool, ranked_in

CATEGORY = "rural_land_grassland"


def _pool() -> list[Situation]:
    return category_pool(CATEGORY)


def _ranked(text: str, age: int | None = None) -> list[str]:
    return ranked_in(CATEGORY, text, age)


TOP: list[tuple[str, str]] = [
    ("rural.transferee_land_taken_back", "我前年从村里几户人家手里流转了六十亩地种葡萄，合同十年，今年有一户嫌租金少要把地收回去，还把葡萄架拔了"),
    ("rural.transferee_land_taken_back", "俺包了邻居家的十亩地种大棚，签了五年，才两年他就不让种了要收回"),
    ("rural.expropriation_leased_out_land", "我屋里八亩田前年流转给村里一个种田大户，今年修高速要征三亩，村里讲补偿款要发给那个大户，因为田是他在种"),
    ("rural.expropriation_leased_out_land", "俺家承包地租给别人种葡萄，现在征地了，补偿款该给俺还是给他"),
    ("rural.house_demolition_sign_pressure", "村干部上门说下个月要拆俺家房子，给二十万，让俺先把字签了，不签就强拆"),
    ("rural.house_demolition_sign_pressure", "村里要拆我家老宅，逼我签拆迁协议，说不签就把房子推了"),
    ("rural.land_taken_back", "村里说要重新调地，把我家的承包地收走了一半"),
    ("rural.land_taken_back", "俺们一家在城里打工，村里就把俺家的地收回去包给别人了"),
    ("rural.land_taken_back", "村委会说我家欠了村里的钱，把我的责任田收走抵账了"),
    ("rural.married_woman_land", "俺嫁到邻村三年了，娘家村里把我的那份地收回去了，婆家这边也没给分地"),
    ("rural.married_woman_land", "我离婚后带着孩子回了娘家，村里说我嫁出去了，不给我分地"),
    ("rural.married_woman_land", "我老公去世了，婆家村里要把我的承包地收回去"),
    ("rural.woman_collective_income", "俺离了婚回娘家村住，名下还有承包地，组里开会表决说出嫁闺女不算本组的人，征地补偿俺那一份不给"),
    ("rural.woman_collective_income", "我离婚后回娘家住，村里分红就没我的了，说我是外嫁女"),
    ("rural.woman_collective_income", "村里开会决定外嫁女不分征地补偿款，我户口一直在村里"),
    ("rural.expropriation_compensation", "政府征了我家的地修高速，补偿标准太低了，我不同意"),
    ("rural.expropriation_compensation", "镇里没有公告也没签协议，就把我家的地推了要建工业园"),
    ("rural.compensation_distribution", "征地补偿款村里分了，就是不给我家分，说我家户口迁出去过"),
    ("rural.compensation_distribution", "村里修路占了俺家半亩承包地，上面给了补偿款，村里扣了一半说是集体的"),
    ("rural.compensation_distribution", "我是上门女婿，村里分土地补偿费没有我的份"),
    ("rural.land_occupied", "邻居把我家地的界桩挪了，多占了我家两垄地"),
    ("rural.land_occupied", "我家的承包地被隔壁村的人强行种上了庄稼"),
    ("rural.transfer_rent_unpaid", "我家的地流转给合作社了，流转费两年没给了"),
    ("rural.transfer_rent_unpaid", "俺把十亩地租给了一个老板种葡萄，说好一年一千一亩，今年的钱到现在没给"),
    ("rural.forced_transfer", "村干部逼着我们把地流转给公司，不签就不行"),
    ("rural.forced_transfer", "镇上搞统一流转，我家不同意也把地圈进去了"),
    ("rural.land_inheritance", "我爹去世了，村里说他的承包地要收回去"),
    ("rural.land_inheritance", "老人走了以后，他名下那几亩责任田我们兄妹几个能不能继承"),
    ("rural.village_decision", "村里开会决定，户口在城里的不能分集体收益"),
    ("rural.village_decision", "村民代表大会表决把村里的集体林地卖给老板，好多村民都不同意"),
    ("rural.homestead_dispute", "我和邻居为宅基地的地界吵起来了，他家院墙砌到我家这边来了"),
    ("rural.homestead_dispute", "隔壁翻盖房子，把房基往我家这边多占了半米"),
    ("rural.grassland_adjusted", "嘎查把我家承包的草场调给别人了"),
    ("rural.grassland_adjusted", "我家的草场承包期还没到，嘎查说要收回重新分"),
    ("rural.grassland_adjusted", "嘎查开会把俺家河边的两百亩草场又包给外旗一个老板了"),
    ("rural.land_award_lawsuit", "土地承包仲裁委员会裁决地归他家，裁决书上周收到的，俺不服"),
    ("rural.land_award_lawsuit", "草场边界的事，县农村土地承包仲裁委裁了，我不服想去法院告"),
    # the award told over several clauses: "申请了县里农村土地承包仲裁，……收到了裁决书"
    ("rural.land_award_lawsuit", "村里把俺家承包地收回去了，俺申请了县里农村土地承包仲裁，十一月二十号收到了裁决书，驳回了"),
    ("rural.land_taken_back", "村里把我家的三亩地偷偷包给了别人种"),
    ("rural.grassland_occupied", "外村人赶着羊到我家草场放牧，把草都啃光了"),
    ("rural.grassland_occupied", "有个公司没跟我商量就在我家草场上挖沙"),
    ("rural.grazing_ban", "我家草场划成禁牧区了，禁牧补贴两年没发"),
    ("rural.grazing_ban", "今年开始休牧三个月，羊没地方放，国家给不给补助"),
    ("rural.grassland_boundary", "我家草场和隔壁嘎查的草场边界有争议"),
    ("rural.grassland_boundary", "两家牧户为草场界线闹了好几年，围栏拆了又建"),
    ("rural.land_contract_dispute_general", "确权的时候把我家承包地面积少登了两亩"),
    ("rural.land_contract_dispute_general", "和我哥为承包地的事有纠纷，去哪里解决"),
    ("rural.homestead_application", "俺家分户了，想申请宅基地盖房，乡里不给批"),
    ("rural.homestead_application", "申请宅基地是找村里还是找镇上"),
    # re-allotting contract land: only in special cases, by two thirds and with approval (28, 29)
    ("rural.land_adjustment_rules", "我是村会计，村里人口变了，两委想把地重新分一分，开个村民代表会表决就行吗"),
    ("rural.land_adjustment_rules", "组里要搞土地小调整，把死了人的户的地抽出来给新媳妇，这样合法不"),
    # an outsider who bought a house on a village plot (民法典第一百五十三、一百五十七条)
    ("rural.homestead_house_bought_by_outsider", "我是县城户口，前些年花六万从村里人手里买了个农家院，现在他儿子要收回去，说合同不算数"),
    ("rural.homestead_house_bought_by_outsider", "我不是这个村的人，买了村里一户的宅基地盖的房，现在要拆迁，补偿款归谁"),
    # "出嫁的姑娘一律不分": the married-out daughters' share, said of them all
    ("rural.woman_collective_income", "村里征地分钱，开会定了出嫁的姑娘一律不分，我户口还在村里，能要吗"),
]


@pytest.mark.parametrize(("expected", "text"), TOP)
def test_top_match(expected: str, text: str) -> None:
    ranked = _ranked(text)
    assert ranked and ranked[0] == expected, f"{text!r} → {ranked[:3]}"


NOT: list[tuple[str, str]] = [
    # Compensation disputes with the government are not for the land-contract arbitration route.
    ("rural.land_contract_dispute_general", "政府征了我家的地，补偿太低"),
    ("rural.land_taken_back", "政府征了我家的地修路，补偿款还没给"),
    # Distribution inside the village is not a dispute with the government.
    ("rural.expropriation_compensation", "征地补偿款村里分了，就是不给我家分"),
    # Grassland is not arable land, and a grazing ban is not an occupation.
    ("rural.land_taken_back", "嘎查把我家承包的草场调给别人了"),
    ("rural.grassland_occupied", "我家草场划成禁牧区了"),
    # No woman's marriage, divorce or widowhood: the general rule applies.
    ("rural.married_woman_land", "村里把我家的承包地收回去了"),
    # Rent that was paid is not rent owed.
    ("rural.transfer_rent_unpaid", "我家的地流转给合作社了，每年流转费都按时给"),
    ("rural.land_adjustment_rules", "村里把我家承包地收回去了，说我户口迁走了"),
    ("rural.homestead_house_bought_by_outsider", "我是本村的，前年从邻居手里买了他家老院子，现在他儿子要收回去"),
]


@pytest.mark.parametrize(("situation", "text"), NOT)
def test_does_not_match(situation: str, text: str) -> None:
    assert situation not in _ranked(text)


def test_every_situation_has_phrasings() -> None:
    assert {s.id for s in _pool()} == {sid for sid, _ in TOP}
