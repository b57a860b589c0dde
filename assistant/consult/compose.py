"""The grounded composer: a plain-Chinese answer built only from retrieved, verified articles.

Sections: 简要结论 / 法律依据 / 您可以这样做 / 需要准备的材料 / 风险提示 / 类似案例. Every article quoted
was returned by retrieval and resolved by the citation resolver to the same article ID.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Literal

from assistant.models import (
    RISK_LEVEL_ZH,
    CaseRef,
    CitedArticle,
    Classification,
    Reply,
    RiskAssessment,
    Section,
    Titles,
)
from knowledge.citations import CitationResolver
from knowledge.corpus import Article
from knowledge.retrieval import CaseHit
from knowledge.rules import steps_for_category
from knowledge.rules.conclusions import Conclusion
from knowledge.taxonomy import get_category

log = logging.getLogger(__name__)

QUOTE_CHARS = 140
MAX_ARTICLES = 4
MAX_STEPS = 4
MAX_MATERIALS = 5
HOTLINE = "12348"
REFERRAL = ("如果还有疑问，可以拨打12348公共法律服务热线，或者带上身份证和相关材料，"
            "到当地法律援助中心、司法所当面咨询。")
FEE_LAW = "诉讼费用交纳办法"


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
    """Articles the rule-table parts of an answer cite, looked up in the index."""
    found: dict[str, Article] = {}
    for res in resolver.resolve(text):
        if res.status == "ok" and res.article is not None and res.article.id not in exclude:
            found.setdefault(res.article.id, res.article)
    return [cited(a, source="rule") for a in found.values()]


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    flat = text.replace("\n", " ")
    return flat if len(flat) <= limit else flat[:limit].rstrip("，；、 ") + "……"


def cited(a: Article, *, source: Literal["search", "rule"] = "search") -> CitedArticle:
    return CitedArticle(article_id=a.id, law=a.law, article=a.article, text=a.text, source=source)


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
    holding = text if holding_chars is None else quote(text, holding_chars)
    cited = hit.cited if holding_chars is None else hit.cited[:4]
    return CaseRef(case_id=c.id, title=c.title, holding=holding,
                   cited=[f"《{a.law}》{a.article}" for a in cited], note=note)


def _conclusion_text(category: str, conclusions: Sequence[Conclusion]) -> str:
    name = get_category(category).name_zh
    lines = [f"您问的是“{name}”方面的问题。"]
    lines += [f"{c.text_zh}（《{c.law_key}》{c.article}）" for c in conclusions]
    if not conclusions:
        lines.append("下面列出的法律条文和您的情况最相关，可以先看一看。")
    return "\n".join(lines)


def _basis_text(articles: Sequence[Article]) -> str:
    return "\n".join(f"{i}. 《{a.law}》{a.article}：{quote(a.text)}" for i, a in enumerate(articles, 1))


def _steps_text(category: str, resolver: CitationResolver) -> str:
    steps = steps_for_category(category)[:MAX_STEPS]
    lines = [f"{i}. {qualify(s.text_zh, s.law_key, resolver)}" + (f"（{s.body_zh}）" if s.body_zh else "")
             for i, s in enumerate(steps, 1)]
    lines.append(f"{len(lines) + 1}. 拿不准的，拨打{HOTLINE}热线或到当地法律援助中心咨询。")
    return "\n".join(lines)


def _materials_text(risk: RiskAssessment) -> str:
    have = [e.label for e in risk.evidence if e.held]
    need = [e for e in risk.evidence if not e.held][:MAX_MATERIALS]
    lines = [f"您已经有：{'、'.join(have)}。请保存好原件。"] if have else []
    lines += [f"· {e.label}：{e.why}" for e in need]
    return "\n".join(lines) or "请带上身份证和与这件事有关的所有书面材料。"


def _risk_text(risk: RiskAssessment, resolver: CitationResolver) -> str:
    lines = [f"风险程度：{RISK_LEVEL_ZH[risk.level]}。"]
    lines += [f"· {qualify(d.message, d.basis.law, resolver)}" for d in risk.deadlines
              if d.urgency != "ok"]
    lines += [f"· {d.name}：截止到{d.deadline:%Y年%-m月%-d日}，还有{d.days_left}天。"
              for d in risk.deadlines if d.urgency == "ok" and d.deadline and d.days_left is not None]
    lines += [f"· {r.text}（《{r.law}》{r.article}）" for r in risk.reasons
              if not any(r.text == d.message for d in risk.deadlines)]
    if risk.fee is not None:
        relief = qualify(risk.fee.relief, FEE_LAW, resolver)
        lines.append(f"· 打官司的诉讼费大约{risk.fee.amount_yuan}元。{relief}")
    if risk.legal_aid is not None and risk.legal_aid.reasons:
        r = risk.legal_aid.reasons[0]
        lines.append(f"· 法律援助：{qualify(r.text, r.law, resolver)}（《{r.law}》{r.article}）")
    if not risk.deadlines:
        lines.append("· 维权有时间限制（一般诉讼时效是三年，劳动仲裁是一年），请尽早行动。")
    return "\n".join(lines)


def _cases_text(cases: Sequence[CaseRef]) -> str:
    return "\n".join(f"· {c.title}：{c.holding}" + (f"\n  {c.note}" if c.note else "") for c in cases)


def compose_answer(
    *,
    classification: Classification,
    articles: Sequence[Article],
    conclusions: Sequence[Conclusion],
    risk: RiskAssessment,
    cases: Sequence[CaseRef],
    resolver: CitationResolver,
) -> Reply:
    """Assemble the sectioned answer; ``articles`` must already be verified."""
    category = classification.category
    sections = [
        Section(title=Titles.CONCLUSION, body=_conclusion_text(category, conclusions)),
        Section(title=Titles.BASIS, body=_basis_text(articles[:MAX_ARTICLES])),
        Section(title=Titles.STEPS, body=_steps_text(category, resolver)),
        Section(title=Titles.MATERIALS, body=_materials_text(risk)),
        Section(title=Titles.RISK, body=_risk_text(risk, resolver)),
    ]
    if cases:
        sections.append(Section(title=Titles.CASES, body=_cases_text(cases)))
    quoted = [cited(a) for a in articles[:MAX_ARTICLES]]
    text = render_sections(sections)
    rules = rule_citations(text, resolver, exclude={c.article_id for c in quoted})
    return Reply(
        kind="answer",
        text=text,
        sections=sections,
        citations=quoted + rules,
        cases=list(cases),
        risk=risk,
        classification=classification,
    )


def unquoted_text(reply: Reply) -> str:
    """The answer without the verbatim statute quotations: what the assistant itself asserts.

    A quoted article may refer to other articles of its own law (本法第五百一十条), and a quoted
    case holding to the articles the court applied; those are the statute's and the court's
    words, not citations made by the assistant, so validation skips them."""
    text = reply.text
    for c in reply.citations:
        text = text.replace(quote(c.text), "")
    for case in reply.cases:
        text = text.replace(case.holding, "")
    return text


def render_sections(sections: Sequence[Section]) -> str:
    return "\n\n".join(f"【{s.title}】\n{s.body}" for s in sections)


def abstain_reply(classification: Classification | None, *, reason: str) -> Reply:
    body = (f"抱歉，{reason}，我不能给您一个有法律依据的回答，也不想随便猜。\n{REFERRAL}")
    return Reply(kind="abstain", text=body, sections=[Section(title="转介", body=body)],
                 classification=classification)


def out_of_scope_reply(classification: Classification) -> Reply:
    referral = get_category("out_of_scope").referral_zh or REFERRAL
    body = ("您的问题不在本助手能解答的范围内（本助手主要解答婚姻家庭、劳动欠薪、工伤、借贷、交通事故、"
            f"消费、房屋、土地、人身损害、家暴、刑事和行政争议等问题）。\n{referral}")
    return Reply(kind="out_of_scope", text=body, sections=[Section(title="转介", body=body)],
                 classification=classification)


def clarify_reply(classification: Classification, questions: Sequence[str]) -> Reply:
    name = get_category(classification.category).name_zh
    intro = f"您问的是“{name}”方面的问题。为了给您准确的答复，请再告诉我："
    body = intro + "\n" + "\n".join(f"{i}. {q}" for i, q in enumerate(questions, 1))
    body += "\n（不清楚的可以直接说“不知道”。）"
    return Reply(kind="clarify", text=body, questions=list(questions),
                 sections=[Section(title="请补充", body=body)], classification=classification)
