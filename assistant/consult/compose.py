"""The grounded composer: an answer for this person, sized for a kiosk screen.

First screen (``Reply.first_screen``): the direct answer to the question asked (the
situation's answer to that kind of question when it has one), the time limit that applies to
them (with an estimate said to be one), and the one next step. Then sections a kiosk folds
away: what was understood, points and conditions, at most three articles (each quoted in full
when short, otherwise the sentence holding the clause that matters, never cut before it), the
steps with the body's plain name, the materials still missing, the risks that apply, one
official case's holding, and the jargon explained. Every article shown resolves to itself.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Literal

from assistant.consult.risk import BURDEN_OF_PROOF, DATE_UNKNOWN
from assistant.consult.situate import known
from assistant.models import (
    RISK_LEVEL_ZH,
    CaseRef,
    CitedArticle,
    Classification,
    Facts,
    Reply,
    RiskAssessment,
    Section,
    Titles,
    yuan,
)
from knowledge.citations import CitationResolver
from knowledge.corpus import Article
from knowledge.retrieval import CaseHit
from knowledge.situations import Situation
from knowledge.taxonomy import get_category

log = logging.getLogger(__name__)

QUOTE_CHARS = 80  # an article up to this long is quoted whole
MAX_ARTICLES = 3
LEAD_CHARS = 160  # two answers to two questions lead together when this short
MAX_ADDED = 3  # facts a follow-up turn added, said back first
MAX_STEPS = 3
# What names an office in a body line (the rest is advice: "先和房东协商").
_OFFICE = r"局|委员会|法院|政府|中心|机关|部门|派出所|热线|\d{4,}|居委会|村委会|交警|妇联|协会"
MAX_CONDITIONS = 2  # the conditions of the main situation shown (its most important first)
MAX_MATERIALS = 2  # the ones that matter most come first in a situation's list
CLAUSE_CHARS = 70  # a quoted sentence longer than this is cut to the clauses holding the phrase
FIRST_SCREEN_CHARS = 300
HOTLINE = "12348"
REFERRAL = ("如果还有疑问，可以拨打12348公共法律服务热线，或者带上身份证和相关材料，"
            "到当地法律援助中心、司法所当面咨询。")
FEE_LAW = "诉讼费用交纳办法"
INTENT_ORDER = ("sign", "jail", "review", "deadline", "where", "cost", "amount", "evidence", "can")
_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]?")
_PARTY_NAMES = re.compile(r"原告|被告|上诉人|被上诉人|申请人|被申请人|住[^，。]{0,20}(省|市|县|区)")


# ----------------------------------------------------------------------------- articles


def verified(articles: Sequence[Article], resolver: CitationResolver) -> list[Article]:
    """Articles whose citation string resolves to exactly that article (others are dropped)."""
    out = []
    for a in articles:
        res = resolver.resolve_one(a.law, a.article)
        if res.status == "ok" and res.article is not None and res.article.id == a.id:
            out.append(a)
        else:
            log.warning("dropped unverifiable citation %s (%s)", a.id, res.status)
    return out


def clause(text: str, phrase: str = "", *, words: Sequence[str] = ()) -> str:
    """What to quote of an article: all of it when short; otherwise the sentence(s) holding
    ``phrase`` (never cut before it), or the sentence sharing most ``words`` with the question."""
    flat = text.replace("\n", "")
    if len(flat) <= QUOTE_CHARS:
        return flat
    sentences = [m.group(0) for m in _SENTENCE.finditer(text) if m.group(0).strip()]
    if phrase and phrase in flat:
        at = flat.index(phrase)
        picked, pos = [], 0
        for s in sentences:
            if pos + len(s) > at and pos < at + len(phrase):
                picked.append(s)
            pos += len(s)
        body = "".join(picked).strip()
    else:
        body = max(sentences, key=lambda s: sum(w in s for w in words)).strip() if words \
            else sentences[0].strip()
    if phrase and phrase in body and len(body) > CLAUSE_CHARS:
        body = _clauses_around(body, phrase)
    head = "" if flat.startswith(body) else "……"
    tail = "" if flat.endswith(body) else "……"
    return head + body + tail


def _clauses_around(sentence: str, phrase: str) -> str:
    """The comma clauses of a long sentence from the one where ``phrase`` starts to the one
    where it ends, plus the next when the phrase ends the clause (its consequence follows)."""
    parts = re.findall(r"[^，,：:]+[，,：:]?", sentence)
    at = sentence.index(phrase)
    pos, first, last = 0, None, None
    for i, part in enumerate(parts):
        end = pos + len(part)
        if first is None and end > at:
            first = i
        if end >= at + len(phrase):
            last = i
            break
        pos = end
    if first is None or last is None:
        return sentence
    if last + 1 < len(parts) and len("".join(parts[first:last + 2])) <= CLAUSE_CHARS:
        last += 1
    return "".join(parts[first:last + 1]).rstrip("，,：:")


def cited(a: Article, *, source: Literal["search", "rule", "situation"] = "search",
          quote: str = "") -> CitedArticle:
    return CitedArticle(article_id=a.id, law=a.law, article=a.article, text=a.text,
                        source=source, quote=quote or clause(a.text), short=a.short)


def case_ref(hit: CaseHit, *, holding_chars: int | None = 160) -> CaseRef:
    """A retrieved case as shown to users (answers and ``/v1/search``): the holding (cut to
    ``holding_chars`` unless None), the articles it cites and a warning when it applied a law
    since repealed."""
    c = hit.case
    note = ""
    if c.cites_repealed_law:
        laws = "、".join(f"《{law}》" for law in c.cites_repealed_law)
        note = f"注意：这个案例判决时适用的{laws}已经废止，现在要按《民法典》等现行法律处理，仅供参考。"
    text = c.holding or c.facts
    holding = text if holding_chars is None else _one_sentence(text, holding_chars)
    cited_articles = hit.cited if holding_chars is None else hit.cited[:4]
    return CaseRef(case_id=c.id, title=c.title, holding=holding,
                   cited=[f"《{a.law}》{a.article}" for a in cited_articles], note=note)


def _one_sentence(text: str, limit: int) -> str:
    first = next((m.group(0) for m in _SENTENCE.finditer(text.replace("\n", ""))), text)
    return first if len(first) <= limit else first[:limit].rstrip("，；、 ") + "……"


def usable_case(hit: CaseHit) -> bool:
    """A case whose holding can be shown: an official holding without party names or addresses."""
    return bool(hit.case.holding) and not _PARTY_NAMES.search(hit.case.holding)


# ----------------------------------------------------------------------------- facts


# ----------------------------------------------------------------------------- the answer


def lead(situation: Situation, intents: Sequence[str]) -> str:
    """The first thing said: the situation's answers to the kinds of question asked (two when
    both are short: "这字能签不" and "要花钱吗"), else its general answer."""
    said = [situation.faq[i] for i in INTENT_ORDER if i in intents and i in situation.faq]
    if not said:
        return situation.answer_zh
    if len(said) > 1 and len(said[0]) + len(said[1]) <= LEAD_CHARS:
        return said[0] + said[1]
    return said[0]


def first_screen(situations: Sequence[Situation], intents: Sequence[str],
                 timing_line: str | None, sum_line: str | None = None,
                 facts: Facts | None = None, added: Sequence[str] = (),
                 points: Sequence[str] = ()) -> tuple[str, bool]:
    """The first screen and whether the situation's general answer fit on it; ``points``
    (what is true for this person, by the facts: those ``lead_points`` chose) right after the lead,
    then ``sum_line``
    (what the law's arithmetic gives for this person); ``added`` (what a follow-up turn told)
    said back before it all."""
    primary = situations[0]
    opening = lead(primary, intents)
    # Which situation the answer is for, said first: the citizen can tell at once when the
    # assistant has understood something else (and say so).
    heard = f"您补充的：{'；'.join(added[:MAX_ADDED])}。\n" if added else ""
    parts = [f"{heard}按“{primary.title_zh}”的情况回答您：", opening]
    answered = opening == primary.answer_zh
    if points:
        # What is true for this person answers before the general rule, which moves to the
        # key points below; two short ones both ("赔了钱能放出来不？能去看看他不？").
        parts[1:] = list(points) if answered or len(points) > 1 else [*points, opening]
        answered = False
    elif not answered and len(opening) + len(primary.answer_zh) <= FIRST_SCREEN_CHARS // 2:
        parts.append(primary.answer_zh)
        answered = True
    if sum_line:
        parts.append(sum_line)
    if timing_line:
        parts.append(timing_line)
    steps = _fitting_steps(primary, facts)
    if steps:
        step = f"下一步：{steps[0]}"
        if sum(len(p) for p in parts) + len(step) <= FIRST_SCREEN_CHARS or len(parts) < 3:
            parts.append(step)
    return parts[0] + "\n".join(parts[1:]), answered


TWO_POINTS_CHARS = 190  # two points this short, together, lead the first screen


def lead_points(points: Sequence[str], second_asked: bool) -> int:
    """How many of ``points`` lead the first screen: the first, and the second too when it
    answers a question the person asked (``second_asked``) and the two are short enough to
    leave room for the limit and the next step."""
    if second_asked and len(points) >= 2 and len(points[0]) + len(points[1]) <= TWO_POINTS_CHARS:
        return 2
    return min(len(points), 1)


def compose_answer(
    *,
    classification: Classification,
    situations: Sequence[Situation],
    facts: Facts,
    intents: Sequence[str],
    timing_line: str | None,
    articles: Sequence[CitedArticle],
    risk: RiskAssessment,
    sum_line: str | None = None,
    added: Sequence[str] = (),
    points: Sequence[str] = (),
    second_asked: bool = False,
    cases: Sequence[CaseRef],
    resolver: CitationResolver,
    ask: bool = True,
) -> Reply:
    """The answer for recognised ``situations``; ``articles`` are verified and quoted. With
    ``ask``, the facts the main situation still needs are asked for right after the answer."""
    shown = lead_points(points, second_asked)
    screen, answered = first_screen(situations, intents, timing_line, sum_line, facts, added,
                                    points[:shown])
    questions = [a.question_zh for a in situations[0].ask if not known(facts, a.fact)]
    sections = [Section(title=Titles.ANSWER, body=screen)]
    if questions and ask:
        sections.append(Section(title=Titles.ASK, body="\n".join(
            [*(f"{i}. {q}" for i, q in enumerate(questions, 1)), "（不清楚的可以说“不知道”。）"])))
    sections += _understood(facts, situations[0].category)
    sections += _points(situations, answered, facts, points[shown:])
    sections.append(Section(title=Titles.BASIS, body=_basis_text(articles)))
    sections.append(Section(title=Titles.STEPS, body=_steps_text(
        situations, facts, first_shown="下一步：" in screen)))
    sections += _materials(situations, facts)
    risk_body = _risk_text(risk, situations, resolver, time_said=timing_line is not None)
    if risk_body:
        sections.append(Section(title=Titles.RISK, body=risk_body))
    if cases:
        sections.append(Section(title=Titles.CASES, body=_cases_text(cases)))
    sections += _glossary(situations, render_sections(sections))
    text = render_sections(sections)
    rules = rule_citations(text, resolver, exclude={c.article_id for c in articles})
    return Reply(kind="answer", text=text, first_screen=screen, sections=sections,
                 questions=questions if ask else [], citations=[*articles, *rules],
                 cases=list(cases), risk=risk, classification=classification,
                 situations=[s.id for s in situations], facts=facts)


def general_answer(
    *,
    classification: Classification,
    facts: Facts,
    articles: Sequence[CitedArticle],
    risk: RiskAssessment | None,
    resolver: CitationResolver,
) -> Reply:
    """No situation fits: say so, point to the law retrieval found and to a person."""
    name = get_category(classification.category).name_zh
    screen = (f"您的问题属于“{name}”方面。我没能确定您属于哪种具体情况，只能先把最相关的法律规定"
              f"列给您参考，不能替您下结论。最好拨打{HOTLINE}，或带上材料到当地法律援助中心当面问一问。")
    sections = [Section(title=Titles.ANSWER, body=screen)]
    sections += _understood(facts, classification.category)
    sections.append(Section(title=Titles.BASIS, body=_basis_text(articles)))
    sections.append(Section(title=Titles.STEPS, body=(
        f"1. 整理好与这件事有关的材料（合同、聊天记录、收据、通知书等）。\n"
        f"2. 拨打{HOTLINE}公共法律服务热线，或到当地法律援助中心、司法所咨询。")))
    text = render_sections(sections)
    return Reply(kind="answer", text=text, first_screen=screen, sections=sections,
                 citations=list(articles), risk=risk, classification=classification,
                 facts=facts)


def _understood(facts: Facts, category: str | None = None) -> list[Section]:
    items = facts.in_words(category=category)
    if not items:
        return []
    body = "；".join(items) + "。\n不对请直接说“不对，是……”。"
    return [Section(title=Titles.UNDERSTOOD, body=body)]


def _points(situations: Sequence[Situation], answered: bool, facts: Facts,
            more: Sequence[str] = ()) -> list[Section]:
    primary = situations[0]
    lines = [*more, *([] if answered else [primary.answer_zh])]
    lines += list(primary.conditions_zh[:MAX_CONDITIONS])
    for other in situations[1:]:
        lines.append(f"另外（{other.title_zh}）：{other.answer_zh}")
        lines += list(other.conditions_zh[:1])
    return [Section(title="要点说明", body="\n".join(f"· {x}" for x in lines))] if lines else []


def _basis_text(articles: Sequence[CitedArticle]) -> str:
    if not articles:
        return "（没有找到可以直接引用的条文。）"
    return "\n".join(f"{i}. {a.law_zh}{a.article}：{a.quote}"
                     for i, a in enumerate(articles, 1))


def _fitting_steps(situation: Situation, facts: Facts | None) -> tuple[str, ...]:
    """The situation's steps, without those the facts show done or past (the on-the-scene
    steps for an accident weeks ago, "拿到事故认定书" for someone who has it)."""
    if facts is None:
        return situation.steps_zh
    return situation.steps_for(facts.signals, age=facts.age)


def _steps_text(situations: Sequence[Situation], facts: Facts | None = None, *,
                first_shown: bool = False) -> str:
    """The steps of the situations in order, at most ``MAX_STEPS``; with ``first_shown`` the
    first screen already gave step 1 ("下一步"), so the list goes on after it. The bodies
    ("办事的地方") are added only when the steps do not already name them."""
    if situations and situations[0].stage:
        # Past the dispute (an award, a judgment): its steps and offices no longer fit.
        situations = situations[:1]
    steps: list[str] = []
    for s in situations:
        steps += [x for x in _fitting_steps(s, facts) if x not in steps]
    # The first screen gave step 1 ("下一步"): the list goes on after it, numbered from 1 (a
    # list starting at "2." read as broken to the lawyers who graded it).
    rest = steps[1:MAX_STEPS] if first_shown else steps[:MAX_STEPS]
    lines = [f"{i}. {x}" for i, x in enumerate(rest, 1)]
    if first_shown and rest:
        lines.insert(0, "然后：")
    named = "".join(steps[:MAX_STEPS])
    # A body line the steps already name in full is left out (人民法院 is named by 法院); one
    # naming an office more is kept whole: the offices listed alone read as the only ones.
    bodies = [b for b in dict.fromkeys(s.body_zh for s in situations)
              if b and not all(_named(p, named) for p in _body_names(b))]
    if bodies:
        lines.append(f"办事的地方：{'；'.join(bodies)}。")
    lines.append(f"拿不准的，打{HOTLINE}热线或到当地法律援助中心问。")
    return "\n".join(lines)


def _named(office: str, text: str) -> bool:
    """Whether ``text`` names ``office`` (人民法院 is named by 法院)."""
    return office in text or office.removeprefix("人民") in text


def _body_names(body: str) -> list[str]:
    """The offices a situation's body line names ("先和房东协商；不行找社区人民调解委员会或
    人民法院" → 人民调解委员会, 人民法院), without the notes in brackets."""
    plain = re.sub(r"（[^）]*）", "", body)
    parts = (p.strip() for p in re.split(r"[、；;]|或者|或(?=[^者])|找|向|到", plain))
    return [p for p in parts if p and re.search(_OFFICE, p)]


def _materials(situations: Sequence[Situation], facts: Facts) -> list[Section]:
    held = set(facts.evidence_held)
    seen: set[str] = set()
    lines = []
    identity = False  # the ID card every step needs: one short line, not a material slot
    for s in situations:
        for m in s.materials:
            key = m.evidence or m.label_zh
            if key in seen or (m.evidence is not None and m.evidence in held):
                continue
            seen.add(key)
            if m.label_zh == "身份证":
                identity = True
                continue
            lines.append(f"· {m.label_zh}：{m.why_zh}")
    lines = lines[:MAX_MATERIALS]
    # What they hold is listed under 我理解的情况 already.
    last = "；".join([*(["带上身份证"] if identity else []),
                     *(["已有的材料请保存好原件"] if held else [])])
    if last:
        lines.append(last + "。")
    return [Section(title=Titles.MATERIALS, body="\n".join(lines))] if lines else []


def _risk_text(risk: RiskAssessment, situations: Sequence[Situation],
               resolver: CitationResolver, *, time_said: bool = False) -> str:
    """The level and its reasons, the situation's own warnings, costs and legal aid; the time
    limit only when the first screen has not said it already (``time_said``)."""
    # A level said only when it tells something: "风险中等" with nothing but the general burden
    # of proof (or the missing date the first screen already asks for) is boilerplate.
    reasons = [r.text.rstrip("。") for r in risk.reasons
               if r != BURDEN_OF_PROOF and not (time_said and r == DATE_UNKNOWN)]
    level = f"风险{RISK_LEVEL_ZH[risk.level]}"
    lines = ([level + ("：" + "；".join(reasons[:3]) if reasons else "") + "。"]
             if reasons or risk.level != "medium" and risk.reasons else [])
    if not time_said:
        lines += [f"· {d.message}" for d in risk.deadlines]
    for s in situations:
        lines += [f"· {x}" for x in s.risk_zh]
    if risk.fee is not None:
        relief = qualify(risk.fee.relief_brief or risk.fee.relief, FEE_LAW, resolver)
        lines.append(f"· 打官司的诉讼费大约{yuan(risk.fee.amount_yuan)}。{relief}")
    if risk.legal_aid is not None and risk.legal_aid.reasons:
        r = risk.legal_aid.reasons[0]
        lines.append(f"· 法律援助：{qualify(r.text, r.law, resolver)}（《{r.law}》{r.article}）")
    return "\n".join(lines)


def _cases_text(cases: Sequence[CaseRef]) -> str:
    return "\n".join(f"· {c.holding}" + (f"\n  {c.note}" if c.note else "") for c in cases)


def _glossary(situations: Sequence[Situation], text: str) -> list[Section]:
    """Plain meanings of the terms the answer uses (``text``)."""
    terms: dict[str, str] = {}
    for s in situations:
        terms.update({k: v for k, v in s.glossary.items() if k in text})
    if not terms:
        return []
    return [Section(title=Titles.GLOSSARY,
                    body="\n".join(f"· {k}：{v}" for k, v in terms.items()))]


# ----------------------------------------------------------------------------- other replies


def qualify(text: str, law: str, resolver: CitationResolver) -> str:
    """Spell out the law of bare references in rule-table text, so every citation in an answer
    names its law: 第四十八条 → 《诉讼费用交纳办法》第四十八条 when ``law`` is that law."""
    if not law:
        return text
    parts: list[str] = []
    last = 0
    for res in resolver.resolve(text, default_law=law):
        c = res.citation
        if res.article is None or not c.raw.startswith("第") or c.start < last:
            continue
        if c.start > 0 and text[c.start - 1] == "》":
            continue
        parts += [text[last : c.start], f"《{res.article.short}》"]
        last = c.start
        parts.append(text[last : c.end])
        last = c.end
    parts.append(text[last:])
    return "".join(parts)


def rule_citations(text: str, resolver: CitationResolver, *, exclude: set[str]) -> list[CitedArticle]:
    """Articles the table-written parts of an answer cite, looked up in the index."""
    found: dict[str, Article] = {}
    for res in resolver.resolve(text):
        if res.status == "ok" and res.article is not None and res.article.id not in exclude:
            found.setdefault(res.article.id, res.article)
    return [cited(a, source="rule") for a in found.values()]


def unquoted_text(reply: Reply) -> str:
    """The answer without the verbatim statute quotations: what the assistant itself asserts.

    A quoted article may refer to other articles of its own law (本法第五百一十条), and a quoted
    case holding to the articles the court applied; those are the statute's and the court's
    words, not citations made by the assistant, so validation skips them."""
    text = reply.text
    for c in reply.citations:
        text = text.replace(c.quote, "") if c.quote else text
    for case in reply.cases:
        text = text.replace(case.holding, "")
    return text


def render_sections(sections: Sequence[Section]) -> str:
    return "\n\n".join(f"【{s.title}】\n{s.body}" for s in sections)


def abstain_reply(classification: Classification | None, *, reason: str) -> Reply:
    body = (f"抱歉，{reason}，我不能给您一个有法律依据的回答，也不想随便猜。\n{REFERRAL}")
    return Reply(kind="abstain", text=body, first_screen=body,
                 sections=[Section(title=Titles.REFERRAL, body=body)],
                 classification=classification)


def out_of_scope_reply(classification: Classification) -> Reply:
    referral = get_category("out_of_scope").referral_zh or REFERRAL
    body = ("您的问题不在本助手能解答的范围内（本助手主要解答婚姻家庭、劳动欠薪、工伤、借贷、交通事故、"
            f"消费、房屋、土地、人身损害、家暴、刑事和行政争议等问题）。\n{referral}")
    return Reply(kind="out_of_scope", text=body, first_screen=body,
                 sections=[Section(title=Titles.REFERRAL, body=body)],
                 classification=classification)


def clarify_reply(classification: Classification, questions: Sequence[str], *,
                  situation: Situation | None = None, understood: Sequence[str] = ()) -> Reply:
    """Questions before answering (asked once): what the situation needs to know."""
    topic = situation.title_zh if situation else get_category(classification.category).name_zh
    intro = f"您说的是“{topic}”的问题。为了说准您的情况，请再告诉我："
    body = intro + "\n" + "\n".join(f"{i}. {q}" for i, q in enumerate(questions, 1))
    body += "\n（不清楚的可以直接说“不知道”。）"
    sections = [Section(title="请补充", body=body)]
    if understood:
        sections.append(Section(title=Titles.UNDERSTOOD, body="；".join(understood) + "。"))
    return Reply(kind="clarify", text=render_sections(sections) if understood else body,
                 first_screen=body, questions=list(questions), sections=sections,
                 classification=classification, situations=[situation.id] if situation else [])


__all__ = ["abstain_reply", "case_ref", "cited", "clarify_reply", "clause", "compose_answer",
           "general_answer", "out_of_scope_reply", "render_sections",
           "unquoted_text", "usable_case", "verified"]
