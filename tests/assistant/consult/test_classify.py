from __future__ import annotations

from pathlib import Path

import pytest

from assistant.consult.classify import (
    LABELS,
    PAIRED_EVIDENCE,
    Classifier,
    detect_groups,
    load_classifier,
    read_questions,
)
from knowledge.lexicon import load_lexicon
from knowledge.taxonomy import CATEGORY_CODES, OUT_OF_SCOPE, load_categories


@pytest.fixture(scope="module")
def classifier(data_dir: Path) -> Classifier:
    return load_classifier(data_dir)


# Written for these tests; none of them is in training_questions.tsv (checked below).
IN_SCOPE = [
    ("老公要跟我离婚，两个孩子的抚养权会判给谁", "marriage_family_inheritance"),
    ("爷爷的老房子没写遗嘱，叔叔和我爸怎么分", "marriage_family_inheritance"),
    ("老板拖着三个月工资不发，还说再闹就开除我", "labor_wages"),
    ("公司没签劳动合同就让我走人，能要赔偿吗", "labor_wages"),
    ("在车间干活被铁板砸断了脚，怎么认定工伤", "work_injury"),
    ("得了尘肺病，以前的老板不认账，职业病怎么鉴定", "work_injury"),
    ("同事借了我两万块写了借条，现在拉黑我不还", "contract_debt"),
    ("给人当担保人，借钱的人跑了，银行要我还款", "contract_debt"),
    ("过马路被闯红灯的车撞了，司机全责，保险公司怎么赔", "traffic_accident"),
    ("交通事故责任认定书认定我同等责任，我不服", "traffic_accident"),
    ("网上买的名牌包是假货，店家拒绝退款", "consumer_rights"),
    ("美容院预付卡充了五千，店突然关门跑路了", "consumer_rights"),
    ("房东要提前收房，租房押金也不退", "housing_property_neighbor"),
    ("楼上装修漏水把我家墙面泡坏了，物业不管", "housing_property_neighbor"),
    ("村委会要收回我家的承包地给企业用", "rural_land_grassland"),
    ("草场被别人家的羊群占了，嘎查也不处理", "rural_land_grassland"),
    ("被隔壁的大狗咬伤了腿，狗主人不肯赔医药费", "personal_injury_tort_medical"),
    ("做完手术医生把纱布落在肚子里，医院要承担什么责任", "personal_injury_tort_medical"),
    ("丈夫一喝酒就家暴，我想申请人身安全保护令", "vulnerable_groups_dv"),
    ("儿女都不赡养我们老两口，还把我们赶出来", "vulnerable_groups_dv"),
    ("儿子因为盗窃被刑事拘留了，什么时候能取保候审", "criminal"),
    ("被电信诈骗骗走八万，公安立案了能追回吗", "criminal"),
    ("城管把我的早餐车扣了还罚款，我想申请行政复议", "administrative"),
    ("被派出所错误行政拘留了，可以要国家赔偿吗", "administrative"),
]

OUT_OF_SCOPE_QUESTIONS = [
    "我们公司的注册商标被别人在网上冒用，怎么起诉",
    "有限公司的小股东查阅公司账簿被拒绝",
    "专利侵权诉讼要准备什么证据",
    "海运提单上的货物被错交给了别人",
    "上市公司的股票被操纵，股民怎么索赔",
]


def test_test_questions_are_not_training_data() -> None:
    trained = {e.text for e in read_questions()}
    assert not trained & {q for q, _ in IN_SCOPE}
    assert not trained & set(OUT_OF_SCOPE_QUESTIONS)


def test_every_category_has_test_questions() -> None:
    assert {c for _, c in IN_SCOPE} == set(CATEGORY_CODES)


@pytest.mark.parametrize(("text", "expected"), IN_SCOPE)
def test_classifies_realistic_questions(classifier: Classifier, text: str, expected: str) -> None:
    result = classifier.classify(text)
    assert result.category == expected, (text, result)
    assert 0.0 <= result.confidence <= 1.0
    assert expected not in result.secondary


@pytest.mark.parametrize("text", OUT_OF_SCOPE_QUESTIONS)
def test_out_of_scope(classifier: Classifier, text: str) -> None:
    assert classifier.classify(text).category == OUT_OF_SCOPE


def test_in_scope_question_with_company_words_stays_in_scope(classifier: Classifier) -> None:
    # 股权 is an out-of-scope word, but dividing it in a divorce is a family question.
    result = classifier.classify("离婚的时候，老公名下公司的股权能不能分")
    assert result.category == "marriage_family_inheritance"


def test_unclear_question_gets_in_scope_category_with_low_confidence(classifier: Classifier
                                                                     ) -> None:
    result = classifier.classify("请问这个怎么办")
    assert result.category in CATEGORY_CODES
    assert result.confidence < 0.6


def test_confident_on_clear_questions(classifier: Classifier) -> None:
    assert classifier.classify("公司拖欠工资不发，要去劳动仲裁吗").confidence > 0.5


def test_secondary_categories_are_distinct_in_scope_codes(classifier: Classifier) -> None:
    result = classifier.classify("下班路上骑电动车被车撞了，算工伤还是交通事故")
    assert {result.category, *result.secondary} & {"work_injury", "traffic_accident"}
    assert result.category not in result.secondary
    assert set(result.secondary) <= set(CATEGORY_CODES)
    assert len(result.secondary) <= 2


def test_history_decides_a_vague_follow_up(classifier: Classifier) -> None:
    follow_up = "那我现在应该怎么办，要准备什么材料"
    with_labor = classifier.classify(follow_up, history=["老板欠了我两个月工资不给"])
    with_traffic = classifier.classify(follow_up, history=["我被一辆货车撞了，司机跑了"])
    assert with_labor.category == "labor_wages"
    assert with_traffic.category == "traffic_accident"


def test_history_weighs_less_than_the_current_turn(classifier: Classifier) -> None:
    result = classifier.classify("另外想问，房东不退押金怎么办", history=["老板欠了我工资"])
    assert result.category == "housing_property_neighbor"


def test_classification_is_deterministic(data_dir: Path, classifier: Classifier) -> None:
    from assistant.consult.classify import train_model, training_examples

    examples = training_examples(data_dir)
    assert {e.label for e in examples} == set(LABELS)
    text = "邻居家空调滴水到我家阳台"
    assert classifier.classify(text) == classifier.classify(text)
    assert load_classifier(data_dir) is classifier  # cached per pack
    again = Classifier(train_model(examples), categories=load_categories(),
                       lexicon=load_lexicon())
    assert again.classify(text) == classifier.classify(text)


@pytest.mark.parametrize(("text", "groups"), [
    ("我今年七十了，儿子不给养老钱", {"老年人"}),
    ("我家孩子才15岁，在饭店打工被打了", {"未成年人"}),
    ("我是残疾人，有残疾证，单位把我辞退了", {"残疾人"}),
    ("在工地打工一年，包工头不给钱", {"农民工"}),
    ("我是退役军人，安置的工作被取消了", {"军人"}),
    ("我是军嫂，老公在部队，我被单位辞退了", {"军人", "妇女"}),
    ("怀孕六个月被公司辞退", {"妇女"}),
    ("未满十八岁的孩子签的合同有效吗", {"未成年人"}),
])
def test_detect_groups(text: str, groups: set[str]) -> None:
    assert groups <= set(detect_groups(text))


def test_no_groups_in_plain_question() -> None:
    assert detect_groups("朋友借了我五万块钱不还") == []
    assert "残疾人" not in detect_groups("交通事故的残疾赔偿金怎么算")


def test_groups_reach_classification(classifier: Classifier) -> None:
    result = classifier.classify("还想问一下", history=["我今年七十了，儿子不给养老钱"])
    assert "老年人" in result.groups


def test_injury_at_work_counts_for_work_injury_even_when_words_are_apart(
        classifier: Classifier) -> None:
    work = LABELS.index("work_injury")
    apart = "在工地干活从架子上摔下来腿骨折了，老板只给了两千块医药费就不管了"
    without_setting = apart.replace("在工地干活", "帮亲戚修屋顶时")
    gain = classifier.keyword_evidence(apart)[work] - classifier.keyword_evidence(
        without_setting)[work]
    assert gain >= 1.0  # the pair (plus the setting's own keyword) is gone without the setting
    assert not any(ctx.search(without_setting) for _, ctx, _, _ in PAIRED_EVIDENCE)
    assert classifier.classify(apart).category == "work_injury"
