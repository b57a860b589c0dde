"""``legalaid chat``: a multi-turn consultation in the terminal."""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Iterator

from assistant.config import Settings

HELP = "咨询（多轮）— a terminal chat with the assistant; empty line or Ctrl-D ends, 新对话 restarts"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--prompt", default="您：", help="input prompt (default 您：)")


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
    from assistant.consult.models import SessionState
    from assistant.knowledge_base import load_engine

    engine = load_engine(settings)
    state = SessionState(session_id=uuid.uuid4().hex)
    print("法律援助助手：您好，请说说您遇到的问题。（空行结束，输入“新对话”重新开始）")
    for line in _lines(args.prompt):
        text = line.strip()
        if not text:
            break
        if text == "新对话":
            state = SessionState(session_id=uuid.uuid4().hex)
            print("法律援助助手：好的，我们重新开始。")
            continue
        print("法律援助助手：" + engine.respond(state, text).text + "\n", flush=True)
    return 0
