"""The kiosk page (Gradio), mounted at ``/`` of the FastAPI service: layout and wiring.

The page keeps only the session ID and UI state in ``gr.State``; every answer, transcript and
wipe goes through ``assistant.usecases`` like the REST API (``assistant.kiosk.handlers``).
Privacy between citizens: the 新对话 button, the idle wipe and a closed browser tab all call
``reset_session`` (which also deletes the session's documents) and clear every component;
recordings are deleted from disk as soon as they are read, read-aloud audio is sent inline, and
Gradio's run history is off. The idle wipe is timed in the browser (``static/head.html``): it
warns first with a countdown and a 我还在 button, never counts while read-aloud plays or the
citizen types, and then presses the hidden ``#idle-wipe`` button (the same reset as 新对话).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import gradio as gr
from fastapi import FastAPI

from assistant.app import services_of
from assistant.config import KioskSettings
from assistant.kiosk import render, takehome
from assistant.kiosk.forms import template_choices
from assistant.kiosk.handlers import MAX_FORM_FIELDS, KioskHandlers, ServicesGetter
from assistant.kiosk.theme import static_text
from assistant.screening.escalation import consent_text_zh
from knowledge.taxonomy import CATEGORY_CODES, load_categories

TITLE = "法律援助智能助手"
FOCUS_QUESTION_JS = """() => {
  const box = document.querySelector('#question textarea');
  if (box) { box.focus(); setTimeout(() => box.setSelectionRange(1e4, 1e4), 50); }
  return %s;
}"""
HANDOFF_BUTTON = "请工作人员帮我看看"


def build_kiosk(services_getter: ServicesGetter, *,
                settings: KioskSettings | None = None) -> gr.Blocks:
    """The page; ``services_getter`` is called per event (the services load after mounting)."""
    return KioskPage(services_getter, settings=settings or KioskSettings()).build()


def mount_kiosk(app: FastAPI, *, path: str = "/") -> FastAPI:
    """Mount the page on ``app`` (the ``kiosk`` hook of ``create_app``)."""
    settings = app.state.settings
    blocks = build_kiosk(lambda: services_of(app.state), settings=settings.kiosk)
    app.include_router(takehome.router)
    return gr.mount_gradio_app(
        app, blocks, path=path, css=static_text("kiosk.css"), head=head_html(settings.kiosk),
        theme=gr.themes.Default(), footer_links=[], run_history=False, ssr_mode=False,
        show_error=False, pwa=False, mcp_server=False, enable_monitoring=False,
        max_file_size=settings.service.max_upload_bytes,
    )


def _forgetter(page: KioskHandlers) -> Callable[[str | None], None]:
    def forget(session_id: str | None) -> None:
        page._forget(session_id)

    return forget


def head_html(settings: KioskSettings) -> str:
    """The page's head: the idle limits for ``head.html``'s script, then the script."""
    limits = {"limit_s": settings.idle_minutes * 60,
              "warn_s": min(settings.idle_warning_s, settings.idle_minutes * 60 / 2)}
    return (f"<script>window.kioskIdleConfig = {json.dumps(limits)};</script>"
            + static_text("head.html"))


class KioskPage(KioskHandlers):
    """Components of one kiosk page and the wiring of their events."""

    def __init__(self, services: ServicesGetter, *, settings: KioskSettings) -> None:
        self.services = services
        self.settings = settings
        self.categories = [c for c in load_categories() if c.code in CATEGORY_CODES]

    # ----- layout -------------------------------------------------------------------------

    def build(self) -> gr.Blocks:
        with gr.Blocks(title=TITLE, analytics_enabled=False, fill_width=True) as demo:
            # A plain function, not the bound method: Gradio deep-copies each component's
            # config on every page load, and copying a bound method copies its object (this
            # page, the services, the server's event loop: the "BaseEventLoop.__del__ …
            # no attribute '_closed'" tracebacks in the log).
            self.session = gr.State(None, delete_callback=_forgetter(self))
            self.form_keys = gr.State([])
            self.doc_id = gr.State(None)
            self.pickup = gr.State(None)
            self.read_rest = gr.State("")  # what 继续朗读 reads next
            self._header()
            self._categories()
            self._input()
            self._answer()
            self._take_home()
            self._handoff()
            self._drafting()
            # Pressed by the page's idle script when the countdown ends; never shown.
            self.wipe = gr.Button("清空本页", elem_id="idle-wipe", elem_classes="idle-wipe")
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
                f"{render.esc(minutes)}分钟没有操作，本页会先提醒，再自动清空。</p>")

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
                            label="语音提问：点话筒开始录音，说完点停止，听到的话会放进上面的输入框",
                            elem_id="mic")
        self.mic_note = gr.HTML("", elem_classes="slot")
        self.notice = gr.HTML("", elem_id="notice", elem_classes="slot")

    def _answer(self) -> None:
        self.transcript = gr.HTML("", elem_id="transcript", elem_classes="slot")
        self.tts = gr.HTML("", elem_id="tts", elem_classes="slot")
        self.read_more = gr.Button("继续朗读", visible=False, elem_id="read-more",
                                   elem_classes="big-btn")
        self.history = gr.HTML("", elem_id="history", elem_classes="slot")
        self.answer = gr.HTML("", elem_id="answer", elem_classes="slot")

    def _take_home(self) -> None:
        with gr.Row(visible=False, elem_id="take-home-row") as self.take_home_row:
            self.print_btn = gr.Button("打印（答复、文书、取件码）", elem_id="print",
                                       elem_classes="big-btn")
            self.phone_btn = gr.Button("发到手机（扫码带走）", elem_id="to-phone",
                                       elem_classes="big-btn")
        self.take_home = gr.HTML("", elem_id="take-home", elem_classes="slot")

    def _handoff(self) -> None:
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
                    self.tts, self.read_rest, self.read_more, self.transcript, self.cats_box,
                    self.template, self.mic, self.offer, self.offer_btn, self.take_home_row,
                    self.take_home]
        sent = self.send.click(self.on_send, [self.session, self.question], turn_out)
        submitted = self.question.submit(self.on_send, [self.session, self.question], turn_out)
        # The transcript goes into the question box to be checked; 发送 answers it.
        spoken = self.mic.stop_recording(self.on_voice, [self.mic],
                                         [self.question, self.notice, self.mic, self.transcript])
        for button, starter in self.cat_buttons:
            # In the browser alone: instant, never racing what the user types next, and the
            # focus moves to the question box so an on-screen keyboard opens.
            button.click(None, None, self.question, js=FOCUS_QUESTION_JS % json.dumps(starter))
        read_out = [self.tts, self.notice, self.read_rest, self.read_more]
        reading = [self.read.click(self.on_read, [self.session], read_out),
                   self.read_more.click(self.on_read_more, [self.session, self.read_rest],
                                        read_out)]
        clear_out = self._clear_outputs()
        self.new_chat.click(self.on_reset, [self.session], clear_out,
                            cancels=[sent, submitted, spoken, *reading])
        self.wipe.click(self.on_idle_wipe, [self.session], clear_out,
                        cancels=[sent, submitted, spoken, *reading], show_progress="hidden")
        self.offer_btn.click(self.on_offer, None, [self.handoff_box])
        self.handoff_btn.click(self.on_escalate, [self.session, self.consent],
                               [self.ticket, self.consent, self.offer, self.offer_btn,
                                self.pickup, self.take_home_row])
        take_in = [self.session, self.doc_id, self.pickup]
        self.phone_btn.click(self.on_phone, take_in, [self.take_home])
        self.print_btn.click(self.on_print, take_in, [self.take_home])
        pickup_out = [self.pickup_answer]
        self.pickup_btn.click(self.on_pickup, [self.pickup_code], pickup_out)
        self.pickup_code.submit(self.on_pickup, [self.pickup_code], pickup_out)
        self.template.change(self.on_template, [self.session, self.template],
                             [self.form_keys, *self.boxes, self.preview, self.downloads,
                              self.draft_notice])
        form_in = [self.session, self.template, self.form_keys, *self.boxes]
        self.preview_btn.click(self.on_preview, form_in, [self.preview, self.draft_notice])
        self.generate.click(self.on_generate, [self.want_pdf, *form_in],
                            [self.preview, self.downloads, self.draft_notice, self.doc_id,
                             self.take_home_row])
        demo.load(self.on_load, None, [self.mic, self.mic_note, self.read, self.want_pdf])

    def _clear_outputs(self) -> list[Any]:
        return [self.session, self.form_keys, self.doc_id, self.pickup, self.question,
                self.notice, self.history, self.answer, self.tts, self.read_rest, self.read_more,
                self.transcript, self.mic,
                self.take_home_row, self.take_home,
                self.cats_box, self.template, self.draft_box, *self.boxes, self.want_pdf,
                self.preview, self.downloads, self.draft_notice, self.offer, self.offer_btn,
                self.handoff_box, self.consent, self.ticket, self.pickup_code,
                self.pickup_answer]

