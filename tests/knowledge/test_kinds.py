"""Which date and which sum: the kind words of ``knowledge/data/signals/core.json`` ("dates",
"amounts") and the core yes/no signals, read through ``understand`` the way a citizen says them
at a legal-aid kiosk (plain, rural, elderly, dialect words; both word orders; negation)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from assistant.consult.understand import understand
from assistant.models import Facts
from knowledge.vocabulary import AMOUNT_KINDS, DATE_KINDS

TODAY = date(2026, 12, 5)


def _facts(text: str) -> Facts:
    return understand(text, today=TODAY).facts


def _dates(text: str) -> dict[str, date]:
    return {k: d.first for k, d in _facts(text).dates.items()}


def _amounts(text: str) -> dict[str, Decimal]:
    return {k: m.value for k, m in _facts(text).amounts.items()}


# (sentence, kind, first day it may mean) — each sentence has one date, filed under one kind.
DATES = [
    # purchase
    ("上个月十五号在镇上超市买的电饭锅，用了两回就坏了", "purchase", date(2026, 11, 15)),
    ("十月八号在拼多多下的单，到现在还没发货", "purchase", date(2026, 10, 8)),
    ("今年三月份交的订金，说好给我家装修", "purchase", date(2026, 3, 1)),
    ("去年腊月在理发店办的卡，现在店关门了", "purchase", date(2026, 1, 19)),
    ("十一月二号在他家饭馆吃的饭，回去就拉肚子", "purchase", date(2026, 11, 2)),
    ("今年九月在农资店买的种子，种下去不出苗", "purchase", date(2026, 9, 1)),
    ("上礼拜在超市买了两袋牛肉干，过期了", "purchase", date(2026, 11, 23)),
    ("十月一号给孩子报的名，钱交了人家不让上课了", "purchase", date(2026, 10, 1)),
    # death
    ("我爸是去年十月没的", "death", date(2025, 10, 1)),
    ("老伴前年冬天走了", "death", date(2024, 11, 7)),
    ("我妈今年三月过世的，留下一套房", "death", date(2026, 3, 1)),
    ("他爸上个月人没了，家里几个兄弟争房子", "death", date(2026, 11, 1)),
    ("奶奶前年腊月走的", "death", date(2024, 12, 31)),
    ("我公公是前年腊月咽的气", "death", date(2024, 12, 31)),
    ("我大哥2019年就不在了，房子一直没分", "death", date(2019, 1, 1)),
    ("老人家去年八月去世，没留遗嘱", "death", date(2025, 8, 1)),
    # decision
    ("上个月二十号镇政府给了我一份处罚决定书", "decision", date(2026, 11, 20)),
    ("十一月三号收到社保局的不予认定工伤通知书", "decision", date(2026, 11, 3)),
    ("城管十月底在我店门口贴了通知，要拆", "decision", date(2026, 10, 25)),
    ("昨天派出所送来拘留决定", "decision", date(2026, 12, 4)),
    ("今年九月乡里答复说不给补", "decision", date(2026, 9, 1)),
    ("人社局十月八号下的决定，说不算工伤", "decision", date(2026, 10, 8)),
    ("上礼拜交警给我开了罚单", "decision", date(2026, 11, 23)),
    ("十一月五号村里把我家低保停了", "decision", date(2026, 11, 5)),
    # left_job
    ("九月底就不干了", "left_job", date(2026, 9, 25)),
    ("我是十月十号辞的职", "left_job", date(2026, 10, 10)),
    ("上个月老板让我别来了", "left_job", date(2026, 11, 1)),
    ("俺是前年腊月从砖厂出来的", "left_job", date(2024, 12, 31)),
    ("今年六月被辞退的，一分钱补偿没给", "left_job", date(2026, 6, 1)),
    ("十一月初干完活就走了，工钱还没结", "left_job", date(2026, 11, 1)),
    ("我今年八月份走的，老板说等过年再给钱", "left_job", date(2026, 8, 1)),
    ("2025年12月20号老板把我开了", "left_job", date(2025, 12, 20)),
    # started_job
    ("前年三月进的厂", "started_job", date(2024, 3, 1)),
    ("我是2024年5月来的，一直干到现在", "started_job", date(2024, 5, 1)),
    ("去年正月十六入职的", "started_job", date(2025, 2, 13)),
    ("今年四月开始在工地上干活", "started_job", date(2026, 4, 1)),
    ("去年八月份上的班，没签合同", "started_job", date(2025, 8, 1)),
    ("前年开春跟着包工头去的工地", "started_job", date(2024, 1, 1)),
    ("2023年7月招进去的，在食堂干", "started_job", date(2023, 7, 1)),
    # loan_made
    ("去年三月借给他五万块钱", "loan_made", date(2025, 3, 1)),
    ("前年腊月他找我借了两万", "loan_made", date(2024, 12, 31)),
    ("2024年6月我转给他三万，打了借条", "loan_made", date(2024, 6, 1)),
    ("今年正月表弟从我这拿走了八千，说是借", "loan_made", date(2026, 2, 17)),
    ("去年十月他管我借钱，借了一万五", "loan_made", date(2025, 10, 1)),
    ("2025年8月我把钱借给同村的老李", "loan_made", date(2025, 8, 1)),
    ("借条是前年十一月打的", "loan_made", date(2024, 11, 1)),
    # loan_due
    ("说好今年六月还，到现在一分没还", "loan_due", date(2026, 6, 1)),
    ("钱是微信转的，他说今年五月还，现在把我拉黑了", "loan_due", date(2026, 5, 1)),
    ("借条上写的2025年底还", "loan_due", date(2025, 11, 1)),
    ("还钱的日子借条上写的是2026年6月30号", "loan_due", date(2026, 6, 30)),
    ("约定去年十二月三十一号到期", "loan_due", date(2025, 12, 31)),
    ("他答应今年八月底还清", "loan_due", date(2026, 8, 25)),
    ("借条写的还款日期是2026年3月1日", "loan_due", date(2026, 3, 1)),
    ("借条上写的期限是今年五月一号", "loan_due", date(2026, 5, 1)),
    ("讲好了去年中秋还钱", "loan_due", date(2025, 10, 6)),
    # judgment
    # signed: when a lease, a land transfer or a contract began — not when the trouble came
    ("前年从村里七八户人家手里流转了六十来亩地种葡萄", "signed", date(2024, 1, 1)),
    ("二三年开春签的合同，租了五年", "signed", date(2023, 1, 1)),
    ("去年三月跟他签了个协议", "signed", date(2025, 3, 1)),
    ("前年开春把草场流转给外地一个老板了", "signed", date(2024, 1, 1)),
    ("今年五月承包了村里的鱼塘", "signed", date(2026, 5, 1)),
    ("合同是去年八月签的", "signed", date(2025, 8, 1)),
    # gifted: the day a house or money was given away (a gift's revocation runs from its cause)
    ("前年腊月把房子过户给了大儿子", "gifted", date(2024, 12, 31)),
    ("2023年我把老宅子送给小闺女了", "gifted", date(2023, 1, 1)),
    ("去年五月房本改成了他的名", "gifted", date(2025, 5, 1)),
    ("十八万存款前年就给了儿子", "gifted", date(2024, 1, 1)),
    ("那套房是2019年赠与给孙子的", "gifted", date(2019, 1, 1)),
    ("今年三月我把十万块钱转过去赠送给女儿了", "gifted", date(2026, 3, 1)),
    # review_decision: the reconsideration's decision, which a lawsuit counts from
    ("十一月二十五号收到复议决定书，维持原来的罚款", "review_decision", date(2026, 11, 25)),
    ("复议结果上个月二十号下来的，还是驳回", "review_decision", date(2026, 11, 20)),
    ("十月底拿到了复议决定，说维持", "review_decision", date(2026, 10, 25)),
    ("上礼拜收到复议的决定书", "review_decision", date(2026, 11, 23)),
    ("复议十一月三号下来了，没改", "review_decision", date(2026, 11, 3)),
    ("县政府的复议决定书是十一月二号签收的", "review_decision", date(2026, 11, 2)),
    # served: the summons or the complaint's copy reached the defendant
    ("传票是12月1号收到的", "served", date(2026, 12, 1)),
    ("上个月二十号法院寄来了起诉状副本", "served", date(2026, 11, 20)),
    ("十一月三号接到的应诉通知书", "served", date(2026, 11, 3)),
    ("起诉书副本上礼拜送到我家", "served", date(2026, 11, 23)),
    ("法院十月底给我发了传票", "served", date(2026, 10, 25)),
    ("11月28号签收的传票，开庭在明年", "served", date(2026, 11, 28)),
    ("十一月十号收到的判决书", "judgment", date(2026, 11, 10)),
    ("仲裁裁决书是上个月二十号签收的", "judgment", date(2026, 11, 20)),
    ("判决书十月底送到我手里", "judgment", date(2026, 10, 25)),
    ("2026年9月法院判的，让他还我钱", "judgment", date(2026, 9, 1)),
    ("上礼拜拿到的判决，我不服", "judgment", date(2026, 11, 23)),
    ("十一月一号签收的裁定书", "judgment", date(2026, 11, 1)),
    ("二审是上个月判下来的", "judgment", date(2026, 11, 1)),
    # accident_report
    ("交警队十月五号给的认定书", "accident_report", date(2026, 10, 5)),
    ("事故认定书是上个月十八号拿到的", "accident_report", date(2026, 11, 18)),
    ("十一月二号交警把责任认定书送达了", "accident_report", date(2026, 11, 2)),
    ("上礼拜交警出的认定，说我负主要责任", "accident_report", date(2026, 11, 23)),
    ("认定书十月底才下来", "accident_report", date(2026, 10, 25)),
    ("2026年10月8日交警队作出的事故认定", "accident_report", date(2026, 10, 8)),
    ("十一月十号交警定的责，说他全责", "accident_report", date(2026, 11, 10)),
    # marriage
    ("我们是2015年领的证", "marriage", date(2015, 1, 1)),
    ("前年腊月结的婚", "marriage", date(2024, 12, 31)),
    ("去年国庆节办的酒，还没领证", "marriage", date(2025, 10, 1)),
    ("2020年5月登记结婚", "marriage", date(2020, 5, 1)),
    ("我俩是前年十月扯的证", "marriage", date(2024, 10, 1)),
    ("2018年跟他结婚的", "marriage", date(2018, 1, 1)),
    ("我是2012年嫁过来的", "marriage", date(2012, 1, 1)),
    # diagnosis
    ("今年五月查出来是尘肺病", "diagnosis", date(2026, 5, 1)),
    ("去年十月在县医院确诊的肺癌", "diagnosis", date(2025, 10, 1)),
    ("医院上个月诊断是职业病", "diagnosis", date(2026, 11, 1)),
    ("2025年3月体检查出来肺上有问题", "diagnosis", date(2025, 3, 1)),
    ("前年确诊的糖尿病", "diagnosis", date(2024, 1, 1)),
    ("今年七月医生说是矽肺", "diagnosis", date(2026, 7, 1)),
    ("今年六月拍片发现得了尘肺病", "diagnosis", date(2026, 6, 1)),
    # incident: named, or the fallback for a date whose clause names nothing
    ("上个月二十号在工地上从架子上摔下来", "incident", date(2026, 11, 20)),
    ("去年十月十号出的车祸", "incident", date(2025, 10, 10)),
    ("十月十二号那天，他拿棍子打我", "incident", date(2026, 10, 12)),
    ("十月五号上班的时候摔了", "incident", date(2026, 10, 5)),  # not the day the job started
    ("前天晚上隔壁又来闹", "incident", date(2026, 12, 3)),
    ("我儿子十月五号在工地上摔死了", "incident", date(2026, 10, 5)),  # see test below
    # demanded: the last time the other side was pressed (restarts a limitation period)
    ("今年正月初六还上他家要过", "demanded", date(2026, 2, 22)),
    ("上个月二十号我又去找他要钱了", "demanded", date(2026, 11, 20)),
    # asking a body that may settle it (乡政府, 调解委员会) presses the claim too
    ("今年八月份还去乡政府反映过，乡里调解没成", "demanded", date(2026, 8, 1)),
    ("十月一号微信上催过他一回", "demanded", date(2026, 10, 1)),
    ("去年腊月我上门要过，他说没钱", "demanded", date(2026, 1, 19)),
    ("三月八号又找老板要了一回工钱", "demanded", date(2026, 3, 8)),
    ("前天我给他打电话讨要，他不接", "demanded", date(2026, 12, 3)),
    # the other side asking for more time, or the user asking them: the claim is pressed
    ("去年三月他在微信上说再宽限宽限", "demanded", date(2025, 3, 1)),
    ("今年五月我又找他要，他已读不回", "demanded", date(2026, 5, 1)),
    ("前年国庆他回我说肯定给我", "demanded", date(2024, 10, 1)),
    # paid_for: a guarantor (or anyone) paid another's debt, or had it taken from them
    ("去年八月银行把俺卡里的钱扣了替他还了", "paid_for", date(2025, 8, 1)),
    ("今年三月十号法院从我工资卡里划走了", "paid_for", date(2026, 3, 10)),
    ("上个月我替表哥还上了那笔贷款", "paid_for", date(2026, 11, 1)),
    ("前年腊月俺帮他把钱还清了", "paid_for", date(2024, 12, 31)),
    ("十月五号信用社把我存款扣走了", "paid_for", date(2026, 10, 5)),
    ("我是今年六月份替借款人垫付的", "paid_for", date(2026, 6, 1)),
]


@pytest.mark.parametrize(("text", "kind", "first"), DATES)
def test_a_date_is_filed_under_what_its_words_say(text: str, kind: str, first: date) -> None:
    assert _dates(text) == {kind: first}


def test_every_date_kind_has_six_sentences() -> None:
    counts = {k: sum(1 for _, kind, _ in DATES if kind == k) for k in DATE_KINDS}
    assert min(counts.values()) >= 6, counts


@pytest.mark.parametrize(("text", "dates"), [
    ("前年三月进的厂，今年十月底不干了",
     {"started_job": date(2024, 3, 1), "left_job": date(2026, 10, 25)}),
    ("去年三月借给他五万，说好今年六月还",
     {"loan_made": date(2025, 3, 1), "loan_due": date(2026, 6, 1)}),
    ("2024年6月在路上被车撞了，十一月十号交警给的认定书",
     {"incident": date(2024, 6, 1), "accident_report": date(2026, 11, 10)}),
    ("我们2015年结的婚，我老公前年去世了",
     {"marriage": date(2015, 1, 1), "death": date(2024, 1, 1)}),
    ("去年十月在县医院确诊的尘肺病，今年三月人社局下的决定，说不算职业病",
     {"diagnosis": date(2025, 10, 1), "decision": date(2026, 3, 1)}),
    # a day opening the next sentence that only borrows the gift's words is what came next
    ("前年把房子送给了小儿子，房本也改成他的名了。今年五月开始，他们就不让我进门",
     {"gifted": date(2024, 1, 1), "incident": date(2026, 5, 1)}),
])
def test_two_dates_in_one_message_each_take_their_own_words(
        text: str, dates: dict[str, date]) -> None:
    assert _dates(text) == dates


# (sentence, kind, value) — each sentence has one sum, filed under one kind.
AMOUNTS = [
    # pension: what the person draws each month, not a wage
    ("俺今年六十八了，就一个月三千来块退休金", "pension", 3000),
    ("俺娘一个月就一百多块的农村养老金", "pension", 100),
    ("退休工资一个月四千二", "pension", 4200),
    ("我爸每月养老金两千八", "pension", 2800),
    ("她退休金才一千五，看病都不够", "pension", 1500),
    ("一个月领一千九的养老金", "pension", 1900),
    ("他爸前些年就吃上低保了，低保一个月五百出头", "allowance", 500),
    ("俺家低保每月四百五", "allowance", 450),
    ("五保户一年给三千六", "allowance", 3600),
    ("残疾人补贴一个月一百二", "allowance", 120),
    ("特困供养金每个月九百块", "allowance", 900),
    ("我妈领着低保一个月七百来块", "allowance", 700),
    # price
    ("花了三万多买的摩托车", "price", 30000),
    ("价钱是四千五", "price", 4500),
    ("首付交了三十万", "price", 300000),
    ("当时房价一百二十万，现在跌了", "price", 1200000),
    ("这台收割机十二万买的", "price", 120000),
    ("在药店花了三百块买的保健品", "price", 300),
    ("买了两袋牛肉干，一共四十八块，过期了", "price", 48),
    ("两千八百块钱买的手机，三天就黑屏", "price", 2800),
    # loss
    ("那批货值两万多", "loss", 20000),
    ("损失了五千块", "loss", 5000),
    ("修车花了八千", "loss", 8000),
    ("一棚西红柿都烂了，值一万多块", "loss", 10000),
    ("玉米被淹了，少说损失三万", "loss", 30000),
    ("他把我家墙撞坏了，修好要六千", "loss", 6000),
    ("羊被毒死了，一只值一千五百块", "loss", 1500),
    # medical_costs
    ("医药费花了两万三", "medical_costs", 23000),
    ("看病花了一万多", "medical_costs", 10000),
    ("住院花了四万", "medical_costs", 40000),
    ("手术费五万", "medical_costs", 50000),
    ("在医院前后垫了三万块", "medical_costs", 30000),
    ("光药钱就花了八千", "medical_costs", 8000),
    ("孩子被狗咬了，打狂犬疫苗花了两千多", "medical_costs", 2000),
    # offered
    ("老板给我一万让我签字", "offered", 10000),
    ("他说给我两万，这事就算了", "offered", 20000),
    ("对方私了给五千", "offered", 5000),
    ("保险公司只肯出三万", "offered", 30000),
    ("厂里只给了八千块补偿", "offered", 8000),
    ("他家愿意出两万", "offered", 20000),
    ("说赔五千了事", "offered", 5000),
    ("对方给了两万块钱，说是赔偿，让我写个谅解书", "offered", 20000),
    # wages_owed
    ("老板欠我一万二工资", "wages_owed", 12000),
    ("拖欠工资八千多", "wages_owed", 8000),
    ("包工头欠俺们工钱两万六", "wages_owed", 26000),
    ("工资还差四千没结", "wages_owed", 4000),
    ("克扣了我两千块工资", "wages_owed", 2000),
    ("老板还欠俺一万二", "wages_owed", 12000),
    ("在工地扎钢筋，工钱一直没结清。现在包工头电话也不接了，欠俺一万二", "wages_owed", 12000),
    # "欠我" alone is a debt only when nothing nearer says what is owed
    ("厂里三个月没发工资了，一共欠我一万四千四，我还在厂里干着呢", "wages_owed", 14400),
    ("活干完了工钱一直没结，到现在欠俺六千八", "wages_owed", 6800),
    # monthly_wage
    ("一个月四千", "monthly_wage", 4000),
    ("月薪六千", "monthly_wage", 6000),
    ("工资一个月五千块", "monthly_wage", 5000),
    ("一个月给我三千八", "monthly_wage", 3800),
    ("说好每月四千块，包吃住", "monthly_wage", 4000),
    ("底薪两千，另外有提成", "monthly_wage", 2000),
    ("在饭店洗碗，每个月能拿两千五百块", "monthly_wage", 2500),
    # medical_costs: the treatment named in the clause before the sum
    ("让狗咬了，打了狂犬疫苗和免疫球蛋白，花了两千多", "medical_costs", 2000),
    ("俺闺女在幼儿园滑梯上摔下来胳膊骨折了，幼儿园说不管。花了八千多", "medical_costs", 8000),
    ("头上缝了七针，一共花了一千二", "medical_costs", 1200),
    # loan
    ("他借了我五万", "loan", 50000),
    ("我表哥欠我三万块钱不还", "loan", 30000),
    ("在网贷上借了八千", "loan", 8000),
    ("打了借条，借款十万", "loan", 100000),
    ("他管我借了一万五", "loan", 15000),
    ("同村老李欠我八千块钱，一直拖着不还", "loan", 8000),
    ("他前年欠我两万，到现在一分没还", "loan", 20000),
    # deposit
    ("交了两千押金", "deposit", 2000),
    ("押金一千五不退", "deposit", 1500),
    ("订金交了五百", "deposit", 500),
    ("定金三千，说不退", "deposit", 3000),
    ("押一付三，押金两千四", "deposit", 2400),
    ("租房的押金八百块不给退", "deposit", 800),
    ("订酒席交了两千块定金", "deposit", 2000),
    # rent
    ("房租一个月一千二", "rent", 1200),
    ("租金每年八千", "rent", 8000),
    ("一年租金三万", "rent", 30000),
    ("地一年租给他两千块", "rent", 2000),
    ("每月房租九百", "rent", 900),
    ("门面租给他，一年租金四万", "rent", 40000),
    # fee
    ("物业费一年两千四", "fee", 2400),
    ("学费交了一万八", "fee", 18000),
    ("服务费收了五百", "fee", 500),
    # interest: the sum said as interest is not the loan ("借五万，先扣了五千利息")
    ("他当场先扣了五千块利息", "interest", 5000),
    ("一年利息三千", "interest", 3000),
    ("每个月光利息就得一千二", "interest", 1200),
    ("光利钱就还了八千", "interest", 8000),
    ("砍头息扣了六千", "interest", 6000),
    ("放贷的提前扣了两千", "interest", 2000),
    # paid_for: what was paid (or taken) for someone else's debt
    ("银行把俺的钱扣了三万二替他还了", "paid_for", 32000),
    ("我替他还了一万八", "paid_for", 18000),
    ("法院从我卡里划走了四万六", "paid_for", 46000),
    ("替表弟垫付了两万块", "paid_for", 20000),
    ("信用社扣了我五万", "paid_for", 50000),
    ("俺帮朋友还上了六千八", "paid_for", 6800),
    ("右腿骨折，住了二十天院，花了三万八", "medical_costs", 38000),
    ("孙子拉肚子，去卫生院看花了二百", "medical_costs", 200),
    ("中介费交了一千五", "fee", 1500),
    ("培训班收了六千八学费", "fee", 6800),
    ("物业催我交物业费三千六", "fee", 3600),
    ("说我卖的米不合格要罚五万", "fee", 50000),
    ("城管罚我两千", "fee", 2000),
    # extra_pay: money added on top ("多发三百"), not the wage itself
    ("说社保的钱每月多发我三百块到工资里", "extra_pay", 300),
    ("老板说另给我两千", "extra_pay", 2000),
    ("每个月多给我两百块钱", "extra_pay", 200),
    ("不买社保的话每月额外给我五百", "extra_pay", 500),
    ("老板说另外补我一千", "extra_pay", 1000),
    ("厂里说不交社保就每月多开八百", "extra_pay", 800),
    # claimed: what the other side asks of the user
    ("我说给他退四十八，他不同意，非要一千块", "claimed", 1000),
    ("人家家长让我们赔三万，说要不然就告", "claimed", 30000),
    ("他家里让我一次赔十万", "claimed", 100000),
    ("对方张口就要二十万", "claimed", 200000),
    ("人家要我给他一万块了事", "claimed", 10000),
    ("她要我赔她八千块", "claimed", 8000),
    ("他要我拿两万出来", "claimed", 20000),
    # instalment: what the one who owes can pay each month
    ("我一个月能还两千", "instalment", 2000),
    ("跟法院商量，每月还一千五", "instalment", 1500),
    ("想分期，每个月还三千", "instalment", 3000),
    ("一个月只能还八百块", "instalment", 800),
    ("他答应每月还五千", "instalment", 5000),
    ("俺一个月还不了那么多，最多一个月还一千", "instalment", 1000),
    # cover: an insurance policy's sum, not money spent
    ("车有交强险，还买了一百万的三者险", "cover", 1000000),
    ("三者险保额是一百五十万", "cover", 1500000),
    ("买了份五十万的意外险", "cover", 500000),
    ("车上了两百万的商业险", "cover", 2000000),
    ("三责险买的是一百万", "cover", 1000000),
    ("保险金额三十万", "cover", 300000),
    # savings
    ("家里存款二十万，都在老伴名下", "savings", 200000),
    ("老两口攒了八万块", "savings", 80000),
    ("存折里还有三万多", "savings", 30000),
    ("银行卡里有六万", "savings", 60000),
    ("我老伴留下十二万存款", "savings", 120000),
    ("她妈一辈子的积蓄有五万", "savings", 50000),
    # support
    ("每个月给孩子八百块抚养费", "support", 800),
    ("赡养费一个月五百块", "support", 500),
    ("法院判他每月给孩子一千抚养费", "support", 1000),
    ("三个儿子每人每年出两千赡养费", "support", 2000),
    ("抚养费一个月一千二", "support", 1200),
    ("孩子他爸一分生活费都不给，我想要两千", "support", 2000),
    # bride_price
    ("彩礼给了十八万八", "bride_price", 188000),
    ("当时给了女方二十万彩礼", "bride_price", 200000),
    ("彩礼钱十六万", "bride_price", 160000),
    ("订婚时给了礼金八万块", "bride_price", 80000),
    ("男方给的彩礼三十万", "bride_price", 300000),
    ("结婚时要了十五万彩礼", "bride_price", 150000),
]


@pytest.mark.parametrize(("text", "kind", "value"), AMOUNTS)
def test_a_sum_is_filed_under_what_its_words_say(text: str, kind: str, value: int) -> None:
    assert _amounts(text) == {kind: Decimal(value)}


def test_every_amount_kind_has_six_sentences() -> None:
    counts = {k: sum(1 for _, kind, _ in AMOUNTS if kind == k) for k in AMOUNT_KINDS}
    assert min(counts.values()) >= 6, counts


@pytest.mark.parametrize(("text", "kind", "value", "not_kind"), [
    # a price is not medical costs, even near a hospital or an injury
    ("在药店花了三百块买的保健品", "price", 300, "medical_costs"),
    ("买电动车花了三千五，后来出车祸住院", "price", 3500, "medical_costs"),
    ("在医院门口的小卖部买了个轮椅，花了两千", "price", 2000, "medical_costs"),
    ("买了份医疗保险，交了三千", "price", 3000, "medical_costs"),
    # an offered settlement is not a loan (nor the loss itself)
    ("他们拿了三万给我，让我别告了", "offered", 30000, "loan"),
    ("对方私了给了五万，说这钱不用还", "offered", 50000, "loan"),
    ("对方给了两万块钱，说是赔偿，让我写个谅解书", "offered", 20000, "loss"),
    # wages are not a loan, even with 欠 or 借口
    ("老板欠我三个月工资八千", "wages_owed", 8000, "loan"),
    ("包工头借口没钱，欠着俺们一万块工钱", "wages_owed", 10000, "loan"),
    ("老板还欠俺一万二", "wages_owed", 12000, "loan"),
    ("一个月工资四千", "monthly_wage", 4000, "loan"),
    ("老板说给我一个月四千", "monthly_wage", 4000, "offered"),
    ("他说给我两万", "offered", 20000, "monthly_wage"),
    # a monthly sum of another kind is not a wage; a deposit is not the price
    ("赡养费一个月五百块", "support", 500, "monthly_wage"),
    ("房租一个月一千二", "rent", 1200, "monthly_wage"),
    ("就一个月三千来块退休金", "pension", 3000, "monthly_wage"),
    ("订酒席交了两千块定金", "deposit", 2000, "price"),
    # worked up to a month, then "他欠我…": the wages, not a loan
    ("跟着工头从四月干到八月底，他欠我一万六", "wages_owed", 16000, "loan"),
    ("单位只给我发了两千多的基本工资", "monthly_wage", 2000, "offered"),
    ("交警调解，对方又给了我三万", "offered", 30000, "medical_costs"),
    ("进厂交了二百块工服费", "deposit", 200, "price"),
])
def test_a_sum_is_not_read_as_a_neighbouring_kind(text: str, kind: str, value: int,
                                                   not_kind: str) -> None:
    amounts = _amounts(text)
    assert amounts.get(kind) == Decimal(value)
    assert not_kind not in amounts


def test_two_sums_in_one_message_each_take_their_own_words() -> None:
    assert _amounts("房租一千，押金两千") == {"rent": Decimal(1000), "deposit": Decimal(2000)}
    assert _amounts("一个月工资四千，老板还欠我一万二") == {
        "monthly_wage": Decimal(4000), "wages_owed": Decimal(12000)}
    assert _amounts("医药费花了两万三，对方只肯出一万") == {
        "medical_costs": Decimal(23000), "offered": Decimal(10000)}


# Signals: (sentence, value), at least eight each way per signal; later clauses win.
SIGNALS = {
    "employment_ongoing": [
        ("还在那干着呢", True),
        ("我现在还在厂里上班", True),
        ("目前在职", True),
        ("还没辞职，天天照常上班", True),
        ("一直干到现在", True),
        ("人还在工地上干活", True),
        ("我想辞职，老板不给工资咋办", True),
        ("还上着班呢", True),
        ("俺还没离开那个厂", True),
        ("被辞退过一回，后来又回去了，现在还在那干", True),
        ("九月底就不干了", False),
        ("不在那干了", False),
        ("老板让我别来了", False),
        ("俺是从砖厂出来的", False),
        ("干完活就走了", False),
        ("我十月就辞了", False),
        ("上个月被辞退了", False),
        ("老板把我开了", False),
        ("早就走了", False),
        ("叫我明天不用来了", False),
        ("合同到期没续，就回老家了", False),
        ("我没辞职，是老板让我别来了", False),
    ],
    "written_contract": [
        ("签了合同", True),
        ("合同签了", True),
        ("有合同", True),
        ("签过劳动合同", True),
        ("签了三年的合同", True),
        ("签了", True),
        ("跟公司签的劳动合同", True),
        ("合同早就签了", True),
        ("租房的时候签了协议", True),
        ("没签合同", False),
        ("啥也没签", False),
        ("口头说的", False),
        ("合同没签，口头说的", False),
        ("就是口头上讲好的", False),
        ("老板不给签", False),
        ("一直没签过", False),
        ("没有劳动合同", False),
        ("单位没跟我签劳动合同", False),
        ("嘴上答应的，没有字据", False),
        ("一开始说签了合同，不对，合同没签", False),
    ],
    "injured": [
        ("不小心摔伤了腿", True),
        ("腿被砸断了", True),
        ("被打得鼻青脸肿", True),
        ("头上缝了五针", True),
        ("手指被机器压断了", True),
        ("扭伤了脚", True),
        ("撞得挺重，肋骨断了两根", True),
        ("他把我打了，脸都肿了", True),
        ("被狗咬了一口", True),
        ("我没受伤", False),
        ("人没事，就是车坏了", False),
        ("人都好好的", False),
        ("幸亏没伤着", False),
        ("皮都没破", False),
        ("孩子倒是没啥事", False),
        ("毫发无损", False),
        ("没受什么伤", False),
        ("车撞坏了，人没伤", False),
    ],
    "hospitalised": [
        ("住了半个月院", True),
        ("在医院躺了二十多天", True),
        ("进了ICU", True),
        ("做了手术", True),
        ("开了刀", True),
        ("现在还没出院", True),
        ("上个月出的院", True),
        ("在县医院住着呢", True),
        ("抢救了三天", True),
        ("一开始没住院，后来转到县医院住了十天", True),
        ("没住院", False),
        ("在门诊看的", False),
        ("包扎了一下就回家了", False),
        ("医生说不用住院", False),
        ("开了点药就回来了", False),
        ("没让住院，在家养着", False),
        ("打了针就回来了", False),
        ("只是门诊，没住", False),
        ("医院没床位，没住上院", False),
    ],
    "died": [
        ("我爸去年走了", True),
        ("人没了", True),
        ("没抢救过来", True),
        ("当场就死了", True),
        ("我老伴前年过世了", True),
        ("他是在工地上摔死的", True),
        ("奶奶腊月里咽的气", True),
        ("丧葬费怎么算", True),
        ("我大哥不在了", True),
        ("人还活着", False),
        ("命保住了", False),
        ("抢救过来了", False),
        ("捡回一条命", False),
        ("没死，在ICU躺着", False),
        ("老人没去世，是被儿子赶出来了", False),
        ("人还在医院，没什么生命危险", False),
        ("医生说已经脱离危险了", False),
    ],
    "disability_assessed": [
        ("定了九级伤残", True),
        ("伤残鉴定做了", True),
        ("劳动能力鉴定结果出来了，七级", True),
        ("评了十级", True),
        ("做过伤残鉴定", True),
        ("鉴定是八级伤残", True),
        ("已经评残了", True),
        ("鉴定完了，说是十级", True),
        ("伤残鉴定还没做", False),
        ("还没鉴定", False),
        ("没做伤残鉴定", False),
        ("不知道怎么做伤残鉴定", False),
        ("单位不让做鉴定", False),
        ("伤残等级还没评", False),
        ("准备去做劳动能力鉴定", False),
        ("还没去申请劳动能力鉴定", False),
        ("说是要评残，现在还没评", False),
    ],
}


@pytest.mark.parametrize(("signal", "text", "value"), [
    (signal, text, value) for signal, cases in SIGNALS.items() for text, value in cases])
def test_core_signals_in_citizens_words(signal: str, text: str, value: bool) -> None:
    assert _facts(text).flag(signal) is value


def test_every_signal_has_eight_phrasings_each_way() -> None:
    for signal, cases in SIGNALS.items():
        assert sum(v for _, v in cases) >= 8, signal
        assert sum(not v for _, v in cases) >= 8, signal


# Sums and dates the code once missed (cn2an/jionlp seams closed in assistant/consult/money.py,
# chrono.py and knowledge/signals.py _kind_near).
@pytest.mark.parametrize(("text", "kind", "value"), [
    ("抢救花了十来万", "medical_costs", 100000),  # N来万 / N多万: the round number said
    ("老公赌博欠了二十多万", "loan", 200000),
    ("买的时候六千四", "price", 6400),  # a Chinese numeral with 千/万 in it is money
    ("两千八买的", "price", 2800),
    ("每月三千五，包吃住", "monthly_wage", 3500),
    ("还有三个月工钱没给，一共一万五", "wages_owed", 15000),  # the word is a clause back
    ("物业说我欠了两年物业费，一共三千六", "fee", 3600),
    ("订婚给了八万八的礼金", "bride_price", 88000),
    # the sum offered for a signature, said after the signature
    ("拿来个单子让签字，给两千块钱，以后啥事都跟厂里没关系", "offered", 2000),
    ("让俺签个字就给五千", "offered", 5000),
    ("他是去年三月初来的，一个月四千五", "monthly_wage", 4500),
    ("他说干了一年半要赔八万多", "claimed", 80000),
    ("给一户人家照顾老太太，走的时候雇主还欠我五千块", "wages_owed", 5000),
    ("工钱还欠着俺三个月的，一个月三千八", "wages_owed", 11400),  # months owed × the wage
])
def test_sums_said_the_way_people_say_them(text: str, kind: str, value: int) -> None:
    assert _amounts(text).get(kind) == Decimal(value)


@pytest.mark.parametrize(("text", "kind", "first", "last"), [
    # a month without a year: jionlp reads nothing, chrono.py takes the month that has passed
    ("九月份在农资店买的种子，种下去不出苗", "purchase", date(2026, 9, 1), date(2026, 9, 30)),
    ("我八月份走的，老板说等过年再给钱", "left_job", date(2026, 8, 1), date(2026, 8, 31)),
    # a lunar day in the future is the same lunar day a year earlier (not 12 solar months)
    ("奶奶腊月二十走的", "death", date(2026, 2, 7), date(2026, 2, 7)),
])
def test_dates_jionlp_alone_misses(text: str, kind: str, first: date, last: date) -> None:
    span = _facts(text).dates.get(kind)
    assert span is not None and (span.first, span.last) == (first, last)


def test_a_marriage_long_ago_lends_no_kind_to_the_next_clause() -> None:
    # "早嫁到外村了" says she married long ago; the next clause's day is the demolition's
    assert "marriage" not in _dates("俺是闺女，早嫁到外村了。上个月底村里说老院子要拆迁")


def test_a_criminal_detention_is_the_event_and_the_non_prosecution_the_decision() -> None:
    dates = _dates("我儿子去年被刑事拘留又逮捕，关了五个多月，今年十月检察院说证据不足，决定不起诉，人放出来了")
    assert dates == {"incident": date(2025, 1, 1), "decision": date(2026, 10, 1)}


def test_an_engagement_is_no_purchase() -> None:
    # "订的婚": 订 is betrothal here, not an order
    facts = _facts("我跟对象去年订的婚，他家给了彩礼八万八")
    assert "purchase" not in facts.dates and "buyer" not in facts.roles
    assert "purchase" in _dates("去年订了个衣柜，到现在没送来")


def test_the_day_an_x_ray_found_it_is_the_diagnosis_not_the_accident() -> None:
    dates = _dates("八月二十几号的事，后来他一直疼，上个月去拍片子说是骨折了")
    assert dates == {"incident": date(2026, 8, 20), "diagnosis": date(2026, 11, 1)}


def test_a_neighbour_clause_with_its_own_date_keeps_its_words() -> None:
    # The wedding day is not overwritten by the later, wordless 2020.
    assert _dates("我们2010年结的婚，2020年他就不回家了") == {
        "marriage": date(2010, 1, 1), "incident": date(2020, 1, 1)}


def test_support_per_month_is_not_a_wage() -> None:
    # the sum names what it is about even where that is said unpaid (不给赡养费, 没交房租)
    assert _amounts("儿子不给赡养费，一个月要五百").get("support") == Decimal(500)
    assert _amounts("租客三个月没交房租了，一个月一千五").get("rent") == Decimal(1500)


# Gaps left in the kind words (strict: a fix shows up as XPASS and the mark can go).


def test_repay_before_a_day_is_the_due_date() -> None:
    span = _facts("说好2025年10月1日前还清").dates.get("loan_due")
    assert span is not None and (span.first, span.last) == (date(2025, 10, 1), date(2025, 10, 1))


def test_an_operation_paid_for_is_medical_costs() -> None:
    # 花了 is only a fallback price word: 手术/医院 a clause back names what the sum was for
    assert _amounts("去年三月在县医院做的手术，花了五万多") == {"medical_costs": Decimal(50000)}
    assert _amounts("在县医院住了二十多天，花了三万多") == {"medical_costs": Decimal(30000)}
    assert _amounts("在商场买了个冰箱，花了三千") == {"price": Decimal(3000)}


@pytest.mark.parametrize("text", ["俺爹上个月没了，今天有个人拿着借条上门", "我老公八月份病没了",
                                  "婆婆今年九月也走了，没留遗嘱"])
def test_a_relative_who_died_with_the_day_between(text: str) -> None:
    facts = _facts(text)
    assert set(facts.dates) == {"death"}
    assert facts.signals.get("died") is True


@pytest.mark.parametrize("text", ["表弟从我这拿走了八千", "俺家钱没了", "他打了我好几个电话"])
def test_taking_away_losing_money_and_phone_calls_are_no_death_or_injury(text: str) -> None:
    facts = _facts(text)
    assert "death" not in facts.dates
    assert not facts.signals.get("died") and not facts.signals.get("injured")


@pytest.mark.parametrize("text", ["小工换轮胎的时候让千斤顶砸了脚", "他又把我胳膊打青了",
                                  "回家半夜上吐下泻，医院说是食物中毒", "在医院昏迷了好些天"])
def test_injuries_said_verb_first(text: str) -> None:
    assert _facts(text).signals.get("injured") is True


@pytest.mark.parametrize(("text", "day"), [
    ("十月十二号给俺的不批的通知", date(2026, 10, 12)),
    ("通知是上个月二十号给的", date(2026, 11, 20)),
    ("上个礼拜二交警在路口当场罚了我二百", date(2026, 11, 24)),
])
def test_an_authority_s_answer_is_the_decision_day(text: str, day: date) -> None:
    assert _dates(text) == {"decision": day}


def test_a_period_given_is_no_day_that_happened() -> None:
    # "七天内自行拆除" is the time the notice gave, not 5 December
    assert _dates("上个礼拜五镇上贴了通知，让俺七天内自行拆除") == {"decision": date(2026, 11, 27)}


@pytest.mark.parametrize("text", ["十一月三号早上我骑电动车去上班，半路上让车撞了", "昨天晚上在路口让车撞了"])
def test_a_day_with_its_part_of_day_is_an_exact_day(text: str) -> None:
    span = _facts(text).dates["incident"]
    assert span.first == span.last and not span.estimated


def test_a_day_of_the_month_is_no_lunar_day() -> None:
    # "二十八号" holds "十八", a lunar-looking day; said on 5 December it is 28 November
    facts = understand("裁决书是邮寄来的，我二十八号签收的", today=TODAY).facts
    assert facts.dates["judgment"].first == date(2026, 11, 28)


def test_a_day_denied_is_no_day_of_the_story() -> None:
    facts = _facts("哦不对，我说错了，是去年八月走的，不是今年。")
    assert set(facts.dates) == {"left_job"}
    assert (facts.dates["left_job"].first, facts.dates["left_job"].last) == \
        (date(2025, 8, 1), date(2025, 8, 31))


def test_months_of_wages_owed_are_no_monthly_wage() -> None:
    assert _amounts("老板还差我两个月工资六千四") == {"wages_owed": Decimal(6400)}
    assert _amounts("一个月工资三千五") == {"monthly_wage": Decimal(3500)}


def test_a_time_after_the_day_told_before() -> None:
    facts = _facts("我前年三月借给表弟十万块，借条上写的一年后还")
    due = facts.dates["loan_due"]
    assert (due.first, due.last) == (date(2025, 3, 1), date(2025, 3, 31))
    assert "loan_due" not in _facts("借条上写的一年后还").dates  # alone: no day of the past


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("俺想让他们一人一个月给五百", "support", 500),   # children giving to a parent: support
    ("老板一个月给我三千", "monthly_wage", 3000),
    ("土地补偿款往下分，每人三万五", "loss", 35000),  # the share a woman was refused
])
def test_who_gives_names_the_sum(text: str, kind: str, value: int) -> None:
    assert _amounts(text) == {kind: Decimal(value)}


@pytest.mark.parametrize("text", ["人家给了个不予核准的通知", "城管给了张扣押单"])
def test_a_notice_handed_over_is_a_decision_document_held(text: str) -> None:
    assert "decision_document" in _facts(text).evidence_held


def test_the_day_it_reached_the_person_is_the_decision_day() -> None:
    facts = _facts("二号是决定书上落款的日子，邮递员是四号才送到俺手上的")
    assert facts.dates["decision"].first == date(2026, 12, 4)


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("老周给俺打了张欠条，写着欠工钱叁万贰仟元", "wages_owed", 32000),  # financial capitals
    ("罚款决定书上写的罚款贰仟元", "fee", 2000),
])
def test_financial_capitals_are_sums(text: str, kind: str, value: int) -> None:
    assert _amounts(text).get(kind) == Decimal(value)


def test_the_date_printed_on_a_document_is_not_the_day_it_came() -> None:
    facts = _facts("决定书落款是2026年11月25号，俺是11月27号上礼拜五签收的")
    assert {k: d.first for k, d in facts.dates.items()} == {"decision": date(2026, 11, 27)}


@pytest.mark.parametrize(("text", "kind", "day"), [
    # a later date with no words of its own does not move a day its words call the incident
    ("九月十五号俺出了车祸，在医院躺了两个多月，十一月二十六号才出院", "incident", date(2026, 9, 15)),
    ("我女儿今年九月刚上一年级。上礼拜三课间在楼梯上被高年级的学生挤倒了，门牙磕掉一颗",
     "incident", date(2026, 11, 25)),
])
def test_the_day_it_happened_is_the_day_its_words_name(text: str, kind: str, day: date) -> None:
    assert _dates(text)[kind] == day


def test_a_sum_said_again_keeps_its_kind() -> None:
    # "把一万块退给他" speaks of the deposit told before, not of the price of the sale
    got = _amounts("把家里三万斤玉米卖给他，一共六万多块，他先给了俺一万块定金。"
                   "现在俺不想卖给他了，把一万块退给他行不行？")
    assert got == {"price": Decimal("60000"), "deposit": Decimal("10000")}


def test_a_corrected_delivery_day_moves_the_review_decision() -> None:
    first = understand("俺申请了复议，县政府维持了，复议决定书是本月二号收到的。", today=TODAY).facts
    assert first.dates["review_decision"].first == date(2026, 12, 2)
    then = understand("哦不对，二号是决定书上落款的日子，邮递员是四号才送到俺手上的。",
                      today=TODAY, previous=first).facts
    assert then.dates["review_decision"].first == date(2026, 12, 4)
    assert "decision" not in then.dates


def test_a_printed_day_named_later_gives_way_to_the_day_it_arrived() -> None:
    first = understand("复议决定书是十一月二十五号收到的。我还能去法院告吗", today=TODAY).facts
    then = understand("哎不对，二十五号是复议决定书上落款的日子，是邮寄的，我二十八号才收到",
                      today=TODAY, previous=first).facts
    assert then.dates["review_decision"].first == date(2026, 11, 28)
    assert "incident" not in then.dates


@pytest.mark.parametrize(("turns", "due"), [
    (["前年春上借了五万，说好的一年还"], date(2025, 2, 4)),
    (["二二年三月借给他三万，约定半年还清"], date(2022, 9, 1)),
    # the day it was made corrected later: the due day follows
    (["前年春上借了五万，说好的一年还", "俺说错了，不是前年，是二二年春上借的"], date(2023, 2, 4)),
])
def test_a_loan_told_by_its_term_falls_due_after_it(turns: list[str], due: date) -> None:
    facts = None
    for t in turns:
        facts = understand(t, today=TODAY, previous=facts).facts
    assert facts is not None
    got = facts.dates["loan_due"]
    assert got.estimated and got.first == due


def test_lending_a_bank_card_is_no_loan_day() -> None:
    assert "loan_made" not in _dates("前天晚上派出所把他带走了，说他前些天把银行卡借给别人用")
