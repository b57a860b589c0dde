"""The kiosk page (Gradio), mounted at ``/`` of the FastAPI service.

The page keeps only the session ID and UI state in ``gr.State``; every answer, transcript and
wipe goes through ``assistant.conversation`` like the REST API. Privacy between citizens: the
新对话 button, the idle timer and a closed browser tab all call ``reset_session`` (which also
deletes the session's documents) and clear every component; recordings are deleted from disk
as soon as they are read, read-aloud audio is sent inline, and Gradio's run history is off.
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import gradio as gr
from fastapi import FastAPI

from assistant.config import KioskSettings
from assistant.consult.models import Reply, SessionState
from assistant.conversation import (
    SessionNotFoundError,
    chat_turn,
    escalate_session,
    escalation_reply,
    get_session,
    handoff_reason,
    reset_session,
    voice_turn,
)
from assistant.drafting import (
    Template,
    get_template,
    missing_fields,
    preview_text,
    render_docx,
    render_pdf,
    validate,
)
from assistant.drafting.forms import CitationResolver, FieldValue
from assistant.drafting.pdf import pdf_available
from assistant.services import EngineUnavailableError, Services
from assistant.ui import render
from assistant.ui.forms import collect_fields, form_fields, prefill, template_choices
from assistant.ui.theme import CSS, HEAD, IDLE_JS
from knowledge.errors import LegalAidError
from knowledge.taxonomy import CATEGORY_CODES, load_categories

log = logging.getLogger(__name__)

ServicesGetter = Callable[[], Services]
Updates = dict[Any, Any]
CHANNEL = "kiosk"
MAX_FORM_FIELDS = 24  # the longest template asks for 22 required fields
DOWNLOAD_BASE = "/v1/documents"
TITLE = "法律援助智能助手"
NO_TTS = "朗读暂不可用"
NEED_SESSION = "请先在上方输入框简单说说您的事情（例如“我想写一张借条”），再来生成文书。"
NEED_QUESTION = "请先在上方输入框说说您遇到的问题，再转给工作人员。"
HANDOFF_BUTTON = "请工作人员帮我看看"


def build_kiosk(services_getter: ServicesGetter, *,
                settings: KioskSettings | None = None) -> gr.Blocks:
    """The page; ``services_getter`` is called per event (the services load after mounting)."""
    return KioskPage(services_getter, settings=settings or KioskSettings()).build()


def mount_kiosk(app: FastAPI, *, path: str = "/") -> FastAPI:
    """Mount the page on ``app`` (the ``kiosk`` hook of ``create_app``)."""
    settings = app.state.settings
    blocks = build_kiosk(lambda: _services_of(app), settings=settings.kiosk)
    return gr.mount_gradio_app(
        app, blocks, path=path, css=CSS, head=HEAD, theme=gr.themes.Default(),
        footer_links=[], run_history=False, ssr_mode=False, show_error=False, pwa=False,
        mcp_server=False, enable_monitoring=False,
        max_file_size=settings.service.max_upload_bytes,
    )


def _services_of(app: FastAPI) -> Services:
    services: Services | None = app.state.services
    if services is None:  # the lifespan has not finished loading
        raise EngineUnavailableError("services not loaded yet")
    return services


class KioskPage:
    """Components and event handlers of one kiosk page."""

    def __init__(self, services: ServicesGetter, *, settings: KioskSettings,
                 today: Callable[[], date] = lambda: datetime.now(UTC).date()) -> None:
        self.services = services
        self.settings = settings
        self.today = today
        self.categories = [c for c in load_categories() if c.code in CATEGORY_CODES]

    # ----- layout -------------------------------------------------------------------------

    def build(self) -> gr.Blocks:
        with gr.Blocks(title=TITLE, analytics_enabled=False, fill_width=True) as demo:
            self.session = gr.State(None, delete_callback=self._forget)
            self.form_keys = gr.State([])
            self._header()
            self._categories()
            self._input()
            self._answer()
            self._handoff()
            self._drafting()
            self.idle = gr.Number(value=0, visible=False)
            tick = min(15.0, max(1.0, self.settings.idle_minutes * 60 / 4))
            self.timer = gr.Timer(tick)
            self._wire(demo)
        return demo

    def _header(self) -> None:
        with gr.Row(elem_classes="head-row"):
            gr.HTML(f'<div class="kiosk-head"><h1>{TITLE}</h1>'
                    "<p>免费咨询 · 不用登记姓名 · 离开后自动清除</p></div>", scale=4)
            self.new_chat = gr.Button("新对话", variant="stop", scale=1, min_width=180,
                                      elem_id="new-chat", elem_classes="new-chat")
        minutes = f"{self.settings.idle_minutes:g}"
        gr.HTML(f'<p class="intro">有人打人、威胁生命等紧急情况请立即拨打 <b>110</b>；'
                f"{render.esc(minutes)}分钟没有操作，本页会自动清空。</p>")

    def _categories(self) -> None:
        with gr.Column(visible=True) as self.cats_box:
            gr.Markdown("请选择您遇到的问题，或直接在下面输入：", elem_classes="cats-title")
            with gr.Row(elem_classes="cats"):
                self.cat_buttons = [(gr.Button(c.name_zh, elem_classes="cat", min_width=240),
                                     f"我想咨询{c.name_zh}方面的问题：") for c in self.categories]

    def _input(self) -> None:
        self.question = gr.Textbox(
            label="请说说您遇到的事", lines=3, max_lines=8, elem_id="question",
            placeholder="例如：老板一直不跟我签劳动合同，干了八个月，能要双倍工资吗？")
        with gr.Row():
            self.send = gr.Button("发送", variant="primary", elem_id="send",
                                  elem_classes="big-btn", scale=2)
            self.read = gr.Button("朗读回答", elem_id="read-aloud", elem_classes="big-btn",
                                  scale=1)
        self.mic = gr.Audio(sources=["microphone"], type="filepath", elem_classes="mic",
                            label="语音提问：点话筒开始录音，说完点停止", elem_id="mic")
        self.mic_note = gr.HTML("", elem_classes="slot")
        self.notice = gr.HTML("", elem_id="notice", elem_classes="slot")

    def _answer(self) -> None:
        self.transcript = gr.HTML("", elem_id="transcript", elem_classes="slot")
        self.tts = gr.HTML("", elem_id="tts", elem_classes="slot")
        self.history = gr.HTML("", elem_id="history", elem_classes="slot")
        self.answer = gr.HTML("", elem_id="answer", elem_classes="slot")

    def _handoff(self) -> None:
        from assistant.screening.escalation import consent_text_zh

        self.offer = gr.HTML("", elem_id="handoff-offer", elem_classes="slot")
        self.offer_btn = gr.Button(HANDOFF_BUTTON, variant="primary", visible=False,
                                   elem_id="handoff-offer-btn", elem_classes="big-btn")
        with gr.Accordion("转人工：请工作人员帮我看看", open=False,
                          elem_id="handoff") as self.handoff_box:
            gr.HTML(render.consent_html(consent_text_zh()))
            self.consent = gr.Checkbox(False, elem_id="handoff-consent",
                                       label="我同意把上面说的内容转给工作人员")
            self.handoff_btn = gr.Button("转给工作人员", variant="primary",
                                         elem_id="handoff-send", elem_classes="big-btn")
            self.ticket = gr.HTML("", elem_id="ticket", elem_classes="slot")
        with gr.Accordion("凭取件码查看答复", open=False, elem_id="pickup"):
            self.pickup_code = gr.Textbox(label="取件码（8位，字母和数字）", max_lines=1,
                                          elem_id="pickup-input")
            self.pickup_btn = gr.Button("查看答复", elem_id="pickup-send",
                                        elem_classes="big-btn")
            self.pickup_answer = gr.HTML("", elem_id="pickup-answer", elem_classes="slot")

    def _drafting(self) -> None:
        with gr.Accordion("生成文书（起诉状、仲裁申请书、借条等）", open=False,
                          elem_id="drafting") as self.draft_box:
            self.template = gr.Dropdown(choices=template_choices(None), value=None,
                                        label="选择要写的文书", elem_id="template")
            gr.HTML('<p class="hint">选好后填写下面各项：先点“预览”核对，再点“生成并下载”。'
                    "带“已根据您的描述填写”的项目请核对。</p>")
            self.boxes = [gr.Textbox(visible=False, elem_classes="field")
                          for _ in range(MAX_FORM_FIELDS)]
            self.want_pdf = gr.Checkbox(False, label="同时生成 PDF（要多等几秒）", visible=False)
            with gr.Row():
                self.preview_btn = gr.Button("预览", elem_classes="big-btn", elem_id="preview")
                self.generate = gr.Button("生成并下载", variant="primary",
                                          elem_classes="big-btn", elem_id="generate")
            self.draft_notice = gr.HTML("", elem_id="draft-notice", elem_classes="slot")
            self.preview = gr.HTML("", elem_id="draft-preview", elem_classes="slot")
            self.downloads = gr.HTML("", elem_id="downloads", elem_classes="slot")

    # ----- events -------------------------------------------------------------------------

    def _wire(self, demo: gr.Blocks) -> None:
        turn_out = [self.session, self.question, self.notice, self.history, self.answer,
                    self.tts, self.transcript, self.cats_box, self.template, self.mic,
                    self.offer, self.offer_btn]
        sent = self.send.click(self.on_send, [self.session, self.question], turn_out)
        submitted = self.question.submit(self.on_send, [self.session, self.question], turn_out)
        spoken = self.mic.stop_recording(self.on_voice, [self.session, self.mic], turn_out)
        for button, starter in self.cat_buttons:
            # In the browser alone: instant, and never racing what the user types next.
            button.click(None, None, self.question, js=f"() => {json.dumps(starter)}")
        self.read.click(self.on_read, [self.session], [self.tts, self.notice])
        clear_out = self._clear_outputs()
        self.new_chat.click(self.on_reset, [self.session], clear_out,
                            cancels=[sent, submitted, spoken])
        self.timer.tick(self.on_idle, [self.session, self.question, self.template,
                                       self.pickup_code, self.idle],
                        clear_out, js=IDLE_JS, show_progress="hidden")
        self.offer_btn.click(self.on_offer, None, [self.handoff_box])
        self.handoff_btn.click(self.on_escalate, [self.session, self.consent],
                               [self.ticket, self.consent, self.offer, self.offer_btn])
        pickup_out = [self.pickup_answer]
        self.pickup_btn.click(self.on_pickup, [self.pickup_code], pickup_out)
        self.pickup_code.submit(self.on_pickup, [self.pickup_code], pickup_out)
        self.template.change(self.on_template, [self.session, self.template],
                             [self.form_keys, *self.boxes, self.preview, self.downloads,
                              self.draft_notice])
        form_in = [self.session, self.template, self.form_keys, *self.boxes]
        self.preview_btn.click(self.on_preview, form_in, [self.preview, self.draft_notice])
        self.generate.click(self.on_generate, [self.want_pdf, *form_in],
                            [self.preview, self.downloads, self.draft_notice])
        demo.load(self.on_load, None, [self.mic, self.mic_note, self.read, self.want_pdf])

    def _clear_outputs(self) -> list[Any]:
        return [self.session, self.form_keys, self.question, self.notice, self.history,
                self.answer, self.tts, self.transcript, self.mic,
                self.cats_box, self.template, self.draft_box, *self.boxes, self.want_pdf,
                self.preview, self.downloads, self.draft_notice, self.offer, self.offer_btn,
                self.handoff_box, self.consent, self.ticket, self.pickup_code,
                self.pickup_answer]

    def on_load(self) -> Updates:
        services = self._try_services()
        has_asr = services is not None and services.transcriber is not None
        has_tts = services is not None and services.speaker is not None
        return {
            self.mic: gr.update(visible=has_asr),
            self.mic_note: "" if has_asr else '<p class="hint">语音输入暂未开通，请直接输入文字。</p>',
            self.read: gr.update(value="朗读回答" if has_tts else NO_TTS, interactive=has_tts),
            self.want_pdf: gr.update(visible=pdf_available()),
        }

    def on_send(self, session_id: str | None, text: str) -> Updates:
        try:
            services = self.services()
            try:
                result = chat_turn(services, session_id=session_id, text=text, channel=CHANNEL)
            except SessionNotFoundError:  # wiped meanwhile (retention, another tab): start anew
                result = chat_turn(services, session_id=None, text=text, channel=CHANNEL)
            return self._turn(services, result.session_id, result.reply)
        except LegalAidError as e:
            return {self.notice: render.notice_html(e.message)}

    def on_voice(self, session_id: str | None, path: str | None) -> Updates:
        if not path:
            return {}
        audio = _read_and_delete(Path(path))
        try:
            services = self.services()
            try:
                result = voice_turn(services, session_id=session_id, audio=audio, channel=CHANNEL)
            except SessionNotFoundError:
                result = voice_turn(services, session_id=None, audio=audio, channel=CHANNEL)
        except LegalAidError as e:
            return {self.notice: render.notice_html(e.message), self.mic: None}
        updates = self._turn(services, result.session_id, result.reply)
        updates[self.transcript] = render.transcript_html(result.transcript_original,
                                                          result.transcript_normalized)
        return updates

    def _turn(self, services: Services, session_id: str, reply: Reply) -> Updates:
        state = get_session(services, session_id)
        category = state.classification.category if state.classification else None
        reason = handoff_reason(state)
        return {
            self.session: session_id, self.question: "", self.notice: "", self.tts: "",
            self.transcript: "", self.mic: None,
            self.history: render.history_html(state.turns[:-1]),
            self.answer: render.answer_html(reply),
            self.cats_box: gr.update(visible=False),
            self.template: gr.update(choices=template_choices(category)),
            self.offer: render.handoff_offer_html(reason),
            self.offer_btn: gr.update(visible=reason is not None),
        }

    def on_read(self, session_id: str | None) -> Updates:
        services = self._try_services()
        if services is None or services.speaker is None:
            return {self.notice: render.notice_html(NO_TTS)}
        state = self._state(services, session_id)
        answers = [t.text for t in state.turns if t.role == "assistant"] if state else []
        if not answers:
            return {self.notice: render.notice_html("还没有可以朗读的回答。")}
        try:
            mp3 = services.speaker.speak(answers[-1], fmt="mp3")
        except LegalAidError as e:
            return {self.notice: render.notice_html(e.message)}
        return {self.tts: render.audio_html(mp3), self.notice: ""}

    def on_reset(self, session_id: str | None) -> Updates:
        self._forget(session_id)
        updates: Updates = {
            self.session: None, self.form_keys: [], self.question: "", self.notice: "",
            self.history: "", self.answer: "", self.tts: "",
            self.transcript: "", self.mic: None, self.cats_box: gr.update(visible=True),
            self.template: gr.update(value=None, choices=template_choices(None)),
            self.draft_box: gr.update(open=False), self.want_pdf: False, self.preview: "",
            self.downloads: "", self.draft_notice: "", self.offer: "",
            self.offer_btn: gr.update(visible=False), self.handoff_box: gr.update(open=False),
            self.consent: False, self.ticket: "", self.pickup_code: "", self.pickup_answer: "",
        }
        updates.update({box: gr.update(value="", visible=False) for box in self.boxes})
        return updates

    def on_idle(self, session_id: str | None, text: str | None, template_id: str | None,
                pickup_code: str | None, idle_s: float | None) -> Updates:
        limit = self.settings.idle_minutes * 60
        # A staff answer fetched by pickup code is private too: it is wiped like a session.
        shown = bool(session_id or (text or "").strip() or template_id
                     or (pickup_code or "").strip())
        if idle_s is None or idle_s < limit or not shown:
            return {}
        log.info("kiosk idle for %.0f s: wiping the page", idle_s)
        return self.on_reset(session_id)

    # ----- hand-off to a person -----------------------------------------------------------

    def on_offer(self) -> Updates:
        return {self.handoff_box: gr.update(open=True)}

    def on_escalate(self, session_id: str | None, consent: bool | None) -> Updates:
        """Queue the conversation for staff (only with the box ticked); show the pickup code."""
        from assistant.screening.escalation import pickup_message_zh

        if not session_id:
            return {self.ticket: render.notice_html(NEED_QUESTION)}
        try:
            services = self.services()
            reason = handoff_reason(self._state(services, session_id)) or "user_request"
            code = escalate_session(services, session_id=session_id, consent=consent is True,
                                    reason=reason, channel=CHANNEL)
        except LegalAidError as e:
            return {self.ticket: render.notice_html(e.message)}
        return {self.ticket: render.ticket_html(code, pickup_message_zh(code)),
                self.consent: False, self.offer: "", self.offer_btn: gr.update(visible=False)}

    def on_pickup(self, code: str | None) -> Updates:
        from assistant.screening.escalation import pickup_status_zh

        if not (code or "").strip():
            return {self.pickup_answer: render.notice_html("请输入取件码。")}
        try:
            reply = escalation_reply(self.services(), code or "")
        except LegalAidError as e:
            return {self.pickup_answer: render.notice_html(e.message)}
        return {self.pickup_answer: render.pickup_answer_html(pickup_status_zh(reply))}

    def _forget(self, session_id: str | None) -> None:
        """Delete the stored conversation (and its documents); never raises."""
        if not session_id:
            return
        try:
            reset_session(self.services(), session_id)
        except LegalAidError as e:
            log.warning("kiosk reset failed: %s", e.code)

    # ----- documents ----------------------------------------------------------------------

    def on_template(self, session_id: str | None, template_id: str | None) -> Updates:
        updates: Updates = {self.preview: "", self.downloads: "", self.draft_notice: ""}
        if not template_id:
            updates[self.form_keys] = []
            updates.update({b: gr.update(visible=False, value="") for b in self.boxes})
            return updates
        tpl = get_template(template_id)
        fields = form_fields(tpl, self._prefill(tpl, session_id))[:MAX_FORM_FIELDS]
        updates[self.form_keys] = [f.key for f in fields]
        for i, box in enumerate(self.boxes):
            if i < len(fields):
                f = fields[i]
                updates[box] = gr.update(visible=True, label=f.label, value=f.value,
                                         info=f.hint or None, lines=3 if f.multiline else 1)
            else:
                updates[box] = gr.update(visible=False, value="")
        return updates

    def on_preview(self, session_id: str | None, template_id: str | None, keys: list[str],
                   *values: str | None) -> Updates:
        if not template_id:
            return {self.draft_notice: render.notice_html("请先选择要写的文书。")}
        tpl = get_template(template_id)
        fields = collect_fields(tpl, self._prefill(tpl, session_id), keys, values)
        return {self.preview: _preview(tpl, fields),
                self.draft_notice: self._problems(tpl, fields)}

    def on_generate(self, want_pdf: bool, session_id: str | None, template_id: str | None,
                    keys: list[str], *values: str | None) -> Updates:
        if not template_id:
            return {self.draft_notice: render.notice_html("请先选择要写的文书。")}
        try:
            services = self.services()
            if session_id is None or self._state(services, session_id) is None:
                return {self.draft_notice: render.notice_html(NEED_SESSION)}
            tpl = get_template(template_id)
            fields = collect_fields(tpl, self._prefill(tpl, session_id), keys, values)
            doc_id, has_pdf = self._store_document(services, session_id, tpl, fields, want_pdf)
        except LegalAidError as e:
            return {self.draft_notice: render.notice_html(e.message)}
        return {
            self.preview: _preview(tpl, fields),
            self.downloads: render.downloads_html(doc_id, tpl.title + tpl.subtitle,
                                                  has_pdf=has_pdf, base=DOWNLOAD_BASE),
            self.draft_notice: '<p class="hint">文书已生成，请点下面的按钮下载。'
                               "点“新对话”或离开几分钟后，文书会从本机删除。</p>",
        }

    def _store_document(self, services: Services, session_id: str, tpl: Template,
                        fields: dict[str, FieldValue], want_pdf: bool) -> tuple[str, bool]:
        """Render and store the document under the session, so 新对话 deletes it too."""
        with tempfile.TemporaryDirectory(prefix="legalaid-kiosk-") as tmp:
            docx = render_docx(tpl, fields, Path(tmp) / "document.docx",
                               resolver=services.citation_resolver())
            pdf = render_pdf(docx, Path(tmp) / "pdf") if want_pdf else None
            stored = services.documents.add(
                session_id=session_id, template_id=tpl.id, fields=dict(fields),
                docx=docx.read_bytes(), pdf=pdf.read_bytes() if pdf else None)
        return stored.id, stored.pdf is not None

    def _problems(self, tpl: Template, fields: dict[str, FieldValue]) -> str:
        missing = [f.label_zh for f in missing_fields(tpl, fields)]
        problems = [f"{p.label_zh}：{p.message_zh}"
                    for p in validate(tpl, fields, resolver=self._resolver_or_none())
                    if p.label_zh not in missing]
        lines = (["还需要填写：" + "、".join(missing)] if missing else []) + problems
        if not lines:
            return '<p class="hint">内容完整，可以点“生成并下载”。</p>'
        return render.notice_html("\n".join(lines))

    def _prefill(self, tpl: Template, session_id: str | None) -> dict[str, FieldValue]:
        services = self._try_services()
        state = self._state(services, session_id) if services else None
        return prefill(tpl, state, today=self.today())

    def _resolver_or_none(self) -> CitationResolver | None:
        services = self._try_services()
        return services.citation_resolver() if services else None

    # ----- helpers ------------------------------------------------------------------------

    def _try_services(self) -> Services | None:
        try:
            return self.services()
        except LegalAidError:
            return None

    @staticmethod
    def _state(services: Services, session_id: str | None) -> SessionState | None:
        if not session_id:
            return None
        try:
            return get_session(services, session_id)
        except LegalAidError:
            return None


def _read_and_delete(path: Path) -> bytes:
    """The recording's bytes; the file (in Gradio's upload cache) is removed at once."""
    try:
        return path.read_bytes()
    finally:
        path.unlink(missing_ok=True)


def _preview(tpl: Template, fields: dict[str, FieldValue]) -> str:
    return f'<pre class="preview">{render.esc(preview_text(tpl, fields))}</pre>'


