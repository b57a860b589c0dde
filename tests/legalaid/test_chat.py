from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document

from assistant.app import Services
from assistant.clock import fixed
from assistant.drafting import get_template
from knowledge.index import KnowledgeIndex
from legalaid.commands.chat import ChatLoop
from tests.support.services import engine_for, make_services, make_settings

TODAY = date(2026, 11, 22)


def _services(kb: KnowledgeIndex, data_dir: Path, tmp_path: Path) -> Services:
    """The real engine over the core index, a private SQLite store, a fixed today."""
    settings = make_settings(data_dir, tmp_path / "index", f"sqlite:///{tmp_path / 'chat.db'}")
    engine = engine_for(kb, data_dir, today=fixed(TODAY))
    return make_services(settings, kb=kb, engine=engine, clock=fixed(TODAY))


def test_consult_then_draft_a_loan_note_one_question_at_a_time(
        core_kb: KnowledgeIndex, data_dir: Path, tmp_path: Path) -> None:
    loop = ChatLoop(services=_services(core_kb, data_dir, tmp_path), out_dir=tmp_path)
    assert "借" in loop.handle("朋友问我借两万元，2026年11月1日借给他，想写个借条")
    menu = loop.handle("生成文书")
    titles = [line.split(". ", 1)[1] for line in menu.splitlines()[1:]]
    pick = titles.index("借条") + 1
    examples = {f.key: f.example for f in get_template("loan_note").fields}
    reply = loop.handle(str(pick))
    asked = []
    for _ in range(30):
        if "确认生成吗" in reply:
            break
        assert reply.count("？") + reply.count("。") >= 1  # one question per turn
        field = loop.interview.pending()
        asked.append(field.key)
        reply = loop.handle(str(examples[field.key]))
    assert "确认生成吗" in reply and "刘洋" in reply  # the preview shows the filled values
    assert "amount" not in asked and "loan_date" not in asked  # taken from the conversation
    done = loop.handle("是")
    docx = next(tmp_path.glob("*.docx"))
    assert str(docx) in done
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "刘洋" in text and "贰万元整" in text


def test_bad_choice_and_cancel(core_kb: KnowledgeIndex, data_dir: Path, tmp_path: Path) -> None:
    loop = ChatLoop(services=_services(core_kb, data_dir, tmp_path), out_dir=tmp_path)
    loop.handle("生成文书")
    assert "编号" in loop.handle("99")
    assert loop.handle("取消") == "已取消生成文书。"
    assert "重新开始" in loop.handle("新对话")
