"""Build ``eval/data/noisy_transcripts.jsonl``: transcripts garbled the way speech recognition garbles.

    python -m eval.make_noisy_set

Each item has ``noisy`` (what the recogniser might print) and ``reference`` (what the citizen
said, in simplified standard Mandarin), with annotations: ``terms`` (garbled legal term → term;
the garbles are homophones and near-homophones typical of whisper on Mandarin, some of them
real words such as 上述/医嘱/使用期, which a conservative corrector should leave alone),
``dialect`` (dialect word → standard) and ``traditional`` (the noisy text is in Traditional
characters). Clean sentences full of sound-alike everyday words measure false changes.
Deterministic: the same file is produced every run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "data" / "noisy_transcripts.jsonl"

# (term, garbles)
GARBLES: list[tuple[str, tuple[str, ...]]] = [
    ("劳动仲裁", ("老动仲裁", "劳动中裁", "劳东仲裁")),
    ("工伤", ("公伤", "攻伤")),
    ("工伤认定", ("公伤认定", "工商认定")),
    ("仲裁", ("中裁", "仲才")),
    ("起诉", ("起述", "企诉")),
    ("赔偿金", ("陪偿金", "赔尝金")),
    ("经济补偿", ("经济不偿", "经济补尝")),
    ("诉讼时效", ("诉讼失效", "速送时效")),
    ("抚养费", ("服养费", "付养费")),
    ("赡养费", ("善养费", "扇养费")),
    ("彩礼", ("菜礼", "财礼")),
    ("宅基地", ("摘基地", "宅鸡地")),
    ("交强险", ("交枪险", "胶强险")),
    ("离婚冷静期", ("离婚冷静器",)),
    ("人身安全保护令", ("人身安全保户令",)),
    ("取保候审", ("取保后审",)),
    ("伤残等级", ("伤惨等级",)),
    ("民间借贷", ("民间借代",)),
    ("检察院", ("检查院",)),
    ("误工费", ("务工费",)),
    ("护理费", ("互理费",)),
    ("违约金", ("为约金",)),
    ("法律援助", ("法律原助",)),
    ("加班费", ("加班废",)),
    ("双倍工资", ("双被工资",)),
    ("试用期", ("使用期",)),
    ("欠条", ("欠调",)),
    ("借条", ("接条",)),
    ("上诉", ("上述",)),
    ("行政复议", ("行政复义",)),
    ("国家赔偿", ("国家陪偿",)),
    ("精神损害抚慰金", ("精神损害付慰金",)),
    ("死亡赔偿金", ("死亡陪偿金",)),
    ("劳动合同", ("劳动和同",)),
    ("土地承包", ("土地成包",)),
    ("强制执行", ("强制直行",)),
    ("职业病", ("职业并",)),
    ("遗嘱", ("医嘱",)),
    ("赡养", ("善养",)),
    ("经济补偿金", ("经济补偿斤",)),
]

FRAMES = (
    "请问{t}的事情该怎么处理",
    "我想咨询一下{t}的问题，我们这边没有律师",
    "关于{t}我需要准备哪些材料",
    "村里人都说{t}这个事情要抓紧办",
)

# Dialect frames: [dialect|standard] pairs; {t} is a (possibly garbled) legal term.
DIALECT_FRAMES = (
    "我[婆姨|妻子]让我问{t}的事情[咋办|怎么办]",
    "[俺|我]家[后生|年轻人]在工地干活，想问问{t}",
    "[夜来|昨天]老板说{t}的事情他不管",
    "[娃娃|孩子]他妈要问{t}，[咋整|怎么办]",
)

DIALECT_ONLY = (
    "我家[后生|年轻人]在工地上干活，[工钱|工资]一直没给",
    "[俺|我]在煤矿[揽工|打工]三年了，老板跑了",
    "[婆姨|妻子]要跟我离婚，[娃娃|孩子]归谁",
    "[年时|去年]借给邻居五千块钱，现在不认账了",
    "[东家|雇主]不给[工钱|工资]，我们这些[受苦人|干活的人][咋办|怎么办]",
    "[前晌|上午]在地里干活，[后晌|下午]就被人打了",
    "我[媳妇|妻子]被人打伤了，[波棱盖|膝盖]肿得厉害",
    "他老是[忽悠|哄骗]我们，说[工钱|工资]年底一起结",
    "[唠嗑|聊天]的时候他承认借了我的钱",
    "[俺们|我们][嘎查|嘎查]的草场被别人占了",
    "[嘎查达|村委会主任]不给我们分补偿款",
    "[两口子|夫妻]闹离婚，房子是[俺|我]爹买的",
    "我[闺女|女儿]在外地打工受了伤",
    "[姑爷|女婿]打我[闺女|女儿]，我们[咋办|怎么办]",
    "[后妈|继母]不让我回家，还不给我生活费",
    "邻居家的[长虫|蛇]跑到我家院子里了",
    "他开着[三蹦子|三轮车]把我撞了",
    "[啥|什么]时候能拿到赔偿",
    "[甭|不用]跟他说，直接去法院吧",
    "他们家[拉饥荒|欠债]了，还不上钱",
    "他[该|该]我三千块钱，[该钱|欠钱]不还",
    "[大夫|医生]说要住院一个月",
    "[俺们|我们]这儿的[受苦人|干活的人]都没有签合同",
    "老板[日弄|糊弄]我们，说好的钱不给",
    "[恓惶|可怜]的是[娃娃|孩子]没人管",
    "工头说[没麻达|没问题]，结果钱没给",
    "他[急眼|发火]了就动手打人",
    "[昨儿个|昨天]去法院立案了",
    "我[寻思|想]着去申请法律援助",
    "[咋回事|怎么回事]，合同上的名字不是我",
    "[小两口|年轻夫妻]吵架，男的动手了",
    "[老丈人|岳父]不让我见孩子",
    "[夜来|昨天][黑来|晚上]有人砸了我家的窗户",
    "[婆姨|妻子]的[工钱|工资]也被扣了",
    "[年时个|去年]签的[房钱|房租]合同到期了",
    "他[忽悠|哄骗][俺|我]签了字",
    "家里的[毛娃娃|婴儿]生病了，男方不给钱",
    "[咱|咱]们[这搭|这里]的地被征了",
    "给[娃娃|孩子]买了个布娃娃，结果是假货",
    "[后生|年轻人]骑[小电驴|电动车]被车撞了",
)

CLEAN = (
    "他去工商局办了营业执照",
    "上述情况全部属实",
    "医生的医嘱要按时吃药",
    "这份合同已经失效了吗",
    "婚后生了两个孩子",
    "公司在这个月倒闭了",
    "这个药的功效怎么样",
    "半夜来了一个人敲门",
    "我老公在外地工作",
    "受苦的是孩子",
    "扶养费和抚养费不是一回事",
    "定金和订金有什么区别",
    "这台机器的使用期是五年",
    "我们在路口直行的时候被撞了",
    "他的态度很坚定",
    "前方道路缓行",
    "家里养了十只山羊",
    "外出务工人员怎么交社保",
    "请仔细阅读上述条款",
    "工商登记的信息能查到吗",
    "菜里放多了盐",
    "她才离开不久",
    "我想申请劳动仲裁",
    "工伤认定需要多长时间",
    "离婚时彩礼要不要退",
    "交强险赔了一部分",
    "宅基地上的房子被拆了",
    "诉讼时效已经过了吗",
    "法院判决以后对方不执行",
    "孩子的抚养费每月多少",
    "老人的赡养费谁来出",
    "我和公司签过劳动合同",
    "他在公司上班摔伤了",
    "这件事情我们私下解决了",
    "他说会在年底还钱",
    "我们家的地被别人种了",
    "医院说是医疗事故",
    "商家卖的东西是假的",
    "房东不退押金",
    "警察来了以后做了笔录",
    "我要找律师打官司",
    "派出所让我们回家等通知",
    "他是公务员，工资很稳定",
    "公交车上有人偷东西",
    "孩子的老师打了他",
    "我母亲今年八十岁了",
    "这件事情时间太长了记不清",
    "他的公司注册在外地",
    "他的攻势很猛，我们都怕",
    "我们在市场上卖菜",
    "邻居家的狗咬了人",
    "合同里写了违约金的比例",
    "她在超市当收银员",
    "我们村的书记不管事",
    "我的工资卡被公司扣了",
    "银行贷款还不上了",
    "他拿了我的身份证去办卡",
    "结婚的时候给了三万块钱",
    "工地上的安全帽都没发",
    "他开车的时候在打电话",
)


def _split_pairs(frame: str) -> tuple[str, str, list[dict[str, str]]]:
    """'[a|b]' → noisy uses a, reference uses b."""
    noisy, ref, pairs = "", "", []
    rest = frame
    while "[" in rest:
        pre, _, tail = rest.partition("[")
        pair, _, rest = tail.partition("]")
        word, standard = pair.split("|")
        noisy += pre + word
        ref += pre + standard
        if word != standard:
            pairs.append({"word": word, "standard": standard})
    return noisy + rest, ref + rest, pairs


def build() -> list[dict[str, Any]]:
    import opencc

    s2t = opencc.OpenCC("s2t")
    items: list[dict[str, Any]] = []
    k = 0
    for term, garbles in GARBLES:
        for f_i, frame in enumerate(FRAMES + DIALECT_FRAMES[:1]):
            garbled = garbles[(f_i + k) % len(garbles)]
            k += 1
            noisy, ref, dialect = _split_pairs(frame.replace("{t}", garbled))
            ref = ref.replace(garbled, term, 1)
            traditional = k % 4 == 0
            items.append({
                "noisy": s2t.convert(noisy) if traditional else noisy, "reference": ref,
                "terms": [{"garbled": garbled, "term": term}], "dialect": dialect,
                "traditional": traditional,
            })
    for frame in DIALECT_FRAMES[1:]:
        for term, garbles in GARBLES[:6]:
            noisy, ref, dialect = _split_pairs(frame.replace("{t}", garbles[0]))
            items.append({"noisy": noisy, "reference": ref.replace(garbles[0], term, 1),
                          "terms": [{"garbled": garbles[0], "term": term}], "dialect": dialect,
                          "traditional": False})
    for frame in DIALECT_ONLY:
        noisy, ref, dialect = _split_pairs(frame)
        items.append({"noisy": noisy, "reference": ref, "terms": [], "dialect": dialect,
                      "traditional": False})
    for n, text in enumerate(CLEAN):
        traditional = n % 5 == 4
        items.append({"noisy": s2t.convert(text) if traditional else text, "reference": text,
                      "terms": [], "dialect": [], "traditional": traditional})
    return [{"id": f"n{i:03d}", **it} for i, it in enumerate(items, 1)]


def main() -> int:
    items = build()
    OUT.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), "utf-8")
    print(f"{len(items)} items → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
