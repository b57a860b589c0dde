"""``legalaid ask``: one question in, one grounded answer out."""

from __future__ import annotations

import argparse
import json
import uuid

from assistant.config import Settings

HELP = "咨询（单次）— ask one question; prints the grounded answer (or --json for the structured reply)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("question", help="the question in plain Chinese")
    p.add_argument("--json", action="store_true", help="print the structured reply as JSON")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.consult.models import SessionState
    from assistant.knowledge_base import load_engine

    engine = load_engine(settings)
    reply = engine.respond(SessionState(session_id=uuid.uuid4().hex), args.question)
    if args.json:
        print(json.dumps(reply.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        print(reply.text)
    return 0
