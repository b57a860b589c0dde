"""Emergencies first: ongoing violence, threats to life, self-harm, a child in danger, a missing person.

Detection is rule-based and clause-local: a clause that matches a danger pattern but speaks of
the past (去年, 以前, 打过…) without a present-tense marker (正在, 现在又…) is a consultation,
not an emergency — "去年被打过，想离婚" goes on to the normal dialogue.

Every article cited here is checked against the knowledge pack by
``tests/assistant/consult/test_safety.py``:

* 反家庭暴力法 第十五条 — 公安机关接到家庭暴力报案后应当及时出警, 协助受害人就医、鉴定伤情;
* 反家庭暴力法 第二十三条 — 遭受家庭暴力或者面临现实危险, 可以申请人身安全保护令; 近亲属、
  公安机关、妇女联合会、居民委员会等可以代为申请;
* 反家庭暴力法 第二十八条 — 受理后七十二小时内作出, 情况紧急的二十四小时内作出;
* 未成年人保护法 第十一条 — 任何组织或者个人发现侵犯未成年人合法权益的情形, 都有权向公安、
  民政、教育等有关部门检举、控告.

No psychological crisis line number can be verified from the pack, so self-harm replies give
110/120 only and say so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

ADVL = "反家庭暴力法"
MINORS = "未成年人保护法"

_CLAUSE_SPLIT = re.compile(r"[，。！？；;,.!?\n]+")
_ONGOING = re.compile(r"正在|现在|此刻|刚刚|刚才|马上|快来|救命|救救|还在|又在|又开始|今晚|眼下|门外|门口")
_PAST = re.compile(
    # "关了好几天了" is still going on; "三年了" / "几天前" are background.
    r"去年|前年|以前|之前|上个月|上周|上礼拜|上星期|上次|上回|几年前|多年前|那年|当年|曾经|过去|小时候|那时"
    r"|[0-9一二两三四五六七八九十几]+(?:年|个月)(?:前|了|以来)|[0-9一二两三四五六七八九十几]+(?:天|周)前"
    r"|[打砍关骂锁威胁]过"
)
_FAMILY = re.compile(r"老公|丈夫|老婆|妻子|媳妇|前夫|前妻|家暴|家里|家人|公公|婆婆|岳父|岳母|继父|继母"
                     r"|爸|妈|父亲|母亲|儿子|女儿|哥|姐|弟|妹|同居")
_INJURY = re.compile(r"流血|出血|受伤|伤了|骨折|昏迷|晕|打伤|砍伤|捅伤|喝了农药|吃了.{0,4}药|割腕")
_CUSTODY = re.compile(r"警察|公安|派出所|看守所|拘留|刑拘|逮捕|被抓")
_FATE_ASKED = re.compile(r"(?:会不会|会|要不要|能不能|怕|担心|是不是)(?:被)?(?:关|拘|抓|判|送)")
# The person says they are safe now: violence and confinement told without a present-tense
# marker are a consultation ("我没啥危险，他不打我").
_SAFE = re.compile(r"没(?:啥|什么|有)?(?:危险|事)|(?:现在|目前|暂时)(?:很|还|挺)?安全|我(?:现在)?安全"
                   r"|(?:他|她)(?:也|倒|从来)?(?:不|没|没有)(?:打|动手)")

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("self_harm", re.compile(
        r"不想活|活不下去|(?:想|要|准备|打算)(?:去)?(?:自杀|跳楼|跳河|轻生|寻死|死了算了|喝农药|吃安眠药|割腕)"
        r"|想死|结束(?:自己的)?生命|喝了农药|吃了(?:很多|一瓶|整瓶)?安眠药|割腕"
        # "不给钱俺就跳下去", "爬到塔吊上了": a threat to jump is a threat to life
        r"|跳下去|(?:就|要|我|俺)跳(?:楼|河|桥|江)"
        r"|(?:爬|站|坐)(?:到|在|上)(?:了)?[^，。！？,.!?]{0,8}(?:塔吊|楼顶|天台|桥栏|高压(?:线|塔))")),
    ("violence", re.compile(
        r"(?:正在|还在|又在|又开始|现在又|现在还|现在正|此刻|刚刚|刚才)[^，。！？,.!?]{0,6}"
        r"(?:打|殴打|掐|踢|砍|砸|捅|追|拿刀|动手|家暴|施暴)"
        # ... not "孩子先拿棍子逗狗": a stick waved at an animal threatens nobody
        r"|(?:拿|举|提|抄|握)(?:着|起|了)?(?:刀|菜刀|斧头|剪刀|砍刀|刀子|枪|棍子|铁棍|汽油)"
        r"(?![^，。！？,.!?]{0,3}(?:狗|猫|鸡|鸭|鹅|蛇|牛|羊|猪|马|它))"
        r"|持刀|持械|救命(?!钱)|砸门|踹门|堵在门口")),
    ("threat", re.compile(
        r"(?:要|扬言|威胁|说要|就)[^，。！？,.!?]{0,4}(?:杀了|杀死|弄死|砍死|打死|捅死|烧死|杀)"
        r"(?:我|你|她|他|孩子|我们|全家|人|俺|咱|娃)"
        r"|同归于尽|要(?:了)?我的命|泼硫酸|灭了我")),
    ("child_danger", re.compile(
        r"(?:孩子|小孩|儿子|女儿|娃|宝宝|闺女)[^，。！？,.!?]{0,6}"
        r"(?:被拐|被抱走|被绑架|被人带走|不见了|丢了|走丢|失踪|被锁|被关|被打得|被虐待|被性侵)"
        # ... not "说过年回来就把孩子抱走": a custody threat for later is a consultation
        r"|(?<![说要想就会去])把(?:我的?|他的?|她的?)?(?:孩子|小孩|儿子|女儿|娃|宝宝|闺女)(?:抱走|拐走|绑走)")),
    # "不让我出门" alone is control (a consultation about domestic violence), not an emergency.
    ("confinement", re.compile(
        r"被[^，。！？,.!?]{0,4}(?:关起来|关在|锁在|囚禁|拘禁|绑起来|绑架)|把我(?:关|锁)(?:起来|在)"
        r"|锁(?:在|着)(?:屋|家|房)[^，。！？,.!?]{0,4}不让我(?:出门|离开|走)|限制(?:我的)?人身自由")),
    ("missing", re.compile(r"(?<!宣告)失踪|不见了|走丢|找不到人|找不到了|一直没回(?:家|来)|没回家")),
)
# A missing-person clause counts only when the text is about a person (not a wallet or a debtor).
_PERSON = re.compile(r"老人|爸|妈|父亲|母亲|奶奶|爷爷|外婆|外公|老婆|老公|妻子|丈夫|家人|姐|妹|哥|弟"
                     r"|孩子|儿子|女儿|朋友|同学")


# ... nor when the one who cannot be found is the other side of a money dispute
# ("孙老板电话打不通人也找不到了": a boss or debtor who fled is a wage or debt question,
# not a missing person) ...
_OTHER_SIDE = re.compile(r"老板|包工头|工头|借钱的|欠(?:钱|款|债)|老赖|公司|厂长|房东|中介|卖家|商家|电话打不通")
# ... nor when the story is a loan and no one of the family is in it ("我老乡找我借了八万…
# 人就不见了": the debtor who vanished, whose "老家人" do not make him family).
_LOAN = re.compile(r"借(?:了|给|我|俺)|借条|欠条|欠(?:我|俺)|还钱|不还")
_KIN = re.compile(r"老人|爸|妈|父亲|母亲|奶奶|爷爷|外婆|外公|老婆|老公|妻子|丈夫|媳妇|孩子|儿子|女儿|闺女|娃")
# ... and not when the clause says where the person went ("媳妇回娘家一直没回来").
_WHERE_KNOWN = re.compile(r"娘家|打工|外地|外出|出去(?:干活|挣钱)|上班|住在|住到|躲到|在[^，。！？,.!?]{1,6}(?:住|待)")


@dataclass(frozen=True)
class Emergency:
    """What to show before anything else; ``basis`` holds (law_key, 第X条) pairs from the pack."""

    kind: str  # self_harm | violence | threat | confinement | child_danger | missing
    message_zh: str
    hotlines: list[str] = field(default_factory=list)
    basis: list[tuple[str, str]] = field(default_factory=list)


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "")


def _clause_hit(clause: str, text: str) -> str | None:
    for kind, pattern in _PATTERNS:
        if not pattern.search(clause):
            continue
        if kind == "missing" and (not _PERSON.search(text) or _WHERE_KNOWN.search(clause)
                                  or _OTHER_SIDE.search(clause)
                                  or (_LOAN.search(text) and not _KIN.search(text))):
            continue
        if _PAST.search(clause) and not _ONGOING.search(clause):
            continue  # a past event told as background: a consultation, not an emergency
        if kind == "confinement" and _CUSTODY.search(clause):
            continue  # detention by the police is a criminal-procedure question
        if kind in ("child_danger", "confinement") and (
                _CUSTODY.search(clause) or _FATE_ASKED.search(clause)):
            continue  # "娃会不会被关起来？": a parent asking about punishment, not a child in danger
        return kind
    return None


def detect_emergency(text: str, *, signals: Mapping[str, bool] | None = None
                     ) -> Emergency | None:
    """The emergency in ``text`` (first dangerous clause wins), or ``None``. ``signals`` (what
    the signal tables read) lets a denial count: "他不打我" sets ``domestic_violence`` false."""
    t = _normalise(text)
    safe = bool(_SAFE.search(t)) or (signals or {}).get("domestic_violence") is False
    for clause in _CLAUSE_SPLIT.split(t):
        kind = _clause_hit(clause, t)
        if kind is None:
            continue
        if safe and kind in ("violence", "confinement") and not _ONGOING.search(clause):
            continue
        return _build(kind, t)
    return None


def _build(kind: str, text: str) -> Emergency:
    if kind == "self_harm":
        return Emergency(kind, (
            "你的安全最重要。如果你现在有伤害自己的想法或已经受伤，请立即拨打120急救或110求助，"
            "并请身边信任的人马上陪着你。本服务无法核实心理援助热线的号码，所以这里只给出110和120。"
            "等你安全了，我们再慢慢说遇到的事情。"), ["120", "110"])
    lines = ["请先确保自己安全：立即拨打110报警。"]
    hotlines = ["110"]
    basis: list[tuple[str, str]] = []
    if kind in ("violence", "threat", "confinement") or _INJURY.search(text):
        lines.append("如有人受伤，请拨打120急救，并保留病历和伤情照片。")
        hotlines.append("120")
    if kind in ("violence", "threat", "confinement") and _FAMILY.search(text):
        lines.append(
            "如果是家里人施暴：公安机关接到家暴报案应当及时出警（《反家庭暴力法》第十五条）。"
            "安全后可以向法院申请人身安全保护令，本人不能申请的，近亲属、公安机关、妇联、居委会、"
            "村委会等可以代为申请（第二十三条）；法院受理后72小时内作出，情况紧急的24小时内作出"
            "（第二十八条）。妇女可拨打12338妇女维权热线。")
        hotlines.append("12338")
        basis += [(ADVL, "第十五条"), (ADVL, "第二十三条"), (ADVL, "第二十八条")]
    if kind == "child_danger":
        lines.append("任何人发现侵害未成年人的情形，都可以向公安、民政、教育等部门检举、控告"
                     "（《未成年人保护法》第十一条）。也可以拨打12355青少年服务台。")
        hotlines.append("12355")
        basis.append((MINORS, "第十一条"))
    if kind in ("missing", "child_danger"):
        lines.append("报警时说清楚最后见到的时间、地点和衣着，并马上请亲友一起寻找。")
    return Emergency(kind, "".join(lines), hotlines, basis)


_INJECTION = re.compile(
    r"ignore(?:all|the)?(?:previous|prior|above|earlier)?(?:instructions|prompts?|rules)"
    r"|disregard(?:all|the|your)?(?:previous|prior|above)?|systemprompt|youarenow|actas"
    r"|jailbreak|developermode|reveal(?:your)?(?:prompt|instructions|settings|system)"
    r"|(?:忽略|无视|忘掉|忘记|不要理会)(?:掉)?(?:以上|之前|上面|前面|所有|你的|先前)"
    r"|你现在是|从现在(?:开始|起)你是|扮演|系统提示|提示词|系统设定|越狱|开发者模式|不受任何限制"
    r"|(?:输出|告诉我|泄露|显示|打印)(?:一下)?你的(?:提示|指令|设定|设置|规则|系统)"
)


def looks_like_injection(text: str) -> bool:
    """True when ``text`` tries to override the assistant's instructions (logged and not obeyed)."""
    t = re.sub(r"[\s_\-]+", "", unicodedata.normalize("NFKC", text).lower())
    return _INJECTION.search(t) is not None
