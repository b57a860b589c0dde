"""From a citizen's words to ``Facts``: what they said, in the shared vocabulary.

One user turn is read against the facts already known: yes/no signals, the user's role and the
evidence they hold or lack come from the signal tables (negation-aware, both word orders,
corrections override); dates from ``chrono`` (jionlp), sums and ages from ``money`` (cn2an),
each labelled by the words of its clause (``九月底就不干了`` → ``left_job``). A date or sum whose
clause says nothing is what the last clarifying question asked for (``expecting``). Later turns
override earlier ones key by key; nothing the user did not say is ever filled in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from assistant.consult.chrono import TimeMention, find_times
from assistant.consult.money import MoneyMention, find_ages, find_money, to_number
from assistant.models import DateSpan, Facts, Money
from knowledge.rules.deadlines import add_months
from knowledge.signals import Reading, SignalReader, default_reader
from knowledge.vocabulary import AMOUNT_KINDS, DATE_KINDS

# How long someone worked ("干了八个月", "大半年"): the duration nearest these words.
_LEASE = re.compile(r"租|押金|房东|租客")
_MONTHLY = re.compile(r"(?:一个月|每个?月|一月)(?:的)?(?:房租|租金)?(?:是|交|给|收)?$")
_EMPLOYED = re.compile(r"干了|做了|上班|工作了|在.{1,8}(干|做)|打工|干活")
# "现在还能复议不" names no day; "今年七岁", "二〇一九年六月生的" are ages and births.
# A part of the day alone ("晚上加班的时候") names no day: the day is told elsewhere, or not at all.
_NOT_AN_EVENT = re.compile(r"^(?:现在|目前|如今|今天|这会儿|眼下|当时|那时|当年|那年|那会儿?|以前|过去|从前"
                           r"|早上|早晨|上午|中午|晌午|下午|傍晚|晚上|夜里|半夜|凌晨|白天|夜班|晚班"
                           # "债主这一年多也没找过俺", "这几年打了好几回": how long, not when
                           r"|这(?:一|两|几|半)(?:年|个月)"
                           # "现在过去一个多月了": how long since, not a day of the story
                           r"|过去(?:了)?(?:[0-9]+|[一二两三四五六七八九十几半]+)(?:个)?多?(?:月|天|年|礼拜|星期|周)(?:多)?)$")
# ... nor does the date printed on a document ("决定书落款是11月25号"): the day it reached the
# person is the one that counts.
_NOT_AN_EVENT_CLAUSE = re.compile(r"[0-9一二三四五六七八九十]岁|出生|生的|生日|落款|作出(?:的)?(?:日期|日子|时间)"
                                  # "上面写这个月二十二号开庭": the court's day, not the dispute's
                                  r"|开庭|庭审|出庭"
                                  # "让我们礼拜一去拿决定书": a day planned, not a day that happened
                                  r"|(?:礼拜|星期|周)[一二三四五六日天](?:再)?(?:去|来|过去|过来)(?:拿|取|领|办|签)"
                                  # "保质期到11月24号": the date printed on a package, not an event
                                  r"|保质期|有效期|生产日期"
                                  # "棚子是去年开春搭的": when it was built, not a day of the dispute
                                  r"|(?:搭|盖|建|砌)(?:起来|好)?的"
                                  # "今年九十一了", "俺是河南人，今年五十二": an age
                                  r"|今年[0-9一二三四五六七八九十]{2,4}(?:了|啦|$)"
                                  # "这个月二十号就满三年了": the day a period runs out, not an event
                                  r"|(?:就|才|正好|刚好)?满(?:[0-9一二两三四五六七八九十半]+)(?:个)?(?:年|月|天)")
# Words quoted from someone ("他说'今年手头紧，明年一定还'") carry their days, not the story's;
# a day counted from the story ("店长说'你明天就别来了'") is one.
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|'[^']*'|\"[^\"]*\"|「[^」]*」")
# "是去年八月走的，不是今年": the day denied is no day of the story.
_DENIED = re.compile(r"(?:不是|并不是|也不是|而不是)(?:在)?$")
# "是不是真的", "对不对" ask; they correct nothing
_CORRECTION = re.compile(r"(?<!对)不对|(?<!是)不是|说错|搞错|看错|记错|写错|弄错|听错|其实|更正|准确(地)?说")
# Who the user is changes only when they say who they are ("不对，我是房东"), not on any "不是"
# ("她是在我店里当面买的，不是网上买的" keeps the shopkeeper a seller).
# A correction of something else ("不对，出事是十月二十号") leaves the role as it was.
_ROLE_CORRECTION = re.compile(r"(?:我|俺)(?:才)?(?:不是|是)(?!.{0,2}在|后来|才|从|去|来|刚|当时|因为|听|看|想|被|让"
                              r"|今年|去年|前年|上个|这|那|怎么|咋|真|实在|一个人|自己)")
# "欠俺八千四", "还欠我们两万": money owed to the user, read as pay when the user is the worker
_OWED_ME = re.compile(r"欠(?:了)?(?:我|俺)(?:们)?(?:[0-9]|[一二两三四五六七八九十几])")
# A sum told as one of several ("最后一回", "其中一次", "头一笔"): a part, not the total told before.
_A_PART = re.compile(r"最后一(?:回|次|笔)|其中(?:一(?:回|次|笔))?|有一(?:回|次|笔)|头一(?:回|次|笔)"
                     r"|第[一二三四五六七八九十0-9]+(?:回|次|笔)|上一(?:回|次|笔)")
_LOOK_BACK = 16  # how far before a sum its "最后一回" or "有退休金，" is looked for
# The borrower's own words when he asked ("借我三万周转下，年底还你"): the day he named to repay
# is the loan's due day, quoted or not.
_LOAN_ASKED = re.compile(r"借(?:我|俺|给我|给俺)[^”’」\"']{0,16}还")
# "我妈有退休金，一个月两千出头", "一直吃着低保，一个月四百多": the month of a pension or an
# allowance named in the clause before (the group's name is the sum's kind)
_BENEFIT_BEFORE = re.compile(r"(?:(?P<pension>退休金|养老金|退休工资|退休费)|(?P<allowance>低保|救助金|五保|特困供养|补贴))"
                             r"[^。；;！!？?]{0,6}[，,][^，,。；;！!？?]{0,4}$")
_DIFFERENCE = re.compile(r"(?:涨|跌|贵|便宜|比[^，,。；;]{0,6}(?:多|少|高|低))(?:了|出|出了)?(?:个)?$")
_LEASE_ROLES = ("tenant", "landlord")
_JOB_ROLES = ("worker", "employer")  # "给物业看大门，一个月两千八" is pay, not the fee
_WAGE_WORD = re.compile(r"工资|工钱|薪|挣|赚")
_STICKY = ("died",)  # facts a later turn takes back only by a correction
_PLACE = re.compile(r"在([\u4e00-\u9fff]{2,8}?(?:省|市|县|区|旗|盟|镇|乡))")
_MINOR_AGE, _ELDERLY_AGE = 18, 60


@dataclass(frozen=True, slots=True)
class Understood:
    """The facts after this turn and what kind of question the turn asked."""

    facts: Facts
    reading: Reading

    @property
    def intents(self) -> tuple[str, ...]:
        return self.reading.intents


def understand(text: str, *, today: date, previous: Facts | None = None,
               expecting: Sequence[str] = (), reader: SignalReader | None = None) -> Understood:
    """``previous`` updated with what ``text`` says (a new ``Facts``; ``previous`` is kept)."""
    reader = reader or default_reader()
    reading = reader.read(text)
    facts = previous.model_copy(deep=True) if previous is not None else Facts()
    said = dict(reading.signals)
    if not _CORRECTION.search(text):
        # A death once told stays told: "老伴她妈还活着呢" in a later turn speaks of someone
        # else; only a correction ("不对，人没死") takes it back.
        said.update({k: True for k in _STICKY if facts.signals.get(k) is True and k in said})
    facts.signals.update(said)
    _topic_denied(facts, text, reader)
    # Who the user is, once said, holds: a later "欠我一万二" in a wage story does not make
    # a worker a lender (it is only a later candidate). Only a correction ("不对，我是……")
    # changes it.
    if reading.roles and (not facts.roles or _ROLE_CORRECTION.search(text)):
        facts.roles = list(reading.roles)
        facts.role = reading.roles[0]
    else:
        facts.roles += [r for r in reading.roles if r not in facts.roles]
    if facts.role == "worker" and "wages_owed" not in facts.signals and \
            _OWED_ME.search(text) and "借" not in text:
        facts.signals["wages_owed"] = True  # a worker's "欠俺八千四" is his pay, not a loan
    _evidence(facts, reading)
    _dates(facts, text, today, reader, expecting)
    if facts.flag("od_not_diagnosed") is True:
        # "县医院就是普通的呼吸科看的": what an ordinary doctor said is no occupational-disease
        # diagnosis, and its day starts no limit
        facts.dates.pop("diagnosis", None)
    sums = find_money(text)
    _amounts(facts, text, sums, reader, expecting)
    _units_bought(facts, text)
    _months_owed(facts, text, sums)
    _loan_term(facts, text)
    _age(facts, text, expecting)
    if (m := _PLACE.search(text)) and facts.place is None:
        facts.place = m.group(1)
    facts.groups = sorted(set(facts.groups) | _groups(facts))
    return Understood(facts, reading)


# "不是村里分钱的事，是俺娘留下的房子", "不是买东西，是我给人家干活": what the first part names is
# not the matter; what the second part names is.
_NOT_THIS_BUT = re.compile(r"(?:^|[，,。；;！!？?\s])(?:不对[，,]?\s*)?(?:也|并|根本)?不是(?P<no>[^，,。；;！!？?]{2,20}?)"
                           r"(?:的事|这事|这个事|的事儿|的问题)?[，,]\s*(?:是|而是|就是)(?P<yes>[^。！？!?]{2,40})")


def _topic_denied(facts: Facts, text: str, reader: SignalReader) -> None:
    """The signals only the denied part of a "不是A，是B" correction reads are taken back."""
    m = _NOT_THIS_BUT.search(text)
    if m is None:
        return
    denied = {k for k, v in reader.read(m["no"]).signals.items() if v}
    kept = {k for k, v in reader.read(text[:m.start()] + text[m.start("yes"):]).signals.items()
            if v}
    for k in denied - kept:
        facts.signals[k] = False


def _evidence(facts: Facts, reading: Reading) -> None:
    held = (set(facts.evidence_held) - reading.evidence_missing) | reading.evidence_held
    missing = (set(facts.evidence_missing) - reading.evidence_held) | reading.evidence_missing
    if facts.flag("written_contract") is False:  # "没签合同": no contract to hold
        held.discard("contract")
        missing.add("contract")
    facts.evidence_held, facts.evidence_missing = sorted(held), sorted(missing - held)


def _expected(expecting: Sequence[str], prefix: str) -> str | None:
    kinds = [f.split(".", 1)[1] for f in expecting if f.startswith(prefix + ".")]
    return kinds[0] if len(kinds) == 1 else None


def _dates(facts: Facts, text: str, today: date, reader: SignalReader,
           expecting: Sequence[str]) -> None:
    """Each date under the kind its words say; a date whose words say nothing is what the last
    question asked for, else — the first such date of the message — when "it" happened
    (``incident``): people tell their trouble starting with when it happened."""
    # ... unless an earlier turn already told when it happened: "上个月我去社保局问" in a second
    # turn is no new day of the injury (only a correction, "不对，是……", may move it).
    corrects = bool(_CORRECTION.search(text))
    before = dict(facts.dates)  # the days earlier turns told
    asked = {f.split(".", 1)[1] for f in expecting if f.startswith("dates.")}
    first_told = "incident" not in facts.dates or corrects
    mentions = find_times(text, today=today)
    unlabelled = (_expected(expecting, "dates") or _corrected(facts, text, mentions)
                  or ("incident" if first_told else ""))
    ages = {at for at, _ in find_ages(text)}  # "俺今年七十二": 今年 says how old, not when
    quoted = [q.span() for q in _QUOTED.finditer(text)]
    events: list[TimeMention] = []
    for m in mentions:
        inside = next(((a, b) for a, b in quoted if a < m.start and m.end < b), None)
        if any(m.end <= at <= m.end + 2 for at in ages) \
                or (inside is not None and not m.from_story
                    and not _LOAN_ASKED.search(text[inside[0]:inside[1]])):
            continue
        if m.duration_days is not None:
            if _EMPLOYED.search(_clause_of(text, m)):
                facts.durations["employment"] = m.duration_days
            continue
        if m.first is None or m.last is None or _NOT_AN_EVENT.search(m.raw) \
                or _NOT_AN_EVENT_CLAUSE.search(_clause_of(text, m)) \
                or _DENIED.search(text[max(0, m.start - 4):m.start]):
            continue
        events.append(m)
    # Only the days of the story hold a clause for themselves ("落款是25号，27号签收的").
    spans = [(m.start, m.end) for m in events]
    kinds = [reader.date_kind(text, m.start, m.end,
                              others=[x for x in spans if x != (m.start, m.end)]) for m in events]
    if unlabelled == "incident" and "incident" in kinds:
        unlabelled = ""  # "九月十五号出了车祸……十一月二十六号才出院": the crash is when it happened
    if unlabelled in kinds:
        unlabelled = ""  # "决定书是10月15号拿到的。他是9月份走的，九月中旬": the asked day was told
    # The last day whose words said its kind: (first, last, where it ended, kind).
    said: tuple[date, date, int, str] | None = None
    named: set[str] = set()  # kinds a day of this message was given by its own clause's words
    for m, kind in zip(events, kinds, strict=True):
        assert m.first is not None and m.last is not None  # events are days, not durations
        own = _own_kind(text, m, reader)
        if kind is not None and own is None and kind in named and _opens_sentence(text, m):
            # "前年把房子送给小儿子……房本也改成他的名了。今年四月份开始，他把我撵到后院":
            # a second day that opens a sentence and borrows the gift's words from the one
            # before is no second day of the gift, it is what happened next
            kind = None
        if own is not None:
            named.add(own)
        if kind is None and said is not None and said[0] <= m.first and m.last <= said[1] \
                and m.start - said[2] <= _RESTATED_GAP:
            # "9月份走的，九月中旬", "上个礼拜五收到的，就是11月27号": the day just told, again
            kind = said[3]
        if m.period is not None:
            # One end of a period ("从前年三月到今年十月在砖厂干"): a job's start and end when the
            # clause speaks of working; else the end is what its words say (or when it
            # happened), and the start counts only when its words name a start.
            if _EMPLOYED.search(_clause_of(text, m)):
                kind = "started_job" if m.period == "start" else "left_job"
            elif m.period == "start" and kind not in _PERIOD_STARTS:
                continue
            elif m.period == "end" and kind == "signed":
                kind = None  # "去年三月到今年三月我租了他的门面": the lease's end is no signing
        if kind == "left_job" and _LEASE.search(text) and not _EMPLOYED.search(text):
            kind = "incident"  # "租的门面合同到期了": a lease ended, nobody left a job
        if kind == "left_job" and facts.signals.get("died") is True \
                and _PASSED_AWAY.search(_clause_of(text, m)):
            kind = "death"  # "人还是没了……他是9月份走的": he died, he did not quit
        if kind is not None:
            said = (m.first, m.last, m.end, kind)
        if kind is None:
            kind = _refined(before, m) or unlabelled
            unlabelled = "" if kind == unlabelled else unlabelled
        if corrects and kind == "decision" and "decision" not in before \
                and "review_decision" in before:
            # "不对，二号是落款的日子，四号才送到俺手上": the review decision's day is corrected
            kind = "review_decision"
        if kind not in DATE_KINDS:
            continue
        known_day = before.get(kind)
        if known_day is not None and not corrects and kind not in asked and \
                (m.last < known_day.first or known_day.last < m.first) and \
                not _looked_up(known_day, m, own == kind):
            # A later turn's day that contradicts the known one without a correction speaks
            # of something else ("出事以后才知道他驾照去年就被吊销了"); a day within it refines it.
            continue
        first, last = m.first, m.last
        loan = facts.dates.get("loan_made")
        if kind == "loan_due" and loan is not None and "年" not in m.raw:
            # "二〇二五年一月十号借的，借条上写六月三十号之前还清": the first such day after the
            # loan, not the one of this year read from today
            while _year_back(first) > loan.last:
                first, last = _year_back(first), _year_back(last)
        facts.dates[kind] = DateSpan(first=first, last=last, raw=m.raw, estimated=m.estimated)


def _looked_up(known: DateSpan, m: TimeMention, own: bool) -> bool:
    """Whether ``m`` is the exact day of a thing first told by a day counted from today: "上礼拜一
    到的货" and then "快递签收记录是11月30号" (the record, not the count of weeks, says the day;
    on a Sunday "上礼拜一" is read either way). Only a day with its month, whose own clause names
    the same kind, and near the counted one."""
    assert m.first is not None and m.last is not None
    return (own and "月" not in known.raw and "年" not in known.raw and "月" in m.raw
            and m.first == m.last and abs((m.first - known.first).days) <= _LOOKED_UP_DAYS)


_LOOKED_UP_DAYS = 10  # a record's day this close to a day counted from today replaces it


def _year_back(day: date) -> date:
    return add_months(day, -12)


def _refined(before: Mapping[str, DateSpan], m: TimeMention) -> str | None:
    """The one estimated day told earlier that ``m``, a narrower day within it, makes precise:
    "去年冬天……" then "具体日子我看了病历，是去年12月18号" is the same day, now exact."""
    assert m.first is not None and m.last is not None
    inside = [kind for kind, span in before.items()
              if span.estimated and span.first <= m.first and m.last <= span.last
              and (m.last - m.first) < (span.last - span.first)]
    return inside[0] if len(inside) == 1 else None


_PASSED_AWAY = re.compile(r"(?:他|她|人|老人)[^，,。；;！!？?\n]{0,6}走(?:的|了)")
_RESTATED_GAP = 8  # characters between a day told and the same day said again more precisely
_CORRECTED_GAP = 8  # characters between "不对，是" and the sum it corrects
_PERIOD_STARTS = ("started_job", "loan_made", "marriage", "signed")  # kinds the start of a period may be


def _corrected(facts: Facts, text: str, mentions: Sequence[TimeMention]) -> str | None:
    """The date a correction moves: "她是四月中旬来的，不是五月" denies May, and the known day
    that falls in May (when she started) is the one the new day replaces."""
    for m in mentions:
        # "二十五号是决定书上落款的日子，我二十八号才收到": a printed day denies the told one too
        if m.first is None or m.last is None or not (
                _DENIED.search(text[max(0, m.start - 4):m.start]) or "落款" in _clause_of(text, m)):
            continue
        for kind, span in facts.dates.items():
            # "不是十五号" denies the day told as "十月十五号" (read alone, 十五号 is another month)
            if span.first <= m.last and m.first <= span.last or span.raw.endswith(m.raw):
                return kind
    return None


def _amounts(facts: Facts, text: str, sums: Sequence[MoneyMention], reader: SignalReader,
             expecting: Sequence[str]) -> None:
    spans = [(m.start, m.end) for m in sums]
    # what each sum's own words say it is (the other sums' spans lend none of theirs)
    named = [reader.amount_kind(text, m.start, m.end,
                                others=[x for x in spans if x != (m.start, m.end)]) for m in sums]
    # "不对，是一万二千五": a correction's bare sum replaces the one sum told before — when
    # the sum follows the correction closely ("他不是在店里伤的……俺想给他两万块" corrects the
    # place, and the two thousand is no corrected claim)
    corrected = next(iter(facts.amounts), None) if len(facts.amounts) == 1 else None
    fixes = [c.end() for c in _CORRECTION.finditer(text)]
    told: dict[Decimal, str] = {}  # the sums of this message given a kind, by value
    denied: str | None = None  # "不是一万二千八，是一万八千二": the kind of the sum denied
    # The sum our question asked for goes to a bare sum only when no sum of the message names
    # it: "医药费花了一万二……三万是不是要多了" answers with the 一万二, the 三万 is the claim.
    expected = _expected(expecting, "amounts")
    if expected in named:
        expected = None
    for m, own in zip(sums, named, strict=True):
        if _DENIED.search(text[max(0, m.start - 4):m.start]):
            denied = next((k for k, v in facts.amounts.items() if v.value == m.value), denied)
            continue
        near = any(0 <= m.start - at <= _CORRECTED_GAP for at in fixes)
        kind = own or expected or denied or (corrected if near else None)
        denied = None
        corrected = None  # only the first bare sum is the corrected one
        if m.value in told and kind != told[m.value] and _bare(text, m, reader):
            continue  # "一万块定金……把一万块退给他行不行": the same sum said again
        if _DIFFERENCE.search(text[max(0, m.start - _LOOK_BACK):m.start]):
            continue  # "房价涨了二十多万", "每个月比人家少一千五": a difference, not a sum told
        monthly = kind in (None, "monthly_wage", "deposit") and bool(
            _MONTHLY.search(text[:m.start])) and not _EMPLOYED.search(text)
        leased = facts.role in _LEASE_ROLES and kind in (None, "monthly_wage") and \
            not _WAGE_WORD.search(text[slice(*_clause_span(text, m.start, m.end))])
        if (monthly and _LEASE.search(text)) or leased:
            # "房子租出去了，一个月一千五，押了一个月": the month's rent (in a tenant's or a
            # landlord's story, a month's sum without a word of wages is rent too: "两个月没交
            # 了，一个月两千二", "他一个月给我一千五")
            kind = "rent"
        elif monthly and facts.signals.get("property_fee") and facts.role not in _JOB_ROLES:
            kind = "fee"  # "欠了物业一年半物业费了，一个月两百四": the property fee
        before = text[max(0, _clause_span(text, m.start, m.end)[0] - _LOOK_BACK):m.start]
        benefit = _BENEFIT_BEFORE.search(before) if kind in (None, "monthly_wage") else None
        if benefit is not None and (benefit.lastgroup == "allowance" or not _EMPLOYED.search(text)):
            kind = benefit.lastgroup  # a working pensioner's month is his pay
        if kind is None and "price" not in facts.amounts and _BUYING.search(text):
            kind = "price"  # "在直播间买了个手机，说是全新正品，三千八": what it cost
        kind = _in_the_story(kind, facts)
        if kind is None or kind not in AMOUNT_KINDS:
            continue
        if kind == "deposit" and "deposit" in facts.amounts and \
                m.value == 2 * facts.amounts["deposit"].value:
            continue  # "收了五万定金……双倍退他，退十万": the double return, not the deposit
        if kind in facts.amounts and facts.amounts[kind].value > m.value and \
                _A_PART.search(text[max(0, m.start - _LOOK_BACK):m.start]):
            continue  # "前后买了三万八……最后一回买是十月中旬，一万二": one of them, not the total
        facts.amounts[kind] = Money(value=m.value, raw=m.raw)
        told.setdefault(m.value, kind)


# A generic kind the story makes specific: (kind, the story's signal, signals that keep the
# kind, what it becomes). "胳膊骨折了……花了八千多": nothing was bought, so the treatment;
# "包工头电话也不接了，欠俺一万二": in a wage story, the wages.
_STORY_KINDS = (("price", "injured", ("purchase", "food"), "medical_costs"),
                ("loan", "wages_owed", ("loan",), "wages_owed"))


def _in_the_story(kind: str | None, facts: Facts) -> str | None:
    for generic, story, keep, specific in _STORY_KINDS:
        if kind == generic and facts.signals.get(story) and \
                not any(facts.signals.get(k) for k in keep):
            return specific
    return kind


def _bare(text: str, m: MoneyMention, reader: SignalReader) -> bool:
    """Whether the clause of the sum says nothing of what it is."""
    left, right = _clause_span(text, m.start, m.end)
    return reader.amount_kind(text[left:right], m.start - left, m.end - left) is None


# A purchase told in the message: a sum that no other words claim is its price.
_BUYING = re.compile(r"(?:我|俺)[^，,。；;！!？?\n]{0,8}(?:买了|买的|下单|网购|拍了)")


# "说好的一年还", "约定半年还清": the loan's term, from which its due day follows.
_TERM = re.compile(r"(?:说好|约定|讲好|答应|定好|写的|写着|讲定)(?:的)?(?:借)?"
                   r"(?P<n>[0-9一二两三四五六七八九十]*半?)(?:个)?(?P<u>年|月)(?:以后|之后|后|之内|内|就|再|到期)?"
                   r"(?:还|归还|还清|还钱|还上)")
_DERIVED_DUE = "（按借钱那天加约定的期限推算）"
_TERM_ONLY = re.compile(r"^[0-9一二两三四五六七八九十半]+(?:个)?(?:年|月)")  # "一年还" read as a day


def _loan_term(facts: Facts, text: str) -> None:
    """The due day of a loan told only by its term: the day it was made plus the term, an
    estimate; kept in step when the day it was made is corrected later."""
    if (m := _TERM.search(text)) is not None:
        whole = to_number(m["n"].rstrip("半")) if m["n"].rstrip("半") else Decimal(0)
        count = float(whole or 0) + (0.5 if m["n"].endswith("半") else 0.0)
        if count:
            facts.durations["loan_term_months"] = round(count * (12 if m["u"] == "年" else 1))
    made, due, term = facts.dates.get("loan_made"), facts.dates.get("loan_due"), \
        facts.durations.get("loan_term_months")
    if made is None or term is None or (due is not None and not due.raw.endswith(_DERIVED_DUE)
                                        and not _TERM_ONLY.match(due.raw)):
        return
    facts.dates["loan_due"] = DateSpan(first=add_months(made.first, term),
                                       last=add_months(made.last, term),
                                       raw=f"{made.raw}借、{_term_zh(term)}后还{_DERIVED_DUE}",
                                       estimated=True)


def _term_zh(months: int) -> str:
    return f"{months // 12}年" if months % 12 == 0 else f"{months}个月"


# "买了两箱牛奶，一箱六十": the price is the count times the unit's price.
_BOUGHT = re.compile(r"(?:买|拿|订|进)(?:了)?(?P<n>[0-9一二两俩三四五六七八九十]{1,3})(?P<u>箱|盒|件|瓶|袋|桶|份|斤|包)")


def _units_bought(facts: Facts, text: str) -> None:
    bought, price = _BOUGHT.search(text), facts.amounts.get("price")
    if bought is None or price is None or f"一{bought['u']}{price.raw}" not in text:
        return
    n = to_number(bought["n"].replace("俩", "两"))
    if n is not None and 1 < n <= 1000:
        facts.amounts["price"] = Money(value=price.value * n,
                                       raw=f"{bought.group(0)}，一{bought['u']}{price.raw}")


# "最后俩月的工资一直没给", "欠了三个月工钱", "三个月工资没发": how many months' wages are owed.
_MONTHS_OWED = re.compile(
    r"(?:欠|拖|没给|没发|不给|不发)(?:了|着)?(?:我|俺|咱)?(?:们)?(?:最后|后|整整|足足)?"
    r"(?P<a>[0-9一二两俩三四五六七八九十]{1,2})(?:个)?月(?:的)?(?:工资|工钱|薪水)"
    r"|(?:最后|后|整整|足足)?(?P<b>[0-9一二两俩三四五六七八九十]{1,2})(?:个)?月(?:的)?(?:工资|工钱|薪水)"
    r"(?:都|也|一直|到现在)?(?:没给|没发|不给|不发|欠着|没结|拖着)"
    # "工钱还欠着俺三个月的"
    r"|(?:工资|工钱|薪水)(?:还|都|也|一直)?(?:欠|拖|没给|没发)(?:了|着)?(?:我|俺|咱)?(?:们)?"
    r"(?P<c>[0-9一二两俩三四五六七八九十]{1,2})(?:个)?月")


def _months_owed(facts: Facts, text: str, sums: Sequence[MoneyMention]) -> None:
    """Wages owed worked out from what was said: months owed × the monthly wage, when the
    sum itself was not said ("最后俩月的工资没给，一个月四千二" → 8,400)."""
    m = _MONTHS_OWED.search(text)
    if m is None:
        return
    # "一个月四千二" next to "工资没给" is the month's wage, not the sum owed
    said = next((Money(value=x.value, raw=x.raw) for x in sums
                 if _MONTHLY.search(text[:x.start])), None)
    wage = facts.amounts.get("monthly_wage") or said
    if wage is None:
        return
    facts.amounts["monthly_wage"] = wage
    owed = facts.amounts.get("wages_owed")
    if owed is not None and owed.value != wage.value:
        return  # the sum owed was said itself
    months = to_number((m["a"] or m["b"] or m["c"]).replace("俩", "两"))
    if months is None or not 0 < months <= 24:
        return
    facts.amounts["wages_owed"] = Money(value=wage.value * months,
                                        raw=f"{m.group(0)}（按每月{wage.raw}算）")


# "老太太七十二了" after "我家娃九岁": the age of the other party, not of the one we speak about.
_OTHER_PARTY = re.compile(r"(?:对方|人家|老太太|老太|老头|老汉|老人家|大爷|大妈|大娘|他|她|受伤的|被撞的|被打的)"
                          r"[^，,。；;！!？?\n我俺]{0,4}$")


def _age(facts: Facts, text: str, expecting: Sequence[str]) -> None:
    ages = find_ages(text)
    own = [age for at, age in ages if not _OTHER_PARTY.search(text[max(0, at - 8):at])]
    if own:
        facts.age = own[0]  # the person the user speaks about comes first
    elif ages and facts.age is None:
        facts.age = ages[0][1]
    elif "age" in expecting and (m := re.fullmatch(r"\s*([0-9]{1,3})\s*", text)):
        facts.age = int(m.group(1))


def _groups(facts: Facts) -> set[str]:
    """Groups with rights of their own (未成年人, 老年人 …) the facts show."""
    out: set[str] = set()
    if facts.age is not None and facts.age < _MINOR_AGE:
        out.add("未成年人")
    if facts.age is not None and facts.age >= _ELDERLY_AGE and facts.role in ("elder", None):
        out.add("老年人")
    if facts.flag("disabled"):
        out.add("残疾人")
    if facts.role == "worker" and (facts.flag("construction_site") or facts.flag("contractor")):
        out.add("农民工")
    return out


def _opens_sentence(text: str, m: TimeMention) -> bool:
    left, _ = _clause_span(text, m.start, m.end)
    return left == 0 or text[left - 1] in "。；;！!？?\n"


def _own_kind(text: str, m: TimeMention, reader: SignalReader) -> str | None:
    """The date kind the words of ``m``'s own clause say, neighbours aside."""
    left, right = _clause_span(text, m.start, m.end)
    return reader.date_kind(text[left:right], m.start - left, m.end - left)


def _clause_of(text: str, m: TimeMention | MoneyMention) -> str:
    left, right = _clause_span(text, m.start, m.end)
    return text[left:right]


def _clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(c, 0, start) for c in "，,。；;！!？?\n") + 1
    ends = [i for c in "，,。；;！!？?\n" if (i := text.find(c, end)) >= 0]
    return left, min(ends, default=len(text))


__all__ = ["Understood", "understand"]
