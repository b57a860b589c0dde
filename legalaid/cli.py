"""``legalaid`` — operator command line.

Each subcommand lives in its own module exposing ``HELP``, ``add_arguments(parser)`` and
``run(args, settings) -> int``. Command modules import heavy libraries inside ``run`` only, so
``legalaid --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from assistant.config import get_settings
from assistant.errors import USER_ERRORS

# name -> module; the order is the order shown by --help.
COMMANDS: dict[str, str] = {
    "ingest": "legalaid.commands.ingest",
    "search": "legalaid.commands.search",
    "train-embedder": "legalaid.commands.train_embedder",
    "ask": "legalaid.commands.ask",
    "chat": "legalaid.commands.chat",
    "eval": "legalaid.commands.evaluate",
    "draft": "legalaid.commands.draft",
    "transcribe": "legalaid.commands.transcribe",
    "speak": "legalaid.commands.speak",
    "serve": "legalaid.commands.serve",
    "staff": "legalaid.commands.staff",
}


def _load(module: str) -> ModuleType:
    return importlib.import_module(module)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="legalaid",
        description=(
            "Legal-aid assistant operator tool. Settings come from LEGALAID_* environment "
            "variables (LEGALAID_DATA_DIR, LEGALAID_INDEX_DIR, LEGALAID_CORPUS, ...)."
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module_name in COMMANDS.items():
        module = _load(module_name)
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._module.run(args, get_settings()))
    except USER_ERRORS as e:
        print(f"错误（{e.code}）：{e.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
