"""Recognition of vulnerable_groups_dv situations from citizens' own words (regression suite).

Domestic violence, the elderly, children, women and disabled people. People in these situations
are safe at the moment (emergencies are routed by the safety module first). Each phrasing is read
by the signal reader and matched against this category's situations only; the expected situation
must come first. ``age`` is the age the text states (the engine extracts it). A second list says
which situation must NOT fire for a phrasing.
"""

from __future__ import annotations

import pytest

from knowledge.situations import Situation
from tests.support.situations import category_pool, ranked_in

CATEGORY = "vulnerable_groups_dv"


def _pool() -> list[Situation]:
    return category_pool(CATEGORY)


def _matches(text: str, age: int | None = None) -> list[str]:
    return ranked_in(CATEGORY, text, age)


CASES: list[tuple[str, str, int | None]] = [
    # an order in force, breached: police and the court that made it (反家庭暴力法第三十四条)
    ("俺有法院的人身安全保护令，可那个人还是天天到俺家门口转悠，打电话骂俺，保护令管用不",
     "dv.protection_order_violated", None),
    ("前夫违反了保护令，又跑到我单位闹，我该找谁", "dv.protection_order_violated", None),
    # the person the order is against: reconsideration once, in 5 days (反家庭暴力法第三十一条)
    ("法院前天给我送来一个人身安全保护令，说不让我靠近我媳妇，还让我搬出去住。我不服，能告回去不",
     "dv.protection_order_respondent", None),
    ("法院给我下了个人身安全保护令，说我打老婆，这期间我能先回家住不", "dv.protection_order_respondent", None),
    # 家暴：现在安全，想要保护令
    ("我老公喝了酒就打我，现在我躲到娘家了，想让法院管管他，不让他再靠近我", "dv.protection_order", None),
    # a partner one lives with unmarried: violence between people living together counts too
    ("俺跟对象在一块过了三年没领证，他喝了酒就打俺，俺想办保护令", "dv.protection_order", None),
    ("俺男人三天两头动手，上个月把俺胳膊打青了，听说有个保护令，咋申请？", "dv.protection_order", None),
    ("我是她姐姐，我妹妹被妹夫家暴好几年了，她不敢自己去，我能替她申请保护令吗", "dv.protection_order", None),
    ("俺家那口子一喝酒就拿皮带抽俺，俺现在住在俺妈家", "dv.protection_order", None),
    # 精神暴力、控制（没动手）
    ("他倒是不打我，可天天骂我是废物，还把我手机收了不让我出门，这算家暴吗", "dv.mental_abuse_control", None),
    ("结婚五年，老公对我冷暴力，一吵架就摔东西吓唬我，工资卡也被他管着一分钱不给我", "dv.mental_abuse_control", None),
    ("我媳妇老是当着孩子的面辱骂我，还查我手机，不让我跟朋友来往", "dv.mental_abuse_control", None),
    ("老公天天骂我，但从来没动过手，这种也能管吗", "dv.mental_abuse_control", None),
    # 报警后只调解（告诫书）
    ("老公打了我，我报了警，派出所来了只说是家务事让我们自己调解，能不能让警察出个告诫书", "dv.police_warning", None),
    ("被丈夫打了好几次，每次打110警察来了劝两句就走了，这样有用吗", "dv.police_warning", None),
    # 孩子被家暴：谁来报告
    ("邻居家的孩子天天被他后妈打，身上都是青一块紫一块的，我该找谁", "dv.child_abuse_report", None),
    ("我是小学老师，班里一个学生说他爸拿皮带抽他，我要不要报警", "dv.child_abuse_report", None),
    # the stepfather named as the one who beat: "是后爸打的"
    ("我在镇卫生院当护士，来打针的小女孩背上全是衣架印子，她说是后爸打的", "dv.child_abuse_report", None),
    ("幼儿园里有个娃腿上青一块紫一块，问他，说是他后爸打的，我是他老师，校长不让管", "dv.child_abuse_report", None),
    ("离婚后孩子跟他爸过，孩子跟我说他爸老是打他，还不给饭吃", "dv.child_abuse_report", None),
    # 撤销监护人资格
    ("孩子他爸吸毒，还经常打孩子，把孩子饿得不行，我是孩子奶奶，能不能不让他当监护人", "dv.revoke_guardianship", None),
    ("我外孙女的妈妈长期虐待她，我想把孩子的监护权要过来，怎么办", "dv.revoke_guardianship", None),
    # 老人被打骂
    ("我七十二岁了，儿子喝醉了就打我，还骂我老不死的", "dv.elder_abused", 72),
    ("我婆婆八十岁，小叔子经常推她打她，我们能帮她申请保护吗", "dv.elder_abused", 80),
    # 不赡养
    ("我今年72岁，三个儿子都不给赡养费，我一个人住在老房子里，连看病钱都没有", "elder.support_refused", 72),
    ("老大说我把房子给了老二，就不该找他养老，他不管我，对吗", "elder.support_refused", None),
    ("我爸妈六十多岁了，我哥一分钱不出，全让我一个人养，能告他吗", "elder.support_refused", None),
    ("我妈八十一了跟我大哥住，大哥让我和我妹每人每个月出一千五，我打零工挣得少，能不能少出点", "elder.support_share", None),
    ("俺爹七十多了，俺姐说要告俺要赡养费，俺该出多少", "elder.support_share", None),
    # 养老钱、存折被拿
    # the deed taken and a thumbprinted power of attorney: registration decides, a mandate can be revoked
    ("我七十九了，儿子把我的房产证拿走了，前几天又让我按了个手印说是委托书，还领着中介来看房，他能把我房子卖了不", "elder.house_deed_taken", None),
    ("俺闺女拿走了俺的房本不还，说要替俺把房卖了，俺八十了，咋办", "elder.house_deed_taken", None),
    ("我的退休金卡一直被儿媳妇拿着，每个月只给我两百块，我想要回来", "elder.pension_card_held", None),
    ("闺女把俺的存折收走了，说替俺保管，俺想取钱她不让", "elder.pension_card_held", None),
    ("儿子偷偷取走了我存的养老钱，三万多，问他他不承认", "elder.pension_card_held", None),
    # 不来看望
    ("儿女都在城里，过年都不回来看我，电话也不打一个，法律管不管", "elder.children_not_visiting", None),
    ("我妈说我哥好几年没回家看过她，能不能起诉让他常回家看看", "elder.children_not_visiting", None),
    ("儿子每个月都按时给我生活费，就是过年也不回来看我", "elder.children_not_visiting", None),
    # 被逼过户
    ("儿子天天逼我把房子过户给他，不过户就不让我吃饭，我不想给", "elder.pressured_to_transfer_house", None),
    ("女婿让我把老房子写到他名下，说反正以后都是他们的，我能不能不给", "elder.pressured_to_transfer_house", None),
    # 撤销赠与
    ("前年把房子过户给儿子了，现在他不管我了，还把我赶出来，房子能要回来吗", "elder.revoke_gift", None),
    ("我把十万块钱给了女儿买房，现在她不养我，这钱能要回来吗", "elder.revoke_gift", None),
    # 残疾人：监护
    ("儿子智力残疾二级一直跟着我，我六十六了，我要是哪天走了，我儿子归谁管？他二叔想当监护人管钱", "disabled.guardianship", None),
    ("我弟弟是智力障碍，爸妈去世了，银行说要有监护人才能给他办卡，我怎么当他监护人", "disabled.guardianship", None),
    ("我儿子有精神病，三十岁了，他的赔偿款谁来签字领", "disabled.guardianship", 30),
    # 残疾人：歧视
    ("我腿有残疾，面试都通过了，公司一看我坐轮椅就说不要了", "disabled.discrimination", None),
    ("孩子有听力残疾，上小学学校说不收他", "disabled.discrimination", None),
    # 留守儿童
    ("我和老公要去广东打工，孩子8岁，只能留给他奶奶带，有什么要注意的", "child.left_behind", 8),
    # the child speaking for themselves, alone at home: whom to turn to (未成年人保护法第四十三条)
    ("我上五年级，爸妈去外地打工了，奶奶住院了，家里就剩我一个人，我该咋办", "child.alone_no_carer",
     None),
    ("我们两口子在外地打工，把12岁的孩子一个人放在老家行不行", "child.left_behind", 12),
    # 童工
    ("我闺女15岁，初中毕业不想念了，想去电子厂打工，厂里能要吗", "child.underage_work", 15),
    ("我们饭店招了一个14岁的小孩洗碗，这样违法吗", "child.underage_work", 14),
    # 辍学
    ("我侄子才13岁，他爸不让他上学了，让他在家放羊", "child.dropout", 13),
    ("女儿14岁，初二，家里让她不念书了出去打工挣钱", "child.dropout", 14),
    # 妇女就业歧视
    ("我去面试，人家直接说只招男的，这合法吗", "women.employment_discrimination", None),
    ("公司知道我怀孕了，就把我调到仓库还降了工资，逼我自己辞职", "women.employment_discrimination", None),
    ("单位规定女职工合同期内不准生孩子", "women.employment_discrimination", None),
    # 妇女土地权益
    ("我嫁到外村了，户口还在娘家村，村里分征地补偿款没有我的份", "women.land_rights", None),
    ("离婚以后回娘家住，村里说我是嫁出去的姑娘，收回了我的承包地", "women.land_rights", None),
    # 妇女财产权益（房本加名）
    ("房子是结婚后我们俩一起买的，房本上只写了我老公的名字，我能不能加上我的名字", "women.property_rights", None),
    ("婚后买的车，行驶证上只有他的名字，我没上班，车算不算我的", "women.property_rights", None),
    # 职场性骚扰
    ("我们经理老是借着谈工作摸我的手，还发黄段子给我，我该怎么办", "women.sexual_harassment_work", None),
    ("公司一个男同事总对我动手动脚，跟领导说了也不管", "women.sexual_harassment_work", None),
    # 前任纠缠
    ("分手半年了，前男友还天天堵在我公司门口，一天给我打几十个电话", "women.stalking_by_ex", None),
    ("离婚后前夫一直骚扰我，还到处发我的照片", "women.stalking_by_ex", None),
    # 更多说法：方言、同居、旁人代问
    ("俺闺女被她男人打得住了院，现在回娘家了，这事咋整", "dv.protection_order", None),
    ("我和男朋友同居，他一生气就动手打我，我搬出来了他还找我", "dv.protection_order", None),
    ("老婆天天查我手机，不让我回我爸妈家，还总是威胁要离婚", "dv.mental_abuse_control", None),
    ("邻居老太太八十五了，儿子儿媳不给饭吃还天天骂她", "dv.elder_abused", 85),
    ("我78了，老伴走后，低保卡被大儿子攥着，一分钱都拿不到", "elder.pension_card_held", 78),
    ("孩子16岁了想出去打工，能行吗", "child.underage_work", 16),
    ("我是酒店服务员，有个客人老是对我动手动脚，领导让我忍着", "women.sexual_harassment_work", None),
    # 老人再婚
    ("老伴走了两年，我想跟刘大姐领证一块过，儿子闺女都反对，说我敢领证就不认我这个爹", "elder.remarriage_interference", None),
    ("我老伴走了五年，现在想再找个老伴，儿女都反对", "elder.remarriage_interference", None),
    ("七十岁了再婚，儿子说我要是再婚就不管我了", "elder.remarriage_interference", 70),
    # the child who wants to stop it is told he cannot, and what can be done about the house
    ("我妈走了好几年了，我爸七十多了要跟个阿姨领证，我是他闺女，我能不能拦着不让他结", "elder.child_opposes_remarriage", None),
    ("我是儿子，我爸非要再婚，我们当子女的怕房子以后被分走，能阻止吗", "elder.child_opposes_remarriage", None),
    # a neighbour who sees an elder or a wife beaten may stop it and call the police
    ("我是对门邻居，老头的儿子天天骂他打他，把他退休金卡也拿走了，我一个外人能管吗", "dv.bystander_report", None),
    ("楼下那家男的又在打他老婆，打得直叫，我是楼上的邻居，我能报警不", "dv.bystander_report", None),
    # the step-child raised by the step-parent owes support like a child
    ("继父把我从小养大，现在他老了病了，他亲儿子让我也出钱赡养，我一个继子得管吗", "elder.stepchild_support", None),
    ("我是继女，后爸供我上的学，现在他瘫了，我要不要轮流伺候", "elder.stepchild_support", None),
]


@pytest.mark.parametrize(("text", "expected", "age"), CASES)
def test_phrasing_matches_its_situation_first(text: str, expected: str, age: int | None) -> None:
    found = _matches(text, age)
    assert found, f"nothing matched: {text}"
    assert found[0] == expected, f"{text} → {found[:3]}"


NOT_CASES: list[tuple[str, str, int | None]] = [
    ("老公天天骂我，但从来没动过手", "dv.protection_order", None),
    ("老公打我还骂我是废物", "dv.mental_abuse_control", None),
    ("我儿子在学校被同学打了，老师也不管", "dv.child_abuse_report", None),
    ("儿子每个月都按时给我生活费，就是过年也不回来看我", "elder.support_refused", None),
    ("儿子天天逼我把房子过户给他，我不想给", "elder.revoke_gift", None),
    ("前年把房子过户给儿子了，现在他不管我了，房子能要回来吗", "elder.pressured_to_transfer_house", None),
    ("我儿子18岁了，高中毕业想去厂里打工", "child.underage_work", 18),
    ("我们经理老是借着谈工作摸我的手", "women.employment_discrimination", None),
    ("我们经理老是借着谈工作摸我的手", "women.stalking_by_ex", None),
    # a spouse not paying household money is spousal support, not elder support
    ("我不是被家暴，就是老公不给生活费", "elder.support_refused", None),
    ("孩子16岁了想出去打工，能行吗", "child.left_behind", 16),
    ("前妻再婚了，不让我见女儿", "elder.remarriage_interference", None),
]


@pytest.mark.parametrize(("text", "not_expected", "age"), NOT_CASES)
def test_phrasing_does_not_match(text: str, not_expected: str, age: int | None) -> None:
    assert not_expected not in _matches(text, age)


def test_every_situation_has_phrasings() -> None:
    ids = {s.id for s in _pool()}
    assert len(ids) >= 13
    assert ids <= {expected for _, expected, _ in CASES}
