from __future__ import annotations

import json
from pathlib import Path

import pytest

from legalaid import cli
from legalaid.cli import main


@pytest.fixture(autouse=True)
def _registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the real registry and error handling, with ``draft`` registered as cli.py does."""
    monkeypatch.setitem(cli.COMMANDS, "draft", "legalaid.commands.draft")


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", "--list"]) == 0
    out = capsys.readouterr().out
    assert "loan_note" in out and "民事起诉状（离婚纠纷）" in out


def test_example_renders_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "loan.docx"
    assert main(["draft", "loan_note", "--example", "--out", str(out), "--no-pdf"]) == 0
    assert out.is_file() and "已生成" in capsys.readouterr().out


def test_fields_file_with_missing_fields_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fields = tmp_path / "f.json"
    fields.write_text(json.dumps({"borrower_name": "刘洋"}, ensure_ascii=False), encoding="utf-8")
    code = main(["draft", "loan_note", "--fields", str(fields), "--out", str(tmp_path / "x.docx")])
    err = capsys.readouterr().err
    assert code != 0 and "document_missing_fields" in err and "借款金额（元）" in err
    assert "Traceback" not in err and not (tmp_path / "x.docx").exists()


def test_bad_input_gets_chinese_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", "no_such", "--example"]) != 0
    assert "没有名为“no_such”的文书模板" in capsys.readouterr().err
    broken = tmp_path / "f.json"
    broken.write_bytes(b"\xff\xfe not json")
    assert main(["draft", "loan_note", "--fields", str(broken)]) != 0
    assert "字段文件无法读取" in capsys.readouterr().err


def test_preview_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", "debt_acknowledgment", "--example", "--preview"]) == 0
    assert "壹万贰仟捌佰元伍角整" in capsys.readouterr().out
