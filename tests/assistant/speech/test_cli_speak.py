from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.speech.audio import sniff_format
from legalaid import cli

pytestmark = pytest.mark.skipif(
    shutil.which("espeak-ng") is None or shutil.which("ffmpeg") is None,
    reason="espeak-ng/ffmpeg missing",
)


def test_speaks_into_the_named_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "answer.mp3"
    assert cli.main(["speak", "请在2025年3月4日前拨打12348。", "--out", str(out)]) == 0
    assert sniff_format(out.read_bytes()) == "mp3"
    printed = capsys.readouterr().out
    assert "秒" in printed and "cmn-latn-pinyin" in printed


def test_first_screen_leaves_the_rest(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    text = "请您先收集工资条和考勤记录等证据。" * 20
    out = tmp_path / "first.wav"
    assert cli.main(["speak", text, "--out", str(out), "--first-screen"]) == 0
    assert "继续朗读" in capsys.readouterr().out


def test_an_unknown_format_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert cli.main(["speak", "你好", "--out", str(tmp_path / "x.flac")]) == 2
    assert "不支持的输出格式" in capsys.readouterr().err
