"""转人工 on WeChat: the consent exchange, pickup-code look-ups and delivering staff answers.

A follower types 转人工 (or 人工); we say what would be shared, with whom and for how long, and
ask for 同意. Only 同意 within ``CONSENT_WINDOW`` queues the conversation; the question is a
row of the shared database, so the 同意 may land on another replica than the 转人工. The staff
answer comes back as customer-service messages through ``WeChatReplyDeliverer``, which needs the
raw OpenID: it is kept sealed (``assistant.wechat.seal``, a key only the replicas hold) in the
shared database, only while the follower has an open escalation and never longer than WeChat's
48-hour window for customer-service messages (after it, sending is refused anyway). If the
delivery fails the follower fetches the answer by sending 取件码 XXXXXXXX, which always works.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import timedelta

from assistant.db.coordination import CONSENT_WINDOW, FOLLOWER_TTL, SharedState
from assistant.screening.escalation import CONSENT_KEPT_ZH, CONSENT_WHAT_ZH, CONSENT_WHO_ZH
from assistant.wechat.client import WeChatClient
from assistant.wechat.errors import WeChatApiError
from assistant.wechat.seal import Sealer
from assistant.wechat.text import cap_pieces, split_text

HANDOFF_WORDS = frozenset({"转人工", "人工", "人工服务", "人工客服", "找人工", "我要转人工",
                           "转接人工", "找工作人员"})
AGREE_WORDS = frozenset({"同意", "我同意"})
PICKUP_RE = re.compile(r"^取件码[:：\s]*([A-Za-z0-9][A-Za-z0-9 -]{6,12})$")

NEED_QUESTION_ZH = ("请先用文字说一说您遇到的问题，我会先尝试解答；"
                    "如果还需要工作人员帮您看，再回复“转人工”。")


def command_of(text: str) -> str:
    """The message without spaces and punctuation, for matching short commands."""
    return "".join(ch for ch in text.strip() if unicodedata.category(ch)[0] not in "PZS")


def is_handoff_request(text: str) -> bool:
    return command_of(text) in HANDOFF_WORDS


def is_agreement(text: str) -> bool:
    return command_of(text) in AGREE_WORDS


def pickup_code_in(text: str) -> str | None:
    """The code of a ``取件码 XXXXXXXX`` message (not yet validated), else None."""
    m = PICKUP_RE.match(text.strip())
    return m.group(1) if m else None


def openid_hash(open_id: str, *, app_id: str | None) -> str:
    """What the escalation stores instead of the OpenID (64 hex characters)."""
    return hashlib.sha256(f"{app_id or ''}:{open_id}".encode()).hexdigest()


def consent_prompt_zh() -> str:

    minutes = int(CONSENT_WINDOW.total_seconds() // 60)
    return (f"回复“同意”即表示您同意把{CONSENT_WHAT_ZH}转给{CONSENT_WHO_ZH}，由他们答复您。"
            f"保存：{CONSENT_KEPT_ZH}。请在{minutes}分钟内回复；不同意请忽略本条消息，"
            "也可以拨打12348法律援助热线。")


class PendingConsents:
    """Followers asked for 同意 in the last ``window`` (shared by the replicas)."""

    def __init__(self, shared: SharedState, *, window: timedelta = CONSENT_WINDOW) -> None:
        self.shared = shared
        self.window = window

    def ask(self, key: str) -> None:
        self.shared.ask_consent(key)

    def take(self, key: str) -> bool:
        """Whether ``key`` was asked within the window; the question is used up either way."""
        return self.shared.take_consent(key, window=self.window)


class WeChatReplyDeliverer:
    """``ReplyDeliverer`` over the customer-service API (``custom/send``).

    ``remember`` is called when a follower's escalation is queued; ``deliver`` sends the staff
    answer in WeChat-sized pieces and forgets the OpenID when no escalation of theirs is open.
    Any replica can deliver: the sealed OpenID is in the shared database.
    """

    def __init__(self, client: WeChatClient | None, *, shared: SharedState, sealer: Sealer,
                 max_pieces: int, ttl: timedelta = FOLLOWER_TTL) -> None:
        self.client = client
        self.shared = shared
        self.sealer = sealer
        self.max_pieces = max_pieces
        self.ttl = ttl

    def remember(self, hashed: str, open_id: str) -> None:
        self.shared.remember_follower(hashed, self.sealer.seal(open_id.encode("utf-8")))

    def known(self, hashed: str) -> bool:
        return self.shared.follower(hashed, ttl=self.ttl) is not None

    def deliver(self, openid_hash: str, text: str) -> None:
        """Raises ``WeChatApiError`` when no open escalation of the follower is known (or it is
        past WeChat's 48 hours) or WeChat refuses."""
        sealed = self.shared.follower(openid_hash, ttl=self.ttl)
        if sealed is None:
            raise WeChatApiError("no open escalation of this follower within 48 h")
        if self.client is None:
            raise WeChatApiError("no app_id/app_secret for custom/send")
        open_id = self.sealer.open(sealed).decode("utf-8")
        for piece in cap_pieces(split_text(text), max_pieces=self.max_pieces):
            self.client.send_text(open_id, piece)
        self.shared.release_follower(openid_hash)
