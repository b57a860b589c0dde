"""Rule-based fact extraction from a citizen's own words.

Recognises dates (absolute and relative), amounts (Arabic or Chinese numerals with 万/千), durations,
whether a written contract exists, whether the job is ongoing, evidence the user says they hold
(negation-aware), injuries, the place, and the parties. Each fact is labelled by the clause it
came from (离职, 事故, 借款 …) so deadlines can be computed from the right date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from assistant.models import Amount, DateFact, Duration, Facts, Party
from knowledge.numerals import NUM_PATTERN, cn_to_int

_CLAUSE = re.compile(r"[，,。；;！!？?\n]")
_NUM = rf"[0-9０-９]+(?:\.[0-9]+)?|{NUM_PATTERN}"

# Clause keywords → date/amount label. Order matters: the first match labels the clause.
DATE_LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("离职", ("离职", "辞职", "辞退", "开除", "不干了", "解除", "被炒", "炒鱿鱼", "走人", "离开")),
    ("事故", ("事故", "撞", "车祸", "出事", "受伤", "摔", "砸", "伤了", "被打", "咬")),
    ("入职", ("入职", "进厂", "上班", "开始干", "去干活", "招进")),
    ("诊断", ("诊断", "确诊", "职业病")),
    ("认定书", ("认定书", "责任认定")),
    ("决定", ("决定", "处罚", "罚款", "通知", "拆", "征收", "吊销", "不予")),
    ("判决", ("判决", "裁定", "判了")),
    ("到期", ("到期", "约定还", "说好", "该还")),
    ("借款", ("借", "欠条", "借条")),
    ("结婚", ("结婚", "领证", "登记结婚")),
    ("离婚", ("离婚",)),
    ("购买", ("买", "下单", "收到货", "收货")),
    ("发生", ()),
)
_WAGE = ("工资", "工钱", "薪", "加班费", "血汗钱")
_OWED = ("欠", "拖", "没发", "不发", "没给", "不给", "克扣")
_MONTHLY = ("每月", "每个月", "月薪", "月工资", "一个月")
AMOUNT_LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("欠薪", ("工资", "工钱", "薪", "加班费", "血汗钱")),
    ("押金", ("押金", "定金", "订金")),
    ("彩礼", ("彩礼",)),
    ("医疗费", ("医疗费", "医药费", "住院费", "治疗")),
    ("借款", ("借", "欠", "还钱", "贷")),
    ("货款", ("买", "花了", "价", "货")),
    ("赔偿", ("赔",)),
    ("金额", ()),
)

_ABS_DATE = re.compile(
    r"(?P<y>\d{4}|[零〇一二三四五六七八九]{4})\s*[年./-]\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月?"
    r"(?:\s*[./-]?\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]?)?"
)
_REL_YEAR = re.compile(r"(?P<w>今年|去年|前年)\s*(?:(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月)?"
                       r"(?:\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])?")
_AGO = re.compile(rf"(?P<n>{_NUM}|半|几)\s*(?P<u>天|日|周|个?星期|个?礼拜|个?月|年)(?:多)?(?:以)?前")
_REL_WORD = {"昨天": 1, "前天": 2, "上周": 7, "上个星期": 7, "上个月": 30, "上月": 30}
_AMOUNT = re.compile(r"(?P<n>[0-9０-９.零〇一二两三四五六七八九十百千万亿]+)\s*(?P<cur>元|块钱?|块|圆)?")
_DURATION = re.compile(r"(?<![0-9])(?P<n>[0-9]{1,2}|[一二两三四五六七八九十半几]+)\s*(?P<u>天|个月|年|个星期|周)")
_NEG = ("没有", "没", "无", "未", "不给", "不肯", "拒绝", "丢了", "不在")

YEAR_WORDS = {"今年": 0, "去年": 1, "前年": 2}


def to_number(s: str) -> Decimal:
    """``3``, ``1.5``, ``三千五``-style numerals → Decimal (raises ValueError)."""
    s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", s):
        return Decimal(s)
    if s == "半":
        return Decimal("0.5")
    if re.fullmatch(r"[零〇一二三四五六七八九]{2,}", s) and "十" not in s:
        return Decimal(cn_to_int(s)) if len(s) == 1 else Decimal("".join(str(cn_to_int(c)) for c in s))
    # 三千五 means 3,500: a trailing digit after 千/百 is one unit below.
    m = re.fullmatch(r"(.*[千百])([一二两三四五六七八九])", s)
    if m:
        unit = 100 if m.group(1).endswith("千") else 10
        return Decimal(cn_to_int(m.group(1))) + Decimal(cn_to_int(m.group(2)) * unit)
    return Decimal(cn_to_int(s))


def parse_amount(s: str) -> Decimal:
    """``3万5千``, ``三万五千``, ``1.5万``, ``2亿``, ``800`` → Decimal (raises ValueError)."""
    total = Decimal(0)
    rest = s
    for unit, factor in (("亿", 10**8), ("万", 10**4)):
        if unit in rest:
            head, rest = rest.split(unit, 1)
            total += parse_amount(head) * factor if head else Decimal(factor)
    if rest:
        total += to_number(rest) if not re.fullmatch(r"[0-9]+千", rest) else Decimal(rest[:-1]) * 1000
    return total


def _int(s: str) -> int:
    return int(to_number(s))


def _label(clause: str, table: Iterable[tuple[str, tuple[str, ...]]]) -> str:
    for label, words in table:
        if not words or any(w in clause for w in words):
            return label
    return "发生"


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _years(s: str) -> int:
    return int(s) if s.isdigit() else int("".join(str(cn_to_int(c)) for c in s))


def extract_dates(text: str, *, today: date) -> list[DateFact]:
    out: list[DateFact] = []
    for clause in _CLAUSE.split(text):
        label = _label(clause, DATE_LABELS)
        for m in _ABS_DATE.finditer(clause):
            d = _safe_date(_years(m["y"]), _int(m["m"]), _int(m["d"]) if m["d"] else 1)
            if d and d <= today:
                out.append(DateFact(label=label, value=d, raw=m.group(0)))
        for m in _REL_YEAR.finditer(clause):
            y = today.year - YEAR_WORDS[m["w"]]
            d = _safe_date(y, _int(m["m"]) if m["m"] else 1, _int(m["d"]) if m["d"] else 1)
            if d and d <= today:
                out.append(DateFact(label=label, value=d, raw=m.group(0)))
        for m in _AGO.finditer(clause):
            try:
                n = Decimal(3) if m["n"] == "几" else to_number(m["n"])
            except ValueError:
                continue
            days = {"天": 1, "日": 1, "年": 365}.get(m["u"], 30 if "月" in m["u"] else 7)
            out.append(DateFact(label=label, value=today - timedelta(days=int(n * days)),
                                raw=m.group(0)))
        for word, days in _REL_WORD.items():
            if word in clause:
                out.append(DateFact(label=label, value=today - timedelta(days=days), raw=word))
    return out


def extract_amounts(text: str) -> list[Amount]:
    out: list[Amount] = []
    for clause in _CLAUSE.split(text):
        for m in _AMOUNT.finditer(clause):
            if not (m["cur"] or re.search("[万亿]", m["n"])):
                continue  # a bare number is more often a count or a date than money
            try:
                value = parse_amount(m["n"].strip("."))
            except (ValueError, InvalidOperation, IndexError):
                continue
            if value > 0:
                out.append(Amount(label=_amount_label(clause), value=value, raw=m.group(0)))
    return out


def _amount_label(clause: str) -> str:
    """Wages owed and a monthly wage read alike (工资); the clause's other words tell them apart."""
    if any(w in clause for w in _WAGE):
        if any(w in clause for w in _OWED):
            return "欠薪"
        if any(w in clause for w in _MONTHLY):
            return "月工资"
    return _label(clause, AMOUNT_LABELS)


def extract_durations(text: str) -> list[Duration]:
    out: list[Duration] = []
    for clause in _CLAUSE.split(text):
        if "前" in clause and _AGO.search(clause):
            continue
        for m in _DURATION.finditer(clause):
            try:
                n = Decimal(3) if m["n"] == "几" else to_number(m["n"])
            except (ValueError, InvalidOperation):
                continue
            unit = {"天": 1, "年": 365}.get(m["u"], 30 if "月" in m["u"] else 7)
            out.append(Duration(label=_label(clause, DATE_LABELS), days=int(n * unit), raw=m.group(0)))
    return out


def negated(text: str, start: int) -> bool:
    """Whether the phrase at ``start`` is negated by a word just before it in its clause."""
    window = text[max(0, start - 4) : start]
    clause_start = max(window.rfind(c) for c in "，,。；;！!？?") + 1
    return any(n in window[clause_start:] for n in _NEG)


def mentioned(text: str, phrases: Iterable[str]) -> tuple[set[str], set[str]]:
    """Phrases the text affirms and phrases it negates (没有借条 → negated)."""
    held: set[str] = set()
    lacking: set[str] = set()
    covered: set[int] = set()  # a shorter phrase inside a longer match (合同 in 劳动合同) is skipped
    for p in sorted(set(phrases), key=len, reverse=True):
        for m in re.finditer(re.escape(p), text):
            if covered.intersection(range(m.start(), m.end())):
                continue
            covered.update(range(m.start(), m.end()))
            (lacking if negated(text, m.start()) else held).add(p)
    return held - lacking, lacking


_CONTRACT_NO = re.compile(r"(没|没有|未|不)[^，。,；]{0,4}(签|签订|订立)[^，。,；]{0,4}合同|合同[^，。,；]{0,3}(没|没有|未)签")
_CONTRACT_YES = re.compile(r"(签了|签过|签订了|有)(书面)?(劳动)?合同")
_ONGOING_YES = re.compile(r"还在(厂里|公司|单位|那里|这里)?(干|上班|工作)|没(有)?离职|在职")
_ONGOING_NO = re.compile(r"离职|辞职|辞退|开除|不干了|被炒|解除(了)?劳动|走人|不让(我)?干")
INJURIES = ("骨折", "受伤", "伤残", "残疾", "住院", "死亡", "去世", "身亡", "截肢", "脑震荡", "烧伤", "流产")
PARTIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("用人单位", "organisation", ("老板", "公司", "厂", "单位", "工地", "包工头", "老板娘")),
    ("出租人", "person", ("房东",)),
    ("承租人", "person", ("租客", "房客")),
    ("对方司机", "person", ("司机", "肇事")),
    ("医院", "organisation", ("医院", "诊所", "医生")),
    ("经营者", "organisation", ("商家", "店", "卖家", "网店", "平台")),
    ("行政机关", "government", ("政府", "城管", "派出所", "公安", "街道", "镇里", "村委会", "局")),
    ("配偶", "person", ("老公", "老婆", "丈夫", "妻子", "媳妇", "对象")),
    ("借款人", "person", ("借钱", "借了我", "借给", "借走")),
)
_PLACE = re.compile(r"在([\u4e00-\u9fff]{2,8}?(?:省|市|县|区|旗|盟|镇|乡))")


def extract_facts(text: str, *, today: date, evidence_words: Iterable[str] = (),
                  previous: Facts | None = None) -> Facts:
    """Facts of one user turn merged into ``previous`` (later statements win for yes/no facts)."""
    f = previous.model_copy(deep=True) if previous else Facts()
    f.dates += extract_dates(text, today=today)
    f.amounts += extract_amounts(text)
    f.durations += extract_durations(text)
    if _CONTRACT_NO.search(text):
        f.written_contract = False
    elif _CONTRACT_YES.search(text):
        f.written_contract = True
    if _ONGOING_NO.search(text):
        f.employment_ongoing = False
    elif _ONGOING_YES.search(text):
        f.employment_ongoing = True
    held, lacking = mentioned(text, evidence_words)
    if f.written_contract is False:  # 不跟我签劳动合同: the contract is not evidence they hold
        lacking |= {w for w in held if "合同" in w}
        held = {w for w in held if "合同" not in w}
    f.evidence = sorted((set(f.evidence) | held) - lacking)
    f.injuries = sorted(set(f.injuries) | {w for w in INJURIES if w in text})
    roles = {p.role for p in f.parties}
    for role, kind, words in PARTIES:
        if role not in roles and any(w in text for w in words):
            f.parties.append(Party(role=role, kind=kind))  # type: ignore[arg-type]
    if f.place is None and (m := _PLACE.search(text)):
        f.place = m.group(1)
    return f


def latest(facts: Facts, *labels: str) -> DateFact | None:
    """The most recent date carrying one of ``labels`` (in the order of preference given)."""
    for label in labels:
        found = [d for d in facts.dates if d.label == label]
        if found:
            return max(found, key=lambda d: d.value)
    return None


def summarize_facts(facts: Facts) -> str:
    """One plain line per known fact, for the optional LLM prompt (no names or numbers of IDs)."""
    lines = [f"{d.label}：{d.value:%Y年%-m月%-d日}" for d in facts.dates]
    lines += [f"{a.label}：{a.value}元" for a in facts.amounts]
    lines += [f"{d.label}持续约{d.days}天" for d in facts.durations]
    if facts.written_contract is not None:
        lines.append("签了书面合同" if facts.written_contract else "没有签书面合同")
    if facts.employment_ongoing is not None:
        lines.append("目前仍在职" if facts.employment_ongoing else "已经离职")
    if facts.evidence:
        lines.append("已有证据：" + "、".join(facts.evidence))
    if facts.injuries:
        lines.append("伤情：" + "、".join(facts.injuries))
    if facts.groups:
        lines.append("特殊群体：" + "、".join(facts.groups))
    return "\n".join(lines) or "（用户没有提供更多事实）"
