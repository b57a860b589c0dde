"""Event handlers of the kiosk page: each reads the components' values, calls a use case
(``assistant.usecases``, like every other channel) and returns the updates to show.

``KioskHandlers`` is the behaviour; ``assistant.kiosk.page.KioskPage`` adds the layout and
wires the events. Errors become their fixed Chinese message in a notice, never a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.app import Services
from assistant.clock import CHINA
from assistant.config import KioskSettings
from assistant.drafting import Template, get_template, preview_text
from assistant.drafting.forms import FieldValue
from assistant.drafting.pdf import pdf_available
from assistant.errors import USER_ERRORS
from assistant.kiosk import render, takehome
from assistant.kiosk.forms import collect_fields, form_fields, template_choices
from assistant.kiosk.qr import qr_svg
from assistant.models import Reply, SessionState
from assistant.screening.escalation import pickup_message_zh, pickup_status_zh
from assistant.usecases import (
    chat_turn,
    check,
    draft,
    escalate_session,
    escalation_reply,
    find_session,
    get_session,
    handoff_reason,
    prefill,
    read_aloud,
    reset_session,
    transcribe,
)
from assistant.usecases.errors import SessionNotFoundError
from assistant.usecases.takehome import create_take_home

log = logging.getLogger(__name__)

ServicesGetter = Callable[[], Services]
Updates = dict[Any, Any]
CHANNEL = "kiosk"
MAX_FORM_FIELDS = 24  # the longest template asks for 22 required fields
DOWNLOAD_BASE = "/v1/documents"
NO_TTS = "朗读暂不可用"
ENGINE_STARTING = "服务正在启动，请稍后再试。"
NEED_SESSION = "请先在上方输入框简单说说您的事情（例如“我想写一张借条”），再来生成文书。"
NEED_QUESTION = "请先在上方输入框说说您遇到的问题，再转给工作人员。"


class KioskHandlers:
    """The page's behaviour; the components are created by ``KioskPage.build``."""

    services: ServicesGetter
    settings: KioskSettings
    session: Any
    form_keys: Any
    doc_id: Any
    pickup: Any
    take_home_row: Any
    take_home: Any
    question: Any
    notice: Any
    history: Any
    answer: Any
    tts: Any
    read_rest: Any
    read_more: Any
    transcript: Any
    mic: Any
    mic_note: Any
    read: Any
    cats_box: Any
    template: Any
    draft_box: Any
    boxes: list[Any]
    want_pdf: Any
    preview: Any
    downloads: Any
    draft_notice: Any
    offer: Any
    offer_btn: Any
    handoff_box: Any
    consent: Any
    ticket: Any
    pickup_code: Any
    pickup_answer: Any

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
        except USER_ERRORS as e:
            return {self.notice: render.notice_html(e.message)}

    def on_voice(self, path: str | None) -> Updates:
        """The recording's transcript goes into the question box for the citizen to check and
        correct; nothing is answered until they press 发送."""
        if not path:  # Gradio reads an empty dict as one value: always name an output
            return {self.notice: ""}
        audio = _read_and_delete(Path(path))
        try:
            heard = transcribe(self.services(), audio)
        except USER_ERRORS as e:
            return {self.notice: render.notice_html(e.message), self.mic: None,
                    self.transcript: ""}
        return {self.question: heard.normalized, self.notice: "", self.mic: None,
                self.transcript: render.transcript_html(heard.original, heard.normalized,
                                                        check=True)}

    def _turn(self, services: Services, session_id: str, reply: Reply) -> Updates:
        state = get_session(services, session_id)
        category = state.classification.category if state.classification else None
        reason = handoff_reason(state)
        return {
            self.session: session_id, self.question: "", self.notice: "", self.tts: "",
            self.read_rest: "", self.read_more: gr.update(visible=False),
            self.transcript: "", self.mic: None,
            self.history: render.history_html(state.turns[:-1]),
            self.answer: render.answer_html(reply),
            self.cats_box: gr.update(visible=False),
            self.template: gr.update(choices=template_choices(category)),
            self.offer: render.handoff_offer_html(reason),
            self.offer_btn: gr.update(visible=reason is not None),
            self.take_home_row: gr.update(visible=True), self.take_home: "",
        }

    def on_read(self, session_id: str | None) -> Updates:
        """Read the latest answer's first screen aloud (under a minute of audio)."""
        return self._read(session_id, None)

    def on_read_more(self, session_id: str | None, rest: str | None) -> Updates:
        """继续朗读: the next part of the same answer."""
        return self._read(session_id, rest or None)

    def _read(self, session_id: str | None, rest: str | None) -> Updates:
        services = self._try_services()
        if services is None or services.speaker is None:
            return {self.notice: render.notice_html(NO_TTS)}
        try:
            part = read_aloud(services, session_id, rest=rest)
        except USER_ERRORS as e:
            return {self.notice: render.notice_html(e.message), self.read_rest: "",
                    self.read_more: gr.update(visible=False)}
        return {self.tts: render.read_aloud_html(part, first=rest is None), self.notice: "",
                self.read_rest: part.rest,
                self.read_more: gr.update(visible=not part.finished)}

    def on_reset(self, session_id: str | None) -> Updates:
        self._forget(session_id)
        updates: Updates = {
            self.session: None, self.form_keys: [], self.doc_id: None, self.pickup: None,
            self.take_home_row: gr.update(visible=False), self.take_home: "",
            self.question: "", self.notice: "",
            self.history: "", self.answer: "", self.tts: "", self.read_rest: "",
            self.read_more: gr.update(visible=False),
            self.transcript: "", self.mic: None, self.cats_box: gr.update(visible=True),
            self.template: gr.update(value=None, choices=template_choices(None)),
            self.draft_box: gr.update(open=False), self.want_pdf: False, self.preview: "",
            self.downloads: "", self.draft_notice: "", self.offer: "",
            self.offer_btn: gr.update(visible=False), self.handoff_box: gr.update(open=False),
            self.consent: False, self.ticket: "", self.pickup_code: "", self.pickup_answer: "",
        }
        updates.update({box: gr.update(value="", visible=False, label="", info="")
                        for box in self.boxes})
        return updates

    def on_idle_wipe(self, session_id: str | None) -> Updates:
        """The page's countdown ran out (nobody touched it, no read-aloud playing)."""
        log.info("kiosk idle: wiping the page", extra={"had_session": bool(session_id)})
        return self.on_reset(session_id)

    # ----- taking things home -------------------------------------------------------------

    def on_phone(self, session_id: str | None, doc_id: str | None, pickup: str | None,
                 request: gr.Request) -> Updates:
        """A QR code of the take-home link for the citizen's phone."""
        try:
            services = self.services()
            link = create_take_home(services, session_id=session_id, document_id=doc_id,
                                    pickup_code=pickup)
        except USER_ERRORS as e:
            return {self.take_home: render.notice_html(e.message)}
        url = f"{self._public_base(request)}{takehome.PREFIX}/{link.token}"
        return {self.take_home: render.take_home_qr_html(qr_svg(url), _until(link.expires_at), url)}

    def on_print(self, session_id: str | None, doc_id: str | None, pickup: str | None) -> Updates:
        """The print page in a hidden frame; its script opens the printer dialogue."""
        try:
            link = create_take_home(self.services(), session_id=session_id, document_id=doc_id,
                                    pickup_code=pickup)
        except USER_ERRORS as e:
            return {self.take_home: render.notice_html(e.message)}
        return {self.take_home: render.print_frame_html(
            f"{takehome.PREFIX}/{link.token}?print=1")}

    def _public_base(self, request: gr.Request | None) -> str:
        if self.settings.public_url:
            return self.settings.public_url.rstrip("/")
        base = str(request.base_url) if request is not None else "/"
        return base.rstrip("/")

    # ----- hand-off to a person -----------------------------------------------------------

    def on_offer(self) -> Updates:
        return {self.handoff_box: gr.update(open=True)}

    def on_escalate(self, session_id: str | None, consent: bool | None) -> Updates:
        """Queue the conversation for staff (only with the box ticked); show the pickup code."""
        if not session_id:
            return {self.ticket: render.notice_html(NEED_QUESTION)}
        try:
            services = self.services()
            reason = handoff_reason(self._state(services, session_id)) or "user_request"
            code = escalate_session(services, session_id=session_id, consent=consent is True,
                                    reason=reason, channel=CHANNEL)
        except USER_ERRORS as e:
            return {self.ticket: render.notice_html(e.message)}
        return {self.ticket: render.ticket_html(code, pickup_message_zh(code, channel=CHANNEL)),
                self.consent: False, self.offer: "", self.offer_btn: gr.update(visible=False),
                self.pickup: code, self.take_home_row: gr.update(visible=True)}

    def on_pickup(self, code: str | None) -> Updates:
        if not (code or "").strip():
            return {self.pickup_answer: render.notice_html("请输入取件码。")}
        try:
            reply = escalation_reply(self.services(), code or "")
        except USER_ERRORS as e:
            return {self.pickup_answer: render.notice_html(e.message)}
        return {self.pickup_answer: render.pickup_answer_html(pickup_status_zh(reply))}

    def _forget(self, session_id: str | None) -> None:
        """Delete the stored conversation (and its documents); never raises."""
        if not session_id:
            return
        try:
            reset_session(self.services(), session_id)
        except USER_ERRORS as e:
            log.warning("kiosk reset failed: %s", e.code)

    # ----- documents ----------------------------------------------------------------------

    def on_template(self, session_id: str | None, template_id: str | None) -> Updates:
        updates: Updates = {self.preview: "", self.downloads: "", self.draft_notice: ""}
        if not template_id:
            updates[self.form_keys] = []
            updates.update({b: gr.update(visible=False, value="", label="", info="")
                            for b in self.boxes})
            return updates
        tpl = get_template(template_id)
        fields = form_fields(tpl, self._prefill(tpl, session_id))[:MAX_FORM_FIELDS]
        updates[self.form_keys] = [f.key for f in fields]
        for i, box in enumerate(self.boxes):
            if i < len(fields):
                f = fields[i]
                # info="" (not None, which keeps the last template's hint under this box)
                updates[box] = gr.update(visible=True, label=f.label, value=f.value,
                                         info=f.hint, lines=3 if f.multiline else 1)
            else:
                updates[box] = gr.update(visible=False, value="", label="", info="")
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
            # Stored under the session, so 新对话 deletes the document too.
            doc = draft(services, template_id=tpl.id, fields=fields, session_id=session_id,
                        pdf=want_pdf).document
        except USER_ERRORS as e:
            return {self.draft_notice: render.notice_html(e.message)}
        return {
            self.preview: _preview(tpl, fields),
            self.downloads: render.downloads_html(doc.id, tpl.title + tpl.subtitle,
                                                  has_pdf=doc.pdf is not None, base=DOWNLOAD_BASE),
            self.draft_notice: '<p class="hint">文书已生成：可以下载，也可以点上面的“打印”或'
                               "“发到手机”带走。点“新对话”或离开几分钟后，文书会从本机删除。</p>",
            self.doc_id: doc.id, self.take_home_row: gr.update(visible=True),
        }

    def _problems(self, tpl: Template, fields: dict[str, FieldValue]) -> str:
        services = self._try_services()
        if services is None:
            return render.notice_html(ENGINE_STARTING)
        checked = check(services, tpl.id, fields)
        missing = checked.missing
        problems = [f"{p.label}：{p.message}" for p in checked.problems if p.label not in missing]
        lines = (["还需要填写：" + "、".join(missing)] if missing else []) + problems
        if not lines:
            return '<p class="hint">内容完整，可以点“生成并下载”。</p>'
        return render.notice_html("\n".join(lines))

    def _prefill(self, tpl: Template, session_id: str | None) -> dict[str, FieldValue]:
        services = self._try_services()
        if services is None:
            return {}
        return prefill(services, tpl, find_session(services, session_id))

    # ----- helpers ------------------------------------------------------------------------

    def _try_services(self) -> Services | None:
        try:
            return self.services()
        except USER_ERRORS:
            return None

    @staticmethod
    def _state(services: Services, session_id: str | None) -> SessionState | None:
        return find_session(services, session_id)



def _until(when: datetime) -> str:
    """Beijing time of day, as the citizen reads clocks."""
    return when.astimezone(CHINA).strftime("%H:%M")


def _read_and_delete(path: Path) -> bytes:
    """The recording's bytes; the file (in Gradio's upload cache) is removed at once."""
    try:
        return path.read_bytes()
    finally:
        path.unlink(missing_ok=True)


def _preview(tpl: Template, fields: dict[str, FieldValue]) -> str:
    return f'<pre class="preview">{render.esc(preview_text(tpl, fields))}</pre>'


