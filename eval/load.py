"""``legalaid eval load``: a bounded load run of kiosk chats against the service on loopback.

``--channel voice`` posts the pack's real recordings to ``/v1/voice`` (bundled Whisper base),
``--channel wechat-voice`` sends them as WeChat AMR-NB voice notes and ``--channel wechat`` signed
WeChat text callbacks to ``/wechat`` instead (see ``eval/load_channels.py``).

N concurrent sessions each hold a multi-turn conversation (a question from the committed
question set, then follow-ups answering the clarifying questions) through ``POST /v1/chat``.
Without ``--url`` the runner starts ``legalaid serve`` itself on a free 127.0.0.1 port with the
configured index (per-client rate limiting off: every simulated kiosk shares one address) and
stops it afterwards. Requests are bounded by ``--sessions × --turns`` and by ``--max-seconds``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from pathlib import Path
from typing import Any

from assistant.config import Settings
from eval.loopback import local_server, run_load
from eval.output import new_figure, save_figure, write_json

PRIMARY = "latency_ms_p95"
HELP = "负载测试 — N concurrent multi-turn kiosk chats on loopback: throughput, p50/p95/p99, errors"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--url", help="a running service (default: start one on 127.0.0.1)")
    p.add_argument("--channel", choices=["chat", "voice", "wechat", "wechat-voice"],
                   default="chat", help="kiosk chat (default), voice uploads of the real "
                   "recordings, WeChat text callbacks, or WeChat voice notes (AMR-NB)")
    p.add_argument("--sessions", type=int, default=50, help="concurrent sessions (default 50)")
    p.add_argument("--turns", type=int, default=3, help="turns per session (default 3)")
    p.add_argument("--workers", type=int, default=2, help="server workers when started here")
    p.add_argument("--think-s", type=float, default=2.0,
                   help="mean pause between a session's turns, as a person reads and types "
                        "(uniform ±50%%; 0 = back-to-back stress run)")
    p.add_argument("--ramp-s", type=float, default=5.0,
                   help="sessions start at random moments within this many seconds (0 = all at once)")
    p.add_argument("--max-seconds", type=float, default=300, help="hard stop for the whole run")
    p.add_argument("--compare", action="store_true",
                   help="one replica vs two behind nginx vs two with one killed mid-run, in one "
                        "run on PostgreSQL (see eval/load_replicas.py)")
    p.add_argument("--database-url", help="--compare: a PostgreSQL server where a throw-away "
                   "database may be created (default: LEGALAID_DATABASE__URL)")
    p.add_argument("--kill-after-s", type=float, default=3.0,
                   help="--compare: seconds into the third run when one replica gets kill -9")
    p.add_argument("--json", type=Path, help="write the figures here")
    p.add_argument("--plot", type=Path, help="latency histogram PNG (default: <results_dir>/load.png)")


def evaluate(url: str, *, sessions: int, turns: int, max_seconds: float, think_s: float = 0.0,
             ramp_s: float = 0.0) -> dict[str, Any]:
    """The figures of one chat load run against ``url`` (see ``run_load``)."""
    return asyncio.run(run_load(url, sessions=sessions, turns=turns, max_seconds=max_seconds,
                                think_s=think_s, ramp_s=ramp_s))


def plot(result: dict[str, Any], path: Path) -> None:

    fig, ax = new_figure(figsize=(5, 3.5))
    ax.hist(result["_latencies"], bins=40)
    for q in ("p50", "p95", "p99"):
        ax.axvline(result[f"latency_ms_{q}"], linestyle="--", label=f"{q} {result[f'latency_ms_{q}']} ms")
    ax.set_xlabel("latency (ms)")
    ax.set_title(f"{result.get('channel', 'chat')}: "
                 f"{result['sessions']} sessions × {result['turns']} turns")
    ax.legend()
    save_figure(fig, path)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.compare:
        from eval.load_replicas import run_compare

        return run_compare(args, settings)
    if args.channel != "chat":
        from eval.load_channels import run_channel

        result = run_channel(args, settings)
    else:
        server = contextlib.nullcontext(args.url) if args.url else local_server(args.workers)
        with server as url:
            result = evaluate(url, sessions=args.sessions, turns=args.turns,
                              max_seconds=args.max_seconds, think_s=args.think_s,
                              ramp_s=args.ramp_s)
    result["channel"] = args.channel
    result["server"] = args.url or f"local, {args.workers} workers"
    plot(result, args.plot or settings.results_dir / f"load-{args.channel}.png")
    public = {k: v for k, v in result.items() if not k.startswith("_")}
    for key, value in public.items():
        print(f"{key:>24}: {value}")
    write_json(args.json, public)
    failed = result["errors"] + result.get("answer_errors", 0) + result.get("unfinished", 0)
    return 0 if failed == 0 else 1
