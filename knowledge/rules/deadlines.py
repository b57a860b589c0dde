"""Statutory time limits and calendar-correct deadline arithmetic.

Counting convention (民法典第二百零一条、第二百零二条; 民事诉讼法第八十五条 says the same):
the day of the start event is not counted, the period runs from the next day, and a period in
months or years ends on the corresponding day of the final month — or on that month's last day
when there is no corresponding day (a year from 29 February ends on 28 February). A period in
days therefore ends ``start + N`` days. Periods in hours run from the clock time itself
(第二百零一条第二款); with only a date we report the calendar day on which they end.

Rest days: 民法典第二百零三条 moves a deadline that falls on a statutory rest day to the day after
it. ``deadline`` is always the nominal last day (the safe one to tell a citizen);
``extended_to`` is the legal last day when the nominal one is a rest day, from China's holiday
calendar (``knowledge.rules.holidays``; published through 2026, weekends only after that, which
the message says). Periods in ``workdays`` (e.g. 道路交通事故处理程序规定 counts its days as
working days, 第一百一十二条) skip rest days.
"""

from __future__ import annotations

import calendar
import csv
import math
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Literal, cast

from knowledge.rules.common import ALL_CATEGORIES, DATA_DIR, check_category
from knowledge.rules.holidays import add_workdays, is_rest_day, roll_forward, span_known

PeriodUnit = Literal["hours", "days", "workdays", "months", "years"]
RuleKind = Literal["citizen", "authority"]
Urgency = Literal["expired", "urgent", "soon", "ok"]

URGENT_DAYS = 30
"""At most this many days left (and not yet expired) → ``urgent``."""
SOON_DAYS = 90
"""At most this many days left → ``soon``; more → ``ok``."""

DEADLINES_TSV = DATA_DIR / "deadlines.tsv"
# Laws whose periods are not extended over rest days for everyone: 刑事诉讼法 keeps the last
# day for a suspect or defendant in custody (its article on periods, checked by a test).
NO_REST_DAY_LAWS = frozenset({"刑事诉讼法"})

_UNITS: tuple[PeriodUnit, ...] = ("hours", "days", "workdays", "months", "years")
_UNIT_ZH: dict[PeriodUnit, str] = {"hours": "小时", "days": "天", "workdays": "个工作日",
                                   "months": "个月", "years": "年"}


@dataclass(frozen=True, slots=True)
class Period:
    """A statutory period, e.g. ``Period(3, "years")``."""

    value: int
    unit: PeriodUnit

    def __post_init__(self) -> None:
        if self.value <= 0 or self.unit not in _UNITS:
            raise ValueError(f"invalid period: {self.value} {self.unit}")

    @property
    def zh(self) -> str:
        return f"{self.value}{_UNIT_ZH[self.unit]}"

    def last_day(self, start: date) -> date:
        """Last day of the period whose start event happened on ``start``."""
        if self.unit == "days":
            return start + timedelta(days=self.value)
        if self.unit == "workdays":
            return add_workdays(start, self.value)
        if self.unit == "hours":
            return start + timedelta(days=math.ceil(self.value / 24))
        months = self.value * 12 if self.unit == "years" else self.value
        return add_months(start, months)


def add_months(d: date, months: int) -> date:
    """``d`` moved by ``months``; a missing corresponding day becomes the month's last day."""
    y, m0 = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m0 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """One time limit and the article that sets it.

    ``kind`` is ``citizen`` when the person (``actor_zh``) must act within the period and
    ``authority`` when a body must decide within it (e.g. the court on a protection order).
    """

    id: str
    categories: tuple[str, ...]
    name_zh: str
    period: Period
    kind: RuleKind
    actor_zh: str
    start_event_zh: str
    law_key: str
    article: str
    basis_phrase: str
    note_zh: str = ""

    @property
    def citation(self) -> str:
        return f"《{self.law_key}》{self.article}"

    def applies_to(self, category: str) -> bool:
        return ALL_CATEGORIES in self.categories or category in self.categories


@dataclass(frozen=True, slots=True)
class DeadlineStatus:
    """Where a deadline stands on ``today``: ``days_left`` < 0 means it passed that many days ago.
    Days are counted to the nominal last day, or — once that is behind us but its rest-day
    extension is not — to ``extended_to``.

    ``deadline`` is the nominal last day; ``extended_to`` the legal one when that is a rest day
    (民法典第二百零三条); ``calendar_known`` whether the holiday arrangement of those days is
    published (after 2026 only weekends are known)."""

    rule: DeadlineRule
    start: date
    deadline: date
    days_left: int
    urgency: Urgency
    message_zh: str
    extended_to: date | None = None
    calendar_known: bool = True


@dataclass(frozen=True, slots=True)
class OpenEnded:
    """A situation the rule exempts from its period (e.g. unpaid wages while still employed)."""

    rule: DeadlineRule
    message_zh: str


def _rule_from_row(row: dict[str, str]) -> DeadlineRule:
    cats = tuple(c.strip() for c in row["categories"].split(",") if c.strip())
    for c in cats:
        if c != ALL_CATEGORIES:
            check_category(c)
    if row["kind"] not in ("citizen", "authority"):
        raise ValueError(f"{row['id']}: bad kind {row['kind']!r}")
    return DeadlineRule(
        id=row["id"],
        categories=cats,
        name_zh=row["name_zh"],
        period=Period(int(row["period_value"]), cast(PeriodUnit, row["period_unit"])),
        kind=cast(RuleKind, row["kind"]),
        actor_zh=row["actor_zh"],
        start_event_zh=row["start_event_zh"],
        law_key=row["law_key"],
        article=row["article"],
        basis_phrase=row["basis_phrase"],
        note_zh=row.get("note_zh") or "",
    )


def read_deadline_rules(path: Path) -> tuple[DeadlineRule, ...]:
    """Parse a deadlines TSV (header row; ``categories`` comma-separated; ``*`` = all)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rules = tuple(_rule_from_row(r) for r in csv.DictReader(fh, delimiter="\t"))
    ids = [r.id for r in rules]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path}: duplicate rule ids")
    return rules


@lru_cache(maxsize=1)
def deadline_rules() -> tuple[DeadlineRule, ...]:
    """The packaged deadline table (``knowledge/data/deadlines.tsv``)."""
    return read_deadline_rules(DEADLINES_TSV)


def get_rule(rule_id: str) -> DeadlineRule:
    for rule in deadline_rules():
        if rule.id == rule_id:
            return rule
    raise KeyError(rule_id)


def rules_for_category(code: str) -> list[DeadlineRule]:
    """The rules relevant to one of the twelve category codes, in table order."""
    check_category(code)
    return [r for r in deadline_rules() if r.applies_to(code)]


def urgency_for(days_left: int) -> Urgency:
    if days_left < 0:
        return "expired"
    if days_left <= URGENT_DAYS:
        return "urgent"
    if days_left <= SOON_DAYS:
        return "soon"
    return "ok"


def fmt_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def compute_deadline(rule: DeadlineRule, start: date, *, today: date) -> DeadlineStatus:
    """Deadline of ``rule`` for a start event on ``start``, judged on ``today``."""
    deadline = rule.period.last_day(start)
    days_left = (deadline - today).days
    urgency = urgency_for(days_left)
    # A period in hours (48 hours for an autopsy) runs by the clock: no rest day moves it; nor
    # does one move a criminal-procedure period for a person in custody, and not knowing
    # whether the person is held, the nominal day is the one said (NO_REST_DAY_LAWS).
    extended = roll_forward(deadline) if rule.kind == "citizen" and is_rest_day(deadline) \
        and rule.period.unit != "hours" and rule.law_key not in NO_REST_DAY_LAWS else None
    if days_left < 0 and extended is not None and extended >= today:
        days_left = (extended - today).days  # the rest days are not over yet: still in time
        urgency = urgency_for(days_left)
    known = span_known(start, extended or deadline)
    message = (_message(rule, start, deadline, days_left, urgency)
               + rest_day_note(deadline, extended, known=known, late=today > deadline))
    return DeadlineStatus(rule=rule, start=start, deadline=deadline, days_left=days_left,
                          urgency=urgency, message_zh=message, extended_to=extended,
                          calendar_known=known)


def rest_day_note(deadline: date, extended: date | None, *, known: bool,
                  late: bool = False) -> str:
    """What the citizen should know about rest days at the end of a period (``late``: the
    nominal last day is already behind us, only the extension is left)."""
    if extended is not None and late:
        return (f"{fmt_date(deadline)}是休息日，依法顺延到{fmt_date(extended)}"
                "（民法典第二百零三条），请务必在这天之前办好。")
    if extended is not None:
        return (f"{fmt_date(deadline)}是休息日，依法顺延到{fmt_date(extended)}"
                "（民法典第二百零三条）；稳妥起见，请在休息日之前办好。")
    if not known:
        return "该年的法定节假日安排尚未公布，遇节假日期限可以顺延，但请按上面的日期提前办理。"
    return ""


def _message(rule: DeadlineRule, start: date, deadline: date, days_left: int, u: Urgency) -> str:
    counted = {"hours": "从当时的钟点起算", "workdays": "开始当天不算，节假日不算"}.get(
        rule.period.unit, "开始当天不算，从第二天起算")
    head = (
        f"{rule.name_zh}：{rule.start_event_zh}为{fmt_date(start)}，期限{rule.period.zh}"
        f"（{counted}），最后一天是{fmt_date(deadline)}。"
    )
    status = _citizen_status(days_left, u) if rule.kind == "citizen" else _authority_status(
        rule, days_left
    )
    note = f"{rule.note_zh}" if rule.note_zh else ""
    basis = f"依据《{rule.law_key}》{rule.article}。"
    return head + status + note + basis


def _citizen_status(days_left: int, u: Urgency) -> str:
    if u == "expired":
        return (
            f"这个期限已经过了{-days_left}天。是否存在中断、中止或者其他例外，"
            "请尽快拨打12348法律援助热线咨询。"
        )
    if days_left == 0:
        return "今天就是最后一天，请马上办理。"
    if u == "urgent":
        return f"只剩{days_left}天，非常紧急，请马上行动。"
    if u == "soon":
        return f"还剩{days_left}天，请抓紧准备材料。"
    return f"还剩{days_left}天。"


def _authority_status(rule: DeadlineRule, days_left: int) -> str:
    if days_left < 0:
        return f"{rule.actor_zh}的办理期限已经过了；如果还没有结果，可以询问进度或者采取下一步措施。"
    return f"{rule.actor_zh}应当在这一天之前作出决定，您不需要在这个期限内做什么。"


def unpaid_wage_arbitration(
    *, employment_ended_on: date | None, today: date
) -> DeadlineStatus | OpenEnded:
    """Arbitration limit for unpaid wages (劳动争议调解仲裁法第二十七条第四款).

    While the employment relationship lasts the one-year limit does not apply; once it has
    ended, the worker must apply within one year of the end.
    """
    rule = get_rule("labor_unpaid_wages_after_end")
    if employment_ended_on is None:
        return OpenEnded(
            rule=rule,
            message_zh=(
                "您还在这家单位上班（劳动关系没有结束），因拖欠工资申请劳动仲裁不受一年时效的限制；"
                "但离职后要在一年内申请，证据也会越放越难找，建议尽早申请。"
                f"依据《{rule.law_key}》{rule.article}。"
            ),
        )
    return compute_deadline(rule, employment_ended_on, today=today)


__all__ = [
    "SOON_DAYS",
    "URGENT_DAYS",
    "DeadlineRule",
    "DeadlineStatus",
    "OpenEnded",
    "Period",
    "add_months",
    "compute_deadline",
    "deadline_rules",
    "get_rule",
    "read_deadline_rules",
    "rest_day_note",
    "rules_for_category",
    "unpaid_wage_arbitration",
    "urgency_for",
]
