"""The take-home pages a citizen opens on a phone (QR code) or prints at the kiosk.

``/take-home/{token}`` shows the snapshot behind an expiring link: the pickup code, the
question, the answer with its articles and the drafted document (with its .docx download);
``?print=1`` opens the printer dialogue as soon as it loads (the kiosk loads it in a hidden
frame). ``/take-home/pickup`` lets a phone check a pickup code at any time through the
rate-limited ``/v1/escalations/{code}``. Pages are built here with every value escaped, and
served with a strict CSP, ``no-store`` and no referrer.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request, Response

from assistant.app import services_of
from assistant.clock import CHINA
from assistant.db.takehome import TakeHome
from assistant.errors import USER_ERRORS
from assistant.kiosk.render import esc, paragraphs
from assistant.kiosk.theme import static_text
from assistant.usecases.takehome import load_take_home

PREFIX = "/take-home"
router = APIRouter(prefix=PREFIX, include_in_schema=False)

_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; frame-ancestors 'self'; base-uri 'none'; "
                               "form-action 'none'",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
}
TITLE = "法律援助智能助手"


def _page(title: str, body: str, *, status: int = 200) -> Response:
    html = ('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="robots" content="noindex"><title>{esc(title)}</title>'
            f'<link rel="stylesheet" href="{PREFIX}/assets/take-home.css">'
            f'<script src="{PREFIX}/assets/take-home.js" defer></script></head>'
            f"<body><main>{body}</main></body></html>")
    return Response(html, status_code=status, media_type="text/html; charset=utf-8",
                    headers=_HEADERS)


@router.get("/assets/{name}")
def asset(name: str) -> Response:
    types = {"take-home.css": "text/css", "take-home.js": "text/javascript"}
    if name not in types:
        return Response(status_code=404)
    return Response(static_text(name), media_type=f"{types[name]}; charset=utf-8",
                    headers={"Cache-Control": "no-cache"})


@router.get("/pickup")
def pickup_page() -> Response:
    """Check a pickup code from a phone (no token, no expiry: the code is the key)."""
    body = (f"<header><h1>{TITLE}</h1><p>凭取件码查看工作人员的答复</p></header>"
            '<section><form id="pickup-form"><label for="pickup-code">取件码（8位）</label>'
            '<input id="pickup-code" autocomplete="off" maxlength="12" inputmode="text">'
            '<button type="submit" id="pickup-go">查看答复</button></form>'
            '<div id="pickup-result" aria-live="polite"></div></section>'
            "<footer><p>急事请拨打12348法律援助热线。</p></footer>")
    return _page(f"{TITLE} · 查看答复", body)


@router.get("/{token}")
def take_home_page(request: Request, token: str) -> Response:
    try:
        found = load_take_home(services_of(request.app.state), token)
    except USER_ERRORS as e:
        return _page(TITLE, f'<header><h1>{TITLE}</h1></header><section class="gone">'
                            f"{paragraphs(e.message)}</section>", status=e.status)
    settings = request.app.state.settings.kiosk
    base = (settings.public_url or str(request.base_url)).rstrip("/")
    return _page(f"{TITLE} · 带走的内容", _snapshot(found, token, pickup_url=f"{base}{PREFIX}/pickup"))


@router.get("/{token}/document.docx")
def take_home_docx(request: Request, token: str) -> Response:
    try:
        found = load_take_home(services_of(request.app.state), token)
    except USER_ERRORS as e:
        return _page(TITLE, paragraphs(e.message), status=e.status)
    if found.docx is None:
        return _page(TITLE, "<p>这次没有生成文书。</p>", status=404)
    name = quote(f"{found.payload.get('document', '文书')}.docx")
    return Response(found.docx, headers={
        **_HEADERS, "Content-Disposition": f"attachment; filename*=UTF-8''{name}"},
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def _snapshot(found: TakeHome, token: str, *, pickup_url: str) -> str:
    p = found.payload
    until = found.expires_at.astimezone(CHINA).strftime("%Y年%-m月%-d日 %H:%M")
    parts = [f"<header><h1>{TITLE}</h1><p>本页 {esc(until)} 前有效 · 内容仅供参考，"
             "具体请咨询法律援助机构或拨打12348</p></header>"]
    if code := p.get("pickup_code"):
        parts.append(
            '<section class="pickup"><h2>取件码</h2>'
            f'<p class="code" id="take-home-code">{esc(code[:4])} {esc(code[4:])}</p>'
            "<p>工作人员答复后，回到任一法律援助一体机点“凭取件码查看答复”，或用手机打开 "
            f'<a href="{PREFIX}/pickup">查看答复页面</a>（{esc(pickup_url)}）输入取件码。'
            "急事请拨打12348。</p></section>")
    if question := p.get("question"):
        parts.append(f'<section class="question"><h2>您的问题</h2>{paragraphs(question)}</section>')
    if answer := p.get("answer"):
        parts.append(f'<section class="answer"><h2>答复</h2>{_answer(answer)}</section>')
    if articles := p.get("articles"):
        items = "".join(f"<li>{esc(a)}</li>" for a in articles)
        parts.append(f'<section class="articles"><h2>引用的法律条文</h2><ul>{items}</ul></section>')
    if title := p.get("document"):
        link = (f'<p class="no-print"><a class="dl" href="{PREFIX}/{esc(token)}/document.docx">'
                f"下载 Word 文件（{esc(title)}.docx）</a></p>" if found.docx else "")
        text = p.get("document_text", "")
        parts.append(f'<section class="document"><h2>文书：{esc(title)}</h2>{link}'
                     f'<pre class="document-text">{esc(text)}</pre></section>')
    return "".join(parts)


def _answer(text: str) -> str:
    """The answer's plain text: 【标题】 lines become headings, the rest paragraphs."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("【") and line.endswith("】"):
            out.append(f"<h3>{esc(line[1:-1])}</h3>")
        else:
            out.append(f"<p>{esc(line)}</p>")
    return "".join(out)
