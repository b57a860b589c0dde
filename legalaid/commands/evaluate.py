"""``legalaid eval TASK``: evaluation runners (each writes JSON with --json and a plot)."""

from __future__ import annotations

import argparse
import importlib

from assistant.config import Settings

HELP = "评测 — run an evaluation (retrieval, asr, normalize, …); see `legalaid eval -h`"

RUNNERS: dict[str, str] = {
    "retrieval": "eval.retrieval",
    "classify": "eval.classify",
    "probes": "eval.probes",
    "answers": "eval.answers",
    "scenarios": "eval.scenarios",
    "load": "eval.load",
    "warmup": "eval.warmup",
    "asr": "eval.asr",
    "normalize": "eval.normalize",
    "all": "eval.report",
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="task", metavar="TASK", required=True)
    for name, module_name in RUNNERS.items():
        module = importlib.import_module(module_name)
        sp = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(sp)
        sp.set_defaults(_runner=module)


def run(args: argparse.Namespace, settings: Settings) -> int:
    return int(args._runner.run(args, settings))
