"""HTML fragments of the kiosk page, built from the engine's ``Reply`` (no Gradio here).

Everything that came from a user or from the knowledge pack is escaped, including ``$``, ``{``
and ``}``: Gradio's HTML component treats its value as a JS/Handlebars template.
"""

from __future__ import annotations

import base64
import html
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from assistant.models import (
    RISK_LEVEL_ZH,
    CitedArticle,
    DeadlineOut,
    EvidenceOut,
    FeeOut,
    LegalAidOut,
    Reply,
    RiskAssessment,
    Titles,
    Turn,
)
from assistant.usecases import ReadAloudPart

URGENCY_ZH = {"expired": "已过期", "urgent": "非常紧急", "soon": "抓紧办理", "ok": "时间充裕",
              "open": "尚未起算"}
KIND_BANNER = {
    "emergency": "紧急情况：请先保证自身安全",
    "clarify": "请再补充几句，我才能答得准确",
    "abstain": "这个问题我没有把握回答",
    "out_of_scope": "这个问题不在本机服务范围内",
}
# Shown as structured panels instead of the engine's plain-text section of the same title.
CITATION_SECTION = Titles.BASIS
RISK_SECTION = Titles.RISK
EVIDENCE_SECTION = Titles.MATERIALS
HISTORY_SNIPPET = 80


def esc(text: object) -> str:
    """HTML-escaped text that Gradio's template engine leaves alone."""
    out = html.escape(str(text), quote=True)
    return out.replace("$", "&#36;").replace("{", "&#123;").replace("}", "&#125;")


def paragraphs(body: str) -> str:
    """One ``<p>`` per non-blank line of plain text."""
    return "".join(f"<p>{esc(line)}</p>" for line in body.splitlines() if line.strip())


def history_html(turns: Sequence[Turn]) -> str:
    """Earlier turns of the conversation (the latest answer is shown in full elsewhere)."""
    if not turns:
        return ""
    items = []
    for t in turns:
        who, cls = ("您", "me") if t.role == "user" else ("助手", "bot")
        text = t.text if t.role == "user" else _snippet(t.text)
        items.append(f'<div class="turn {cls}"><b>{who}：</b>{esc(text)}</div>')
    return f'<div class="history">{"".join(items)}</div>'


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= HISTORY_SNIPPET else flat[:HISTORY_SNIPPET] + "…"


def answer_html(reply: Reply) -> str:
    """The reply as a first screen and collapsible sections, in the engine's section order.

    The first screen is the first section (the direct answer) with the nearest deadline; every
    other section is a ``<details>`` the citizen taps open. The plain-text 法律依据 section
    becomes the list of openable articles and 风险提示 the risk panel (需要准备的材料 is its
    evidence checklist); clarifying questions are a numbered list. Only ``Reply.sections``,
    ``Reply.text``, ``citations`` and ``risk`` are read, whatever the sections are called.
    """
    parts = []
    banner = KIND_BANNER.get(reply.kind)
    if banner:
        parts.append(f'<div class="banner {esc(reply.kind)}">{esc(banner)}</div>')
    if reply.kind == "clarify" and reply.questions:
        lead = reply.text.strip().splitlines()[0] if reply.text.strip() else ""
        if lead and lead not in reply.questions:  # the engine's "您问的是……请再告诉我："
            parts.append(f"<p>{esc(lead)}</p>")
        items = "".join(f"<li>{esc(q)}</li>" for q in reply.questions)
        parts.append(f'<ol class="questions">{items}</ol>'
                     '<p class="hint">请在上方输入框里回答，不清楚的可以说“不知道”。</p>')
        return f'<div class="answer">{"".join(parts)}</div>'
    first, rest = (reply.sections[0], reply.sections[1:]) if reply.sections else (None, [])
    # The engine's first screen already says the time limit; a reply without one gets the
    # nearest deadline from the risk panel.
    parts.append(_first_screen(first.title if first else "", first.body if first else reply.text,
                               None if reply.first_screen else reply.risk))
    titles = {s.title for s in reply.sections}
    # Only a full answer is long enough to fold; anything else is read whole. What the engine
    # still asks (请再告诉我) stays open: the citizen is expected to answer it.
    fold = reply.kind == "answer"
    for s in rest:
        parts.append(_section_or_panel(s.title, s.body, reply,
                                       fold=fold and s.title != Titles.ASK))
    if CITATION_SECTION not in titles:
        parts.append(citations_html(reply.citations))
    if not titles & {RISK_SECTION, EVIDENCE_SECTION}:
        parts.append(risk_html(reply.risk))
    if fold and (rest or reply.citations or reply.risk):
        parts.append('<p class="hint more-hint">点上面带 ▸ 的标题，可以展开看详细内容。</p>')
    return f'<div class="answer">{"".join(parts)}</div>'


def _first_screen(title: str, body: str, risk: RiskAssessment | None) -> str:
    head = f"<h3>{esc(title)}</h3>" if title else ""
    deadline = ""
    dated = [d for d in (risk.deadlines if risk else []) if d.days_left is not None]
    if dated:
        d = min(dated, key=lambda d: d.days_left or 0)
        deadline = f'<div class="first-deadline">{_deadline_line(d)}</div>'
    return f'<section class="card first-screen">{head}{paragraphs(body)}{deadline}</section>'


def _deadline_line(d: DeadlineOut) -> str:
    when = f"（截止 {d.deadline:%Y年%-m月%-d日}）" if d.deadline else ""
    return (f'<b>时间期限：</b>{esc(d.name)} <span class="days {esc(d.urgency)}">'
            f"{esc(_days_left(d))}</span>{esc(when)}")


def _days_left(d: DeadlineOut) -> str:
    if d.days_left is None:
        return URGENCY_ZH["open"]
    if d.days_left < 0 or d.urgency == "expired":
        return "已过期"
    return f"还剩 {d.days_left} 天"


def _section_or_panel(title: str, body: str, reply: Reply, *, fold: bool = True) -> str:
    if title == CITATION_SECTION and reply.citations:
        return citations_html(reply.citations)
    if reply.risk is not None and title == RISK_SECTION:
        return risk_html(reply.risk)
    if reply.risk is not None and title == EVIDENCE_SECTION:
        return ""  # the risk panel's checklist
    return _section(title, body, fold=fold)


def _section(title: str, body: str, *, fold: bool = True) -> str:
    if not fold:
        return f'<section class="card"><h3>{esc(title)}</h3>{paragraphs(body)}</section>'
    return (f'<details class="card more"><summary><h3>{esc(title)}</h3></summary>'
            f"{paragraphs(body)}</details>")


def citations_html(citations: Sequence[CitedArticle]) -> str:
    """Each cited article as a ``<details>`` item: tap the name to open the full text."""
    if not citations:
        return ""
    items = "".join(
        f'<details class="cite" data-article="{esc(c.article_id)}">'
        f"<summary>《{esc(c.law)}》{esc(c.article)}</summary>"
        f'<div class="cite-text">{paragraphs(c.text)}</div></details>'
        for c in citations
    )
    return (f'<details class="card more citations"><summary><h3>法律依据 '
            f"<small>（{len(citations)}条，点开看条文全文）</small></h3></summary>"
            f"{items}</details>")


def risk_html(risk: RiskAssessment | None) -> str:
    """Level badge, deadlines with days left, evidence checklist, costs and legal aid."""
    if risk is None:
        return ""
    parts = [f'<summary><h3>风险评估 <span class="badge {esc(risk.level)}">'
             f"风险{esc(RISK_LEVEL_ZH.get(risk.level, risk.level))}</span>"
             "<small>（期限、证据、费用、法律援助）</small></h3></summary>"]
    if risk.reasons:
        parts.append("<ul>" + "".join(f"<li>{esc(b.text)}{_basis(b.law, b.article)}</li>"
                                      for b in risk.reasons) + "</ul>")
    if risk.deadlines:
        parts.append("<h4>时间期限</h4>" + "".join(_deadline(d) for d in risk.deadlines))
    if risk.evidence:
        parts.append("<h4>证据清单</h4>" + _evidence(risk.evidence))
    if risk.fee is not None:
        parts.append("<h4>费用</h4>" + _fee(risk.fee))
    if risk.legal_aid is not None:
        parts.append("<h4>法律援助</h4>" + _legal_aid(risk.legal_aid))
    return f'<details class="card more risk">{"".join(parts)}</details>'


def _basis(law: str, article: str) -> str:
    if not law:
        return ""
    return f'<span class="basis">（《{esc(law)}》{esc(article)}）</span>'


def _deadline(d: DeadlineOut) -> str:
    left = _days_left(d)
    when = f"（截止 {d.deadline:%Y年%-m月%-d日}）" if d.deadline else ""
    return (f'<div class="deadline {esc(d.urgency)}"><b>{esc(d.name)}</b> '
            f'<span class="days">{esc(left)}</span>{esc(when)}'
            f"<p>{esc(d.message)}{_basis(d.basis.law, d.basis.article)}</p></div>")


def _evidence(items: Sequence[EvidenceOut]) -> str:
    rows = "".join(
        f'<li class="{"held" if e.held else "todo"}">{"☑ 已有" if e.held else "☐ 还需"}'
        f" <b>{esc(e.label)}</b>：{esc(e.why)}</li>"
        for e in items
    )
    return f'<ul class="evidence">{rows}</ul>'


def _yuan(value: Decimal) -> str:
    return f"{value:,.2f}元"


def _fee(fee: FeeOut) -> str:
    amount = _yuan(fee.amount_yuan)
    if fee.amount_max_yuan is not None and fee.amount_max_yuan != fee.amount_yuan:
        amount += f" 至 {_yuan(fee.amount_max_yuan)}"
    parts = [f"<p>打官司的诉讼费大约 <b>{esc(amount)}</b></p>"]
    parts += [f"<p>{esc(line)}</p>" for line in fee.breakdown]
    if fee.relief:
        parts.append(f'<p class="relief">{esc(fee.relief)}</p>')
    return "".join(parts)


def _legal_aid(aid: LegalAidOut) -> str:
    if aid.in_scope is True:
        head = "您的事情属于可以申请法律援助（免费律师）的范围。"
    elif aid.in_scope is False:
        head = "您的事情一般不在法律援助范围内，可以拨打12348咨询。"
    else:
        head = "能否申请法律援助，要看具体情况，可以拨打12348咨询。"
    if aid.exempt_from_means_test:
        head += "您不需要提供经济困难证明。"
    parts = [f"<p><b>{esc(head)}</b></p>"]
    parts += [f"<p>{esc(b.text)}{_basis(b.law, b.article)}</p>" for b in aid.reasons]
    if aid.documents:
        parts.append("<p>申请时带上：</p><ul>"
                     + "".join(f"<li>{esc(d)}</li>" for d in aid.documents) + "</ul>")
    return "".join(parts)


def transcript_html(original: str, normalized: str, *, check: bool = False) -> str:
    """What speech recognition heard, and the text that was answered (``check``: the text was
    put in the question box for the citizen to check before sending)."""
    same = _letters(original) == _letters(normalized)
    parts = [f'<p><b>听到的话：</b>{esc(original)}</p>']
    if not same:
        parts.append(f"<p><b>整理后的问题：</b>{esc(normalized)}</p>")
    if check:
        parts.append('<p class="hint">识别的文字已经放进上面的输入框：请看一看，'
                     "有听错的字可以直接改，没问题就点“发送”。</p>")
    return f'<div class="transcript">{"".join(parts)}</div>'


def _letters(text: str) -> str:
    """``text`` without punctuation and spaces (the normaliser's full stop is no change)."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PZ")


def notice_html(message: str) -> str:
    """A red box for errors and missing input; one paragraph per line of ``message``."""
    return f'<div class="notice">{paragraphs(message)}</div>' if message.strip() else ""


def read_aloud_html(part: ReadAloudPart, *, first: bool) -> str:
    """A large player for one part of the answer read aloud, with the audio inline (nothing is
    written to disk). ``data-speak`` holds the same text for the browser's own Mandarin voice:
    ``static/head.html`` speaks it and pauses the audio when the browser has one, otherwise the
    audio plays. What the part was and whether more follows is said in words."""
    data = base64.b64encode(part.speech.audio).decode("ascii")
    what = "回答的开头（答复、时间期限、下一步）" if first else "回答的下一段"
    seconds = max(1, round(part.speech.seconds))
    more = ("听完后点下面的“继续朗读”，接着听下一段。" if not part.finished
            else "回答已经全部读完。")
    return (f'<div class="read-aloud" data-speak="{esc(part.spoken)}">'
            f'<p class="read-what">正在朗读{esc(what)}，约{seconds}秒。{esc(more)}</p>'
            f'<audio class="tts" controls autoplay src="data:{esc(part.speech.mime)};base64,{data}">'
            '</audio><button type="button" class="read-stop">停止朗读</button></div>')


def downloads_html(document_id: str, title: str, *, has_pdf: bool, base: str) -> str:
    """Links to the REST downloads of a stored document (deleted with the conversation)."""
    links = [f'<a class="dl" href="{esc(base)}/{esc(document_id)}/docx" download>'
             f"下载 Word 文件（{esc(title)}.docx）</a>"]
    if has_pdf:
        links.append(f'<a class="dl" href="{esc(base)}/{esc(document_id)}/pdf" download>'
                     f"下载 PDF 文件</a>")
    return f'<div class="downloads">{"".join(links)}</div>'


HANDOFF_OFFER_ZH = {
    "abstain": "这个问题我没有把握回答。可以请工作人员、值班律师帮您看看，点下面的按钮即可。",
    "high_risk": "您的情况风险较高，建议请工作人员、值班律师帮您看看，点下面的按钮即可。",
}


def handoff_offer_html(reason: str | None) -> str:
    """The prominent invitation to ask a person, after an abstention or a high risk."""
    text = HANDOFF_OFFER_ZH.get(reason or "")
    return f'<div class="handoff-offer"><p>{esc(text)}</p></div>' if text else ""


def consent_html(text: str) -> str:
    """What is shared, with whom and how long it is kept, before the consent checkbox."""
    return f'<div class="consent">{paragraphs(text)}</div>'


def ticket_html(code: str, message: str) -> str:
    """The pickup code, large, with how to come back for the answer."""
    spaced = f"{code[:4]} {code[4:]}"
    return (f'<div class="ticket"><p>您的取件码</p><p class="pickup-code" id="pickup-code">'
            f"{esc(spaced)}</p>{paragraphs(message)}"
            "<p>请拍照或抄下取件码；点“新对话”或离开几分钟后，本页会清空。</p></div>")


def pickup_answer_html(text: str) -> str:
    """A staff reply (or "still open") fetched by pickup code."""
    return f'<div class="pickup-answer">{paragraphs(text)}</div>'


def take_home_qr_html(svg: str, until: str, url: str) -> str:
    """The QR code of a take-home link, with what it opens, until when, and the address for
    those who would rather type it."""
    from assistant.kiosk.qr import svg_data_uri

    return ('<div class="take-home"><img class="qr" id="take-home-qr" alt="二维码" '
            f'src="{esc(svg_data_uri(svg))}">'
            "<div><p><b>用手机扫一扫</b>，就能在手机上看这次的答复、下载文书、记下取件码。</p>"
            f"<p>这个二维码 {esc(until)} 前有效，链接里没有您的姓名、电话等个人信息。</p>"
            f'<p class="hint">不会扫码也可以在手机浏览器里输入：<span id="take-home-url">{esc(url)}'
            "</span></p><p>点“新对话”或离开几分钟后，本机上的内容会清空。</p></div></div>")


def print_frame_html(src: str) -> str:
    """The print page in an invisible frame: it opens the printer dialogue when it loads."""
    return (f'<iframe class="print-frame" id="print-frame" src="{esc(src)}" title="打印内容">'
            '</iframe><p class="hint">正在打印：答复、文书和取件码会打印在纸上。</p>')
