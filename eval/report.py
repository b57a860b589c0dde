"""``legalaid eval all``: every evaluation in one run, gathered into report.json and report.md.

Each runner is started as a child process (``legalaid eval TASK --json …``) so its wall time,
peak memory (``ru_maxrss`` from ``wait4``) and exit status are measured independently; a runner
that fails is reported with its error and the others still run. ``--quick`` bounds every runner
to a small sample for a smoke test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.config import Settings

HELP = "全部评测 — run every evaluation and write report.json + report.md (--quick: small)"


@dataclass(frozen=True)
class Step:
    """One child process: ``python -m legalaid.cli ARGS`` (or ``python -m MODULE ARGS``).

    ``json``/``plot``: the command takes ``--json``/``--plot`` and writes them into the report
    folder; ``{out}`` in an argument is replaced by the report folder.
    """

    name: str
    args: tuple[str, ...]
    quick_args: tuple[str, ...] = ()
    module: str = "legalaid.cli"
    json: bool = True
    plot: bool = False


@dataclass
class Outcome:
    name: str
    command: str
    exit_code: int
    seconds: float
    peak_rss_mb: float
    figures: dict[str, Any] = field(default_factory=dict)
    error: str = ""


LOAD = ("eval", "load", "--max-seconds", "300")
STEPS: tuple[Step, ...] = (
    # Indexes first: a no-op when they match the pack, a rebuild when they do not.
    Step("ingest-core", ("ingest", "--corpus", "core", "--quiet"), json=False),
    Step("ingest-full", ("ingest", "--corpus", "full", "--quiet"), json=False),
    Step("retrieval-stard", ("eval", "retrieval", "--dataset", "stard", "--corpus", "full"),
         ("--limit", "30"), plot=True),
    Step("classify", ("eval", "classify"), plot=True),
    Step("probes", ("eval", "probes")),
    Step("answers-stard", ("eval", "answers", "--dataset", "stard"), ("--limit", "20")),
    Step("answers-lawbench_consult", ("eval", "answers", "--dataset", "lawbench_consult"),
         ("--limit", "20")),
    Step("answers-lexrag", ("eval", "answers", "--dataset", "lexrag"), ("--limit", "20")),
    Step("normalize", ("eval", "normalize")),
    # The pack's four real recordings (speech/real/manifest.jsonl): a smoke test of accuracy.
    Step("asr", ("eval", "asr"), plot=True),
    Step("load-chat", (*LOAD, "--sessions", "50", "--turns", "3"),
         ("--sessions", "5", "--turns", "2"), plot=True),
    Step("load-voice", (*LOAD, "--channel", "voice", "--sessions", "4", "--turns", "2"),
         ("--sessions", "1", "--turns", "1"), plot=True),
    Step("load-wechat-voice", (*LOAD, "--channel", "wechat-voice", "--sessions", "4",
                               "--turns", "2"), ("--sessions", "1", "--turns", "1"), plot=True),
    Step("load-wechat", (*LOAD, "--channel", "wechat", "--sessions", "30", "--turns", "2"),
         ("--sessions", "5", "--turns", "1"), plot=True),
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, help="report folder (default: <results_dir>/report)")
    p.add_argument("--quick", action="store_true", help="small samples: a smoke test")
    p.add_argument("--only", nargs="*", help="run only these steps (names as in the report)")
    p.add_argument("--timeout", type=float, default=1800, help="per-step limit in seconds")


def run_step(step: Step, out: Path, *, quick: bool, timeout: float) -> Outcome:
    """Run one runner as a child process; its own JSON becomes the step's figures."""
    result = out / f"{step.name}.json"
    result.unlink(missing_ok=True)  # never report a previous run's figures
    args = [a.replace("{out}", str(out)) for a in (*step.args, *(step.quick_args if quick else ()))]
    if step.json:
        args += ["--json", str(result)]
    if step.plot:
        args += ["--plot", str(out / f"{step.name}.png")]
    cmd = [sys.executable, "-m", step.module, *args]
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        code, rss_kb = _wait(proc, timeout)
        err.seek(0)
        tail = err.read()[-600:].decode("utf-8", "replace")
    figures = json.loads(result.read_text("utf-8")) if step.json and result.is_file() else {}
    shown = "legalaid" if step.module == "legalaid.cli" else f"python -m {step.module}"
    return Outcome(step.name, f"{shown} {' '.join(args)}", code,
                   round(time.perf_counter() - t0, 1), round(rss_kb / 1024, 1), figures,
                   "" if code == 0 else tail.strip())


def _wait(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, int]:
    """Exit code and peak RSS (kB, Linux) of the child and, for load, the server it started:
    ru_maxrss of wait4 covers the child's own waited-for descendants."""
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return proc.returncode, int(usage.ru_maxrss)
        if time.monotonic() > deadline:
            proc.kill()
        time.sleep(0.2)


def write_report(outcomes: list[Outcome], out: Path, *, quick: bool) -> dict[str, Any]:
    report = {"quick": quick, "created": time.strftime("%Y-%m-%d %H:%M:%S"),
              "steps": [asdict(o) for o in outcomes],
              "errors": sum(o.exit_code != 0 for o in outcomes)}
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    (out / "report.md").write_text(markdown(outcomes, out, quick=quick), encoding="utf-8")
    return report


def markdown(outcomes: list[Outcome], out: Path, *, quick: bool) -> str:
    lines = [f"# Evaluation report{' (quick)' if quick else ''}", "",
             "| step | exit | seconds | peak RSS (MB) | key figures |", "|---|---|---|---|---|"]
    for o in outcomes:
        lines.append(f"| {o.name} | {o.exit_code} | {o.seconds} | {o.peak_rss_mb} | "
                     f"{_key_figures(o.figures)} |")
    for o in outcomes:
        lines += ["", f"## {o.name}", "", f"`{o.command}`", ""]
        if o.error:
            lines += ["```", o.error, "```", ""]
        if (out / f"{o.name}.png").is_file():
            lines += [f"![{o.name}]({o.name}.png)", ""]
        lines += ["```json", json.dumps(o.figures, ensure_ascii=False, indent=1)[:3000], "```"]
    return "\n".join(lines) + "\n"


# Shown first in the summary table when a runner reports them (the headline figures).
HEADLINE = ("model", "errors", "server_errors", "throughput_rps", "latency_ms_p50",
            "latency_ms_p95", "latency_ms_p99", "peak_rss_mb", "citation_validity", "recall@10",
            "hit@10", "accuracy", "accuracy_mapped", "term_restore_rate", "false_change_rate",
            "cer", "cer_amr", "rtf")


def _key_figures(figures: dict[str, Any]) -> str:
    def shown(v: Any) -> bool:
        return isinstance(v, int | float | str) and not isinstance(v, bool)

    keys = [k for k in HEADLINE if k in figures and shown(figures[k])]
    keys += [k for k, v in figures.items() if k not in keys and isinstance(v, int | float)
             and not isinstance(v, bool)]
    return ", ".join(f"{k}={figures[k]}" for k in keys[:9])


def run(args: argparse.Namespace, settings: Settings) -> int:
    out: Path = args.out or settings.results_dir / "report"
    out.mkdir(parents=True, exist_ok=True)
    unknown = set(args.only or ()) - {s.name for s in STEPS}
    if unknown:
        print(f"未知的评测步骤：{'、'.join(sorted(unknown))}；可选：{'、'.join(s.name for s in STEPS)}")
        return 2
    steps = [s for s in STEPS if not args.only or s.name in args.only]
    outcomes = []
    for step in steps:
        print(f"… {step.name}", flush=True)
        outcome = run_step(step, out, quick=args.quick, timeout=args.timeout)
        print(f"  exit {outcome.exit_code}, {outcome.seconds} s, {outcome.peak_rss_mb} MB")
        outcomes.append(outcome)
    report = write_report(outcomes, out, quick=args.quick)
    print(f"report: {out / 'report.md'} ({report['errors']} failed steps)")
    return 0 if report["errors"] == 0 else 1
