"""Chinese tokenisation for BM25: the only module that imports jieba.

The same tokenizer (with the same user dictionary) must be used at index and at query time; its
``signature`` goes into the index manifest so a mismatch is detected instead of silently degrading.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from typing import Protocol

_WORD = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z]+|\d+(?:\.\d+)?")
_HAN = re.compile(r"[\u4e00-\u9fff]")

# Function words and consultation boilerplate that carry no legal meaning.
STOPWORDS = frozenset(
    """的 了 是 在 和 与 或 及 等 也 就 都 而 但 又 被 把 将 对 向 从 为 以 于 由 之 其 该 本 此 这 那
    我 你 他 她 它 我们 你们 他们 她们 自己 人家 咱 咱们 俺 请问 请教 问 一下 一个 一些 这个 那个 这种 那种
    怎么 怎么办 怎样 如何 什么 哪些 哪个 为什么 吗 呢 吧 啊 呀 哦 么 嘛 能 能否 能不能 可以 可不可以 会 会不会
    应该 应当 要 需要 想 有 没有 没 有没有 是否 是不是 现在 已经 还 还是 再 才 很 太 非常 如果 要是 因为 所以
    然后 但是 可是 不过 这样 那样 怎么样 多少 多久 几 之后 以后 以前 之前 时候 情况 问题 法律 规定 法 条""".split()
)


class Tokenizer(Protocol):
    """Turns text into index terms."""

    @property
    def signature(self) -> str: ...

    def tokens(self, text: str) -> list[str]: ...


def dictionary_hash(words: Iterable[str]) -> str:
    h = hashlib.sha256()
    for w in sorted(set(words)):
        h.update(w.encode())
        h.update(b"\n")
    return h.hexdigest()


class JiebaTokenizer:
    """jieba search-mode words (long words plus their sub-words), without stopwords.

    ``user_words`` (legal terms, law names) are added to a private jieba dictionary so terms
    such as 劳动报酬 or 经济补偿金 stay whole; search mode still emits their parts, which keeps
    recall for layperson paraphrases.
    """

    def __init__(self, *, user_words: Iterable[str] = (), bigrams: bool = False) -> None:
        import jieba

        logging.getLogger("jieba").setLevel(logging.WARNING)
        self._words = sorted({w for w in user_words if len(w) >= 2})
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        for w in self._words:
            self._jieba.add_word(w, freq=2000)
        self._bigrams = bigrams
        self._version = getattr(jieba, "__version__", "?")

    @property
    def signature(self) -> str:
        mode = "search+bigram" if self._bigrams else "search"
        return f"jieba-{self._version}:{mode}:{dictionary_hash(self._words)[:16]}"

    @property
    def user_words(self) -> list[str]:
        return list(self._words)

    def tokens(self, text: str) -> list[str]:
        out: list[str] = []
        for chunk in _WORD.findall(text):
            if not _HAN.match(chunk):
                out.append(chunk.lower())
                continue
            for w in self._jieba.cut_for_search(chunk, HMM=True):
                if w not in STOPWORDS:
                    out.append(w)
            if self._bigrams:
                out.extend(chunk[i : i + 2] for i in range(len(chunk) - 1))
        return out
