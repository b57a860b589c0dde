"""Chinese time expressions in a citizen's words, relative to a given day (``jionlp``).

The one module that imports jionlp. It finds "九月底", "去年秋天" (a span), "十月十二号",
"上个礼拜", "去年腊月" (lunar) and "九月初" and returns each as a span of days; a vague one
(a span longer than a day, or jionlp's ``blur``) is kept as a span, never rounded to a day. The
seams jionlp leaves are closed here: it cannot parse 上个月 / 上上个月 / 前几天 / 月初 (handled
below), it resolves a date without a year or month to the future ("十二月二十号" on 5 December is
read as this year's), which for something that already happened means last year (or last month),
and it prints a banner on import and logs tracebacks for strings it cannot read.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from assistant.consult.money import to_number
from knowledge.rules.deadlines import add_months

# Durations ("干了八个月", "大半年") are reported in days, at the lower end of a blurred range.
_DAYS = {"year": 365, "month": 30, "day": 1, "week": 7, "hour": 0}
_HAS_YEAR = re.compile(r"[0-9〇零一二三四五六七八九]{2,4}年|今年|去年|前年|明年|大前年")
_HAS_MONTH = re.compile(r"月|正月|腊月|冬月|春|夏|秋|冬|节|周|礼拜|星期|天|昨|前")
# "初八", "腊月十八", "廿三" are lunar days; "二十八号", "十八号" are days of a solar month.
_LUNAR = re.compile(r"腊月|正月|冬月|农历|阴历|初[一二三四五六七八九十]|廿[一二三四五六七八九]"
                    r"|(?<![一二两三四五六七八九〇零])十[一二三四五六七八九](?![号日])")
# "九月份", "9月" with no year and no day: jionlp reads nothing; the month is meant.
_BARE_MONTH = re.compile(r"(?<![年0-9零〇一二三四五六七八九十个上下这本])"
                         r"(?P<m>1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月(?:份)?"
                         r"(?![0-9一二三四五六七八九十号日初底中上下旬])")
_MONTH_NAME = re.compile(r"^(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月$")
_MONTH_ALONE = re.compile(r"^(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月(?:份)?$")
_FALLBACKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"上上个月|上上月"), "month-2"),
    (re.compile(r"上个月|上月"), "month-1"),
    (re.compile(r"这个月初|本月初|月初"), "this-month-start"),
    (re.compile(r"前几天|这几天|前两天"), "days-few"),
    (re.compile(r"前些日子|前段时间|前阵子"), "weeks-few"),
)


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression found at ``text[start:end]``: the days it may mean, or a duration."""

    start: int
    end: int
    raw: str
    first: date | None = None  # earliest day it may mean (None for a pure duration)
    last: date | None = None  # latest day it may mean
    blur: bool = False  # jionlp or the fallback called it vague
    duration_days: int | None = None  # "干了八个月" → 240
    # One end of a period told as "A到B" ("从前年三月到今年十月在砖厂干"): "start" or "end".
    period: str | None = None
    # Counted from a day of the story ("第二天", "明天" after "上个月二十号"), not from today.
    from_story: bool = False

    @property
    def estimated(self) -> bool:
        return self.blur or (self.first is not None and self.first != self.last)


class _FromJionlp(logging.Filter):
    """jionlp logs a traceback on the root logger for every string it cannot parse: drop them
    (the service's log stays one JSON object per line, and a failed parse is not an error)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "jionlp" not in record.pathname


@lru_cache(maxsize=1)
def _jionlp() -> Any:
    with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner on import
        import jionlp

    logging.getLogger().addFilter(_FromJionlp())
    return jionlp


def find_times(text: str, *, today: date, past: bool = True) -> list[TimeMention]:
    """Time expressions in ``text`` in order. With ``past`` (the default: people tell what
    happened), a date without a stated year or month that lands after ``today`` is moved back a
    year (or a month)."""
    jio = _jionlp()
    base = time.mktime((today.year, today.month, today.day, 12, 0, 0, 0, 0, -1))
    try:
        found = jio.ner.extract_time(text, time_base=base, with_parsing=True)
    except Exception:  # noqa: BLE001 - jionlp raises assorted types on odd input
        found = []
    found = [y for x in found for y in _ends(jio, x, base)]
    out = [_paid_back(m, text) for m in (_mention(x, today=today, past=past) for x in found)
           if m is not None]
    out = [_month_not_feast(m, text, today) for m in out]
    # "九月二十几号": days 20 to 29 of September; jionlp reads nothing, or "九月二十" as a
    # lunar day. These spans go before what jionlp read over them.
    some = _some_days(text, today) + _years_ago(text, today)
    out = [m for m in out if not any(a < m.end and m.start < b for a, b in
                                     ((x.start, x.end) for x in some))] + some
    taken = [(m.start, m.end) for m in out]
    out += [m for m in _fallback(text, today) if not any(a < m.end and m.start < b for a, b in taken)]
    out = [m for m in out if not _before_or_after_an_event(text, m) and not _not_a_day(text, m)]
    out = _either(sorted((_before_feast(m, text) for m in out), key=lambda m: m.start), text)
    return _anchored(_days_off(out), today=today, past=past)


# "国庆前几天", "春节前那阵子": some days before the feast, not the feast day itself (jionlp
# reads the day); a day to pay or do something by ("国庆前还") stays that day.
_FEAST_BEFORE = re.compile(r"^(?:国庆节?|春节|过年|中秋节?|端午节?|元旦|清明节?|劳动节|五一|十一)前$")
_DUE_AFTER = re.compile(r"^(?:几天|那几天|那阵子|那会儿?)?(?:就|一定|肯定|必须|要)?(?:还|给|交|付|办|搬|结)"
                        r"|^[0-9一二两三四五六七八九十]+(?:个)?(?:天|日)")  # "中秋节前两天": counted
FEAST_BEFORE_DAYS = 10


def _before_feast(m: TimeMention, text: str) -> TimeMention:
    if (m.first is None or m.first != m.last or not _FEAST_BEFORE.match(m.raw)
            or _DUE_AFTER.match(text[m.end:])):
        return m
    return TimeMention(m.start, m.end, m.raw, m.first - timedelta(days=FEAST_BEFORE_DAYS),
                       m.first - timedelta(days=1), blur=True)


# "十一月十五号还是十六号", "10月3号或者4号": one day, not sure which — the span of both, an
# estimate. A bare second day ("十六号") is in the first one's month.
_EITHER_BETWEEN = re.compile(r"^(?:还是|或者|或是|或)$")
_BARE_DAY = re.compile(r"^(?P<d>[0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:号|日)$")


def _either(found: list[TimeMention], text: str) -> list[TimeMention]:
    out: list[TimeMention] = []
    for m in found:
        a = out[-1] if out else None
        if (a is None or a.first is None or a.last is None or m.first is None or m.last is None
                or a.duration_days is not None or m.duration_days is not None
                or not _EITHER_BETWEEN.match(text[a.end:m.start])):
            out.append(m)
            continue
        other = (m.first, m.last)
        bare = _BARE_DAY.match(m.raw)
        at = _day_of(a.last, to_number(bare["d"])) if bare is not None else None
        if at is not None:
            other = (at, at)
        out[-1] = TimeMention(a.start, m.end, text[a.start:m.end], min(a.first, other[0]),
                              max(a.last, other[1]), blur=True)
    return out


# "从十一月起就不发了": jionlp reads "十一" (National Day) and leaves "月" behind.
def _month_not_feast(m: TimeMention, text: str, today: date) -> TimeMention:
    if m.raw not in ("十一", "从十一") or text[m.end:m.end + 1] != "月" \
            or m.first is None or m.first.month != 10:
        return m
    first = _last_such_month("十一", today)
    last = min(add_months(first, 1) - timedelta(days=1), today)
    return TimeMention(m.start, m.end + 1, m.raw + "月", first, last, blur=True)


# "端午前两天", "春节后三天": jionlp reads the feast day and, apart, a duration of days.
_FEAST_OFF = re.compile(r"^(?P<n>[0-9]+|[一二两三四五六七八九十]+)(?:个)?天$")


def _days_off(found: list[TimeMention]) -> list[TimeMention]:
    out: list[TimeMention] = []
    for m in found:
        prev = out[-1] if out else None
        off = _FEAST_OFF.match(m.raw)
        if (prev is not None and off is not None and prev.end == m.start
                and prev.first is not None and prev.raw.endswith(("前", "后"))):
            n = int(to_number(off["n"]) or 0)
            day = prev.first + timedelta(days=-n if prev.raw.endswith("前") else n)
            out[-1] = TimeMention(prev.start, m.end, prev.raw + m.raw, day, day, blur=prev.blur)
            continue
        out.append(m)
    return out


# "退休前三个月的工资", "最后一个月工资", "离职之前两个月": counted back from an event of the
# story (or a part of a period), not from today; the day is not known, so it is not guessed.
# After a pronoun or an adverb ("我前两个月辞职了") it is counted from today.
_COUNTED = re.compile(r"^(?:之|以)?[前后][0-9一二两三四五六七八九十几半]+(?:个)?(?:月|天|日|年|周|星期|礼拜)")
_FROM_NOW_BEFORE = re.compile(r"(?:^|[^\u4e00-\u9fff]|[我俺他她咱们就是在也都才刚已还约概那这])$")


def _before_or_after_an_event(text: str, m: TimeMention) -> bool:
    return bool(_COUNTED.match(m.raw)) and not _FROM_NOW_BEFORE.search(text[:m.start])


# "她第二个月就不来了", "干到第三年": the n-th month or year of a period of the story, not a
# month of the calendar; "上初一", "读初二": a school grade, not a lunar day.
_NTH_OF_PERIOD = re.compile(r"^第[0-9一二两三四五六七八九十几]+(?:个)?(?:月|年|周|星期|礼拜)$")
_GRADE = re.compile(r"^[初高][一二三]$")
_GRADE_BEFORE = re.compile(r"(?:上|读|念|在|是|刚上|正上|还在上)$")
_GRADE_AFTER = re.compile(r"^(?:年级|的学生|学生|班|的孩子|下学期|上学期)")


def _not_a_day(text: str, m: TimeMention) -> bool:
    if _NTH_OF_PERIOD.match(m.raw):
        return True
    return bool(_GRADE.match(m.raw)) and bool(_GRADE_BEFORE.search(text[:m.start])
                                              or _GRADE_AFTER.match(text[m.end:]))


# Days counted from another day of the story, not from today: "上个月二十号他说'你明天就别来了'",
# "十月三号出的事，第二天就住院了". Offsets in days from the day told before.
_FROM_THE_DAY_BEFORE = {"当天": 0, "当日": 0, "那天": 0, "那一天": 0, "同一天": 0, "明天": 1,
                        "第二天": 1, "次日": 1, "隔天": 1, "转天": 1, "第二日": 1, "后天": 2,
                        "第三天": 2, "大后天": 3}


# Parts of a day, after a day word: "十一月三号早上", "当天晚上".
_DAY_PARTS = (r"(?:的)?(?:一大早|大清早|早上|早晨|清早|上午|中午|晌午|下午|傍晚|晚上|夜里|半夜|凌晨|黑夜|白天"
              r"|早|晚)")
_PART_OF_DAY = re.compile(rf"(?<=.){_DAY_PARTS}$")


# Parts of a year told without the year, after a year was named: "前年在装修公司干活，年底走的".
# Only words that cannot stand for themselves: "去年结的婚，乡政府十一月二十号给了通知" is this
# year's November.
_PART_OF_A_YEAR = re.compile(r"^(?:年底|年初|年末|年中|年头|年尾|年关|开春|入冬|秋收|麦收|[春夏秋冬](?:天|季))")
_YEAR_PART_ONLY = re.compile(r"^(?:年底|年末|年尾|年关)(?:前|之前|以前)?$")


# "一年后", "三个月以后", "半年之后", "十天后": a time after the day told before.
_LATER = re.compile(r"^(?P<n>[0-9]+|[一二两三四五六七八九十]+|半)(?:个)?(?P<unit>年|月|天|日|周|星期|礼拜)"
                    r"(?:(?:以|之)?后|(?:(?:以|之)?[后内])?还)$")
# "说好半年还": a duration followed by paying back is a day counted from the day told before.
_PAID_BACK_AFTER = re.compile(r"(?:(?:以|之)?[后内])?还(?!没|不|在|是|有|欠|差|要|得|会|能|可以|挺|很|算|行)")
def _paid_back(m: TimeMention, text: str) -> TimeMention:
    """"半年" in "说好半年还" as "半年还", a day after the day told before (``_anchored``)."""
    tail = _PAID_BACK_AFTER.match(text, m.end)
    if m.duration_days is None or tail is None:
        return m
    raw = m.raw + tail.group(0)
    return TimeMention(m.start, tail.end(), raw) if _LATER.match(raw) else m


def _after(day: date, later: re.Match[str]) -> date:
    n, unit = later["n"], later["unit"]
    if n == "半":
        return add_months(day, 6) if unit == "年" else day + timedelta(days=15 if unit == "月" else 0)
    k = int(to_number(n) or 0)  # the one numeral adapter (cn2an): 一, 两, 十二
    if unit == "年":
        return add_months(day, 12 * k)
    if unit == "月":
        return add_months(day, k)
    return day + timedelta(days=k * (7 if unit in ("周", "星期", "礼拜") else 1))


_DAY_AND_PART = re.compile(rf"(?:[号日天]|(?:礼拜|星期|周)[一二三四五六日天]){_DAY_PARTS}$")
_AHEAD = re.compile(r"^(?:下(?:个)?(?:礼拜|星期|周|月)|明年|下半年|下旬后)")
_WITHIN = re.compile(r"^[0-9一二两三四五六七八九十百几]+(?:个)?(?:天|日|月|年|周|星期|礼拜|小时|个工作日|工作日)"
                     r"(?:之|以)?内$")


def _anchored(found: list[TimeMention], *, today: date, past: bool) -> list[TimeMention]:
    """Days told relative to the story (``_FROM_THE_DAY_BEFORE``) counted from the last single
    day mentioned before them; without one, such a word says no day of the past at all. A part
    of a year without its year (``_PART_OF_A_YEAR``) after a year named before it is in that
    year."""
    out: list[TimeMention] = []
    anchor: date | None = None
    before: TimeMention | None = None  # the last day or span told, for "一年后"
    year: int | None = None
    due: date | None = None  # the day a "半年后还" counted to
    part_year: int | None = None  # the year of the last day or month told with its year
    for m in found:
        later = _LATER.match(m.raw)
        if later is not None:
            # "前年三月借的，借条上写的一年后还": a year after the day told before; said
            # alone it names no day of the past (a plan, or a time not yet come).
            if before is not None and before.first is not None and before.last is not None:
                first, last = _after(before.first, later), _after(before.last, later)
                out.append(TimeMention(m.start, m.end, m.raw, first, last, blur=before.blur))
                before = out[-1]
                due = first
            elif not past:
                out.append(m)
            continue
        step = _FROM_THE_DAY_BEFORE.get(_PART_OF_DAY.sub("", m.raw))  # "当天晚上" is that day
        if (step is None and due is not None and m.first is not None and _MONTH_ALONE.match(m.raw)
                and m.first.month == due.month and m.first.year != due.year):
            # "去年三月借的，说好半年还，就是九月份": the September of that due day
            first = date(due.year, due.month, 1)
            m = TimeMention(m.start, m.end, m.raw, first,
                            min(today, add_months(first, 1) - timedelta(days=1)), blur=True)
        if step is None and anchor is not None and before is not None and "月" in before.raw:
            m = _in_month_before(m, anchor, today)
        if step is None:
            if (year is not None and m.first is not None and m.first.year != year
                    and not _HAS_YEAR.search(m.raw) and _PART_OF_A_YEAR.match(m.raw)):
                shift = 12 * (year - m.first.year)
                again = _read_in_year(m.raw, year, today) or (
                    add_months(m.first, shift), add_months(m.last or m.first, shift))
                if again is not None and again[0] <= today:
                    m = TimeMention(m.start, m.end, m.raw, again[0], min(again[1], today),
                                    blur=m.blur)
            out.append(m)
            if m.first is not None:
                before = m
            if m.first is not None and m.first == m.last:
                anchor = m.first
            if _HAS_YEAR.search(m.raw) and m.first is not None and m.last is not None:
                # only a whole year ("前年", "2024年") frames what follows; "2024年6月被撞了，
                # 十一月十号给的认定书" may be either year and stays read from today — but a
                # part of a year ("前年十月份借的……年底还你") is in the year of the month before it
                whole = m.first.year == m.last.year and (m.last - m.first).days > 300
                year = m.first.year if whole else None
                part_year = m.first.year if m.first.year == m.last.year else None
            elif (part_year is not None and m.first is not None and _YEAR_PART_ONLY.match(m.raw)
                    and m.first.year != part_year):
                span = _read_in_year(m.raw, part_year, today)
                if span is not None and span[0] <= today:
                    out[-1] = m = TimeMention(m.start, m.end, m.raw, span[0],
                                              min(span[1], today), blur=m.blur)
            continue
        if anchor is not None:
            day = anchor + timedelta(days=step)
            out.append(TimeMention(m.start, m.end, m.raw, day, day, blur=m.blur, from_story=True))
            anchor = day
        elif not past:
            out.append(m)
        # else: "明天就别来了", "当天就报警了" with no day before: no day of the past is said.
    return out


_BARE_DAY_PART = re.compile(rf"{_BARE_DAY.pattern[:-1]}{_DAY_PARTS}?$")  # "十五号晚上" too


def _day_of(month: date, day: Decimal | None) -> date | None:
    """Day ``day`` of ``month``'s month; none for "三十一号" in a month of thirty days."""
    if day is None:
        return None
    try:
        return month.replace(day=int(day))
    except ValueError:
        return None


def _in_month_before(m: TimeMention, anchor: date, today: date) -> TimeMention:
    """"十月九号出的事，十五号住的院": a bare day after a day with its month is in that month
    (or, being earlier than it, in the next one), not in the month before today."""
    bare = _BARE_DAY_PART.match(m.raw)
    day = to_number(bare["d"]) if bare is not None else None
    if day is None:
        return m
    month = anchor if day >= anchor.day else add_months(anchor.replace(day=1), 1)
    at = _day_of(month, day)
    if at is None or at > today:
        return m
    return TimeMention(m.start, m.end, m.raw, at, at, blur=m.blur, from_story=m.from_story)


# "从前年三月到今年十月", "2024年5月至2026年9月": a period whose two ends are days of the story.
_PERIOD = re.compile(r"(?:从|自)?(?P<a>[^到至～~—－]+?)(?:到|至|～|~|—|－)(?P<b>[^到至～~—－]+)")


def _ends(jio: Any, x: dict[str, Any], base: float) -> list[dict[str, Any]]:
    """A period jionlp read as one span, as its two ends (each read on its own); anything
    else, or a period whose ends do not read on their own ("三月到五月"), as it is."""
    m = _PERIOD.fullmatch(x.get("text", ""))
    if x.get("type") != "time_span" or m is None:
        return [x]
    ends: list[dict[str, Any]] = []
    for group, role in (("a", "start"), ("b", "end")):
        part = m[group]
        try:
            sub = jio.ner.extract_time(part, time_base=base, with_parsing=True)
        except Exception:  # noqa: BLE001 - jionlp raises assorted types on odd input
            return [x]
        if len(sub) != 1 or sub[0].get("text") != part or sub[0].get("type") == "time_delta":
            return [x]
        at = x["offset"][0] + m.start(group)
        ends.append(sub[0] | {"offset": [at, at + len(part)], "period": role})
    return ends


# "五六年", "七八年": two neighbouring numerals are a rough count of years, not 1956 or 1978.
_ROUGH_YEARS_LOW = {"一两": 1, "两三": 2, "三四": 3, "四五": 4, "五六": 5, "六七": 6, "七八": 7,
                    "八九": 8}  # the lower count is kept
_ROUGH_YEARS = re.compile(f"^({'|'.join(_ROUGH_YEARS_LOW)})年$")


def _mention(x: dict[str, Any], *, today: date, past: bool) -> TimeMention | None:
    detail = x.get("detail") or {}
    start, end = x["offset"]
    raw = x["text"]
    if (rough := _ROUGH_YEARS.match(raw)) is not None:
        return TimeMention(start, end, raw, blur=True,
                           duration_days=365 * _ROUGH_YEARS_LOW[rough.group(1)])
    blur = detail.get("definition") == "blur"
    kind = detail.get("type")
    if kind == "time_delta":
        if _MONTH_NAME.match(raw):
            return None  # "三月份走的": the month, not three months (the fallback reads it)
        return TimeMention(start, end, raw, blur=blur, duration_days=_delta_days(detail["time"]))
    if kind not in ("time_point", "time_span"):
        return None
    if _WITHIN.match(raw):
        return None  # "七天内自行拆除": a period someone was given, not a day that happened
    if _CLOCK.match(raw):
        return None  # "天天加班到晚上九十点": an hour of the day, no day of the story
    if _AHEAD.match(raw):
        return None  # "儿媳妇下礼拜就要生了": a day still to come is no day of the story
    if _LATER.match(raw):  # "半年以后": counted from the day told before (``_anchored``)
        return TimeMention(start, end, raw, today, today, blur=True)
    times = list(detail.get("time") or [])[:2]
    if len(times) == 2 and str(times[0]).startswith("-inf"):
        times[0] = times[1]  # "2025年10月1日前": by that day — the day is what matters
    try:
        first, last = (datetime.strptime(t[:10], "%Y-%m-%d").date() for t in times)
    except (TypeError, ValueError, KeyError):
        return None
    if past and first > today and _LUNAR.search(raw):
        # A lunar date in the future: the same lunar day of the year before (not 12 solar
        # months back, which lands on another day).
        again = _lunar_year_before(raw, today)
        if again is not None:
            first, last = again
    if past and first > today and _THIS_PERIOD.match(raw):
        return None  # "让他干到这个月底": a day of this month still to come, not last year's
    if past and first > today:
        first, last = _back(raw, first, last)
    if last > today:
        last = today  # "春节后" runs to now at most
    if first > last:
        return None
    if blur and first == last and _DAY_AND_PART.search(raw):
        blur = False  # "十一月三号早上": the part of the day is vague, the day is not
    if today.weekday() == _SUNDAY and first == last and _LAST_WEEKDAY.match(raw):
        # Told on a Sunday, "上礼拜一" is the Monday of the week before to some and of the week
        # now ending to others: both, an estimate (a record's day settles it)
        last, blur = min(first + timedelta(days=7), today), True
    return TimeMention(start, end, raw, first, last, blur=blur, period=x.get("period"))


_SUNDAY = 6
_CLOCK = re.compile(r"^(?:早上|早晨|上午|中午|下午|傍晚|晚上|夜里|半夜|凌晨)?[0-9一二三四五六七八九十两]+点(?:半|多|钟)?$")
_THIS_PERIOD = re.compile(r"^(?:这|本)(?:个)?(?:月|礼拜|星期|周)")
_LAST_WEEKDAY = re.compile(r"^上(?:个)?(?:礼拜|星期|周)[一二三四五六]")


def _lunar_year_before(raw: str, today: date) -> tuple[date, date] | None:
    return _read_in_year(raw, today.year - 1, today)


def _read_in_year(raw: str, year: int, today: date) -> tuple[date, date] | None:
    """``raw`` read as if told in ``year`` (at today's month and day)."""
    jio = _jionlp()
    day = min(today.day, 28) if today.month == 2 else today.day
    base = time.mktime((year, today.month, day, 12, 0, 0, 0, 0, -1))
    try:
        found = jio.ner.extract_time(raw, time_base=base, with_parsing=True)
        times = found[0]["detail"]["time"][:2]
        first, last = (datetime.strptime(t[:10], "%Y-%m-%d").date() for t in times)
    except Exception:  # noqa: BLE001 - as in find_times
        return None
    return first, last


def _back(raw: str, first: date, last: date) -> tuple[date, date]:
    """A past event read as a future date: the same day last year, or last month."""
    if _HAS_YEAR.search(raw):
        return first, last
    months = -12 if _HAS_MONTH.search(raw) else -1
    return add_months(first, months), add_months(last, months)


def _delta_days(value: Any) -> int | None:
    if isinstance(value, list):  # a blurred range: the lower end
        value = value[0]
    if not isinstance(value, dict):
        return None
    return int(sum(float(v) * _DAYS.get(unit, 0) for unit, v in value.items()))


def _fallback(text: str, today: date) -> list[TimeMention]:
    out = []
    for pattern, rule in _FALLBACKS:
        for m in pattern.finditer(text):
            first, last = _fallback_span(rule, today)
            out.append(TimeMention(m.start(), m.end(), m.group(0), first, last, blur=True))
    for m in _BARE_MONTH.finditer(text):
        first = _last_such_month(m["m"], today)
        last = min(today, add_months(first, 1) - timedelta(days=1))
        out.append(TimeMention(m.start(), m.end(), m.group(0), first, last, blur=True))
    return out


# "九月二十几号", "十月十几号", "上个月二十多号": some day within a stretch of a month.
_SOME_DAYS = re.compile(r"(?P<month>上上个?月|上个?月|这个?月|本月|(?P<m>1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月)"
                        r"(?:份)?(?:的)?(?P<tens>二十|十|2|1)(?:几|多)(?:号|日)?")


def _some_days(text: str, today: date) -> list[TimeMention]:
    out = []
    for m in _SOME_DAYS.finditer(text):
        if m["m"] is not None:
            first_of_month = _last_such_month(m["m"], today)
        else:
            back = {"上上": 2, "上": 1}.get(m["month"].rstrip("个月"), 0)
            first_of_month = add_months(today.replace(day=1), -back)
        low, high = (20, 29) if m["tens"] in ("二十", "2") else (11, 19)
        first, last = first_of_month.replace(day=low), min(today, first_of_month.replace(day=high))
        if first <= last:
            out.append(TimeMention(m.start(), m.end(), m.group(0), first, last, blur=True))
    return out


# "三年前十一月底", "两年前的三月份": a month of the year so many years back; jionlp reads
# nothing, or "前的十一月" as this year's.
_YEARS_AGO = re.compile(r"(?P<n>[0-9]+|[一二两三四五六七八九十]+)年前(?:的)?"
                        r"(?P<rest>(?P<m>1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月(?:份)?"
                        r"(?P<part>[上中下]旬|底|末|初|头|[0-9]{1,2}(?:号|日)"
                        r"|[一二三四五六七八九十]{1,3}(?:号|日))?)")


def _years_ago(text: str, today: date) -> list[TimeMention]:
    out = []
    for m in _YEARS_AGO.finditer(text):
        n = to_number(m["n"])
        if not n:
            continue
        year = today.year - int(n)
        if m["part"] is None:  # the whole month ("十一月" alone would be read as 国庆, 十一)
            first = date(year, _month_number(m["m"]), 1)
            span: tuple[date, date] | None = (first, add_months(first, 1) - timedelta(days=1))
        else:
            span = _read_in_year(m["rest"], year, today)
        if span is not None and span[0] <= today:
            out.append(TimeMention(m.start(), m.end(), m.group(0), span[0], min(span[1], today),
                                   blur=span[0] != span[1]))
    return out


def _last_such_month(word: str, today: date) -> date:
    """The first day of the named month as it last happened ("九月" in December: this year's;
    in March: last year's)."""
    month = _month_number(word)
    return date(today.year if month <= today.month else today.year - 1, month, 1)


def _month_number(word: str) -> int:
    if word.isdigit():
        return int(word)
    digits = "一二三四五六七八九"
    if word.startswith("十"):
        return 10 + (digits.index(word[1]) + 1 if len(word) > 1 else 0)
    return digits.index(word) + 1


def _fallback_span(rule: str, today: date) -> tuple[date, date]:
    if rule.startswith("month-"):
        start = add_months(today.replace(day=1), -int(rule[-1]))
        return start, add_months(start, 1) - timedelta(days=1)
    if rule == "this-month-start":
        return today.replace(day=1), min(today, today.replace(day=10))
    if rule == "days-few":
        return today - timedelta(days=7), today - timedelta(days=1)
    return today - timedelta(days=60), today - timedelta(days=7)  # weeks-few


__all__ = ["TimeMention", "find_times"]
