"""The consultation engine: one user turn in, one reply out.

understand the facts (negation, roles, vague dates, colloquial amounts, corrections) → safety
(emergencies first, but "他不打我" is not one, and the question still gets its answer) →
category → the legal situation(s) the facts fit → the facts the situation still needs (asked
once) → an answer for this person: the situation's articles (looked up and verified, retrieval
adds, never replaces), its time limit counted from their date, the risks that apply, one case.
No situation fits → an honest answer that can only point to the law and to 12348.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Protocol

from assistant import clock
from assistant.config import LLMSettings
from assistant.consult.classify import load_classifier
from assistant.consult.compose import (
    MAX_ARTICLES,
    abstain_reply,
    case_ref,
    cited,
    clarify_reply,
    clause,
    compose_answer,
    general_answer,
    out_of_scope_reply,
    render_sections,
    usable_case,
    verified,
)
from assistant.consult.deadline import Timing, timing
from assistant.consult.generate import Generator, LlamaIndexGenerator, generate_answer
from assistant.consult.retriever import Retriever
from assistant.consult.risk import assess_situation, matter_tags_of
from assistant.consult.safety import Emergency, detect_emergency
from assistant.consult.situate import (
    Recognised,
    candidate_roles,
    missing,
    open_questions,
    question_start,
    ranked,
    recognise,
)
from assistant.consult.sums import estimate
from assistant.consult.understand import Understood, understand
from assistant.models import (
    Basis,
    CaseRef,
    CitedArticle,
    Classification,
    Facts,
    Reply,
    Section,
    SessionState,
    Titles,
    Turn,
    assistant_turn,
)
from knowledge.citations import CitationResolver
from knowledge.corpus import Article
from knowledge.retrieval import Hit
from knowledge.situations import Cite, Situation, role_fit, score
from knowledge.taxonomy import OUT_OF_SCOPE, get_category
from knowledge.vocabulary import KIN_ROLES

log = logging.getLogger(__name__)

RETRIEVE_K = 20
GENERAL_ARTICLES = 2  # quoted without a recognised situation
MIN_SHARED_WORDS = 2  # ... and only when they share this many two-character words with the talk
MIN_SITUATION_ARTICLES = 2
PASSED_RATIO, PASSED_CHECKS = 0.6, 4  # situations whose time limits are checked (see _recognise)  # fewer key articles than this: retrieval adds the best related one
MAX_INTENTS = 3  # kinds of question kept across turns
ON_SCENE_DAYS = 14  # an incident this long ago: steps like "报警、就医、拍照固定现场" no longer fit
# Earlier user turns used for retrieval and classification, and turns kept in the session: the
# facts of older turns stay in ``state.facts``, so a long session stays small.
HISTORY_TURNS = 6
KEPT_TURNS = 40
# A follow-up that only answers our questions keeps the category unless the classifier is sure.
SWITCH_CONFIDENCE = 0.75
# A situation this strong (two conditions met) keeps a question in scope the classifier doubted.
IN_SCOPE_SCORE = 4.0
_MEANINGFUL = re.compile(r"[\u4e00-\u9fff]{2,}")


class CategoryClassifier(Protocol):
    def classify(self, text: str, *, history: Sequence[str] = ()) -> Classification: ...


class Consultant(Protocol):
    """What the use cases need from the engine."""

    def respond(self, state: SessionState, text: str) -> Reply: ...


@dataclass
class ConsultationEngine:
    retriever: Retriever
    classifier: CategoryClassifier
    resolver: CitationResolver
    today: Callable[[], date] = clock.today
    generator: Generator | None = None  # optional LLM rewriting, off by default
    llm_timeout_s: float = 8.0
    ask_clarifying: bool = True  # evaluations of one-shot questions turn this off

    @classmethod
    def assemble(cls, retriever: Retriever, resolver: CitationResolver, *, data_dir: Path,
                 llm: LLMSettings | None = None,
                 today: Callable[[], date] = clock.today) -> ConsultationEngine:
        """The engine with its classifier (trained from the pack in ``data_dir``) and, when
        ``llm`` is enabled, the LLM rewriter. ``assistant.app.build_engine`` calls this."""
        generator: Generator | None = None
        if llm is not None and llm.enabled:
            generator = LlamaIndexGenerator(llm)
        return cls(retriever=retriever, classifier=load_classifier(data_dir), resolver=resolver,
                   today=today, generator=generator, llm_timeout_s=llm.timeout_s if llm else 8.0)

    def respond(self, state: SessionState, text: str) -> Reply:
        """Answer one user turn; appends the user turn and the annotated assistant turn (what
        the reply was, so a later hand-off carries its articles and risk) to ``state``."""
        history = state.user_texts()[-HISTORY_TURNS:]
        state.turns.append(Turn(role="user", text=text))
        reply = self._reply(state, text, history)
        if reply.facts is None:  # every reply carries what was understood
            reply = reply.model_copy(update={"facts": state.facts})
        state.turns.append(assistant_turn(reply))
        del state.turns[:-KEPT_TURNS]
        state.updated_at = datetime.now(UTC)
        return reply

    # ------------------------------------------------------------------ the turn

    def _reply(self, state: SessionState, text: str, history: list[str]) -> Reply:
        said_before = set(state.facts.in_words()) if history else None
        got = understand(text, today=self.today(), previous=state.facts,
                         expecting=state.expecting)
        state.facts = got.facts
        emergency = detect_emergency(text, signals=got.reading.signals)
        classification = self._classify(state, text, history)
        found, passed = self._recognise(state.facts, classification.category,
                                        got.reading.positions, state.situations,
                                        question_start(text))
        strong = bool(found.situations) and _best_score(found.situations, state.facts) >= \
            IN_SCOPE_SCORE
        if classification.category == OUT_OF_SCOPE and not strong:
            state.classification, state.situations = classification, []
            return _with_emergency(emergency, out_of_scope_reply(classification))
        if found.category and found.category != classification.category:
            classification = classification.model_copy(update={"category": found.category})
        state.classification = classification
        state.situations = [s.id for s in found.situations]
        if found.situations:
            state.facts.role = _role_in(found.situations[0], state.facts)
        state.facts.groups = sorted(set(state.facts.groups) | set(classification.groups))
        if got.intents:  # the questions of earlier turns stay asked ("这字能签不", then "要花钱吗")
            state.intents = list(dict.fromkeys([*got.intents, *state.intents]))[:MAX_INTENTS]
        intents = tuple(state.intents)  # a turn that only answers a question keeps the question
        asked = self._clarify(state, classification, found.situations, intents)
        if asked is not None:
            return _with_emergency(emergency, asked)
        if found.situations:
            # A follow-up turn is answered as one: what it added is said back first.
            added = [x for x in state.facts.in_words(category=found.situations[0].category)
                     if said_before is not None and x not in said_before]
            reply = self._situation_answer(classification, found.situations, got, text, history,
                                           intents=intents, passed=passed, added=added)
        else:
            state.expecting = []
            reply = self._general_answer(classification, state.facts, text, history)
        reply = self._rewrite(reply, text, history, state.facts) if self.generator else reply
        return _with_emergency(emergency, reply)

    def _recognise(self, facts: Facts, category: str, salience: Mapping[str, int],
                   previous: Sequence[str], asked: int | None = None
                   ) -> tuple[Recognised, Timing | None]:
        """The situations the facts fit, and the time limit that has already run out, if any.

        Recognition runs without ``deadline_passed`` first; when a recognised situation's
        limit, counted from the user's date, has run out even for the latest day the date may mean,
        ``deadline_passed`` is set and the facts are matched again, so a situation about what
        is left after the deadline can take over (its answer says the first limit passed)."""
        facts.signals.pop("deadline_passed", None)
        found = recognise(facts, category=category, salience=salience, previous=previous,
                          asked=asked)
        if not found.situations:
            return found, None
        # Which limit ran out: that of a well-fitting situation of the answer's category (not
        # only the best one: a detail added later may outrank the situation it came from).
        today = self.today()
        best = max((sc for sc, s in ranked(facts) if s.category == found.category), default=0.0)
        near = [s for sc, s in ranked(facts, previous=previous)
                if s.category == found.category and sc >= PASSED_RATIO * best][:PASSED_CHECKS]
        ran_out = [(s, w) for s in near
                   if (w := timing(s, facts, today=today)) is not None and w.passed]
        if not ran_out:
            return found, None
        facts.signals["deadline_passed"] = True
        after = recognise(facts, category=category, salience=salience, previous=previous,
                          asked=asked)
        gone = {s.id for s, _ in ran_out}
        lapsed = {w.out.rule_id for _, w in ran_out if w.out is not None}
        if (not after.situations or after.situations[0].id in gone
                or (after.situations[0].after and not lapsed & set(after.situations[0].after))
                # nothing took over: the answer is about the same situation, whose own limit
                # has not run out ("离开厂两年了" runs no silicosis limit, counted from diagnosis)
                or after.situations[0].id == found.situations[0].id):
            facts.signals.pop("deadline_passed", None)
            return found, None
        return after, ran_out[0][1]

    def _classify(self, state: SessionState, text: str, history: list[str]) -> Classification:
        fresh = self.classifier.classify(text, history=history)
        previous = state.classification
        if previous is None or previous.category == OUT_OF_SCOPE:
            return fresh
        if fresh.category != previous.category and fresh.confidence >= SWITCH_CONFIDENCE:
            return fresh
        return previous.model_copy(update={
            "groups": sorted(set(previous.groups) | set(fresh.groups))})

    def _clarify(self, state: SessionState, classification: Classification,
                 situations: Sequence[Situation], intents: Sequence[str]) -> Reply | None:
        """Without a recognised situation, the category's telling-apart questions, once per
        category. With one, no separate round: the answer comes at once and asks, in the same
        reply, for what the situation still needs (``Reply.questions``)."""
        category = classification.category
        if situations:
            state.expecting = [f for a in missing(situations[:1], state.facts)
                               for f in a.fact.split("|")]
            return None
        if not self.ask_clarifying or category in state.asked:
            return None
        questions = open_questions(category, state.facts)
        if not questions:
            return None
        state.asked.append(category)
        state.expecting = []
        return clarify_reply(classification, list(questions),
                             understood=state.facts.in_words(category=category))

    # ------------------------------------------------------------------ answers

    def _situation_answer(self, classification: Classification,
                          situations: Sequence[Situation], got: Understood, text: str,
                          history: list[str], *, intents: Sequence[str] = (),
                          passed: Timing | None = None, added: Sequence[str] = ()) -> Reply:
        """The answer for ``situations``; ``passed`` is the time limit of the situation the
        person was in before it ran out (shown first in the risk panel: why the answer is
        about what is left)."""
        facts = got.facts
        primary = situations[0]
        today = self.today()
        incident = facts.dates.get("incident")
        # on-the-scene steps no longer fit
        _computed(facts, "incident_weeks_ago",
                  incident is not None and (today - incident.last).days >= ON_SCENE_DAYS)
        # "马上报警" no longer fits someone the police already dealt with
        _computed(facts, "police_reported", "police_record" in facts.evidence_held)
        timings = [timing(s, facts, today=today) for s in situations]
        # steps that race the main limit ("赶在15天内立案") no longer fit once it has run out
        _computed(facts, "own_limit_passed", timings[0] is not None and timings[0].passed)
        when = _first_limit(timings)
        # What a point may rest on: the other side's period (a guarantee period) has ended.
        _computed(facts, "their_period_over", any(t is not None and t.theirs_over for t in timings))
        figure = next((e for s in situations
                       if (e := estimate(s, facts, today=today)) is not None), None)
        all_text = "\n".join([*history, text])
        points = primary.points_for(facts.signals, age=facts.age)
        articles = self._situation_articles(situations, all_text, classification, history,
                                            first=[p.cite for p in points])
        facts.matter_tags = sorted(set(facts.matter_tags) | matter_tags_of(primary))
        risk = assess_situation(primary, facts, when, groups=set(classification.groups))
        if passed is not None and passed.out is not None:
            gone = passed.out
            reason = Basis(text=f"时间限制已经过了（{gone.name}）", law=gone.basis.law,
                           article=gone.basis.article)
            # The reasons of a "low" level ("时间也来得及") do not stand beside a passed limit.
            kept = [] if risk.level == "low" else risk.reasons
            # The limit still open comes first: it is the one the person must now meet.
            risk = risk.model_copy(update={"deadlines": [*risk.deadlines, gone], "level": "high",
                                           "reasons": [reason, *kept]})
        cases = self._cases(all_text, classification.category,
                            {c.article_id for c in articles})
        return compose_answer(classification=classification, situations=situations,
                              facts=facts, intents=intents,
                              timing_line=when.line if when else None,
                              sum_line=figure.line if figure else None, articles=articles,
                              added=added, points=[p.zh for p in points],
                              second_asked=len(points) > 1 and points[1].asked,
                              risk=risk, cases=cases, resolver=self.resolver,
                              ask=self.ask_clarifying)

    def _situation_articles(self, situations: Sequence[Situation], text: str,
                            classification: Classification, history: list[str],
                            first: Sequence[Cite] = ()) -> list[CitedArticle]:
        """The situations' key articles (looked up, verified, quoted at their clause), then
        retrieval's best relevant article when the situations name fewer than two; ``first``:
        the articles of the points said for this person, before all."""
        out: list[CitedArticle] = []
        # The points' articles, the main situation's first two, the second situation's first,
        # then the rest.
        main, *others = situations
        ordered = [*first, *main.articles[:2], *(c for o in others for c in o.articles[:1]),
                   *main.articles[2:], *(c for o in others for c in o.articles[1:])]
        for c in ordered:
            found = self.resolver.resolve_one(c.law_key, c.article)
            if found.status == "ok" and found.article is not None and \
                    all(x.article_id != found.article.id for x in out):
                out.append(cited(found.article, source="situation",
                                 quote=clause(found.article.text, c.phrase)))
        out = out[:MAX_ARTICLES]
        if len(out) < MIN_SITUATION_ARTICLES:
            query = " ".join([text, *(s.title_zh for s in situations)])
            hits = self.retriever.search(query, k=RETRIEVE_K, history=history,
                                         category=classification.category)
            words = _words(text)
            # Only from the laws the situation rests on or the category's key laws: an
            # article of another field is noise next to the situation's own.
            laws = {c.law_key for s in situations for c in s.articles} | set(
                get_category(classification.category).key_laws)
            extra = [h.article for h in hits[:5] if h.lexical > 0 and h.article.law_key in laws
                     and any(w in h.article.text for w in words)
                     and all(x.article_id != h.article.id for x in out)]
            out += [cited(a, quote=clause(a.text, words=words))
                    for a in verified(extra, self.resolver)[: MAX_ARTICLES - len(out)]]
        return out

    def _general_answer(self, classification: Classification, facts: Facts, text: str,
                        history: list[str]) -> Reply:
        all_text = "\n".join([*history, text])
        hits = self.retriever.search(text, k=RETRIEVE_K, history=history,
                                     category=classification.category)
        expansions = self.retriever.expand(all_text)
        if not relevant(hits, " ".join([all_text, *expansions])):
            return abstain_reply(classification,
                                 reason="我没有在法律法规库里找到和您的问题直接相关的条文")
        words = _words(all_text)
        # Without a recognised situation only the category's own laws are quoted, two at most:
        # a lawyer reading "道路交通安全法" under a question about a medical-insurance decision
        # is misled, not helped (an honest "not found" is better).
        own = set(get_category(classification.category).key_laws)
        # An article sharing at most one two-character word with what was said is no answer
        # to it (on the dev and val sets every such quote was off the point).
        said = set(words)
        found = [a for a in verified(_ordered(hits), self.resolver) if a.law_key in own
                 and sum(w in a.text for w in said) >= MIN_SHARED_WORDS]
        articles = [cited(a, quote=clause(a.text, words=words))
                    for a in found[:GENERAL_ARTICLES]]
        if not articles:
            return abstain_reply(classification,
                                 reason="我没有在这类问题的主要法律里找到能直接回答您的条文")
        return general_answer(classification=classification, facts=facts, articles=articles,
                              risk=None, resolver=self.resolver)

    def _rewrite(self, reply: Reply, text: str, history: list[str], facts: Facts) -> Reply:
        """Let the optional LLM rephrase the grounded answer; its citations are re-checked
        against the articles the answer quotes, and any failure keeps the grounded text."""
        if reply.kind != "answer":
            return reply
        assert self.generator is not None
        shown = [self.retriever.article(c.article_id) for c in reply.citations]
        articles = [a for a in shown if a is not None]
        out = generate_answer(
            self.generator, question=text, history=history,
            facts_summary="；".join(facts.in_words()) or "（用户没有提供更多事实）",
            articles=articles, allowed={a.id for a in articles}, resolver=self.resolver,
            fallback=reply.text, timeout_s=self.llm_timeout_s,
        )
        if not out.used_llm:
            return reply
        return reply.model_copy(update={"text": out.text, "generated_by": "llm"})

    def _cases(self, text: str, category: str, shown: set[str]) -> list[CaseRef]:
        """One official case of the same category that applied an article the answer quotes,
        with a holding fit to show; none rather than an unrelated one."""
        fitting = [h for h in self.retriever.cases(text, k=20)
                   if usable_case(h) and shown.intersection(a.id for a in h.cited)
                   and (h.case.category == category or category in h.case.categories)]
        return [case_ref(fitting[0])] if fitting else []


def _first_limit(timings: Sequence[Timing | None]) -> Timing | None:
    """The time limit to say first: the main situation's when it has run out, else of the
    situations answered the one that runs out first and has not yet (a 3-working-day review
    before a 3-year claim), else the main one's."""
    main = timings[0] if timings else None
    if main is not None and (main.out is None and main.not_started or main.passed):
        # the main situation's own limit has run out: that is the first thing to hear
        # ("还来得及不" after the 15 days to sue), not a companion's later limit
        return main
    live = [(t.out.deadline, i, t) for i, t in enumerate(timings)
            if t is not None and t.out is not None and t.out.deadline is not None
            and t.out.urgency != "expired" and not t.passed]
    return min(live)[2] if live else main


def _computed(facts: Facts, signal: str, holds: bool) -> None:
    """A signal the engine works out (never read from words): set when it holds, else absent."""
    if holds:
        facts.signals[signal] = True
    else:
        facts.signals.pop(signal, None)


_DEAD_ONES = frozenset({"worker", "victim", "patient"})


def _role_in(situation: Situation, facts: Facts) -> str | None:
    """The user's role as the recognised situation sees it: a candidate it names (a kinship
    word becomes the family role it stands for), else its only role, else what was said. A
    situation naming no roles leaves it to its category's sides (``Category.user_roles``):
    an administrative matter's citizen is the applicant, not the street seller they are."""
    roles = situation.when.roles or get_category(situation.category).user_roles
    candidates = candidate_roles(facts)
    fit = role_fit(candidates, roles) if roles else None
    if fit in _DEAD_ONES and facts.flag("died") is True:
        # the one who died does not tell it: "俺男人…人走了…场里说不算工伤" is his widow's story
        fit = role_fit([r for r in candidates if r in KIN_ROLES], roles) or fit
    return fit or (roles[0] if len(roles) == 1 else facts.role)


def _best_score(situations: Sequence[Situation], facts: Facts) -> float:
    return score(situations[0], facts.signals, roles=candidate_roles(facts), age=facts.age)


# Someone who says they do not want to live hears the crisis message and one line, not a
# legal answer: the rest waits until they are safe.
_SAFE_LATER = "等您安全了，可以再来问详细的办法（比如申请人身安全保护令、离婚、赔偿），也可以拨打12348法律援助热线。"
_LATER = "等你安全了，想说说遇到的事，随时回来找我；也可以拨打12348法律援助热线，有人陪你一起想办法。"


def _with_emergency(emergency: Emergency | None, reply: Reply) -> Reply:
    """Safety first, then still the answer to the question asked (self-harm: safety only)."""
    if emergency is None:
        return reply
    if emergency.kind == "self_harm":
        text = emergency.message_zh + "\n" + _LATER
        return reply.model_copy(update={
            "kind": "emergency", "text": text, "first_screen": text, "questions": [],
            "sections": [Section(title="紧急求助", body=text)], "citations": [], "cases": []})
    screen = emergency.message_zh + ("\n" + reply.first_screen if reply.first_screen else "")
    # Someone in danger now (a door being broken, a phone running out) reads the safety steps
    # and the short answer, not ten sections: the rest is for when they are safe.
    sections = [Section(title="紧急求助", body=emergency.message_zh)]
    if reply.first_screen:
        sections.append(Section(title=Titles.ANSWER, body=reply.first_screen))
    sections.append(Section(title="安全以后", body=_SAFE_LATER))
    text = render_sections(sections)
    return reply.model_copy(update={"kind": "emergency", "text": text, "first_screen": screen,
                                    "sections": sections, "questions": [], "cases": []})


def _words(text: str) -> list[str]:
    return sorted({w[i : i + 2] for w in _MEANINGFUL.findall(text) for i in range(len(w) - 1)})


def _ordered(hits: Sequence[Hit]) -> list[Article]:
    return list(dict.fromkeys(h.article for h in hits))


def relevant(hits: Sequence[Hit], text: str) -> bool:
    """At least one top article shares a two-character word with the question (including the
    statutory terms the lexicon adds)."""
    words = _words(text)
    return any(h.lexical > 0 and any(w in h.article.text for w in words) for h in hits[:5])


__all__ = ["ConsultationEngine", "Consultant", "relevant"]
