"""The time limit of a situation, for this person: counted from the date they gave, from the
earliest day a vague date may mean (and said to be an estimate), or — when they have not said
the date — stated as a rule with the question of when it happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assistant.models import Basis, DateSpan, DeadlineOut, Facts
from knowledge.rules.deadlines import DeadlineStatus, compute_deadline, fmt_date, get_rule
from knowledge.situations import LIABLE_SIDE, Situation
from knowledge.vocabulary import DATE_KINDS

# Limits that time lost through the other side does not run against (工伤保险行政案件规定第七条):
# the signal that tells it.
# Time lost for reasons not the person's own does not count (工伤保险行政案件规定第七条): the
# signals that show it, by rule, with how the answer names that time.
EXCUSED: dict[str, tuple[tuple[str, str], ...]] = {
    "work_injury_worker": (("wi_employer_delay", "单位答应办又拖着耽误的时间"),
                           ("wi_relation_case", "先打官司确认劳动关系的时间")),
}
# Limits that run against the one claiming damages, not against the one asked to pay.
CLAIMANTS_LIMITS = frozenset({"civil_limitation", "civil_limitation_max"})
# The limit that applies instead when the authority never told the person how and by when to
# challenge its act.
NOT_INFORMED = {"admin_reconsideration": "admin_reconsideration_not_informed",
                "admin_litigation": "admin_litigation_not_informed"}


@dataclass(frozen=True, slots=True)
class Timing:
    """What the answer says about time: ``line`` for the first screen, ``out`` for the risk
    panel (None when no deadline applies or the start date is unknown)."""

    line: str
    out: DeadlineOut | None = None
    cites: tuple[tuple[str, str], ...] = ()
    passed: bool = False  # run out even counted from the latest day the user's date may mean
    theirs_over: bool = False  # the other side's period ended, even from that latest day
    not_started: bool = False  # counted from an event that has not happened (still employed)


def timing(situation: Situation, facts: Facts, *, today: date) -> Timing | None:
    """The time limit of ``situation`` for ``facts`` on ``today``; None when none is set."""
    d = situation.deadline
    if d is None:
        return None
    if d.rule is None:
        cite = d.cite
        law = f"（《{cite.law_key}》{cite.article}）" if cite else ""
        return Timing(f"时间限制：{d.none_zh}{law}",
                      cites=((cite.law_key, cite.article),) if cite else ())
    mine = dict(d.by_role).get(facts.role or "")
    rule_id = mine or d.rule
    if rule_id in CLAIMANTS_LIMITS and facts.flag(LIABLE_SIDE) is True:
        # the time the harmed side has to sue is no limit of the one asked to pay
        return None
    if facts.signals.get("adm_rights_told") is False:
        # "也没人说能复议": the authority did not say how to challenge it, so the longer
        # limit of the law applies (行政复议法第二十条第三款, 行诉解释第六十四条)
        rule_id = NOT_INFORMED.get(rule_id, rule_id)
    rule = get_rule(rule_id)
    start = facts.dates.get(d.start or "")
    cites = ((rule.law_key, rule.article),)
    name = f"{rule.name_zh}（《{rule.law_key}》{rule.article}）"  # every limit says its article
    if d.start == "diagnosis" and facts.flag("od_not_diagnosed") is True:
        # "县医院就是普通的呼吸科看的": an ordinary doctor's word is no occupational-disease
        # diagnosis; the year has not begun
        return Timing(f"时间限制：{name}。还没有在有资质的机构做职业病诊断的，这一年从拿到职业病"
                      "诊断证明那天才开始算，现在还没开始。", cites=cites, not_started=True)
    if start is None and d.start == "left_job" and facts.flag("employment_ongoing") is True:
        return Timing(f"时间限制：{name}。您说还在这家单位干，这个期限从不干那天才开始算。"
                      + d.ongoing_zh, cites=cites, not_started=True)
    kind = next((k for k in (d.safe_start or "").split("|") if k in facts.dates), "")
    safe = facts.dates.get(kind)
    if start is None and safe is not None:
        # "欠条上没写哪天还": counted from a day that cannot be later than the real start, the
        # limit can only come out earlier than it is — safe to act on, said as an estimate.
        what, earlier = DATE_KINDS.get(d.start or "", ""), DATE_KINDS.get(kind, "")
        name += f"（您还没说{what}是哪天，先最保守地按{earlier}那天算，实际可能更晚）"
        start = safe
    if start is None:
        head = f"时间限制：{name}，{rule.start_event_zh}起{rule.period.zh}内。"
        if any(a.fact == f"dates.{d.start}" for a in situation.ask):
            return Timing(head + "从哪天算，要看下面问您的日子，请尽快确认。", cites=cites)
        if d.theirs_zh:
            # the other side's period: what it means for this person, no urging to act
            return Timing(head + d.theirs_zh, cites=cites)
        what = DATE_KINDS.get(d.start or "", rule.start_event_zh)
        return Timing(head + f"您还没说{what}是哪天，请尽快确认。", cites=cites)
    pressed = facts.dates.get("demanded")
    restarted = interruptible(rule.name_zh) and pressed is not None and \
        pressed.first > start.last
    if restarted and pressed is not None:
        # 民法典第一百九十五条 / 劳动争议调解仲裁法第二十七条: pressing the claim interrupts a
        # limitation period, which runs anew from that day.
        start = pressed
        name += f"（您说{pressed.raw}催要过或对方还过、答应过，从那天重新算）"
    early = compute_deadline(rule, start.first, today=today)
    late = compute_deadline(rule, start.last, today=today) if start.last != start.first else early
    if d.theirs_zh:
        # The other side's period: its end is good news for this person, not a limit on them.
        return Timing(_theirs_line(name, start, early, late) + d.theirs_zh, _out(early, start),
                      cites, theirs_over=late.urgency == "expired")
    # A side's own period (an employer's 30 days): past it, it costs, it does not bar. Time
    # lost through the other side's doing does not count (an employer who promised to file).
    lost = [zh for sig, zh in EXCUSED.get(rule.id, ()) if facts.signals.get(sig) is True]
    excused = bool(lost)
    line = _line(name, start, early, late, bars=not mine and not excused) + \
        (d.role_zh if mine else "") + \
        (f"但{'、'.join(lost)}不算在内，请尽快申请。" if excused else "")
    return Timing(line, _out(early, start), cites,
                  passed=late.urgency == "expired" and not mine and not excused)


def _theirs_line(name: str, start: DateSpan, early: DeadlineStatus,
                 late: DeadlineStatus) -> str:
    if early.deadline == late.deadline:
        end = ("约" if start.estimated else "") + fmt_date(early.deadline)
    else:
        end = f"约{fmt_date(early.deadline)}到{fmt_date(late.deadline)}之间"
    said = f"按您说的“{start.raw}”估算，" if start.estimated else ""
    if late.urgency == "expired":
        return f"{name}：{said}已经在{end}届满。"
    if early.urgency == "expired":
        return f"{name}：{said}到{end}届满，可能已经过了。"
    return f"{name}：{said}到{end}为止，还有{early.days_left}天。"


def interruptible(rule_name: str) -> bool:
    """A limitation period (诉讼时效, 仲裁时效) restarts when the claim is pressed or the other
    side agrees to pay; a fixed period (复核, 复议, 起诉, 上诉期限) does not."""
    return "时效" in rule_name


NEAR_DAYS = 30  # a last day further off than this is given without its rest-day extension


def _line(name: str, start: DateSpan, early: DeadlineStatus, late: DeadlineStatus, *,
          bars: bool = True) -> str:
    """One sentence on the limit. A vague date gives a range of last days: the limit is said
    to have passed only when it has passed even for the latest day the words may mean. Without
    ``bars`` a passed limit is not said to close the matter."""
    if not start.estimated:
        if early.extended_to is not None and _near(early):
            # the rest day first: "最后一天是12月5日……只剩1天" reads as a contradiction
            return (f"时间限制：{name}，最后一天本是{fmt_date(early.deadline)}，这天是休息日，"
                    f"依法顺延到{fmt_date(early.extended_to)}。") + _status(early, bars=bars)
        return f"时间限制：{name}，最后一天是{fmt_date(early.deadline)}。" + \
            _status(early, bars=bars) + _rest(early)
    if early.deadline == late.deadline:
        when = f"约在{fmt_date(early.deadline)}"
    else:
        when = f"大约在{fmt_date(early.deadline)}到{fmt_date(late.deadline)}之间"
    head = f"时间限制：{name}。按您说的“{start.raw}”估算，最后一天{when}，请以实际日期为准。"
    if late.urgency == "expired":
        return head + "按最晚的算，" + _status(late, bars=bars)
    if early.urgency == "expired":
        return head + ("可能已经过了，也可能还没过，要看具体是哪天。请马上查清日期，"
                       "越快办越好。")
    return head + "按最早的算，" + _status(early, bars=bars) + _rest(early)


def _status(s: DeadlineStatus, *, bars: bool = True) -> str:
    if s.urgency == "expired" and interruptible(s.rule.name_zh):
        return (f"这个期限已经过了{-s.days_left}天。如果期间向对方讨要过、对方答应过，"
                "时效会重新计算，可能还来得及，请马上拨打12348咨询。")
    if s.urgency == "expired":
        return f"这个期限已经过了{-s.days_left}天" + ("，一般不能再办了。" if bars else "。")
    if s.days_left == 0 and s.extended_to is not None:
        # The nominal last day is today, a rest day moved to the next working day: not "today
        # is the last day" beside "依法顺延到…"
        return "最稳妥是今天就办，最晚不要超过顺延后的那一天。"
    if s.days_left == 0:
        return "今天就是最后一天，请马上办理。"
    if s.urgency == "urgent":
        return f"只剩{s.days_left}天，非常紧急。"
    return f"还有{s.days_left}天。"


def _rest(s: DeadlineStatus) -> str:
    """What moves the last day (a rest day, an unpublished holiday calendar), said only when
    the day is near: months ahead, the nominal day is the safe one to aim for."""
    if not _near(s):
        return ""
    if s.extended_to is not None:
        return f"这天是休息日，依法顺延到{fmt_date(s.extended_to)}，但最好提前办。"
    if not s.calendar_known:
        return "（该年节假日安排尚未公布，遇节假日可以顺延。）"
    return ""


def _near(s: DeadlineStatus) -> bool:
    """A last day still ahead and near enough (``NEAR_DAYS``) for what moves it to be said."""
    return s.urgency != "expired" and s.days_left is not None and s.days_left <= NEAR_DAYS


def _out(s: DeadlineStatus, start: DateSpan) -> DeadlineOut:
    rule = s.rule
    message = s.message_zh
    if start.estimated:
        message = (f"按您说的“{start.raw}”，从最早可能的{fmt_date(start.first)}算起："
                   + message + "请以实际日期为准。")
    return DeadlineOut(rule_id=rule.id, name=rule.name_zh, deadline=s.deadline,
                       days_left=s.days_left, urgency=s.urgency, message=message,
                       basis=Basis(text=rule.name_zh, law=rule.law_key, article=rule.article),
                       estimated=start.estimated, extended_to=s.extended_to)


__all__ = ["Timing", "timing"]
