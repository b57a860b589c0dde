"""``legalaid ask``: one question in, one grounded answer out."""

from __future__ import annotations

import argparse
import json

from assistant.config import Settings

HELP = "咨询（单次）— ask one question; prints the grounded answer (or --json for the structured reply)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("question", help="the question in plain Chinese")
    p.add_argument("--json", action="store_true", help="print the structured reply as JSON")


def run(args: argparse.Namespace, settings: Settings) -> int:
    # Imported here: loading the engine takes seconds, `legalaid --help` must not.
    from assistant.app import terminal_services
    from assistant.usecases import chat_turn

    services = terminal_services(settings)
    try:
        reply = chat_turn(services, session_id=None, text=args.question, channel="cli").reply
    finally:
        services.close()
    if args.json:
        print(json.dumps(reply.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        print(reply.text)
    return 0
