"""The consultation engine: one user turn in, one reply out.

emergency check → category → facts → clarifying questions (once) → retrieval → verified answer
with risk assessment; abstains with a referral when retrieval finds nothing relevant.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
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
    clarify_reply,
    compose_answer,
    out_of_scope_reply,
    render_sections,
    verified,
)
from assistant.consult.facts import extract_facts, summarize_facts
from assistant.consult.generate import Generator, LlamaIndexGenerator, generate_answer
from assistant.consult.retriever import Retriever
from assistant.consult.risk import assess_risk
from assistant.consult.safety import detect_emergency
from assistant.consult.slots import MAX_QUESTIONS, missing_slots
from assistant.models import (
    CaseRef,
    Classification,
    Facts,
    Reply,
    Section,
    SessionState,
    Turn,
    assistant_turn,
)
from knowledge.citations import CitationResolver
from knowledge.corpus import Article
from knowledge.retrieval import Hit
from knowledge.rules.conclusions import Conclusion, conclusions_for
from knowledge.rules.evidence import evidence_table
from knowledge.taxonomy import OUT_OF_SCOPE

log = logging.getLogger(__name__)

RETRIEVE_K = 20
MAX_CONCLUSIONS = 3  # a kiosk screen holds about three plain sentences before the articles
# Earlier user turns used for retrieval and classification, and turns kept in the session: the
# facts extracted from older turns stay in ``state.facts``, so a long session stays small.
HISTORY_TURNS = 6
KEPT_TURNS = 40
# A follow-up that only answers our questions keeps the category unless the classifier is sure.
SWITCH_CONFIDENCE = 0.75
_MEANINGFUL = re.compile(r"[\u4e00-\u9fff]{2,}")


class CategoryClassifier(Protocol):
    def classify(self, text: str, *, history: Sequence[str] = ()) -> Classification: ...


class Consultant(Protocol):
    """What the API, kiosk, WeChat and CLI need from the engine."""

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
        state.turns.append(assistant_turn(reply))
        del state.turns[:-KEPT_TURNS]
        state.updated_at = datetime.now(UTC)
        return reply

    def _reply(self, state: SessionState, text: str, history: list[str]) -> Reply:
        emergency = detect_emergency(text)
        if emergency is not None:
            return Reply(kind="emergency", text=emergency.message_zh,
                         sections=[Section(title="紧急求助", body=emergency.message_zh)],
                         classification=state.classification)
        classification = self._classify(state, text, history)
        state.classification = classification
        if classification.category == OUT_OF_SCOPE:
            return out_of_scope_reply(classification)
        category = classification.category
        state.facts = extract_facts(text, today=self.today(), previous=state.facts,
                                    evidence_words=_evidence_words(category))
        state.facts.groups = sorted(set(state.facts.groups) | set(classification.groups))
        all_text = "\n".join([*history, text])
        missing = missing_slots(category, state.facts, all_text)
        if self.ask_clarifying and len(missing) >= 2 and category not in state.asked:
            state.asked.append(category)
            return clarify_reply(classification, [s.question_zh for s in missing[:MAX_QUESTIONS]])
        return self._answer(classification, state.facts, text, history)

    def _classify(self, state: SessionState, text: str, history: list[str]) -> Classification:
        fresh = self.classifier.classify(text, history=history)
        previous = state.classification
        if previous is None or previous.category == OUT_OF_SCOPE:
            return fresh
        if fresh.category != previous.category and fresh.confidence >= SWITCH_CONFIDENCE:
            return fresh
        return previous.model_copy(update={
            "groups": sorted(set(previous.groups) | set(fresh.groups))})

    def _answer(self, classification: Classification, facts: Facts, text: str,
                history: list[str]) -> Reply:
        category = classification.category
        all_text = "\n".join([*history, text])
        active = [c for c in conclusions_for(category) if condition_holds(c.condition, facts, all_text)]
        active.sort(key=lambda c: c.condition == "always")  # fact-specific conclusions first
        query = " ".join([text, *(c.query_terms for c in active)])
        hits = self.retriever.search(query, k=RETRIEVE_K, history=history, category=category)
        expansions = self.retriever.expand(all_text)
        if not relevant(hits, " ".join([all_text, query, *expansions])):
            return abstain_reply(classification, reason="我没有在法律法规库里找到和您的问题直接相关的条文")
        articles = verified(_ordered(hits, active), self.resolver)
        if not articles:
            return abstain_reply(classification, reason="找到的条文没有通过核对")
        ids = {a.key for a in articles}
        shown = [c for c in active if (c.law_key, c.article) in ids][:MAX_CONCLUSIONS]
        risk = assess_risk(category=category, facts=facts, today=self.today(),
                           groups=set(classification.groups))
        cases = self._cases(all_text, category, {a.id for a in articles[:MAX_ARTICLES]})
        reply = compose_answer(classification=classification, articles=articles,
                               conclusions=shown, risk=risk, cases=cases,
                               resolver=self.resolver)
        return self._rewrite(reply, text, history, facts) if self.generator else reply

    def _rewrite(self, reply: Reply, text: str, history: list[str], facts: Facts) -> Reply:
        """Let the optional LLM rephrase the grounded answer; its citations are re-checked
        against the articles retrieval returned, and any failure keeps the grounded text."""
        assert self.generator is not None
        shown = [self.retriever.article(c.article_id) for c in reply.citations]
        articles = [a for a in shown if a is not None]
        out = generate_answer(
            self.generator, question=text, history=history, facts_summary=summarize_facts(facts),
            articles=articles, allowed={a.id for a in articles}, resolver=self.resolver,
            fallback=reply.text, timeout_s=self.llm_timeout_s,
        )
        if not out.used_llm:
            return reply
        return reply.model_copy(update={"text": out.text, "generated_by": "llm"})

    def _cases(self, text: str, category: str, shown: set[str]) -> list[CaseRef]:
        """One official case of the same category, preferring cases that cite an article the
        answer quotes, then cases with an official holding (裁判要点)."""
        fitting = [h for h in self.retriever.cases(text, k=20)
                   if h.cited and (h.case.category == category or category in h.case.categories)]
        fitting.sort(key=lambda h: (not shown.intersection(a.id for a in h.cited),
                                    not h.case.holding))
        return [case_ref(fitting[0])] if fitting else []


def _ordered(hits: Sequence[Hit], active: Sequence[Conclusion]) -> list[Article]:
    """Articles behind triggered conclusions first (when retrieved), then by rank."""
    keys = [(c.law_key, c.article) for c in active]
    retrieved = [h.article for h in hits]
    first = [a for k in keys for a in retrieved if a.key == k]
    rest = [a for a in retrieved if a not in first]
    return list(dict.fromkeys([*first, *rest]))


def relevant(hits: Sequence[Hit], text: str) -> bool:
    """At least one top article shares a two-character word with the question (including the
    statutory terms the lexicon and the triggered conclusions added to it)."""
    words = {w[i : i + 2] for w in _MEANINGFUL.findall(text) for i in range(len(w) - 1)}
    return any(h.lexical > 0 and any(w in h.article.text for w in words) for h in hits[:5])


def _evidence_words(category: str) -> list[str]:
    items = evidence_table().get(category, [])
    return [w for it in items for w in (it["label_zh"], *it["fact_keys"])]


_CONDITIONS: dict[str, Callable[[Facts, str], bool]] = {
    "always": lambda f, t: True,
    "no_written_contract": lambda f, t: f.written_contract is False,
    "wages_owed": lambda f, t: any(a.label == "欠薪" for a in f.amounts)
    or bool(re.search(r"(欠|拖欠|不发|没发|没给|不给|克扣).{0,6}(工资|工钱|薪|加班费)"
                      r"|(工资|工钱).{0,8}(不发|没发|没给|不给|拖|找谁要|要不回)", t)),
    "overtime": lambda f, t: "加班" in t,
    "contractor": lambda f, t: bool(re.search(r"包工头|工地|分包|转包|施工队", t)),
    "deposit": lambda f, t: "定金" in t,
    "online": lambda f, t: bool(re.search(r"网上|网购|网店|直播|平台|快递|淘宝|拼多多|京东", t)),
    "bride_price": lambda f, t: "彩礼" in t,
    "dismissed": lambda f, t: bool(re.search(r"辞退|开除|被炒|解除(了)?(劳动)?合同|不让(我)?干", t)),
    "school": lambda f, t: any(w in t for w in ("学校", "幼儿园", "老师", "同学")),
    "violence": lambda f, t: bool(re.search(r"家暴|家庭暴力|暴力|打我|打了我|打伤|殴打|虐待|威胁|恐吓|保护令", t)),
    "contested_divorce": lambda f, t: bool(re.search(
        r"(想|要|闹|起诉|打算)离婚|离婚.{0,6}(不同意|不肯|不愿|不离)|不同意离婚|不肯离婚", t))
    and not re.search(r"协议离婚|冷静期|都同意|双方同意", t),
    "agreed_divorce": lambda f, t: bool(re.search(r"协议离婚|冷静期|都同意离婚|双方同意离婚|离婚登记", t)),
    "inheritance": lambda f, t: any(w in t for w in ("遗产", "继承", "遗嘱")),
    "support": lambda f, t: any(w in t for w in ("抚养费", "赡养费", "不养", "赡养")),
    "loan": lambda f, t: "借" in t,
    "fraud": lambda f, t: any(w in t for w in ("假货", "假的", "欺诈", "骗", "以次充好", "虚假")),
    "medical": lambda f, t: any(w in t for w in ("医院", "手术", "医生", "治疗", "诊所")),
    "elderly": lambda f, t: "老年人" in f.groups or any(w in t for w in ("老人", "赡养", "养老")),
    "neighbour": lambda f, t: any(w in t for w in ("邻居", "采光", "通行", "排水", "漏水")),
    "property_management": lambda f, t: "物业" in t,
}


def condition_holds(name: str, facts: Facts, text: str) -> bool:
    check = _CONDITIONS.get(name)
    if check is None:
        raise ValueError(f"unknown conclusion condition {name!r}")
    return check(facts, text)


__all__ = ["ConsultationEngine", "Consultant", "condition_holds", "relevant", "render_sections"]
