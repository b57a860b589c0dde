"""Recognition of contract_debt situations from citizens' own words (the engine's regression suite).

Each phrasing is read by the signal reader and matched against the contract_debt situations only;
the expected situation must come first. A second list says which situation must NOT fire.
"""

from __future__ import annotations

import pytest

from knowledge.situations import Situation
from tests.support.situations import category_pool, ranked_in

CATEGORY = "contract_debt"


def _pool() -> list[Situation]:
    return category_pool(CATEGORY)


def _matches(text: str, age: int | None = None) -> list[str]:
    return ranked_in(CATEGORY, text, age)


CASES: list[tuple[str, str]] = [
    # 借钱不还（有借条）
    ("朋友借了我两万块钱，打了借条，到期不还", "debt.loan_unpaid"),
    ("邻居找我借了五千块，写了欠条，说好年底还，到现在没动静", "debt.loan_unpaid"),
    # 只有转账记录
    ("借给同事一万，没打借条，就是微信转给他的", "debt.loan_without_iou"),
    ("前年借给我小舅子三万块，银行转的账，借条没打", "debt.loan_without_iou"),
    # 诉讼时效
    ("表弟借我三万，说好去年还，一直拖着，过了好几年了还能要吗", "debt.limitation_interrupted"),
    ("2018年借给老同学五万块，到现在没还，是不是过时效了", "debt.limitation_interrupted"),
    # 没约定还款时间
    ("借钱给他的时候没说什么时候还，现在能要吗", "debt.loan_no_due_date"),
    ("借条上没写还款日期，他说等有钱了再还", "debt.loan_no_due_date"),
    # 担保人被追
    # a ruling (not a judgment): 10 days (民事诉讼法第一百七十一条第二款)
    ("法院给了个裁定，说要先去劳动仲裁，把我的起诉驳回了，我想上诉", "debt.civil_appeal_ruling"),
    ("俺告他，法院裁定不予受理，俺不服，能上诉不", "debt.civil_appeal_ruling"),
    ("法院一审判我还他五万，我不服，还能上诉不", "debt.civil_appeal"),
    ("官司判了，判决书上礼拜收到的，我不服这个判决想往上告", "debt.civil_appeal"),
    # a relative's debt: who borrowed pays (民法典第四百六十五条)
    ("俺儿子在外头欠了人家八万，债主天天上俺家来要，说儿子还不上老子还，俺们要替他还吗", "debt.relative_debt_not_mine"),
    ("我弟弟借了网贷三万，催收天天给我打电话让我替他还，我没签过字，我要还吗", "debt.relative_debt_not_mine"),
    ("我给表哥做担保人，现在债主找我还钱", "debt.guarantor_pursued"),
    ("当年签字给他作保，现在人家把我告了", "debt.guarantor_pursued"),
    ("我给同事担保，法院从我工资里扣走了三万，能找他要回来吗", "debt.guarantor_recourse"),
    ("做担保人替朋友还了两万块，这钱能找他要不", "debt.guarantor_recourse"),
    ("我是保证人，借款到期都过去一年了，银行才来找我", "debt.guarantor_pursued"),
    # 出借人找担保人
    ("我借钱给老王，他弟弟当的担保人，老王不还了", "debt.lender_guarantor_claim"),
    ("借出去十万，有个担保人签了字，借款人跑路了", "debt.lender_guarantor_claim"),
    # 借款人被催、利息过高
    ("我借了他五万，月息3分，现在天天催我还", "debt.borrower_interest_cap"),
    ("跟朋友借了两万，说好月息两分，现在利滚利要我还四万", "debt.borrower_interest_cap"),
    # 砍头息
    ("借了一万块，对方先扣了两千利息，到手八千", "debt.upfront_interest"),
    ("借条写的五万，实际到账只有四万二，说是手续费", "debt.upfront_interest"),
    # the lender's side: what he can claim when interest was agreed or taken off first
    ("我借给表哥十万，说好月息三分，现在他不还了，本金利息能要多少", "debt.lender_interest_limit"),
    ("我借给朋友两万块钱，先扣了两千利息，借条写的两万，能按两万要吗", "debt.lender_interest_limit"),
    # ... and when none was agreed
    ("借给邻居一万块，没约定利息，拖了一年多，能不能要点利息", "debt.lender_no_agreed_interest"),
    ("我借给同学五千，也没说利息，过期好久了，利息怎么算", "debt.lender_no_agreed_interest"),
    # the judgment debtor whose wages are frozen: living costs must be left (民事诉讼法第二百五十四条)
    ("法院判我还人家三万，现在我银行卡被法院冻结了，一家老小吃饭咋办", "debt.judgment_debtor_living_costs"),
    ("判决下来我没钱还，工资卡让法院冻了，工资一进去就划走，能不能留点生活费", "debt.judgment_debtor_living_costs"),
    # 借款人失联
    ("借钱的人跑了，电话打不通，微信也把我拉黑了", "debt.borrower_missing"),
    ("朋友借了我八万，现在找不到人了", "debt.borrower_missing"),
    # 定金
    ("交了五千定金买车，车行不卖了，能要双倍吗", "debt.dingjin_double_return"),
    ("我收了人家一万定金，现在房子不想卖了", "debt.dingjin_double_return"),
    # 订金、预付款
    ("交了两千订金，现在不想买了，能退吗", "debt.dingjin_prepay_refund"),
    ("装修预付款交了三万，还没开工，能要回来吗", "debt.dingjin_prepay_refund"),
    # 货款
    ("他拿了我的货，货款三万一直拖着不给", "debt.unpaid_goods"),
    ("我卖给饭店的菜，赊了半年账，老板不结", "debt.unpaid_goods"),
    # 违约
    ("装修公司收了钱不按合同干活", "debt.contract_breach"),
    ("签了合同说好月底交货，对方一直不交货", "debt.contract_breach"),
    # 被逼写借条
    ("他们把我关起来逼我写了欠条", "debt.iou_coerced"),
    ("被人威胁着签了一张十万的借条，其实没借过钱", "debt.iou_coerced"),
    # 申请支付令
    ("别人欠我钱不还，听说可以申请支付令", "debt.payment_order_apply"),
    ("客户欠我货款，证据齐全，能不能走支付令", "debt.payment_order_apply"),
    # 收到支付令
    ("收到法院寄来的支付令，可我不欠他那么多", "debt.payment_order_received"),
    ("今天接到一个支付令，说我欠人家两万货款", "debt.payment_order_received"),
    # 小额诉讼
    ("欠我四千块钱，打官司划不划算", "debt.small_claims"),
    ("就几千块钱的货款，起诉要多长时间", "debt.small_claims"),
    # 判了不给：强制执行
    ("官司打赢了，法院判他还我八万，他就是不还", "debt.judgment_enforcement"),
    ("调解书上写着他分三次还，一次都没给，怎么申请强制执行", "debt.judgment_enforcement"),
    # asked to sign as guarantor, not yet signed: what signing means
    ("俺侄子要借人家二十万买货车，让俺在借条担保人那签个字，这字能签不", "debt.guarantee_before_signing"),
    ("朋友找我做担保人，借条上印着连带责任保证，我该不该签", "debt.guarantee_before_signing"),
    # a people's mediation agreement is binding but not enforceable without confirmation
    ("村调委会调解签了调解协议，他赔我一万二，剩下八千到现在没给，能让法院强制执行吗",
     "debt.mediation_agreement_unpaid"),
    ("司法所调解好了，协议上写着他月底前还钱，到期一分没还", "debt.mediation_agreement_unpaid"),
    # a defendant served with the summons: answer in 15 days, appear in court
    ("法院给我寄了传票和起诉书副本，下个月开庭，我该咋办", "debt.sued_defendant"),
    ("房东把我告到法院了，传票上写下个月开庭，我该咋办", "debt.sued_defendant"),
    # 欠钱还不上，会不会坐牢
    ("我欠了人家十几万还不上，会不会坐牢", "debt.cant_repay_jail"),
    ("法院判我还钱，我一时拿不出来，会被抓吗", "debt.cant_repay_jail"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_phrasing_finds_its_situation_first(text: str, expected: str) -> None:
    found = _matches(text)
    assert found, f"nothing matched {text!r}"
    assert found[0] == expected, f"{text!r}: {found[:3]}"


NOT_CASES: list[tuple[str, str]] = [
    ("借条上写明了还款日期，他就是不还", "debt.loan_no_due_date"),
    ("交的是定金，不是订金", "debt.dingjin_prepay_refund"),
    ("我不是担保人，只在借条上当了个见证人", "debt.guarantor_pursued"),
    ("还没收到支付令，只是对方说要去申请", "debt.payment_order_received"),
    ("人能找到，就是不还钱", "debt.borrower_missing"),
    ("借钱的时候打了借条，有他签字", "debt.loan_without_iou"),
    ("我借给他两万，他催我别急", "debt.borrower_interest_cap"),
]


@pytest.mark.parametrize(("text", "not_expected"), NOT_CASES)
def test_phrasing_does_not_match(text: str, not_expected: str) -> None:
    assert not_expected not in _matches(text)


def test_every_situation_has_phrasings() -> None:
    covered = [expected for _, expected in CASES]
    for s in _pool():
        assert covered.count(s.id) >= 2, f"{s.id} needs at least two phrasings"
