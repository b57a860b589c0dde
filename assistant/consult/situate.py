"""Which legal situation(s) the person is in, and what the situation still needs to know.

Situations (``knowledge.situations``) are recognised from the understood facts: signals, the
user's role and an age. The classifier's category breaks ties and keeps the conversation on
topic; a situation of another category wins only when it fits clearly better. At most two
situations are answered (the second only when it fits almost as well and adds to the first,
e.g. "wages owed after leaving" and "no written contract").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.models import Facts
from knowledge.situations import Ask, Situation, match
from knowledge.taxonomy import OUT_OF_SCOPE

MAX_SITUATIONS = 2
SECOND_RATIO = 0.75  # a second situation fits at least this well (score ratio)
OTHER_CATEGORY_MARGIN = 1.5  # a situation outside the classifier's category must beat it by this
STRONG_SCORE = 4.0  # ... and fit clearly on its own (two required conditions met)
MAX_QUESTIONS = 3

# Without a recognised situation: the questions that tell the situations of a category apart,
# each with the facts that answer it ("a|b": either one); a question whose facts are all known
# is not asked again.
CATEGORY_QUESTIONS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "labor_wages": (("您现在还在那里干吗？如果已经不干了，是哪天不干的？",
                     ("flags.employment_ongoing",)),
                    ("单位是欠工资、辞退了您，还是没签合同？欠多少钱？",
                     ("flags.wages_owed|flags.dismissed|flags.written_contract",))),
    "work_injury": (("是哪天、在哪里受的伤（或者哪天查出的职业病）？",
                     ("dates.incident|dates.diagnosis",)),
                    ("单位有没有给您交工伤保险、有没有申请工伤认定？", ())),
    "contract_debt": (("您是借钱给别人的，还是欠别人钱、或者给人做了担保？", ("role",)),
                      ("有没有借条、欠条或者转账记录？约定什么时候还？",
                       ("evidence.iou|evidence.transfer_records", "dates.loan_due"))),
    "traffic_accident": (("事故是哪天发生的？有没有人受伤？", ("dates.incident", "flags.injured")),
                         ("交警出了事故认定书没有？您是司机、乘车人、行人还是车主？",
                          ("evidence.accident_report", "role"))),
    "consumer_rights": (("是在网上买的，还是在店里买的？花了多少钱？", ("amounts.price",)),
                        ("东西出了什么问题？商家怎么说？", ())),
    "housing_property_neighbor": (("是租房、物业，还是和邻居之间的事？", ("role",)),
                                  ("具体是什么问题（押金、漏水、采光、停水停电……）？", ())),
    "rural_land_grassland": (("是承包地、宅基地、草场，还是征地补偿的事？", ()),
                             ("和您发生纠纷的是村委会、政府，还是别的村民？", ())),
    "personal_injury_tort_medical": (("是怎么受的伤（打架、狗咬、摔倒、看病……）？哪天的事？",
                                      ("dates.incident",)),
                                     ("伤得怎么样？有没有住院、做伤残鉴定？",
                                      ("flags.hospitalised|flags.disability_assessed",))),
    "marriage_family_inheritance": (("是离婚、孩子抚养，还是遗产继承方面的事？", ()),
                                    ("对方是什么态度？有没有孩子、房子等要处理？", ())),
    "vulnerable_groups_dv": (("您现在安全吗？", ()),
                             ("是谁、对谁做了什么？有没有报警记录或验伤报告？",
                              ("evidence.police_record|evidence.medical_records",))),
    "criminal": (("您是受害的一方，还是被抓的人或者他的家属？", ("role",)),
                 ("案子现在到哪一步了（派出所、检察院还是法院）？", ())),
    "administrative": (("是哪个部门、作出了什么决定？", ("evidence.decision_document",)),
                       ("这个决定是哪天收到或者知道的？", ("dates.decision",))),
}


def open_questions(category: str, facts: Facts) -> list[str]:
    """The category's telling-apart questions the user has not answered yet."""
    return [q for q, needs in CATEGORY_QUESTIONS.get(category, ())
            if not needs or not all(any(known(facts, f) for f in need.split("|"))
                                    for need in needs)]


@dataclass(frozen=True, slots=True)
class Recognised:
    situations: tuple[Situation, ...]
    category: str | None  # the category the answer is about (the situation's, when one fits)


def recognise(facts: Facts, *, category: str | None,
              salience: Mapping[str, int] | None = None,
              previous: Sequence[str] = (), asked: int | None = None) -> Recognised:
    """The situations that fit ``facts`` best (none, one or two) and the answer's category;
    ties go to the situations the conversation is already about (``previous``), then to what
    the latest message said last (``salience``); a situation the question names (from
    ``asked``, ``question_start``) counts a little more."""
    scored = ranked(facts, salience=salience, previous=previous, asked=asked)
    if not scored:
        return Recognised((), category)
    own: list[tuple[float, Situation]] = []
    other: list[tuple[float, Situation]] = []
    for sc, s in scored:
        (own if s.category == category or s.any_category else other).append((sc, s))
    clearly_other = bool(other) and other[0][0] >= STRONG_SCORE and (
        not own or other[0][0] >= own[0][0] + OTHER_CATEGORY_MARGIN)
    if own and not clearly_other:
        pool = own
    elif clearly_other:
        pool = other  # another category's situation fits clearly: the classifier was wrong
    else:
        return Recognised((), category)
    first_score, first = pool[0]
    chosen = [first]
    for sc, s in pool[1:]:
        if len(chosen) == MAX_SITUATIONS:
            break
        if (s.category == first.category or first.any_category or s.any_category) \
                and sc >= SECOND_RATIO * first_score:
            chosen.append(s)
    # A procedural step that fits (a summons received) always goes with the dispute's answer.
    step = next((s for _, s in pool if s.companion and s not in chosen), None)
    if step is not None:
        chosen = [first, step]
    # A step of any civil case (an appeal) is answered in the case's own category.
    case_category = category if category and category != OUT_OF_SCOPE else None
    return Recognised(tuple(chosen), case_category if first.any_category and case_category
                      else first.category)


def ranked(facts: Facts, *, salience: Mapping[str, int] | None = None,
           previous: Sequence[str] = (), asked: int | None = None
           ) -> list[tuple[float, Situation]]:
    """Every situation that fits ``facts``, best first (``knowledge.situations.match``)."""
    return match(facts.signals, roles=candidate_roles(facts), age=facts.age,
                 salience=salience, previous=previous, asked=asked)


# The last sentence of a message that asks something: "……还算不算自首？"
_SENTENCE_END = re.compile(r"[。！!？?\n]")
_ASKING = re.compile(r"[？?]|吗|么|不[。！!]?$|没有?[。！!]?$|算不算|是不是|能不能|会不会|行不行|要不要|该不该|可不可以|咋|怎么|多少|哪|(?:为|干|是|要|有)(?:啥|什么)")


def question_start(text: str) -> int | None:
    """Where the questions a message ends with begin (an offset into ``text``), or None:
    "……能找个不要钱的律师不？能先把人放出来不？" asks both."""
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
    found = None
    for start, end in reversed(list(zip(starts, [*starts[1:], len(text)], strict=True))):
        sentence = text[start:end].strip()
        if not sentence:
            continue
        if not _ASKING.search(sentence):
            if found is not None:
                break
            continue
        found = start
    return found


def candidate_roles(facts: Facts) -> list[str]:
    """The roles the user may have, the confirmed one first."""
    first = [facts.role] if facts.role else []
    return first + [r for r in facts.roles if r != facts.role]


def known(facts: Facts, fact: str) -> bool:
    """Whether the user has said ``fact`` (``dates.left_job``, ``flags.injured``, ``role`` …);
    ``a|b``: either one ("有病历吗" is answered by "前年还住过院")."""
    if "|" in fact:
        return any(known(facts, f) for f in fact.split("|"))
    if fact == "role":
        return facts.role is not None
    if fact == "age":
        return facts.age is not None
    head, _, key = fact.partition(".")
    if head == "dates":
        # "干了三年零两个月" answers "since when did you work there" well enough
        return key in facts.dates or (key == "started_job" and "employment" in facts.durations)
    if head == "amounts":
        return key in facts.amounts
    if head in ("flags", "said"):  # said.X: the user said something of X (a signal)
        return key in facts.signals
    if head == "evidence":
        # "交警定的他全责" tells of the accident report as well as "认定书拿到了" does
        return key in facts.evidence_held or key in facts.evidence_missing or key in facts.signals
    return False


def missing(situations: Sequence[Situation], facts: Facts) -> list[Ask]:
    """The questions the situations still need answered, in order, at most three."""
    out: list[Ask] = []
    for s in situations:
        out += [a for a in s.ask if not known(facts, a.fact)
                and all(a.fact != b.fact for b in out)]
    return out[:MAX_QUESTIONS]


__all__ = ["CATEGORY_QUESTIONS", "Recognised", "candidate_roles", "known", "missing",
           "open_questions", "ranked", "recognise"]
