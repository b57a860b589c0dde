"""Engine-level recognition of marriage/family/inheritance, vulnerable-group/domestic-violence,
criminal and administrative situations in citizens' own words (issue 13).

Each case is a whole conversation (1–3 turns) run through the real engine on the real index:
the situation expected must come first in ``state.situations`` and the first screen must answer.
The phrasings are colloquial on purpose: dialect, subject-less sentences, negations, vague dates,
users who are not the obvious party, questions such as 这字能签不 / 会不会坐牢 / 还来得及不.
A second list names situations that must NOT come first for a phrasing that resembles them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from assistant.consult.engine import ConsultationEngine
from assistant.models import Reply, SessionState
from knowledge.index import KnowledgeIndex
from tests.support.services import engine_for

TODAY = date(2026, 12, 5)

Case = tuple[tuple[str, ...], str]

# Two categories hold the same situation: a married-out woman's land and village income
# (women.land_rights / rural.*) and a work-injury decision under review (admin.* / injury.*).
# Either one answers correctly; the classifier's category decides which comes first.
LAND_RIGHTS = "women.land_rights|rural.married_woman_land|rural.woman_collective_income"
WORK_INJURY_DECISION = "admin.work_injury_decision|injury.not_recognised_review"
# The same for a boss who will not pay wages as a crime (crim.* / labor.*).
WAGE_CRIME = "crim.wage_arrears_crime|labor.wage_crime_boss_fled"
# ... and for a worker pushed out for being pregnant (women.* / labor.*).
PREGNANCY = "women.employment_discrimination|labor.pregnancy_dismissal"

MARRIAGE: list[Case] = [
    # 被逼结婚，撤销婚姻
    (("当年是我爹拿着棍子逼我嫁过去的，现在还能把这婚撤了不",), "family.annul_coerced_marriage"),
    (("俺是被家里人硬逼着去领的证，根本不愿意，这婚能不能作废",),
     "family.annul_coerced_marriage"),
    (("结婚是他拿我弟弟的命威胁我才答应的，过了半年了还来得及撤销吗",),
     "family.annul_coerced_marriage"),
    (("我想问问婚姻的事", "当时是被逼着领证的，我一点都不愿意"),
     "family.annul_coerced_marriage"),
    (("他扣着俺的身份证不还，逼着俺跟他去登记的，能撤销不",), "family.annul_coerced_marriage"),
    (("我不是想离婚，是想让这个婚姻不算数，当初是被胁迫结的婚",),
     "family.annul_coerced_marriage"),
    # 家暴离婚
    (("老公喝了酒就打我，这日子没法过了，我要跟他离",), "family.divorce_domestic_violence"),
    (("他三天两头动手，我身上全是伤，起诉离婚法院会判吗",), "family.divorce_domestic_violence"),
    (("俺男人家暴好几年了，俺想离婚，他说离了就弄死俺",), "family.divorce_domestic_violence"),
    (("媳妇动不动就拿东西砸我、打我，我一个大男人也想离婚",),
     "family.divorce_domestic_violence"),
    (("我想离婚", "他经常打我，报过两次警"), "family.divorce_domestic_violence"),
    (("结婚五年被打了五年，离婚的话还能要赔偿不",), "family.divorce_domestic_violence"),
    # 判不离后再起诉
    (("去年起诉离婚法院没判离，现在分居一年多了，还能再告吗",), "family.divorce_second_suit"),
    (("第一次打官司没离成，啥时候能再起诉",), "family.divorce_second_suit"),
    (("法院判了不准离婚，我还是过不下去，咋办",), "family.divorce_second_suit"),
    (("上回告到法院，法院不让离，这都过了八个月了，能再去告不",), "family.divorce_second_suit"),
    (("判决不准离婚以后又分开住了一年，第二次起诉是不是一定判离",),
     "family.divorce_second_suit"),
    (("离婚的事想问问", "前年起诉过一次，法院没判离"), "family.divorce_second_suit"),
    # 不满两岁的孩子
    (("孩子才一岁多还在吃奶，离婚的话孩子归谁",), "family.custody_under2"),
    (("我们要离婚，儿子1岁，我是当爹的，孩子我要",), "family.custody_under2"),
    (("宝宝一岁半，婆家说孩子必须留下，离婚我能把孩子带走吗",), "family.custody_under2"),
    (("离婚的时候孩子判给谁", "孩子才1岁"), "family.custody_under2"),
    (("闺女刚满一周岁，她爸非要抢孩子，离了婚孩子能跟我不",), "family.custody_under2"),
    (("正在闹离婚，娃一岁，俺想要抚养权",), "family.custody_under2"),
    # 八岁以上的孩子
    (("儿子12岁了，离婚后他想跟我过，法院会听孩子的吗",), "family.custody_8plus"),
    (("闺女今年九岁，她说要跟她妈，我想争抚养权有戏不",), "family.custody_8plus"),
    (("离婚孩子十岁，他爸非要抢孩子，孩子自己不愿意跟他",), "family.custody_8plus"),
    (("我们在打离婚官司，争孩子", "孩子11岁了"), "family.custody_8plus"),
    (("孩子8岁，离婚两边都想要孩子，怎么判",), "family.custody_8plus"),
    # 孩子跟谁（年龄未说或2到7岁）
    (("离婚了孩子能跟我吗，我没有工作",), "family.custody"),
    (("孩子五岁，离婚我俩都想要孩子，法院看什么判",), "family.custody"),
    (("他家说孩子是他们家的根，离婚孩子必须归男方，是这样吗",), "family.custody"),
    (("离婚的话娃归谁，我收入比他低",), "family.custody"),
    (("孩子3岁，平时都是奶奶带，离婚时是不是判给他爸",), "family.custody"),
    (("我想离婚", "最担心孩子，女儿4岁，想要抚养权"), "family.custody"),
    # 抚养费
    (("离婚三年了，孩子他爸一分抚养费都没给过",), "family.child_support"),
    (("前夫说没钱，孩子的生活费拖了一年多了，能告他不",), "family.child_support"),
    # more than the agreed sum is its own claim (民法典第一千零八十五条第二款)
    (("孩子上初中花销大了，想让他爸多出点抚养费，行不行",), "family.child_support_increase"),
    (("俺离婚时孩子归俺，他答应每月给一千，现在不给了，时间长了还能要吗",),
     "family.child_support"),
    (("离了婚孩子跟我", "他爸不给钱养孩子，电话也不接"), "family.child_support"),
    (("前妻带着孩子，她找我要抚养费，我现在失业了，还得给吗",), "family.child_support"),
    # 探望
    (("离婚后孩子跟他，他家不让我看孩子",), "family.visitation"),
    (("前妻把孩子带回娘家，一年多没让我见着孩子",), "family.visitation"),
    (("离婚时说好每个月让我接两次孩子，现在他们一家都躲着我",), "family.visitation"),
    (("我想孩子，他奶奶把孩子藏起来不让我见，能告吗",), "family.visitation"),
    (("离了婚我能不能每周去看一次闺女",), "family.visitation"),
    (("离婚一年了孩子判给了他爸", "现在我去学校看孩子都被拦着"), "family.visitation"),
    # 隐藏转移财产
    (("要离婚了，发现他偷偷把存款转到他妈卡上了",), "family.hidden_property"),
    (("老公背着我把车卖了，钱不知道去哪了，我们正在闹离婚",), "family.hidden_property"),
    (("他在外面有人，给那女的转了十几万，这钱能要回来吗",), "family.hidden_property"),
    (("离婚前他弄了张假借条，说欠他朋友三十万，要我一起还",), "family.hidden_property"),
    (("老婆天天给主播打赏，把家里积蓄花光了，离婚时能要回来吗",), "family.hidden_property"),
    (("我想离婚", "他把房子偷偷过户给他弟弟了"), "family.hidden_property"),
    # 离婚分财产
    (("离婚的话房子怎么分，首付是他爸妈出的",), "family.property_division"),
    (("婚后买的房子写的他一个人名，离了婚我能分到吗",), "family.property_division"),
    (("俺们要离了，家里存了二十来万，是不是一人一半",), "family.property_division"),
    (("他说离婚让我净身出户，我跟他过了十年",), "family.property_division"),
    (("离婚时房贷还没还完，房子归谁",), "family.property_division"),
    (("我们商量离婚", "就是车和存款谈不拢"), "family.property_division"),
    # 夫妻债务
    (("老公在外面借了网贷，现在催收打到我这来了，我要不要还",), "family.marital_debt"),
    (("前夫欠的赌债，债主找上门让我还，我们早离了",), "family.marital_debt"),
    (("他背着我借了高利贷，这钱算夫妻共同债务吗",), "family.marital_debt"),
    (("媳妇信用卡刷了十几万，我都不知道，现在银行要我们俩还",), "family.marital_debt"),
    (("男人做生意欠了人家的钱，人家说俺也得还",), "family.marital_debt"),
    (("有人拿着借条找我要钱", "是我老公借的，我根本不知道"), "family.marital_debt"),
    # 没领证的彩礼
    (("订婚给了女方十八万彩礼，现在女方反悔不嫁了，钱能要回来吗",),
     "family.bride_price_unmarried"),
    (("彩礼给了，也办了酒，但是一直没领证，现在分了，能要回多少",),
     "family.bride_price_unmarried"),
    (("俺儿子定了亲，女方家收了十二万礼金，现在说婚不结了",), "family.bride_price_unmarried"),
    (("我是女方，没领证但是一起住了两年还生了孩子，男方现在要我退彩礼",),
     "family.bride_price_unmarried"),
    (("处对象给了八万八的彩礼，后来黄了，能要回来不",), "family.bride_price_unmarried"),
    (("彩礼能要回来吗", "还没领结婚证"), "family.bride_price_unmarried"),
    # 领证后离婚的彩礼
    (("领证才半年就要离婚了，彩礼要不要退",), "family.bride_price_divorce"),
    (("结婚三年有孩子了，现在离婚，他家非让我退彩礼",), "family.bride_price_divorce"),
    (("彩礼给了二十万，刚结婚没几个月就闹离婚，能要回来多少",), "family.bride_price_divorce"),
    (("扯了证还没一起住过，女方提出离婚，彩礼咋算",), "family.bride_price_divorce"),
    (("离婚彩礼能要回来不", "领证一年多，没孩子"), "family.bride_price_divorce"),
    (("俺家给了十五万彩礼，媳妇过门半年就跑回娘家要离婚",), "family.bride_price_divorce"),
    # 彩礼（没说领没领证）
    (("彩礼能不能要回来",), "family.bride_price"),
    (("给的彩礼钱女方家说是给闺女的，不退",), "family.bride_price"),
    (("为了凑彩礼家里借了一屁股债，现在穷得揭不开锅，彩礼能要回来吗",), "family.bride_price"),
    (("问一下彩礼的事", "女方收了钱不认账了"), "family.bride_price"),
    (("男方家说要把聘礼要回去，我们该退吗",), "family.bride_price"),
    (("我们村彩礼要三十多万，男方给了以后能反悔要回去吗",), "family.bride_price"),
    # 同居
    (("没领证跟他过了五年，现在分开，一起买的车怎么分",), "family.cohabitation"),
    (("没扯证，在一起住了三年，男的要赶我走，我能分到东西吗",), "family.cohabitation"),
    (("跟男朋友同居，房子首付两个人一起出的，分手了怎么办",), "family.cohabitation"),
    (("我们没结婚", "一起住了好几年，现在他不要我了，我能要点啥"), "family.cohabitation"),
    (("搭伙过日子的老伴，他儿女要把我撵出去，我能分点东西吗",), "family.cohabitation"),
    (("同居生了个孩子，分手以后孩子和财产怎么处理",), "family.cohabitation"),
    # 丧偶儿媳、女婿继承
    (("男人走了好多年，我一直伺候公婆，现在公公婆婆都走了，我能分房子吗",),
     "family.widowed_inlaw_heir"),
    (("丈夫去世后我没改嫁，照顾婆婆到她去世，小叔子说我没份",), "family.widowed_inlaw_heir"),
    (("我是上门女婿，媳妇早没了，岳父岳母也去世了，老房子我能继承吗",),
     "family.widowed_inlaw_heir"),
    (("俺是儿媳妇，守寡二十年伺候老人，婆婆前年去世，她的存款俺有份不",),
     "family.widowed_inlaw_heir"),
    (("婆婆刚去世，留下一套房", "我老公十年前就没了，婆婆一直是我照顾的"),
     "family.widowed_inlaw_heir"),
    (("老伴死了以后我照顾他爸妈十几年，公婆去年也都走了，遗产有我的吗",),
     "family.widowed_inlaw_heir"),
    # 被要求签字放弃
    (("我爸走了以后，哥哥让我签个字放弃继承，这字能签不",), "family.waiver_pressure"),
    (("家里让我写放弃房子的声明，说嫁出去的闺女不该分，我要不要签",),
     "family.waiver_pressure"),
    (("老公出车祸死了，公婆让我签字把赔偿金都给他们",), "family.waiver_pressure"),
    (("叔叔拿了份协议让我按手印，说我自愿放弃遗产",), "family.waiver_pressure"),
    (("老人去世了留下房子", "兄弟让我签放弃继承的协议"), "family.waiver_pressure"),
    (("妈去世了，姐姐说房子给弟弟，让我签字放弃，签了还能反悔吗",), "family.waiver_pressure"),
    # 遗嘱
    (("我爸临走前写了个遗嘱，把房子全给了我弟，这遗嘱算数吗",), "family.will"),
    (("我想立个遗嘱把房子留给小女儿，怎么写才有效",), "family.will"),
    (("老人的遗嘱是打印的，只签了个名，有没有效",), "family.will"),
    (("公证过的遗嘱和后来写的遗嘱不一样，听哪个的",), "family.will"),
    (("爷爷去世了", "他留了一份手写的遗嘱，叔叔说是假的"), "family.will"),
    (("妈妈临终前录了个视频，说房子留给我，哥哥不认",), "family.will"),
    # 没有遗嘱的继承
    (("我爸去世了，没留遗嘱，房子我们兄妹几个怎么分",), "family.intestate_inheritance"),
    (("老娘走了，存款都被大哥拿着，我们几个姐妹有份吗",), "family.intestate_inheritance"),
    (("我是出嫁的闺女，娘家爹妈都没了，老宅有我一份不",), "family.intestate_inheritance"),
    (("父亲没了，继母说房子全是她的，我能分到吗",), "family.intestate_inheritance"),
    (("奶奶过世三年了，存折一直在二叔手里，现在想分还来得及吗",),
     "family.intestate_inheritance"),
    (("我妈去年去世了", "没有遗嘱，房子在她名下，我爸还在"), "family.intestate_inheritance"),
    # 收养
    (("想领养个孩子，我们两口子都四十了，要啥手续",), "family.adoption"),
    (("亲戚家孩子过继给我，没办手续，算不算收养",), "family.adoption"),
    (("十年前抱养的孩子，一直没上户口，现在怎么办",), "family.adoption"),
    (("捡了个孩子养了五年，能办收养吗",), "family.adoption"),
    (("我们家没有孩子", "想收养我哥家的二小子"), "family.adoption"),
    (("我是被抱养的，亲生父母现在找来了，法律上我跟他们还有关系吗",), "family.adoption"),
    # 出轨离婚
    (("老公出轨了，我要离婚，能让他少分点财产吗",), "family.divorce_affair"),
    (("发现媳妇跟别的男人好上了，离婚能要精神损失吗",), "family.divorce_affair"),
    (("他在外面养了个女人还生了孩子，我想离婚让他赔",), "family.divorce_affair"),
    (("老公跟小三同居半年了，离婚我能多分吗",), "family.divorce_affair"),
    (("他有外遇，我有聊天记录，离婚时有用吗",), "family.divorce_affair"),
    (("我想离婚", "他在外面有人了，都住一块了"), "family.divorce_affair"),
    # 对方不同意离婚
    (("我想离婚，他死活不同意，怎么办",), "family.divorce_contested"),
    (("俺男人不离，说离了就不让俺好过，俺要去法院告",), "family.divorce_contested"),
    (("我提了好几次离婚，她就是不签字",), "family.divorce_contested"),
    (("分居两年了，她不同意离婚，我能不能去法院起诉",), "family.divorce_contested"),
    (("媳妇不愿离，我想起诉离婚，要多少钱",), "family.divorce_contested"),
    (("日子过不下去了", "他不同意离婚"), "family.divorce_contested"),
    # 双方同意离婚
    (("我们俩都同意离了，去民政局要带啥",), "family.divorce_agreed"),
    (("协议离婚那个冷静期是多少天",), "family.divorce_cooling_off"),  # its own situation since 2026-12-05
    # already filed, wants to withdraw: the 30 days count from the filing (民法典第一千零七十七条)
    (("上礼拜三跟老公去婚姻登记处递了离婚申请，我现在不想离了，还能撤吗",), "family.divorce_cooling_off"),
    (("我们十一月二十号到民政局交的离婚材料，我后悔了，能不能反悔",), "family.divorce_cooling_off"),
    (("两口子商量好了离婚，孩子也说好了归我",), "family.divorce_agreed"),
    (("已经去民政局申请离婚了，一个月后他反悔了咋办",), "family.divorce_agreed"),
    (("想离婚，对方也同意，不想闹上法院，怎么办手续",), "family.divorce_agreed"),
    (("我们打算离婚", "双方都同意，离婚协议也写好了"), "family.divorce_agreed"),
    # 离婚（没说对方态度）
    (("我想离婚，该怎么办",), "family.divorce"),
    (("这日子过不下去了，怎么离",), "family.divorce"),
    (("结婚十年感情没了，离婚要走什么程序",), "family.divorce"),
    (("离婚要去哪离",), "family.divorce"),
    (("老公常年在外不回家，我想离",), "family.divorce"),
    (("问问离婚的事", "结婚七年了，一直吵架"), "family.divorce"),
    # 夫妻扶养（新）
    (("老公一分钱都不给我，家里开销全靠我打零工",), "family.spousal_support"),
    (("我生病住院，男人不管不问，医药费一分不出，我能找他要钱吗",), "family.spousal_support"),
    (("媳妇挣的钱一分都不给家里，我瘫在床上没人管",), "family.spousal_support"),
    (("我没工作，在家带孩子，老公不给生活费，还说钱是他挣的",), "family.spousal_support"),
    (("结婚十几年了", "这两年男人不往家里拿钱，我的药费都没着落"), "family.spousal_support"),
    (("不离婚能不能让老公每个月给我生活费，他不给钱",), "family.spousal_support"),
    # 变更抚养关系（新）
    (("离婚时孩子判给了他，现在他再婚了不管孩子，我想把孩子要回来",), "family.change_custody"),
    (("闺女跟着她爸过，她今年十岁，哭着要跟我过，抚养权能改吗",), "family.change_custody"),
    (("离婚后儿子归前妻，前妻出国了把孩子扔给老人，我能要回抚养权吗",), "family.change_custody"),
    (("离婚三年了，孩子一直跟他爸", "他爸天天喝酒打孩子，我想变更抚养权"), "family.change_custody"),
    (("前夫带着孩子，孩子十二岁了说想跟我住，能不能改判",), "family.change_custody"),
    (("离婚判决孩子归男方，可男方常年在外打工，孩子没人管，我能把孩子接过来吗",),
     "family.change_custody"),
    # 去世的人欠的债（新）
    (("我爸去世了，留下一堆网贷，催收天天打电话让我还，父债子还吗",), "family.estate_debts"),
    (("老公出车祸走了，他生前借了亲戚十几万，亲戚让我还",), "family.estate_debts"),
    (("我妈走了，银行说她还有信用卡欠款，要我们子女还",), "family.estate_debts"),
    (("父亲死后留下八万块外债，我们没要他的房子，还要还吗",), "family.estate_debts"),
    (("我爸前年去世了", "现在有人拿着借条来要债，说是我爸借的"), "family.estate_debts"),
    (("爷爷去世留下的债，孙子要不要还",), "family.estate_debts"),
]

VULNERABLE: list[Case] = [
    # 人身安全保护令
    (("老公打我，我现在住在娘家，想让法院管住他不让他靠近我",), "dv.protection_order"),
    (("怎么申请人身安全保护令，要花钱吗",), "dv.protection_order"),
    (("他喝醉了就掐我脖子，我怕他哪天把我打死",), "dv.protection_order"),
    (("俺被男人打怕了，有没有啥办法不让他来找俺",), "dv.protection_order"),
    (("同居的男朋友动手打我，能申请保护令吗",), "dv.protection_order"),
    (("我被家暴了", "现在搬出来了，他天天来闹"), "dv.protection_order"),
    # 精神暴力、控制
    (("他倒是不打我，就是天天骂我废物，还不让我回娘家",), "dv.mental_abuse_control"),
    (("老公把我工资卡拿着，一分钱都不给我，还查我手机",), "dv.mental_abuse_control"),
    (("婆婆和老公一起冷暴力我，不让我出门工作，这算家暴吗",), "dv.mental_abuse_control"),
    (("他不动手，但是说要弄死我全家，我很害怕",), "dv.mental_abuse_control"),
    (("这算不算家暴", "他没打过我，就是天天辱骂我，不给我钱"), "dv.mental_abuse_control"),
    (("老婆天天翻我手机，不让我跟朋友来往，一吵架就说要跳楼吓唬我",),
     "dv.mental_abuse_control"),
    # 报警后警察说是家务事（告诫书）
    (("被老公打了报警，警察来了说是家务事让我们自己调解",), "dv.police_warning"),
    (("我报了110，民警劝了几句就走了，他还接着打我",), "dv.police_warning"),
    (("派出所出警后啥也没处理，听说可以给他出告诫书",), "dv.police_warning"),
    (("男人打了我好几回，每次报警都说两口子的事不好管",), "dv.police_warning"),
    (("媳妇拿刀砍我，我报了警，派出所能不能给她一个警告",), "dv.police_warning"),
    (("我丈夫家暴", "已经报过三次警了，警察都只是调解"), "dv.police_warning"),
    # 孩子被父母打骂虐待
    (("邻居家孩子天天被他爸用皮带抽，身上青一块紫一块",), "dv.child_abuse_report"),
    (("前夫带孩子，我发现孩子身上都是伤，是他后妈打的",), "dv.child_abuse_report"),
    (("我外孙女老被她继父打，我能报警吗",), "dv.child_abuse_report"),
    (("班上有个学生老是带着伤来上学，说是他妈打的，老师该怎么办",), "dv.child_abuse_report"),
    (("孩子他爸喝了酒就打孩子，我拦不住",), "dv.child_abuse_report"),
    (("我想举报虐待孩子", "隔壁小孩老被他亲爹打，饿着肚子关在门外"), "dv.child_abuse_report"),
    # 撤销监护人资格
    (("孩子他爸吸毒，还打孩子，我能不能撤销他的监护权",), "dv.revoke_guardianship"),
    (("孙子的妈跑了，他爸不管他还打他，我当奶奶的能把监护权要过来吗",),
     "dv.revoke_guardianship"),
    (("这样的爹根本不配当爹，能不能让法院剥夺他的监护资格",), "dv.revoke_guardianship"),
    (("继母虐待孩子，孩子亲爸也不管，想撤销他们的监护人资格",), "dv.revoke_guardianship"),
    (("孩子的爸爸长期打孩子", "我想让他不能再当监护人"), "dv.revoke_guardianship"),
    (("外孙被他爸扔在家里不管死活，我想把孩子的监护权要过来",), "dv.revoke_guardianship"),
    # 老人被打骂虐待
    (("儿媳妇天天骂我老不死的，还推我",), "dv.elder_abused"),
    (("我妈80了，我弟弟喝醉了就打她",), "dv.elder_abused"),
    (("儿子嫌我是累赘，动不动就打我，我七十多了",), "dv.elder_abused"),
    (("老头子被大儿子打了，住了院，能告他吗",), "dv.elder_abused"),
    (("孙子问我要钱，不给就掐我脖子",), "dv.elder_abused"),
    (("我是个老人，68岁", "儿子经常打我骂我"), "dv.elder_abused"),
    # 子女不赡养
    (("我养了三个儿子，现在一个都不管我",), "elder.support_refused"),
    (("八十岁了，闺女儿子谁也不给生活费，我能告他们吗",), "elder.support_refused"),
    (("我妈六十多了没收入，我哥不出赡养费，我能替我妈告他吗",), "elder.support_refused"),
    (("儿子说我把房子给了老二，就不该找他养老，有道理吗",), "elder.support_refused"),
    (("老两口都病了，儿女推来推去谁也不管",), "elder.support_refused"),
    (("子女不养老怎么办", "三个孩子都在城里，一分钱不给"), "elder.support_refused"),
    # 退休金卡、存折被子女拿着
    (("我的退休金卡被儿子拿走了，每个月就给我两百块",), "elder.pension_card_held"),
    (("闺女把我存折拿走了，我要钱还得看她脸色",), "elder.pension_card_held"),
    (("老娘的养老金卡一直在大嫂手里，老娘看病都没钱",), "elder.pension_card_held"),
    (("拆迁款都让儿子转走了，我现在一分钱都没有",), "elder.pension_card_held"),
    (("我70了", "我的工资卡被女婿拿着不给我"), "elder.pension_card_held"),
    (("儿子把我的银行卡收走了，密码也改了，我想自己管钱",), "elder.pension_card_held"),
    # 子女不来看望
    (("儿子三年没回家了，电话也不打，我能告他吗",), "elder.children_not_visiting"),
    (("女儿嫁到外地就不回来看我了，过年都不回",), "elder.children_not_visiting"),
    (("子女逢年过节都不来看一眼，法律管不管",), "elder.children_not_visiting"),
    (("钱倒是给，就是从来不来看我们老两口",), "elder.children_not_visiting"),
    (("老人想让子女常回家看看，有没有规定",), "elder.children_not_visiting"),
    (("我和老伴在农村", "儿子在外地好几年不回家看我们"), "elder.children_not_visiting"),
    # 老人再婚（新）
    (("我老伴走了五年，现在想再找个老伴，儿女都反对",), "elder.remarriage_interference"),
    (("我妈七十了想跟一个老头结婚，我哥闹着不让，说房子以后怎么分",),
     "elder.remarriage_interference"),
    (("七十岁了再婚，儿子说我要是再婚就不管我了",), "elder.remarriage_interference"),
    (("我爸找了个老伴，我们做子女的不同意能拦吗",), "elder.remarriage_interference"),
    (("我六十八岁，老伴去世了", "想和邻村一个老太太领证，闺女说要跟我断绝关系"),
     "elder.remarriage_interference"),
    (("奶奶想改嫁，叔叔们不让，还说要把她赶出去",), "elder.remarriage_interference"),
    # 被逼过户房子
    (("儿子天天闹着让我把房子过户给他，不给就不让我进家门",),
     "elder.pressured_to_transfer_house"),
    (("孙子结婚，儿媳逼我把老宅写孙子名",), "elder.pressured_to_transfer_house"),
    (("儿子说不把房子给他就不养我",), "elder.pressured_to_transfer_house"),
    (("我七十五了", "儿子让我去把房子过户给他，我不想"), "elder.pressured_to_transfer_house"),
    (("女婿哄我妈去把房本改成他的名字，我妈不想改",), "elder.pressured_to_transfer_house"),
    (("老伴走了，几个孩子天天缠着我把房子转到他们名下",), "elder.pressured_to_transfer_house"),
    # 赠与后要回来
    (("房子已经过户给儿子了，现在他不管我，能要回来吗",), "elder.revoke_gift"),
    (("把积蓄都给了女儿买房，现在她嫌我是累赘不管我，这钱还能拿回来吗",), "elder.revoke_gift"),
    (("去年把房子送给孙子了，孙子现在不让我住，我想反悔",), "elder.revoke_gift"),
    (("当初把老房子过户给了小儿子", "他现在不养我还骂我，我想收回来"), "elder.revoke_gift"),
    (("我爸把房子赠与给我哥以后，我哥就打他，这赠与能撤销吗",), "elder.revoke_gift"),
    (("房本早就改成闺女的名了，现在她不让我进门，房子能要回来不",), "elder.revoke_gift"),
    # 成年残疾家人的监护
    (("我弟弟是智障，爸妈都没了，谁给他当监护人",), "disabled.guardianship"),
    (("我妈老年痴呆了，银行取钱要本人，我怎么替她办",), "disabled.guardianship"),
    (("儿子有精神病，三十多了，他的事我能替他签字吗",), "disabled.guardianship"),
    (("哥哥精神分裂，他的房子要卖，谁有权签字",), "disabled.guardianship"),
    (("闺女脑瘫成年了，我们老了以后谁来当她的监护人",), "disabled.guardianship"),
    (("我姐智力有问题", "她要领拆迁款，需要谁替她签字"), "disabled.guardianship"),
    # 残疾歧视
    (("我腿有残疾，面试都过了，一看我走路瘸就不要了",), "disabled.discrimination"),
    (("孩子是残疾，学校说不收",), "disabled.discrimination"),
    (("我是听力残疾，公司知道后就把我辞了",), "disabled.discrimination"),
    (("坐轮椅的能不能考公务员，人家说不要残疾人",), "disabled.discrimination"),
    (("我是残疾人，有残疾证", "单位招聘说不要残疾人"), "disabled.discrimination"),
    (("儿子有残疾证，幼儿园嫌他是残疾孩子，劝我们退园",), "disabled.discrimination"),
    # 留守儿童
    (("我们两口子要去广东打工，孩子放老家给奶奶带，需要办什么手续",), "child.left_behind"),
    (("孩子爸妈都在外地打工，留守的孩子我这当爷爷的能替他们签字吗",), "child.left_behind"),
    (("我在外面打工，孩子一个人在家住，有没有问题",), "child.left_behind"),
    (("去外地挣钱把娃留在家里给亲戚带，要写委托书吗",), "child.left_behind"),
    (("孩子8岁，父母在外务工，学校说要监护人来签字",), "child.left_behind"),
    (("我是留守儿童的妈妈", "我们在浙江打工，孩子在老家跟外婆"), "child.left_behind"),
    # 未成年人打工
    (("我儿子15岁，想去电子厂打工，厂里能要吗",), "child.underage_work"),
    (("我家娃十五岁在厂里上班，工资老板不给",), "child.underage_work"),
    (("未成年人去打工合法吗",), "child.underage_work"),
    (("孩子14岁", "想跟着亲戚去工地干活，可以吗"), "child.underage_work"),
    (("饭店招了个不满16岁的小工洗碗，被查到会怎样",), "child.underage_work"),
    (("17岁的孩子暑假去进厂，厂里让上夜班，合法吗",), "child.underage_work"),
    # 辍学
    (("孩子上初二，死活不想上学了，家里让他去打工",), "child.dropout"),
    (("爷爷不让孙女念书了，说女孩读书没用",), "child.dropout"),
    (("我闺女13岁被她爸逼着辍学在家干活",), "child.dropout"),
    (("邻居家孩子12岁不上学，在家带弟弟，有人管吗",), "child.dropout"),
    (("我女儿15岁", "她爸不让她读书了，要她嫁人"), "child.dropout"),
    (("孩子小学没念完就不念了，我们做家长的会不会有责任",), "child.dropout"),
    # 女性就业歧视
    (("怀孕了公司就让我调岗，工资降了一半",), PREGNANCY),
    (("面试的时候问我结没结婚，有没有孩子，这合法吗",), "women.employment_discrimination"),
    (("休完产假回去，岗位没了，让我自己辞职",), PREGNANCY),
    (("招聘写着只招男的，我是女的能去告吗",), "women.employment_discrimination"),
    (("公司规定入职两年不能怀孕，不然就辞退",), "women.employment_discrimination"),
    (("我在一家公司上班", "刚说怀孕了，领导就说要跟我解除合同"), PREGNANCY),
    # 妇女土地权益
    (("我嫁到外村了，娘家村里的分红不给我了",), LAND_RIGHTS),
    (("离婚后回娘家住，村里说我户口不在了不给地",), LAND_RIGHTS),
    (("外嫁女的征地补偿款，村里一分不给",), LAND_RIGHTS),
    (("嫁出去的闺女，户口没迁，村里分钱没我的份",), LAND_RIGHTS),
    (("我是外嫁女", "村委会说嫁出去了就不是村里人，不给分红"), LAND_RIGHTS),
    (("丈夫死了以后，村里说我是外姓人，要把我们家的承包地收回去",), LAND_RIGHTS),
    # 房本加名
    (("房产证上只写了我老公的名字，我能要求加名吗",), "women.property_rights"),
    (("结婚后买的车登记在他名下，我有没有份",), "women.property_rights"),
    (("婚后一起还的房贷，房本上没我名字，心里不踏实",), "women.property_rights"),
    (("想在房产证上加上我的名字，他不同意怎么办",), "women.property_rights"),
    (("结婚后我们买了房", "房本写的是他一个人"), "women.property_rights"),
    (("俺家的房子是婚后盖的，不动产证上光写了俺男人的名字",), "women.property_rights"),
    # 工作中性骚扰
    (("领导老是对我动手动脚，我不敢说",), "women.sexual_harassment_work"),
    (("男同事在群里给我发黄段子，还约我去宾馆",), "women.sexual_harassment_work"),
    (("经理让我陪他喝酒，喝完摸我",), "women.sexual_harassment_work"),
    (("在厂里被组长性骚扰，我要辞职吗",), "women.sexual_harassment_work"),
    (("客户老是吃我豆腐，公司不管",), "women.sexual_harassment_work"),
    (("我在公司上班", "主管经常摸我的手，暗示我陪他睡"), "women.sexual_harassment_work"),
    # 前任纠缠
    (("分手以后前男友天天在我家楼下堵我",), "women.stalking_by_ex"),
    (("离婚后前夫还是老来骚扰，一天打几十个电话",), "women.stalking_by_ex"),
    (("前任把我的照片发到网上，还威胁我",), "women.stalking_by_ex"),
    (("跟他分了，他还跟踪我到公司",), "women.stalking_by_ex"),
    (("前夫离了婚还跑到我娘家闹，说不复婚就弄死我",), "women.stalking_by_ex"),
    (("我跟男朋友分手半年了", "他一直纠缠我，换了号码也能找到"), "women.stalking_by_ex"),
]

CRIMINAL: list[Case] = [
    # 12、13岁致人死亡、重伤
    (("我家孩子13岁，跟人打架把对方捅死了",), "crim.juvenile_12_13_grave"),
    (("12岁的小孩把同学推下楼摔死了，要负刑事责任吗",), "crim.juvenile_12_13_grave"),
    (("孩子12岁，拿刀把人砍成重伤，警察说要追究",), "crim.juvenile_12_13_grave"),
    (("我儿子13岁", "他把人打成了重伤，对方可能残疾"), "crim.juvenile_12_13_grave"),
    (("十三岁的孩子杀了人，是不是不用坐牢",), "crim.juvenile_12_13_grave"),
    (("外甥13岁，和同学争执用刀把人刺死了，会怎么处理",), "crim.juvenile_12_13_grave"),
    # 不满14岁
    (("我儿子11岁在商场偷了个手机，警察让我们去一趟",), "crim.juvenile_under_14"),
    (("俺家娃十岁，把邻居家小孩推倒磕破了头，会不会被抓",), "crim.juvenile_under_14"),
    (("孩子13岁偷家里钱还偷了同学的，会被抓吗",), "crim.juvenile_under_14"),
    (("我女儿12岁", "跟几个同学在超市拿东西没给钱，被抓住了"), "crim.juvenile_under_14"),
    # 14、15岁，一般违法
    (("儿子十四岁，偷了小卖部的烟，派出所要处理",), "crim.juvenile_14_15_minor_offence"),
    (("我闺女15岁跟同学打架，把人家脸抓破了，会不会坐牢",),
     "crim.juvenile_14_15_minor_offence"),
    (("孩子15岁，在网吧偷了别人的手机，警察说要拘留，能拘吗",),
     "crim.juvenile_14_15_minor_offence"),
    (("俺娃14岁，和人打架被派出所带走了",), "crim.juvenile_14_15_minor_offence"),
    (("15岁的孩子骗了同学几百块钱，要负刑事责任吗",), "crim.juvenile_14_15_minor_offence"),
    (("我儿子15岁", "偷了人家电动车的电瓶"), "crim.juvenile_14_15_minor_offence"),
    # 14、15岁，八种重罪
    (("我儿子十五岁，跟着社会上的人抢劫，被抓了",), "crim.juvenile_14_15_grave"),
    (("14岁的孩子把人捅死了，会判几年",), "crim.juvenile_14_15_grave"),
    (("侄子15岁放火烧了邻居家的房子",), "crim.juvenile_14_15_grave"),
    (("女儿15岁，帮男朋友卖冰毒被抓了",), "crim.juvenile_14_15_grave"),
    # 16、17岁
    (("我儿子17岁，打架把人打成轻伤，被刑拘了",), "crim.juvenile_16_17"),
    (("孩子16岁偷电动车被抓，会判刑吗",), "crim.juvenile_16_17"),
    (("我弟弟16岁参与诈骗，现在关在看守所",), "crim.juvenile_16_17"),
    (("17岁的孩子犯了事，未成年能从轻吗",), "crim.juvenile_16_17"),
    (("我儿子16岁", "跟人打架把人捅伤了，警察抓走了"), "crim.juvenile_16_17"),
    # 家人被刑拘
    (("我老公前天被警察带走了，说是刑事拘留，到现在没消息",), "crim.family_detained"),
    (("儿子被抓进看守所了，我们能去见他吗",), "crim.family_detained"),
    (("我爸被公安局带走了，说他涉嫌非法集资，家里该干啥",), "crim.family_detained"),
    (("男人被刑拘了，通知书上写的涉嫌开设赌场，关几天能放",), "crim.family_detained"),
    (("俺哥昨天被抓了，警察也不说为啥",), "crim.family_detained"),
    (("我家里出事了", "我弟弟被公安抓了，说是帮人洗钱"), "crim.family_detained"),
    # 取保候审
    (("老公被刑拘了，怎么才能把他取保出来",), "crim.bail"),
    (("弟弟在看守所，家里想找人保他出来，要交多少保证金",), "crim.bail"),
    (("我儿子被抓了，能不能办取保候审",), "crim.bail"),
    (("我爸被关在看守所", "他身体不好，有高血压，能保出来吗"), "crim.bail"),
    (("我男人被监视居住了，还能去上班吗",), "crim.bail"),
    (("媳妇在看守所刚生完孩子还在喂奶，能不能先放出来",), "crim.bail"),
    # 请不起律师
    (("儿子被抓了，家里没钱请律师，国家能给派个律师吗",), "crim.legal_aid_defence"),
    (("我哥的案子要开庭了，请不起律师",), "crim.legal_aid_defence"),
    (("我老公被起诉了，听说可以申请法律援助，怎么申请",), "crim.legal_aid_defence"),
    (("我弟弟是残疾人，被警察抓了，我们找不起律师",), "crim.legal_aid_defence"),
    (("我丈夫被刑拘了", "我们家困难，请不起律师"), "crim.legal_aid_defence"),
    (("我爸被逮捕了，家里拿不出律师费，有没有免费的律师",), "crim.legal_aid_defence"),
    # 被骗
    (("在网上贷款，先交了五千解冻费，钱没贷下来人也联系不上了",), "crim.fraud_victim"),
    (("有人打电话说是快递客服，让我转了两万块",), "crim.fraud_victim"),
    (("刷单返利被骗了八千，还能追回来吗",), "crim.fraud_victim"),
    (("网上认识的男朋友让我在一个平台投资，现在钱提不出来了",), "crim.fraud_victim"),
    (("我被骗了", "对方冒充公安说我涉嫌洗钱，让我把钱转到安全账户"), "crim.fraud_victim"),
    (("我爸被人忽悠着买了个理财，交了十万，现在公司人去楼空了，是诈骗吧",),
     "crim.fraud_victim"),
    # 不立案
    (("被人打了去派出所报案，民警说不够立案",), "crim.police_not_filing"),
    (("被骗了十万报警，警察说是民事纠纷让我去法院告",), "crim.police_not_filing"),
    (("我家的牛被偷了，派出所不给立案",), "crim.police_not_filing"),
    (("报案一个多月了，派出所一直拖着不立案",), "crim.police_not_filing"),
    (("孩子被猥亵了，派出所说证据不足不立案",), "crim.police_not_filing"),
    (("我被诈骗了，报了警", "派出所到现在也没立案，说让等着"), "crim.police_not_filing"),
    # 被打伤要赔偿
    (("被人打断了两根肋骨，打人的要赔多少钱",), "crim.assault_victim_compensation"),
    (("我爸被邻居打伤住院了，医药费谁出",), "crim.assault_victim_compensation"),
    (("打我的人已经被抓了，我的医药费能在刑事案子里一起要吗",),
     "crim.assault_victim_compensation"),
    (("被打成轻伤二级，对方想私了给三万，要不要接",), "crim.assault_victim_compensation"),
    (("儿子在外面被人捅了一刀，打人的要判刑，我们还能要赔偿吗",),
     "crim.assault_victim_compensation"),
    (("我被人打了", "住了半个月院，想让他赔钱"), "crim.assault_victim_compensation"),
    # 打架被派出所处理
    (("我老公跟人打架被派出所带走了，会不会判刑",), "crim.fight_detention"),
    (("跟邻居打了一架，派出所说要拘留我十天",), "crim.fight_detention"),
    (("儿子打架对方报警了，派出所让我们去调解",), "crim.fight_detention"),
    (("打架是对方先动的手，我还手了，警察说要处罚我俩",), "crim.self_defence"),
    (("我弟弟跟人打架了", "派出所把他关起来了，说要拘留十五天"), "crim.fight_detention"),
    (("喝多了跟人动手，对方报了警，会不会坐牢",), "crim.fight_detention"),
    # 自首（新）
    (("我儿子打伤了人跑了，我想劝他去自首，能轻判吗",), "crim.surrender"),
    (("我弟弟在工地上偷了钢筋，现在后悔了想去派出所说清楚，会不会坐牢",), "crim.surrender"),
    (("我老公参与了网络赌博，听说自首能从宽，要不要去",), "crim.surrender"),
    (("认罪认罚能少判多少",), "crim.surrender"),
    (("家里人犯了事", "他自己想去公安局投案，家里人能陪着去吗"), "crim.surrender"),
    (("打架把人打伤了，我自己去派出所投案，能不能不拘留",), "crim.surrender"),
    # 正当防卫（新）
    (("对方先拿刀砍我，我夺过刀把他捅伤了，算正当防卫吗",), "crim.self_defence"),
    (("有人半夜闯进我家，我拿棍子把他打伤了，会不会坐牢",), "crim.self_defence"),
    (("他先动的手，我还手把他鼻梁打断了，派出所说是互殴要罚我",), "crim.self_defence"),
    (("我是为了保护我妈才打了他，他现在要我赔医药费",), "crim.self_defence"),
    (("我被打了还了手", "现在对方伤得比我重，警察说我也要负责，这公平吗"), "crim.self_defence"),
    (("被抢劫的时候我把抢劫的人打伤了，算不算防卫过当",), "crim.self_defence"),
    # 酒驾醉驾
    (("喝了两瓶啤酒开车被交警查了，会不会坐牢",), "crim.drunk_driving"),
    (("醉驾被抓了，血液里酒精一百多，要判多久",), "crim.drunk_driving"),
    (("朋友聚会喝了点酒骑摩托回家，被查了",), "crim.drunk_driving"),
    (("我是公务员，酒驾会不会被开除",), "crim.drunk_driving"),
    (("我哥被交警拦了", "他晚上喝了酒开的车，吹出来八十多"), "crim.drunk_driving"),
    (("昨晚喝完酒第二天早上开车，查出酒精超标，算酒驾吗",), "crim.drunk_driving"),
    # 被告人上诉
    (("我儿子一审判了三年，我们觉得判重了，怎么上诉",), "crim.defendant_appeal"),
    (("被判了十个月，不服想上诉，过了几天了还来得及吗",), "crim.defendant_appeal"),
    (("老公判了缓刑，我们还想上诉，会不会加刑",), "crim.defendant_appeal"),
    (("判决书昨天拿到，判了五年，家里想上诉",), "crim.defendant_appeal"),
    (("我弟弟的案子判了", "判了两年半，他说冤枉"), "crim.defendant_appeal"),
    (("我被判了一年，想上诉",), "crim.defendant_appeal"),
    # 被害人觉得判轻了
    (("我女儿被人打死了，凶手才判了十年，太轻了，能上诉吗",), "crim.victim_protest_request"),
    (("打我的人只判了缓刑，我不服",), "crim.victim_protest_request"),
    (("撞死我爸的司机判得太轻了，我们家属能抗诉吗",), "crim.victim_protest_request"),
    (("我是被害人，对一审判决不服怎么办",), "crim.victim_protest_request"),
    (("我被人砍伤了", "法院判了他一年，判得太轻"), "crim.victim_protest_request"),
    (("强奸我闺女的人才判了三年，我们想让他多判几年",), "crim.victim_protest_request"),
    # 拒不支付劳动报酬
    (("老板欠了我们二十多个工人半年工资，人跑了，能报警抓他吗",), WAGE_CRIME),
    (("包工头拖着工钱不给，劳动监察让他付了他也不付，能让他坐牢吗",),
     WAGE_CRIME),
    (("老板恶意欠薪，手机关机，我们去派出所报案管不管",), WAGE_CRIME),
    (("厂子倒闭老板跑路了，工资一分没给，算不算犯罪",), WAGE_CRIME),
    (("我们工地上的工资一直拖着", "老板现在电话打不通，人也找不到，能报警吗"),
     WAGE_CRIME),
    (("劳动局都下了限期支付的通知，老板还是不发工资，能不能追究他刑事责任",),
     WAGE_CRIME),
    # 孩子被性侵、猥亵
    (("我女儿9岁，被邻居老头摸了下身",), "crim.child_sexual_abuse"),
    (("孩子说老师脱她裤子，我该怎么办",), "crim.child_sexual_abuse"),
    (("闺女13岁被网友骗出去发生了关系",), "crim.child_sexual_abuse"),
    (("儿子在学校被男老师猥亵了，要报警吗",), "crim.child_sexual_abuse"),
    (("我家孩子12岁", "她说补课老师老是摸她的胸"), "crim.child_sexual_abuse"),
    (("七岁的孙女说隔壁叔叔带她去屋里脱了她衣服",), "crim.child_sexual_abuse"),
]

ADMINISTRATIVE: list[Case] = [
    # 行政处罚
    (("城管把我的三轮车没收了，还罚了五百",), "admin.penalty"),
    (("市场监管局说我卖过期食品，罚了两万，决定书已经下了",), "admin.penalty"),
    (("环保局罚了我们厂五万，我们不服",), "admin.penalty"),
    (("交警扣了我的驾照，说我无证驾驶，我冤枉",), "admin.penalty"),
    (("罚款单下来了，能不能不交",), "admin.penalty"),
    (("税务局给我开了罚单", "说我少报了税，罚三千，我觉得不对"), "admin.penalty"),
    # 处罚前听证
    (("收到一个行政处罚告知书，说要罚我八万，我能说理吗",), "admin.penalty_hearing"),
    (("环保局说准备吊销我们的许可证，还没下决定，能要求听证吗",), "admin.penalty_hearing"),
    (("市场局打算罚我十万，让我三天内陈述申辩",), "admin.penalty_hearing"),
    (("还没正式处罚，就通知说要停我的业",), "admin.penalty_hearing"),
    (("我开了个小饭店", "市场监管说要罚我五万元，先给了个告知书"), "admin.penalty_hearing"),
    (("告知书上写着拟吊销营业执照，我们该怎么办",), "admin.penalty_hearing"),
    # 行政拘留
    (("我被派出所拘留了五天，觉得冤，能告吗",), "admin.detention"),
    (("跟人吵架被治安拘留十天，不服",), "admin.detention"),
    (("老公被行政拘留七天，能不能交钱先不拘了",), "admin.detention"),
    (("因为上访被拘了十天，我想告派出所",), "admin.detention"),
    (("派出所说我赌博，拘了我三天还罚了款",), "admin.detention"),
    (("我被警察关了", "行政拘留十五天，出来了想讨个说法"), "admin.detention"),
    # 养老金、退休
    (("交了十五年社保，到了年龄社保局说缴费年限不够，不给办退休",), "admin.pension_refused"),
    (("我的退休金突然停发了，社保中心说我领错了",), "admin.pension_refused"),
    (("社保局说我档案上年龄不对，不给办退休",), "admin.pension_refused"),
    (("养老金少发了好几百，去问社保也说不清",), "admin.pension_refused"),
    (("我今年60了", "去社保局办退休，人家说我有两年断缴不给办"), "admin.pension_refused"),
    (("社保局要我退回多领的养老金，还把我的养老金停了",), "admin.pension_refused"),
    # 低保、救助
    (("我家的低保被取消了，村里说我儿子有车",), "admin.social_assistance_refused"),
    (("申请了特困供养，民政局说不符合条件",), "admin.social_assistance_refused"),
    (("我的残疾人补贴突然停了，也没人说为啥",), "admin.social_assistance_refused"),
    # a benefit stopped "because of the son" is the benefit question, not a suit against the son
    (("我快八十了，镇上说我有闺女，把我五保给取消了，闺女嫁到外省多少年不回来",),
     "admin.social_assistance_refused"),
    (("老汉今年七十，村里把俺低保停了，说俺儿子该养俺，儿子根本不管，低保还能要回来不",),
     "admin.social_assistance_refused"),
    (("临时救助申请了三个月没批下来",), "admin.social_assistance_refused"),
    (("五保户的待遇被取消了，说我有闺女",), "admin.social_assistance_refused"),
    (("我一个人带着孩子，没收入", "去申请低保，镇上说不合格"),
     "admin.social_assistance_refused"),
    # 工伤认定不服
    (("在工地摔伤了，人社局说不算工伤，我不服",), WORK_INJURY_DECISION),
    (("工伤认定书下来了，说我下班路上闯红灯，不认定工伤",), WORK_INJURY_DECISION),
    (("人社局不予受理我的工伤认定申请，说过了时间",), WORK_INJURY_DECISION),
    (("我爸在厂里干活时受伤", "申请工伤认定，结果说不予认定"), WORK_INJURY_DECISION),
    (("人社局认定我不是工伤，说我是自己喝酒摔的，我要复议",), WORK_INJURY_DECISION),
    (("老公在车间干活时晕倒了，人社局的决定说不属于工伤",), WORK_INJURY_DECISION),
    # 违建拆除
    (("城管说我家二楼是违建，限期十天拆除",), "admin.illegal_building_demolition"),
    (("村里盖的养殖棚被说是违法建筑，要强拆",), "admin.illegal_building_demolition"),
    (("镇政府贴了拆除通知，说我们盖房没有手续",), "admin.illegal_building_demolition"),
    (("晚上来了一群人把我家门面房推了，说是违章建筑",), "admin.illegal_building_demolition"),
    (("我在自家院子里加盖了一间房", "执法局下了通知让我自己拆掉"),
     "admin.illegal_building_demolition"),
    (("住建局下了个限期拆除决定书，我家的车库也要拆，能不服吗",),
     "admin.illegal_building_demolition"),
    # 城市房屋征收补偿
    (("我家在县城的老楼要被征收，补偿标准太低",), "admin.expropriation_city_house"),
    (("棚改说我们那片要拆迁，评估的价格才三千一平",), "admin.expropriation_city_house"),
    (("城里的房子被征收了，不同意补偿方案能告吗",), "admin.expropriation_city_house"),
    (("旧城改造，政府下了征收决定，我想复议",), "admin.expropriation_city_house"),
    (("我们小区要拆迁", "征收补偿给得太少，不够买新房"), "admin.expropriation_city_house"),
    (("商品房被划进征收范围，补偿决定下来了我不认",), "admin.expropriation_city_house"),
    # 逼迁强拆
    (("拆迁款还没谈好，就把我们家的水电给停了",), "admin.expropriation_forced_eviction"),
    (("没签协议，半夜来人把房子给强拆了",), "admin.expropriation_forced_eviction"),
    (("拆迁办天天派人来吓唬，逼我们搬走",), "admin.expropriation_forced_eviction"),
    (("补偿一分没给，挖掘机就把我家推平了",), "admin.expropriation_forced_eviction"),
    (("我们那片在搞征收", "我没签字，他们就把路堵了，还断了电"),
     "admin.expropriation_forced_eviction"),
    (("征收补偿还没谈拢，街道就让人把我家门窗砸了",), "admin.expropriation_forced_eviction"),
    # 国家赔偿
    (("我被关了八个月，最后检察院不起诉，能要国家赔偿吗",), "admin.state_compensation"),
    (("儿子被冤枉关了两年，后来判无罪，怎么申请赔偿",), "admin.state_compensation"),
    (("被刑拘30天后撤案了，误工损失谁赔",), "admin.state_compensation"),
    (("公安错抓了我，放出来了，能赔钱吗",), "admin.state_compensation"),
    (("我之前被逮捕了", "后来法院判我无罪，关了一年多"), "admin.state_compensation"),
    (("被错误拘留了二十天，国家赔偿怎么算",), "admin.state_compensation"),
    # 期限过了
    (("两年前被罚了款，当时不知道可以复议，现在还能告吗",), "admin.deadline_passed"),
    (("当时没人告诉我能复议，现在过了期限怎么办",), "admin.deadline_passed"),
    # Not said whether they were told the periods: the earlier, safe 6-month rule answers.
    (("拆违决定都过了好几年了，还能不能起诉",), "admin.deadline_passed_informed"),
    (("低保取消去年就通知了，错过了复议时间，还有办法吗",), "admin.deadline_passed_informed"),
    (("去年三月被罚了款", "当时没复议，现在还来得及吗"), "admin.deadline_passed_informed"),
    (("处罚决定书是前年收到的，超过六个月了还能起诉吗",), "admin.deadline_passed_informed"),
    # 信息公开
    (("向县政府申请公开征地批文，他们一直不答复",), "admin.info_disclosure"),
    (("想要拆迁补偿方案的文件，政府说不能公开",), "admin.info_disclosure"),
    (("申请政府信息公开被拒了，理由是涉及秘密",), "admin.info_disclosure"),
    (("村里的低保名单能不能申请公开",), "admin.info_disclosure"),
    (("我申请了信息公开", "过了一个多月都没回复"), "admin.info_disclosure"),
    (("想看看政府征收我家房子的红头文件，可以申请公开吗",), "admin.info_disclosure"),
    # 行政不作为
    (("邻居占了路，找镇政府好多次都不管",), "admin.authority_inaction"),
    (("举报工厂排污，环保局一直拖着不处理",), "admin.authority_inaction"),
    (("打了好几次12345，城管就是不作为",), "admin.authority_inaction"),
    (("找了住建局投诉", "半年了石沉大海没人理"), "admin.authority_inaction"),
    (("给市场监管局写了举报信，三个月了没有答复",), "admin.authority_inaction"),
    # A homestead approval the township sits on: rural.homestead_application answers it more
    # precisely (who approves, review of a refusal); either is right.
    (("乡政府一直拖着不给我家办宅基地审批",), "admin.authority_inaction|rural.homestead_application"),
    # 复议后不服
    (("复议结果出来了，维持原来的处罚，我还是不服",), "admin.after_reconsideration"),
    (("复议被驳回了，还能去法院告吗",), "admin.after_reconsideration"),
    (("申请了行政复议，复议机关维持了，多久之内起诉",), "admin.after_reconsideration"),
    (("复议决定书收到十天了，能起诉谁",), "admin.after_reconsideration"),
    (("我对处罚申请了复议", "复议还是维持原决定"), "admin.after_reconsideration"),
    (("复议机关把罚款改少了，我还是觉得不该罚，还能告吗",), "admin.after_reconsideration"),
    # 复议还是起诉
    (("对政府的决定不服，是先复议还是直接告",), "admin.review_or_lawsuit"),
    (("想告县政府，去哪个法院",), "admin.review_or_lawsuit"),
    (("行政复议要不要钱，多久出结果",), "admin.review_or_lawsuit"),
    (("复议和起诉哪个好",), "admin.review_or_lawsuit"),
    (("民告官能赢吗",), "admin.review_or_lawsuit"),
    (("对镇政府的处理不服", "可以申请复议吗"), "admin.review_or_lawsuit"),
]

# Ages said without 岁 ("娃14了", "闺女17") and a 14-year-old who hurt a classmate: known gaps
# until main read such ages and classified them (merged from main); kept as regressions.
AGE_AND_SCHOOL: list[Case] = [
    (("娃14了，离婚判给谁要不要问孩子",), "family.custody_8plus"),
    (("娃才13，在学校欺负别人，被派出所叫去了",), "crim.juvenile_under_14"),
    (("俺孙子十五了", "跟人拿刀抢了别人的钱"), "crim.juvenile_14_15_grave"),
    (("闺女17，帮人转账被公安带走了",), "crim.juvenile_16_17"),
    (("孩子十四周岁，把同学打成重伤了",), "crim.juvenile_14_15_grave"),
]

CASES: list[Case] = MARRIAGE + VULNERABLE + CRIMINAL + ADMINISTRATIVE + AGE_AND_SCHOOL

# Phrasings the data alone cannot fix yet (see the reasons); strict, so a fix shows up.
SCHOOL = ("the classifier picks personal injury and injury.school_* fits the child who did the harm "
          "as if he were the one hurt")
KNOWN_GAPS: list[tuple[Case, str]] = [
    ((("孩子12岁，打伤了同学，人家要告，会留案底吗",), "crim.juvenile_under_14"), SCHOOL),
]

# Phrasings close to a situation that must NOT come first.
MUST_NOT: list[Case] = [
    # The parent of a boy who broke a classmate's nose is not the victim asking for damages.
    (("我闺女十七了，跟人吵架把对方打成轻伤，派出所立案了，会判刑吗",),
     "crim.assault_victim_compensation"),
    # A plain divorce question is not a violence case, nor a contested one.
    (("我想离婚，我们俩感情不好，他也没打过我",), "family.divorce_domestic_violence"),
    (("我们都同意离婚了，去民政局办",), "family.divorce_contested"),
    # Cohabiting couples are not asked about divorce.
    (("没领证一起过了五年，现在分手了",), "family.divorce"),
    # An adult child who wants to inherit is not the widowed daughter-in-law.
    (("我爸去世了，没留遗嘱，房子怎么分",), "family.widowed_inlaw_heir"),
    # A wife asking to put her name on the deed is not divorcing.
    (("房本上只有老公的名字，我想加上我的名字",), "family.property_division"),
    # A spouse not giving household money is not elder support.
    (("老公一分钱都不给我，家里生活费都是我出",), "elder.support_refused"),
    # An ex-boyfriend is not a family member for a police warning.
    (("前男友分手后一直跟踪我，我报了警",), "dv.police_warning"),
    # A fight with a neighbour is not domestic violence.
    (("跟邻居打了一架，派出所说要拘留我",), "dv.protection_order"),
    # A victim asking for money is not the defendant's appeal.
    (("打我的人判了两年，我的医药费还没赔",), "crim.defendant_appeal"),
    # A fraud victim scared by a fake "police" call is not a detained suspect's family.
    (("有人冒充警察说我涉嫌洗钱，让我转钱到安全账户",), "crim.family_detained"),
    # A consumer cheated by a shop is not a telecom fraud victim.
    (("在店里买的手机是翻新机，商家不给退",), "crim.fraud_victim"),
    # Being fined is not a detention.
    (("交警罚了我两百块，扣了三分",), "admin.detention"),
    # A fine still within time is not a missed deadline.
    (("上个月被罚了款，现在想复议",), "admin.deadline_passed"),
    # A village land matter is not an urban house expropriation.
    (("村里征地，我家承包地的补偿款太少了",), "admin.expropriation_city_house"),
    # Other categories' matters that share words with these situations.
    # A custody question at the divorce is not a change of custody.
    (("我们正在离婚，孩子判给谁",), "family.change_custody"),
    # A living husband's loan is a marital debt, not a dead man's debt.
    (("老公在外面借了网贷，催收打到我这来了",), "family.estate_debts"),
    # An ex-wife's remarriage is not an elder's.
    (("前妻再婚了，不让我见女儿",), "elder.remarriage_interference"),
    # A fight both sides agreed to is not self-defence.
    (("我们俩喝多了约架，把对方打伤了，派出所要处理",), "crim.self_defence"),
    (("我给我同学当了保人，他不还钱，债主天天打电话催我",), "family.marital_debt"),
    (("我租的店面，房东把房子卖了，新房东要我搬走",), "elder.revoke_gift"),
    (("乡里没签协议就把我家的承包地推平了修路",), "admin.expropriation_forced_eviction"),
    (("我爸去世了，他承包的那片果园我们能继续包吗",), "family.intestate_inheritance"),
    (("离婚后娃跟着他爹，他爹喝了酒就打娃",), "family.divorce_domestic_violence"),
    (("跟男朋友同居两年，他喝醉了就打我",), "family.cohabitation"),
    (("我男人在车间干活时晕倒没抢救过来，是不是工伤",), "admin.work_injury_decision"),
    (("在仓库搬箱子闪了腰，老板说这不算工伤，医药费不给报",), "admin.work_injury_decision"),
    (("在厂里机器压断了手指，老板给三万让我签字一次了结",), "crim.assault_victim_compensation"),
    (("老板一直拖着工资不给，我想去劳动仲裁",), "crim.wage_arrears_crime"),
]


@pytest.fixture(scope="module")
def engine(core_kb: KnowledgeIndex, data_dir: Path) -> ConsultationEngine:
    return engine_for(core_kb, data_dir, today=lambda: TODAY)


def _talk(engine: ConsultationEngine, turns: Sequence[str]) -> tuple[SessionState, Reply]:
    state = SessionState(session_id="r" * 24)
    replies = [engine.respond(state, t) for t in turns]
    return state, replies[-1]


def _case_id(case: Case) -> str:
    return f"{case[1]}:{'/'.join(case[0])[:24]}"


def _first_in(state: SessionState, expected: str) -> bool:
    return bool(state.situations) and state.situations[0] in expected.split("|")


RECOGNISED = [pytest.param(c, id=_case_id(c)) for c in CASES] + [
    pytest.param(c, id=_case_id(c), marks=pytest.mark.xfail(strict=True, reason=why))
    for c, why in KNOWN_GAPS]


@pytest.mark.parametrize("case", RECOGNISED)
def test_situation_recognised_first(engine: ConsultationEngine, case: Case) -> None:
    turns, expected = case
    state, reply = _talk(engine, turns)
    assert _first_in(state, expected), (turns, state.situations)
    # A danger in the words puts the emergency advice first, then the same answer.
    assert reply.kind in ("answer", "emergency")
    assert reply.situations[:1] == state.situations[:1]
    assert reply.first_screen


@pytest.mark.parametrize("case", MUST_NOT, ids=[_case_id(c) for c in MUST_NOT])
def test_situation_not_first(engine: ConsultationEngine, case: Case) -> None:
    turns, banned = case
    state, _ = _talk(engine, turns)
    assert not _first_in(state, banned), (turns, state.situations)
