"""转人工 on WeChat: the consent exchange, pickup-code look-ups and delivering staff answers.

A follower types 转人工 (or 人工); we say what would be shared, with whom and for how long, and
ask for 同意. Only 同意 within ``CONSENT_WINDOW_S`` queues the conversation. The staff answer
comes back as customer-service messages through ``WeChatReplyDeliverer``, which needs the raw
OpenID: it keeps ``hash → OpenID`` IN MEMORY, in this process, only while the follower has an
open escalation, and never longer than WeChat's 48-hour window for customer-service messages
(after it, sending is refused anyway). Nothing of it reaches the database, so a restart or a
staff answer handled by another worker finds no OpenID: the delivery is then logged as failed
and the follower fetches the answer by sending 取件码 XXXXXXXX, which always works.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from assistant.screening.escalation import CONSENT_KEPT_ZH, CONSENT_WHAT_ZH, CONSENT_WHO_ZH
from assistant.wechat.client import WeChatClient
from assistant.wechat.errors import WeChatApiError
from assistant.wechat.text import cap_pieces, split_text

HANDOFF_WORDS = frozenset({"转人工", "人工", "人工服务", "人工客服", "找人工", "我要转人工",
                           "转接人工", "找工作人员"})
AGREE_WORDS = frozenset({"同意", "我同意"})
PICKUP_RE = re.compile(r"^取件码[:：\s]*([A-Za-z0-9][A-Za-z0-9 -]{6,12})$")
CONSENT_WINDOW_S = 600.0
CS_WINDOW_S = 48 * 3600.0  # WeChat: customer-service messages only within 48 h of a message

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

    minutes = int(CONSENT_WINDOW_S // 60)
    return (f"回复“同意”即表示您同意把{CONSENT_WHAT_ZH}转给{CONSENT_WHO_ZH}，由他们答复您。"
            f"保存：{CONSENT_KEPT_ZH}。请在{minutes}分钟内回复；不同意请忽略本条消息，"
            "也可以拨打12348法律援助热线。")


class PendingConsents:
    """Followers asked for 同意 in the last ``window_s`` seconds (per process, in memory)."""

    def __init__(self, *, window_s: float = CONSENT_WINDOW_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.window_s = window_s
        self.clock = clock
        self._asked: dict[str, float] = {}
        self._lock = threading.Lock()

    def ask(self, key: str) -> None:
        now = self.clock()
        with self._lock:
            self._asked = {k: t for k, t in self._asked.items() if now - t < self.window_s}
            self._asked[key] = now

    def take(self, key: str) -> bool:
        """Whether ``key`` was asked within the window; the question is used up either way."""
        with self._lock:
            asked = self._asked.pop(key, None)
        return asked is not None and self.clock() - asked < self.window_s


@dataclass
class _Open:
    open_id: str
    count: int  # open escalations of this follower
    seen: float


class WeChatReplyDeliverer:
    """``ReplyDeliverer`` over the customer-service API (``custom/send``).

    ``remember`` is called when a follower's escalation is queued; ``deliver`` sends the staff
    answer in WeChat-sized pieces and forgets the OpenID when no escalation of theirs is open.
    """

    def __init__(self, client: WeChatClient | None, *, max_pieces: int,
                 ttl_s: float = CS_WINDOW_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.client = client
        self.max_pieces = max_pieces
        self.ttl_s = ttl_s
        self.clock = clock
        self._open: dict[str, _Open] = {}
        self._lock = threading.Lock()

    def remember(self, hashed: str, open_id: str) -> None:
        now = self.clock()
        with self._lock:
            self._expire(now)
            entry = self._open.get(hashed)
            count = entry.count + 1 if entry else 1
            self._open[hashed] = _Open(open_id, count, now)

    def known(self, hashed: str) -> bool:
        with self._lock:
            self._expire(self.clock())
            return hashed in self._open

    def deliver(self, openid_hash: str, text: str) -> None:
        """Raises ``WeChatApiError`` when the OpenID is not held here or WeChat refuses."""
        with self._lock:
            self._expire(self.clock())
            entry = self._open.get(openid_hash)
        if entry is None:
            raise WeChatApiError("no open escalation of this follower in this process")
        if self.client is None:
            raise WeChatApiError("no app_id/app_secret for custom/send")
        for piece in cap_pieces(split_text(text), max_pieces=self.max_pieces):
            self.client.send_text(entry.open_id, piece)
        with self._lock:
            current = self._open.get(openid_hash)
            if current is not None:
                current.count -= 1
                if current.count <= 0:
                    del self._open[openid_hash]

    def _expire(self, now: float) -> None:
        gone = [k for k, e in self._open.items() if now - e.seen >= self.ttl_s]
        for k in gone:
            del self._open[k]
