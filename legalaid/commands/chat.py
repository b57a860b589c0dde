"""``legalaid chat``: a multi-turn consultation in the terminal, with document drafting.

Type 生成文书 to draft a document from the conversation: the assistant proposes templates for the
category, asks for the missing fields one question at a time, shows a preview and writes a .docx
(and a PDF when LibreOffice is installed) under ``var/documents``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.config import Settings

if TYPE_CHECKING:
    from assistant.app import Services

HELP = ("咨询（多轮）— a terminal chat; 生成文书 drafts a document one question at a time, "
        "新对话 restarts, an empty line or Ctrl-D ends")
DRAFT, RESET, CANCEL, SKIP = "生成文书", "新对话", "取消", "跳过"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--prompt", default="您：", help="input prompt (default 您：)")
    p.add_argument("--out-dir", type=Path, help="where drafted documents go (default var/documents)")


@dataclass
class ChatLoop:
    """Line in, lines out: the consultation, or a drafting interview while one is open."""

    services: Services
    out_dir: Path
    session_id: str | None = None
    choices: list[Any] = field(default_factory=list)
    interview: Any = None
    confirming: bool = False

    def __post_init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        from assistant.usecases import reset_session

        if self.session_id is not None:
            reset_session(self.services, self.session_id)
        self.session_id = None
        self.choices, self.interview, self.confirming = [], None, False

    def handle(self, text: str) -> str:
        """The answer to one line; a bad input or a failure shows its Chinese message."""
        from assistant.errors import USER_ERRORS

        try:
            return self._handle(text)
        except USER_ERRORS as e:
            return e.message

    def _handle(self, text: str) -> str:
        if text == RESET:
            self.reset()
            return "好的，我们重新开始。请说说您遇到的问题。"
        if text == CANCEL and (self.choices or self.interview):
            self.choices, self.interview, self.confirming = [], None, False
            return "已取消生成文书。"
        if self.confirming:
            return self._confirm(text)
        if self.interview is not None:
            return self._answer(text)
        if self.choices:
            return self._pick(text)
        if text == DRAFT:
            return self._offer()
        from assistant.usecases import chat_turn

        result = chat_turn(self.services, session_id=self.session_id, text=text, channel="cli")
        self.session_id = result.session_id
        return result.reply.text

    def _state(self) -> Any:
        from assistant.usecases import find_session

        return find_session(self.services, self.session_id)

    def _offer(self) -> str:
        from assistant.usecases.documents import suggested_templates

        state = self._state()
        category = state.classification.category if state and state.classification else None
        self.choices = suggested_templates(category)
        lines = [f"{i}. {t.title}{t.subtitle}" for i, t in enumerate(self.choices, 1)]
        return "请选择要生成的文书（输入编号，输入“取消”退出）：\n" + "\n".join(lines)

    def _pick(self, text: str) -> str:
        from assistant.drafting.interview import Interview

        if not text.isdigit() or not 1 <= int(text) <= len(self.choices):
            return f"请输入 1 到 {len(self.choices)} 之间的编号。"
        template = self.choices[int(text) - 1]
        self.choices = []
        self.interview = Interview.start(template, self._state(), today=self.services.clock())
        return self._next()

    def _answer(self, text: str) -> str:
        target = self.interview.pending()
        if text == SKIP and target is not None and not target.required:
            self.interview.fields[target.key] = ""
        else:
            self.interview.answer(text)
        return self._next()

    def _next(self) -> str:
        from assistant.drafting import preview_text

        question = self.interview.question()
        if question is not None:
            return question
        self.confirming = True
        preview = preview_text(self.interview.template, self.interview.fields)
        return f"{preview}\n\n以上是文书预览。确认生成吗？（是/否）"

    def _confirm(self, text: str) -> str:
        if text not in ("是", "确认", "好"):
            self.interview, self.confirming = None, False
            return "没有生成。需要时可以再输入“生成文书”。"
        path = self._render()
        self.interview, self.confirming = None, False
        return f"文书已生成：{path}"

    def _render(self) -> str:
        from assistant.usecases import render

        t = self.interview.template
        out = render(t, self.interview.fields, resolver=self.services.resolver, pdf=True)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        stem = self.out_dir / f"{(self.session_id or 'draft')[:8]}-{t.id}"
        docx = stem.with_suffix(".docx")
        docx.write_bytes(out.docx)
        if out.pdf is None:
            return f"{docx}（未安装 LibreOffice，只生成了 .docx）"
        pdf = stem.with_suffix(".pdf")
        pdf.write_bytes(out.pdf)
        return f"{docx} 和 {pdf}"


def _lines(prompt: str) -> Iterator[str]:
    if not sys.stdin.isatty():
        yield from sys.stdin
        return
    while True:
        try:
            yield input(prompt)
        except EOFError:
            return


def run(args: argparse.Namespace, settings: Settings) -> int:
    # Imported here: loading the engine takes seconds, `legalaid --help` must not.
    from assistant.app import terminal_services

    services = terminal_services(settings)
    out_dir = args.out_dir or settings.results_dir.parent / "documents"
    loop = ChatLoop(services=services, out_dir=out_dir)
    print("法律援助助手：您好，请说说您遇到的问题。（输入“生成文书”起草文书，“新对话”重新开始，空行结束）")
    for line in _lines(args.prompt):
        text = line.strip()
        if not text:
            break
        print("法律援助助手：" + loop.handle(text) + "\n", flush=True)
    services.close()
    return 0
