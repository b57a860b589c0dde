"""WeChat conversations: one session per follower, answers inside WeChat's 5-second window.

Each message's turn runs in a worker thread. The callback waits up to ``reply_budget_s`` for it:
an answer ready in time goes back as the passive reply; otherwise the callback answers
``success`` (WeChat then neither retries nor shows an error) and the answer is pushed through the
customer-service API when the turn ends. WeChat retries a callback it got no answer to within
5 s up to three times, possibly to another replica, so turns are de-duplicated by MsgId in the
shared database and exactly one of the two paths delivers each answer (``assistant.wechat.dedupe``).
A sweeper thread finishes the messages of replicas that died after acknowledging them.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from datetime import datetime
from typing import Any

from assistant.app import Services
from assistant.db.coordination import Claim
from assistant.errors import USER_ERRORS, AssistantError
from assistant.screening.escalation import pickup_message_zh, pickup_status_zh
from assistant.usecases import (
    chat_turn,
    check_voice,
    escalate_session,
    escalation_reply,
    get_session,
    handoff_reason,
    session_id_for,
    voice_turn,
)
from assistant.wechat.adapter import Codec, Decoded, Inbound
from assistant.wechat.client import WeChatClient
from assistant.wechat.dedupe import KEY_PREFIX, Ledger
from assistant.wechat.errors import WeChatApiError, WeChatUnavailableError
from assistant.wechat.handoff import (
    NEED_QUESTION_ZH,
    PendingConsents,
    WeChatReplyDeliverer,
    consent_prompt_zh,
    is_agreement,
    is_handoff_request,
    openid_hash,
    pickup_code_in,
)
from assistant.wechat.seal import Sealer
from assistant.wechat.text import cap_pieces, split_text

log = logging.getLogger(__name__)

CHANNEL = "wechat"
SUCCESS = "success"  # WeChat's "received, nothing to reply now"
MAX_PUSHES = 5  # customer-service messages WeChat allows per user message (48 h window)
WELCOME_ZH = ("您好，这里是法律援助智能助手。请用文字或语音描述您遇到的问题，"
              "例如“老板拖欠工资三个月怎么办”。紧急情况请立即拨打110。")
UNSUPPORTED_ZH = "目前只能处理文字和语音消息，请直接输入文字描述您的问题。"
NO_VOICE_DOWNLOAD_ZH = "暂时无法接收语音消息，请直接输入文字。"
WORKERS = 4
VOICE_WAIT_S = 2.0  # a voice note waits this long for a model still loading at start-up


class WeChatService:
    """Handles callbacks for one official account; built once per process (``for_services``)."""

    def __init__(self, services: Services, *, codec: Codec, client: WeChatClient | None,
                 sealer: Sealer, workers: int = WORKERS) -> None:
        self.services = services
        self.settings = services.settings.wechat
        self.codec = codec
        self.client = client
        self.sealer = sealer
        self.shared = services.shared
        self.ledger = Ledger(self.shared,
                             replica_timeout_s=services.settings.service.replica_timeout_s)
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="wechat")
        self.pending = PendingConsents(self.shared)
        self.deliverer = WeChatReplyDeliverer(client, shared=self.shared, sealer=sealer,
                                              max_pieces=MAX_PUSHES)
        # The escalation queue sends staff answers to followers through this (see handoff.py).
        services.screening.queue.deliverer = self.deliverer
        self._stop = threading.Event()
        self._sweeper: threading.Thread | None = None

    @classmethod
    def from_settings(cls, services: Services) -> WeChatService:
        wx = services.settings.wechat
        if not wx.enabled or wx.token is None:
            raise WeChatUnavailableError("wechat.enabled is false")
        aes = wx.encoding_aes_key.get_secret_value() if wx.encoding_aes_key else None
        codec = Codec(token=wx.token.get_secret_value(), encoding_aes_key=aes, app_id=wx.app_id)
        client = None
        if wx.app_id and wx.app_secret:
            client = WeChatClient(app_id=wx.app_id, app_secret=wx.app_secret.get_secret_value(),
                                  api_base=wx.api_base, tokens=services.shared)
        else:
            log.warning("wechat app_id/app_secret not set: no late answers, no voice notes")
        secret = wx.app_secret or wx.token
        return cls(services, codec=codec, client=client, sealer=Sealer(secret.get_secret_value()))

    def start(self) -> None:
        """Start the sweeper that finishes messages of replicas that died (see ``sweep``)."""
        self._sweeper = threading.Thread(target=self._sweep_loop, name="wechat-sweeper",
                                         daemon=True)
        self._sweeper.start()

    def close(self) -> None:
        self._stop.set()
        if self._sweeper is not None:
            self._sweeper.join(timeout=5)
        self.executor.shutdown(wait=False, cancel_futures=True)
        if self.client is not None:
            self.client.close()

    def verify(self, query: Mapping[str, str]) -> str:
        """The ``echostr`` to send back when WeChat checks the server URL."""
        self.codec.verify(query)
        return query.get("echostr", "")

    def handle(self, body: bytes, query: Mapping[str, str], *,
               received_at: float | None = None) -> str:
        """The response body for one POSTed callback (reply XML or ``success``).

        Raises ``WeChatSignatureError`` (forged) or ``WeChatXmlError`` (malformed, DTDs); a
        database failure propagates (503: WeChat retries the callback).
        """
        started = received_at if received_at is not None else time.monotonic()
        decoded = self.codec.decode(body, query)
        inbound = decoded.inbound
        if inbound.kind not in ("text", "voice"):
            immediate = self._immediate_reply(inbound)
            return self._render(decoded, immediate, query) if immediate else SUCCESS
        key = KEY_PREFIX + inbound.dedupe_key
        turn = self.ledger.own(key, payload=self._seal(inbound), start=lambda previous: (
            self.executor.submit(self._run, key, inbound, previous)))
        if turn is None:
            log.info("wechat retry of a message another replica answers (user %s)",
                     self._ref(inbound))
            return self._as_bystander(key, decoded, query)
        remaining = self.settings.reply_budget_s - (time.monotonic() - started)
        wait_futures([turn], timeout=max(0.0, remaining))
        return self._deliver(key, turn, decoded, query)

    def _deliver(self, key: str, turn: Future[list[str]], decoded: Decoded,
                 query: Mapping[str, str]) -> str:
        """This replica owns the message: answer passively if the turn is done and no other
        callback has chosen the push, else say "success" and push when the turn ends."""
        mode, mine = self.shared.decide(key, "passive" if turn.done() else "push")
        inbound = decoded.inbound
        if mode == "passive":
            # Passive is decided only once the answer is recorded: the turn is done or ending.
            pieces = turn.result(timeout=10)
            if mine:
                self._push_later(key, inbound, pieces[1 : 1 + MAX_PUSHES])
            # A retry means WeChat did not get our first response: the same reply again.
            return self._render(decoded, pieces[0], query)
        if mode == "push" and self.ledger.first_push(key):
            turn.add_done_callback(lambda f: self._on_late_answer(key, inbound, f))
        return SUCCESS

    def _as_bystander(self, key: str, decoded: Decoded, query: Mapping[str, str]) -> str:
        """Another (live) replica owns the message: never a second turn. Repeat the passive
        answer if that was the path, else "success" (the owner pushes)."""
        claim = self.shared.claim_of(key)
        if claim is None:
            return SUCCESS
        mode, mine = claim.mode, False
        if mode is None:
            mode, mine = self.shared.decide(key, "passive" if claim.answer else "push")
        if mode != "passive":
            return SUCCESS
        answer = claim.answer or (self.shared.claim_of(key) or claim).answer
        if not answer:
            return SUCCESS
        if mine:
            self._push_later(key, decoded.inbound, answer[1 : 1 + MAX_PUSHES])
        return self._render(decoded, answer[0], query)

    def _render(self, decoded: Decoded, content: str, query: Mapping[str, str]) -> str:
        return self.codec.render_text(decoded.inbound, content, encrypted=decoded.encrypted,
                                      nonce=query.get("nonce", ""))

    def _immediate_reply(self, inbound: Inbound) -> str | None:
        if inbound.kind == "event":
            return WELCOME_ZH if inbound.event.startswith("subscribe") else None
        return UNSUPPORTED_ZH

    # ------------------------------------------------------------ the turn (worker thread)

    def _run(self, key: str, inbound: Inbound, previous: Claim | None) -> list[str]:
        """The turn of a claimed message; its answer is recorded for the other replicas.
        ``previous``: the claim taken over from a dead replica (its answer or saved turn is
        reused rather than answering the message twice)."""
        if previous is not None and previous.answer:
            pieces = previous.answer
        else:
            pieces = self._answer(inbound, since=previous.claimed_at if previous else None)
        try:
            self.shared.record_answer(key, pieces)
        except Exception:  # the database is down: this replica can still deliver from memory
            log.exception("wechat answer for user %s not recorded", self._ref(inbound))
        return pieces

    def _answer(self, inbound: Inbound, *, since: datetime | None = None) -> list[str]:
        """The answer in WeChat-sized pieces; never raises (errors become their Chinese text)."""
        try:
            saved = self._saved_reply(inbound, since) if since is not None else None
            text = saved if saved is not None else self._turn(inbound)
        except USER_ERRORS as e:
            level = logging.ERROR if e.code.endswith("_unavailable") else logging.INFO
            log.log(level, "wechat turn for user %s -> %s: %s", self._ref(inbound), e.code, e)
            text = e.message
        except Exception:
            log.exception("wechat turn failed for user %s", self._ref(inbound))
            text = AssistantError.message
        return cap_pieces(split_text(text), max_pieces=1 + MAX_PUSHES)

    def _turn(self, inbound: Inbound) -> str:
        sid = session_id_for(inbound.open_id, app_id=self.settings.app_id)
        if inbound.kind == "text":
            handled = self._handoff(inbound, sid)
            if handled is not None:
                return handled
            return chat_turn(self.services, session_id=sid, text=inbound.text, channel=CHANNEL,
                             create_if_missing=True).reply.text
        try:
            # Before the download: voice off, failed, or still loading a moment after start-up
            # gets its message within the reply window instead of a push seconds later.
            check_voice(self.services, wait_s=min(VOICE_WAIT_S, self.settings.reply_budget_s / 2))
        except USER_ERRORS:
            if inbound.text.strip():  # WeChat's own recognition, when the account enabled it
                return chat_turn(self.services, session_id=sid, text=inbound.text,
                                 channel=CHANNEL, create_if_missing=True).reply.text
            raise
        if self.client is None or not inbound.media_id:
            raise WeChatApiError("voice note cannot be downloaded", errcode=None)
        audio = self.client.download_media(
            inbound.media_id, max_bytes=self.services.settings.service.max_upload_bytes)
        result = voice_turn(self.services, session_id=sid, audio=audio, channel=CHANNEL,
                            create_if_missing=True)
        return f"您说的是：“{result.transcript_original}”\n\n{result.reply.text}"

    def _handoff(self, inbound: Inbound, sid: str) -> str | None:
        """转人工 / 同意 / 取件码 messages (see ``assistant.wechat.handoff``); None otherwise."""
        text = inbound.text
        code = pickup_code_in(text)
        if code is not None:
            return pickup_status_zh(escalation_reply(self.services, code))
        if is_handoff_request(text):
            stored = self.services.store.get(sid)
            if stored is None or not stored.state.user_texts():
                return NEED_QUESTION_ZH
            self.pending.ask(sid)
            return consent_prompt_zh()
        if not (is_agreement(text) and self.pending.take(sid)):
            return None
        hashed = openid_hash(inbound.open_id, app_id=self.settings.app_id)
        reason = handoff_reason(get_session(self.services, sid)) or "user_request"
        pickup = escalate_session(self.services, session_id=sid, consent=True, reason=reason,
                                  channel=CHANNEL, openid_hash=hashed)
        self.deliverer.remember(hashed, inbound.open_id)
        log.info("wechat escalation queued for user %s (%s)", self._ref(inbound), reason)
        return pickup_message_zh(pickup, channel="wechat", pushed=self.client is not None)

    def _saved_reply(self, inbound: Inbound, since: datetime) -> str | None:
        """The reply a dead replica saved for this message after claiming it at ``since``."""
        stored = self.services.store.get(session_id_for(inbound.open_id,
                                                        app_id=self.settings.app_id))
        if stored is None or stored.version < since:
            return None
        turns = stored.state.turns
        if len(turns) < 2 or turns[-1].role != "assistant" or turns[-2].role != "user":
            return None
        if inbound.kind == "text" and turns[-2].text != inbound.text.strip():
            return None
        return turns[-1].text

    # ------------------------------------------------------------ late delivery

    def _on_late_answer(self, key: str, inbound: Inbound, future: Future[list[str]]) -> None:
        if future.cancelled():  # shutting down: another replica's sweeper finishes it
            log.warning("wechat turn for user %s cancelled at shutdown", self._ref(inbound))
            return
        self._push_later(key, inbound, cap_pieces(future.result(), max_pieces=MAX_PUSHES))

    def _push_later(self, key: str, inbound: Inbound, pieces: list[str]) -> None:
        try:
            self.executor.submit(self._push, key, inbound, pieces)
        except RuntimeError:  # shutting down: another replica's sweeper finishes it
            log.warning("wechat answer for user %s left to another replica", self._ref(inbound))

    def _push(self, key: str, inbound: Inbound, pieces: list[str]) -> None:
        try:
            self._send(inbound, pieces)
        finally:
            self.shared.finish(key)

    def _send(self, inbound: Inbound, pieces: list[str]) -> None:
        if not pieces:
            return
        if self.client is None:
            log.error("wechat answer for user %s lost: no app_id/app_secret for custom/send",
                      self._ref(inbound))
            return
        for piece in pieces:
            try:
                self.client.send_text(inbound.open_id, piece)
            except USER_ERRORS as e:
                log.error("wechat custom/send to user %s failed: %s", self._ref(inbound), e)
                return

    # ------------------------------------------------------------ replicas that died

    def sweep(self) -> int:
        """Finish unfinished messages of replicas silent for ``replica_timeout_s``: take the
        claim over, reuse or run the turn, push the answer. Returns how many were adopted."""
        budget = self.settings.reply_budget_s
        timeout = self.services.settings.service.replica_timeout_s
        adopted = 0
        for claim in self.shared.orphans(timeout_s=timeout, min_age_s=budget + 1.0):
            if not self.shared.take_over(claim.key, from_owner=claim.owner):
                continue  # another replica's sweeper (or a retry) was first
            mode, _ = self.shared.decide(claim.key, "push")
            if mode == "passive" or claim.payload is None:
                self.shared.finish(claim.key)  # the answer went out before the owner died
                continue
            self._adopt(claim, self._unseal(claim.payload))
            adopted += 1
        return adopted

    def _adopt(self, claim: Claim, inbound: Inbound) -> None:
        key = claim.key
        turn = self.ledger.adopt(key, lambda: self.executor.submit(self._run, key, inbound, claim))
        if self.ledger.first_push(key):
            turn.add_done_callback(lambda f: self._on_late_answer(key, inbound, f))
        log.warning("wechat message of a dead replica adopted (user %s)", self._ref(inbound))

    def _sweep_loop(self) -> None:
        interval = self.services.settings.service.heartbeat_s
        while not self._stop.wait(interval):
            try:
                self.sweep()
            except Exception:  # the database may be down: try again next time
                log.exception("wechat sweep failed")

    def _seal(self, inbound: Inbound) -> bytes:
        return self.sealer.seal(json.dumps(dataclasses.asdict(inbound)).encode("utf-8"))

    def _unseal(self, payload: bytes) -> Inbound:
        return Inbound(**json.loads(self.sealer.open(payload)))

    def _ref(self, inbound: Inbound) -> str:
        # The session ID doubles as a pseudonymous user reference: never log raw OpenIDs.
        return session_id_for(inbound.open_id, app_id=self.settings.app_id)[:15]


def attach(app: Any, services: Services) -> Callable[[], None]:
    """``create_app``'s ``on_ready`` hook: the process's ``WeChatService`` on ``app.state.wechat``
    (staff answers to followers go out through it from the start); returns its closer."""
    service = WeChatService.from_settings(services)
    service.start()
    app.state.wechat = service
    return service.close


def service_of(state: Any) -> WeChatService:
    """The ``WeChatService`` attached to a web app's state (``WeChatUnavailableError`` if none)."""
    service = getattr(state, "wechat", None)
    if not isinstance(service, WeChatService):
        raise WeChatUnavailableError("wechat channel not attached")
    return service
