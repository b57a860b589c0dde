"""``legalaid eval all``: child processes measured, one JSON and one Markdown report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eval.report import STEPS, Outcome, Step, markdown, run_step

ROOT = Path(__file__).resolve().parents[2]


def test_every_issue_figure_has_a_step() -> None:
    names = {s.name for s in STEPS}
    for needed in ("retrieval-stard", "classify", "probes", "answers-stard",
                   "answers-lawbench_consult", "answers-lexrag", "normalize", "asr",
                   "load-chat", "load-voice", "load-wechat", "load-wechat-voice"):
        assert needed in names
    assert [s.name for s in STEPS][:2] == ["ingest-core", "ingest-full"]  # indexes first
    # Accuracy only from real recordings: the asr step reads the pack's real clips.
    asr = next(s for s in STEPS if s.name == "asr")
    assert "--manifest" not in asr.args and "speech-set" not in names


def test_a_failing_step_is_reported_not_fatal(tmp_path: Path) -> None:
    bad = Step("answers-missing", ("eval", "answers", "--file", str(tmp_path / "nope.jsonl")))
    out = run_step(bad, tmp_path, quick=True, timeout=120)
    assert out.exit_code != 0 and out.error and out.figures == {}
    (tmp_path / "ok.png").write_bytes(b"\x89PNG")
    md = markdown([out, Outcome("ok", "legalaid eval x", 0, 1.0, 100.0, {"recall": 0.5})],
                  tmp_path, quick=True)
    assert "| answers-missing |" in md and "recall=0.5" in md and "![ok](ok.png)" in md


def test_cli_runs_the_chosen_steps_into_one_report(tmp_path: Path) -> None:
    out = tmp_path / "report"
    cmd = [sys.executable, "-m", "legalaid.cli", "eval", "all", "--quick", "--out", str(out),
           "--only", "normalize"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env={**os.environ, "LEGALAID_RESULTS_DIR": str(tmp_path)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads((out / "report.json").read_text())
    (step,) = report["steps"]
    assert step["name"] == "normalize" and step["exit_code"] == 0
    assert step["peak_rss_mb"] > 50 and step["seconds"] > 0  # measured on the child process
    assert 0 <= step["figures"]["term_restore_rate"] <= 1  # the runner's own JSON, kept whole
    assert step["command"].startswith("legalaid eval normalize --json ")
    assert report["errors"] == 0 and report["quick"] is True
    assert "| normalize | 0 |" in (out / "report.md").read_text()
    bad = subprocess.run([*cmd[:-1], "nonsense"], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "未知" in bad.stdout


@pytest.mark.slow
def test_quick_report_over_the_real_pack(tmp_path: Path) -> None:
    """Every step, small: several minutes on 2 cores."""
    cmd = [sys.executable, "-m", "legalaid.cli", "eval", "all", "--quick", "--out", str(tmp_path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, cwd=ROOT)
    report = json.loads((tmp_path / "report.json").read_text())
    failed = [(s["name"], s["error"][-300:]) for s in report["steps"] if s["exit_code"] != 0]
    assert failed == [], proc.stdout
    assert (tmp_path / "report.md").is_file() and (tmp_path / "load-chat.png").is_file()
