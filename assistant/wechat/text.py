"""Answers cut to WeChat's size: one text message holds at most 2,048 UTF-8 bytes, and an
answer may use one passive reply plus a few customer-service messages."""

from __future__ import annotations

TEXT_LIMIT_BYTES = 2048  # WeChat's limit for one text message (UTF-8 bytes)
TRUNCATED_ZH = "……（回答较长，已截断。完整解答请拨打12348法律援助热线咨询。）"


def split_text(text: str, *, limit_bytes: int = TEXT_LIMIT_BYTES) -> list[str]:
    """``text`` in pieces of at most ``limit_bytes`` UTF-8 bytes, cut at line or sentence ends
    where possible."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest.encode("utf-8")) > limit_bytes:
        head = rest.encode("utf-8")[:limit_bytes].decode("utf-8", errors="ignore")
        cut = max(head.rfind("\n"), head.rfind("。"), head.rfind("；"), head.rfind("！"))
        if cut < len(head) // 2:  # no boundary in the second half: a hard cut wastes less
            cut = len(head) - 1
        pieces.append(head[: cut + 1].strip())
        rest = rest[cut + 1 :].strip()
    if rest:
        pieces.append(rest)
    return pieces or [""]


def cap_pieces(pieces: list[str], *, max_pieces: int,
               limit_bytes: int = TEXT_LIMIT_BYTES) -> list[str]:
    """At most ``max_pieces``; the last one says the answer was cut."""
    if len(pieces) <= max_pieces:
        return pieces
    room = limit_bytes - len(TRUNCATED_ZH.encode("utf-8"))
    last = pieces[max_pieces - 1].encode("utf-8")[:room].decode("utf-8", errors="ignore")
    return [*pieces[: max_pieces - 1], last + TRUNCATED_ZH]


