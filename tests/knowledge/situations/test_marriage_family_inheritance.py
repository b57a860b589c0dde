"""Recognition of the marriage_family_inheritance situations from a citizen's own words.

Each phrasing must make the expected situation the top match among this category's
situations (the age is passed when the text states it); a few phrasings must not match.
"""

from __future__ import annotations

import pytest

from knowledge.situations import Situation
from tests.support.situations import category_pool, ranked_in

CATEGORY = "marriage_family_inheritance"


def _pool() -> list[Situation]:
    return category_pool(CATEGORY)


def _matches(text: str, age: int | None = None) -> list[str]:
    return ranked_in(CATEGORY, text, age)


CASES: list[tuple[str, int | None, str]] = [
    # an adult child at university: support ends at 18 (婚姻家庭编解释（一）第五十三条、第四十一条)
    ("儿子今年满十八考上大学了，他妈让我每年出一万学费，不出就去法院告我，我得出吗", None,
     "family.adult_student_support"),
    ("闺女上大二了，前夫说抚养费只给到十八岁，我能告他要大学的生活费吗", None,
     "family.adult_student_support"),
    ("我是被我爸妈逼着嫁给他的，不嫁就要打死我，去年才跑出来，这婚能撤销吗", None, "family.annul_coerced_marriage"),
    ("他拿着我的身份证逼我去领证，说不领就弄死我家里人", None, "family.annul_coerced_marriage"),
    ("老公天天打我，我要离婚", None, "family.divorce_domestic_violence"),
    ("我想离婚，他喝了酒就动手打我，上个月打得我住了院", None, "family.divorce_domestic_violence"),
    ("前年起诉离婚法院判了不准离，我们分居一年多了，还能再起诉吗", None, "family.divorce_second_suit"),
    ("第一次起诉没离成，我能不能马上再起诉离婚", None, "family.divorce_second_suit"),
    ("要离婚了，孩子才1岁，他家非要抢孩子", 1, "family.custody_under2"),
    ("我们离婚，儿子10岁了，说想跟我过，法院会听孩子的吗", 10, "family.custody_8plus"),
    ("闺女12岁，离婚后想跟她妈过", 12, "family.custody_8plus"),
    ("离婚孩子判给谁", None, "family.custody"),
    ("我们要离婚了，孩子抚养权怎么争", None, "family.custody"),
    ("前夫两年没给孩子抚养费了", None, "family.child_support"),
    # more than the agreed sum (民法典第一千零八十五条第二款): a suit to increase, not enforcement
    ("判的抚养费一个月五百，孩子现在上高中了花销大，想让前夫多给点", None,
     "family.child_support_increase"),
    ("离婚时说好每月给一千五，他一分钱都没给过孩子的生活费", None, "family.child_support"),
    ("离婚后她不让我见儿子", None, "family.visitation"),
    # grandparents: no statutory visiting right, no duty to pay while a parent can (民法典第一千零七十四条)
    ("儿子前年病没了，儿媳带着我孙子回了娘家，现在不让我们老两口看孙子，能告她吗", None,
     "family.grandparents_and_grandchild"),
    ("俺闺女走了，外孙女跟着她爸，女婿让俺们每个月给一千块生活费，不给就不让看外孙女，俺们该给吗", None,
     "family.grandparents_and_grandchild"),
    # the parent who pays, asked for more (婚姻家庭编解释（一）第五十八条、第四十九条)
    ("我是出抚养费的一方，离婚时说好每月一千二，现在前夫说儿子上高中了让我每月给两千五，不然就起诉", None,
     "family.support_increase_asked_of_me"),
    ("判决书上判我每个月给八百，前妻现在要我加到两千，说孩子学钢琴，还不让我见孩子", None,
     "family.support_increase_asked_of_me"),
    ("离了婚孩子跟他，他把孩子藏起来，我一年多见不到孩子了", None, "family.visitation"),
    ("要离婚了，发现他偷偷把存款转给他妈了", None, "family.hidden_property"),
    ("离婚后才发现前夫隐瞒了一套房子", None, "family.hidden_property"),
    ("要离婚了，婚后买的房子写的他的名字，我能分吗", None, "family.property_division"),
    ("离婚的话家里存款怎么分", None, "family.property_division"),
    # his parents paid the deposit before the wedding, both repaid the loan after it
    ("要离婚了，房子是结婚前俩月买的，首付是他爹娘拿的，房本上就他一个人的名儿，结婚以后月供是俺俩的工资一块还的",
     None, "family.premarital_house_mortgage"),
    ("他婚前付的首付，婚后房贷我也跟着还了五年，离婚房子有我的份吗", None,
     "family.premarital_house_mortgage"),
    ("老公在外面借了二十万网贷，现在催收打电话找我，我要还吗", None, "family.marital_debt"),
    ("他欠了一屁股赌债，债主找上门让我还", None, "family.marital_debt"),
    ("订婚给了女方十八万彩礼，没领证，现在女方悔婚了，彩礼能要回来吗", None, "family.bride_price_unmarried"),
    ("俺们办了酒席没领证，一起住了半年就分手了，彩礼能退多少", None, "family.bride_price_unmarried"),
    ("结婚一年就要离婚，彩礼三十万能不能要回来", None, "family.bride_price_divorce"),
    ("彩礼能要回来吗", None, "family.bride_price"),
    ("和他同居五年没领证，现在分手了，一起买的车怎么分", None, "family.cohabitation"),
    ("我们没结婚一直同居，生了个孩子，现在他不管了", None, "family.cohabitation"),
    ("我丈夫去世十几年了，一直是我伺候公婆，公公婆婆也都走了，我能继承老人的房子吗", None, "family.widowed_inlaw_heir"),
    ("老公走了，婆家让我签字放弃房子", None, "family.waiver_pressure"),
    ("我爸去世了，哥哥让我签个放弃继承的协议，说闺女嫁出去了不该分", None, "family.waiver_pressure"),
    ("我老公车祸死了，赔偿金被公婆拿走了，还逼我签字放弃", None, "family.waiver_pressure"),
    ("我爸留了一份遗嘱，是别人代写的，没有见证人，有效吗", None, "family.will"),
    ("我想立个遗嘱，把房子留给小女儿，怎么写才有效", None, "family.will"),
    ("老头子住院时亲手写了张纸，我死后房子归老伴，签了名，但是没写哪一天，这算数吗", None, "family.will"),
    ("我妈走前让人代写了个遗嘱，房子全给我大哥，签见证人的是我嫂子，这遗嘱算数不", None, "family.will"),
    ("爸妈去世了没留遗嘱，老房子兄妹几个怎么分", None, "family.intestate_inheritance"),
    ("俺儿子去年出车祸走了，儿媳说房子全是她跟孙子的，俺老两口没份，真没份吗", None, "family.intestate_inheritance"),
    ("我妈过世了，我照顾她十几年，弟弟一天没管过，遗产能多分吗", None, "family.intestate_inheritance"),
    # adopted out as a child: no legal duty to the birth parents (民法典第一千一百一十一条)
    ("我三岁就被送给了别人家，现在亲生父亲老了找上门，让我给他养老，我有这个义务吗", None,
     "family.adopted_out_birth_parent_support"),
    ("俺是抱养的，养父母把俺养大的，这几年亲生的娘老来找俺要生活费，俺得给不", None,
     "family.adopted_out_birth_parent_support"),
    ("我们想收养一个孩子，要办什么手续", None, "family.adoption"),
    ("我小时候被抱养，没办过手续，算不算收养", None, "family.adoption"),
    ("老公出轨和别的女人住一起了，我要离婚能让他多赔吗", None, "family.divorce_affair"),
    # the spouse sued: not going to court does not stop a judgment (民事诉讼法第一百四十七条)
    ("我媳妇把我告到法院要离婚，我不想离，不去开庭是不是就离不成", None, "family.divorce_defendant"),
    ("老公起诉我离婚，前天收到传票了，我不同意离，该咋办", None, "family.divorce_defendant"),
    ("我想离婚，他不同意", None, "family.divorce_contested"),
    ("我老婆死活不离，我要起诉离婚", None, "family.divorce_contested"),
    ("我们俩商量好了离婚，去民政局要带什么", None, "family.divorce_agreed"),
    ("我们俩都同意离，去民政局办要多久", None, "family.divorce_agreed"),
    # 离婚冷静期
    ("协议离婚冷静期是怎么回事", None, "family.divorce_cooling_off"),
    ("去民政局递了离婚申请，说要等三十天冷静期，这期间他反悔了咋办", None, "family.divorce_cooling_off"),
    ("我想离婚，该怎么办", None, "family.divorce"),
    # 夫妻扶养
    ("老公一分钱都不给我，家里开销全靠我打零工", None, "family.spousal_support"),
    ("我生病住院，男人不管不问，医药费一分不出，我能找他要钱吗", None, "family.spousal_support"),
    # 变更抚养关系
    ("离婚时孩子判给了他，现在他再婚了不管孩子，我想把孩子要回来", None, "family.change_custody"),
    ("前夫带着孩子，孩子十二岁了说想跟我住，能不能改判", 12, "family.change_custody"),
    # 去世的人欠的债
    ("我爸去世了，留下一堆网贷，催收天天打电话让我还，父债子还吗", None, "family.estate_debts"),
    ("俺爹活着时候看病借了老李三万五，人没了，老李上门要钱，是不是得俺们兄妹仨平摊着还", None,
     "family.estate_debts"),
    ("我妈走了，银行说她还有信用卡欠款，要我们子女还", None, "family.estate_debts"),
    # no spouse, child or parent: siblings inherit before the village (民法典第一千一百二十七、一千一百六十条)
    ("我舅一辈子没成家，上个月走了，留下一个院子，村里说要收回集体，我妈是他亲姐姐，能不能继承", None,
     "family.heirless_estate_village_claims"),
    ("村里的孤寡老人去世了，没儿没女，他的房子是归村里还是归他弟弟", None,
     "family.heirless_estate_village_claims"),
]


@pytest.mark.parametrize(("text", "age", "expected"), CASES)
def test_top_match(text: str, age: int | None, expected: str) -> None:
    found = _matches(text, age)
    assert found, f"nothing matched {text!r}"
    assert found[0] == expected, f"{text!r}: {found[:3]}"


NOT_CASES: list[tuple[str, int | None, str]] = [
    ("他不打我，就是天天冷着我，我想离婚", None, "family.divorce_domestic_violence"),
    ("我们俩商量好了离婚，去民政局要带什么", None, "family.divorce_contested"),
    ("我想离婚，他不同意", None, "family.divorce_agreed"),
    ("订婚给了女方十八万彩礼，没领证，现在女方悔婚了", None, "family.bride_price_divorce"),
    ("我爸留了遗嘱，把房子给了我哥", None, "family.intestate_inheritance"),
    ("离了婚孩子跟他，他把孩子藏起来，我见不到孩子", None, "family.hidden_property"),
    ("离婚时说好每月给一千五，他一分钱都没给过孩子的生活费", None, "family.property_division"),
    ("要离婚了，孩子才1岁，他家非要抢孩子", 1, "family.custody_8plus"),
    ("我借给老公的朋友五万块钱，他一直不还", None, "family.marital_debt"),
    ("我们正在离婚，孩子判给谁", None, "family.change_custody"),
    ("老公在外面借了网贷，催收打到我这来了", None, "family.estate_debts"),
    ("我爸去世了没留遗嘱，我和我哥怎么分房子", None, "family.heirless_estate_village_claims"),
]


@pytest.mark.parametrize(("text", "age", "absent"), NOT_CASES)
def test_does_not_match(text: str, age: int | None, absent: str) -> None:
    assert absent not in _matches(text, age)


def test_every_situation_has_a_case() -> None:
    assert {s.id for s in _pool()} <= {sid for _, _, sid in CASES}
    assert len(_pool()) >= 13
