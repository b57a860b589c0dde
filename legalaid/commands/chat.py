"""``legalaid chat``: a multi-turn consultation in the terminal, with document drafting.

Type 生成文书 to draft a document from the conversation: the assistant proposes templates for the
category, asks for the missing fields one question at a time, shows a preview and writes a .docx
(and a PDF when LibreOffice is installed) under ``var/documents``.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from assistant.config import Settings

HELP = ("咨询（多轮）— a terminal chat; 生成文书 drafts a document one question at a time, "
        "新对话 restarts, an empty line or Ctrl-D ends")
DRAFT, RESET, CANCEL, SKIP = "生成文书", "新对话", "取消", "跳过"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--prompt", default="您：", help="input prompt (default 您：)")
    p.add_argument("--out-dir", type=Path, help="where drafted documents go (default var/documents)")


@dataclass
class ChatLoop:
    """Line in, lines out: the consultation, or a drafting interview while one is open."""

    engine: Any
    today: Callable[[], date]
    out_dir: Path
    state: Any = None
    choices: list[Any] = field(default_factory=list)
    interview: Any = None
    confirming: bool = False

    def __post_init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        from assistant.consult.models import SessionState

        self.state = SessionState(session_id=uuid.uuid4().hex)
        self.choices, self.interview, self.confirming = [], None, False

    def handle(self, text: str) -> str:
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
        return str(self.engine.respond(self.state, text).text)

    def _offer(self) -> str:
        from assistant.drafting.interview import suggested_templates

        category = self.state.classification.category if self.state.classification else None
        self.choices = suggested_templates(category)
        lines = [f"{i}. {t.title}{t.subtitle}" for i, t in enumerate(self.choices, 1)]
        return "请选择要生成的文书（输入编号，输入“取消”退出）：\n" + "\n".join(lines)

    def _pick(self, text: str) -> str:
        from assistant.drafting.interview import Interview

        if not text.isdigit() or not 1 <= int(text) <= len(self.choices):
            return f"请输入 1 到 {len(self.choices)} 之间的编号。"
        template = self.choices[int(text) - 1]
        self.choices = []
        self.interview = Interview.start(template, self.state, today=self.today())
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
        from assistant.drafting import render_docx, render_pdf

        t = self.interview.template
        self.out_dir.mkdir(parents=True, exist_ok=True)
        docx = render_docx(t, self.interview.fields,
                           self.out_dir / f"{self.state.session_id[:8]}-{t.id}.docx",
                           resolver=self.engine.resolver)
        pdf = render_pdf(docx, self.out_dir)
        return f"{docx}" + (f" 和 {pdf}" if pdf else "（未安装 LibreOffice，只生成了 .docx）")


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
    from assistant.knowledge_base import load_engine

    engine = load_engine(settings)
    out_dir = args.out_dir or settings.results_dir.parent / "documents"
    loop = ChatLoop(engine=engine, today=engine.today, out_dir=out_dir)
    print("法律援助助手：您好，请说说您遇到的问题。（输入“生成文书”起草文书，“新对话”重新开始，空行结束）")
    for line in _lines(args.prompt):
        text = line.strip()
        if not text:
            break
        print("法律援助助手：" + loop.handle(text) + "\n", flush=True)
    return 0
