"""What is true for this person leads the answer: the point a fact calls for is on the first
screen and its article among the cited ones (issue 13).

Each case is a whole conversation through the real engine on the real index; the phrasings are
the reviewers' kinds of story (the payer, the one asked to pay, the one whose shop moved), not
probe texts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.consult.engine import ConsultationEngine
from assistant.models import Reply, SessionState
from knowledge.index import KnowledgeIndex
from tests.support.services import engine_for

TODAY = date(2026, 12, 5)

# (turns, words the first screen says, (law, article) cited)
CASES: list[tuple[tuple[str, ...], str, tuple[str, str]]] = [
    # parents who never married: the child's support is the same (民法典第一千零七十一条)
    (("我和娃他爹没扯证，同居了四年，闺女两岁，他走了以后一分钱抚养费都不给",),
     "没领结婚证也一样", ("民法典", "第一千零七十一条")),
    # ... and a father who denies the child (婚姻家庭编解释（一）第三十九条)
    (("孩子他爸不认孩子，说不一定是他的，一直不给抚养费，我们没结婚",),
     "确认亲子关系", ("婚姻家庭编", "第三十九条")),
    # a card holder who died: an unforeseen change, not the seven days (预付式消费解释第十三条)
    (("我爸在澡堂子办了张年卡，充了三千，上个月人走了，卡里的钱店里不退",),
     "去世或病重", ("预付式消费", "第十三条")),
    # a customer who slipped in the user's shop (民法典第一千一百九十八条)
    (("我开的小饭馆，有个顾客在门口台阶上滑倒了，胳膊摔断了，她家要我赔三万，我要不要赔",),
     "安全保障义务", ("民法典", "第一千一百九十八条")),
    # a car lent to someone the owner knew had no licence (道交解释第一条)
    (("车借给我表哥开，我知道他驾照被吊销了，他把一个骑三轮的撞伤了，对方要我也赔，我要赔吗",),
     "不是全赔，也不是一分不赔", ("道路交通事故损害赔偿", "第一条")),
    # a teacher who saw the marks must report (反家庭暴力法第十四条)
    (("我是初中班主任，班上一个女生胳膊上老有青紫，她说是她后妈打的，我能直接报警吗",),
     "及时向公安机关报案", ("反家庭暴力法", "第十四条")),
    # relatives who never signed owe nothing (民法典第四百六十五条)
    (("俺闺女在外面借了人家五万，债主跑到俺家要俺们替她还，俺们要还吗",),
     "谁借的钱谁还", ("民法典", "第四百六十五条")),
    # made to the buyer's measure: no seven-day return (消费者权益保护法第二十五条第一款第一项)
    (("我在网上卖定做的窗帘，按买家给的尺寸做的，他收到说不喜欢颜色要七天无理由退，我得退吗",),
     "定做的东西，不适用7天无理由退货", ("消费者权益保护法", "第二十五条")),
    # the heir and her husband cannot witness the will that favours her (民法典第一千一百四十条)
    (("俺爹要把宅子留给俺，俺想找人打印一份遗嘱让他按手印，俺和俺男人一起当见证人，中不中",),
     "不能当遗嘱见证人", ("民法典", "第一千一百四十条")),
    # no fault shown, no penalty (行政处罚法第三十三条第二款)
    (("我妈去世后养老金多发了三个月，社保给我们下了处罚决定书，说冒领要罚款，我们真不知道人走了得去报，卡里的钱一分都没动，罚款能不能不交",),
     "没有主观过错", ("行政处罚法", "第三十三条")),
    # a married-out daughter inherits as a son does (民法典第一千一百二十六条)
    (("俺娘去年走了，没留遗嘱，俺大哥说俺是嫁出去的闺女，没有份，让俺签字放弃继承，这字能签不",),
     "继承权一样", ("民法典", "第一千一百二十六条")),
    # a live-in carer asked to pay for the old man's fall: by fault only (民法典第一千一百六十五条)
    (("我给人家当保姆照顾老爷子，一个月四千，前几天老爷子半夜自己下床摔了，他闺女扣了我工资还让我赔一万，我得赔吗",),
     "没有过错", ("民法典", "第一千一百六十五条")),
    # "you made mistakes" is no ground unless the breach of known rules is serious (劳动合同法第三十九条)
    (("主管让我明天别来了，又让我签自愿离职申请，说我上个月分错货还被罚过款，这是不是就有理由辞我",),
     "严重违反", ("劳动合同法", "第三十九条")),
]


@pytest.fixture(scope="module")
def engine(core_kb: KnowledgeIndex, data_dir: Path) -> ConsultationEngine:
    return engine_for(core_kb, data_dir, today=lambda: TODAY)


def _talk(engine: ConsultationEngine, turns: tuple[str, ...]) -> Reply:
    state = SessionState(session_id="p" * 24)
    return [engine.respond(state, t) for t in turns][-1]


@pytest.mark.parametrize(("turns", "words", "cited"), CASES, ids=[c[0][0][:24] for c in CASES])
def test_the_point_for_the_person_leads(engine: ConsultationEngine, turns: tuple[str, ...],
                                        words: str, cited: tuple[str, str]) -> None:
    reply = _talk(engine, turns)
    assert words in reply.first_screen, reply.first_screen
    law, article = cited
    assert any(law in c.law and c.article == article for c in reply.citations), \
        [(c.law, c.article) for c in reply.citations]
