"""The voice load runner's parts: real clips as sent, WeChat note outcomes, server memory."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from assistant.config import Settings
from eval.load_channels import NoteOutcome, _reply_content, real_clips, summarise_notes
from eval.procmem import RssSampler, process_tree


def test_the_real_recordings_go_out_as_recorded_or_as_wechat_notes() -> None:
    from eval.amrnb import amr_available

    if not amr_available():
        pytest.skip("libopencore-amrnb0 not installed")
    wav = real_clips(Settings(), amr=False)
    amr = real_clips(Settings(), amr=True)
    assert [c.name for c in wav] == [c.name for c in amr] and len(wav) == 4
    assert all(c.data[:4] == b"RIFF" and c.text for c in wav)
    assert all(c.data.startswith(b"#!AMR\n") and len(c.data) < len(w.data)
               for c, w in zip(amr, wav, strict=True))
    assert all(3.0 < c.seconds < 7.0 for c in wav)


def test_note_outcomes_count_passive_pushed_lost_and_error_answers() -> None:
    notes = [
        NoteOutcome(900.0, 900.0, 200, "passive", "您说的是：“欠薪怎么办”\n\n答复……"),
        NoteOutcome(7000.0, 4100.0, 200, "pushed", "您说的是：“我想问”\n\n答复……"),
        NoteOutcome(4100.0, 4100.0, 200, "lost", ""),
        NoteOutcome(1200.0, 1200.0, 200, "passive", "语音识别正在启动，请过几秒钟再说一遍。"),
    ]
    out = summarise_notes(notes, 10.0, sessions=2, turns=2)
    assert (out["answers_passive"], out["answers_pushed"], out["answers_lost"]) == (2, 1, 1)
    assert out["answer_errors"] == 1 and out["error_answers"][0].startswith("语音识别正在启动")
    assert out["errors"] == 1 and out["status_counts"] == {"0": 1, "200": 3}
    assert out["latency_ms_max"] == 7000.0 and out["callback_ms_p50"] == 2650.0
    assert out["unfinished"] == 0
    assert summarise_notes(notes[:3], 10.0, sessions=2, turns=2)["unfinished"] == 1


def test_passive_reply_content_is_read_from_the_reply_xml() -> None:
    xml = ("<xml><ToUserName><![CDATA[o1]]></ToUserName><MsgType><![CDATA[text]]></MsgType>"
           "<Content><![CDATA[您说的是：“你好”]]></Content></xml>")
    assert _reply_content(xml) == "您说的是：“你好”"
    assert _reply_content("success") == ""


def test_rss_of_a_process_and_its_children() -> None:
    code = "import subprocess, sys, time; p = subprocess.Popen([sys.executable, '-c', " \
           "'import time; b = bytearray(60_000_000); time.sleep(30)']); time.sleep(30)"
    parent = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 20
        while len(process_tree(parent.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        with RssSampler(parent.pid, interval_s=0.05) as sampler:
            time.sleep(1.0)
        figures = sampler.figures()
    finally:
        parent.kill()
        parent.wait()
    assert figures["server_processes"] == 2
    assert figures["peak_rss_mb"] > figures["peak_rss_process_mb"] >= 60
    assert RssSampler(None).figures()["peak_rss_mb"] is None
