"""``legalaid eval load --compare``: one replica, two behind nginx, two with one killed mid-run.

One invocation, one machine, one PostgreSQL database (created for the run and dropped after):
two ``legalaid serve`` replicas start once, with WeChat switched on against the loopback fake,
and the shipped ``deploy/nginx`` configuration in front of them. Each scenario drives the same
workload: ``--sessions`` kiosk conversations through ``/v1/chat`` (think time as set) plus a
stream of WeChat messages each sent twice, as WeChat's retry would be, with failed callbacks
retried. Afterwards every acknowledged turn is looked up in the database (lost writes), and
every WeChat message is checked for one engine turn and no piece delivered twice (duplicates).
"""

from __future__ import annotations

import argparse
import asyncio
import threading
import time
from typing import Any
from xml.etree import ElementTree

from assistant.config import Settings
from assistant.db.engine import backend_name
from eval.cluster import (
    Replica,
    nginx_binary,
    nginx_proxy,
    replica_env,
    replicas,
    scratch_database,
)
from eval.load_channels import (
    WECHAT_ACCOUNT,
    WECHAT_APP_ID,
    WECHAT_APP_SECRET,
    WECHAT_TOKEN,
    wechat_env,
)
from eval.loopback import run_load
from eval.output import new_figure, save_figure, write_json
from eval.wechat_fake import FakeWeChat, serve_fake_wechat, signed_query, text_xml

SCENARIOS = ("one_replica", "two_replicas_nginx", "two_replicas_one_killed")
WECHAT_TEXT = "工伤怎么认定"
# Faster liveness than the defaults, so the kill scenario's orphans are adopted within the run.
LIVENESS = {"LEGALAID_SERVICE__HEARTBEAT_S": "1", "LEGALAID_SERVICE__REPLICA_TIMEOUT_S": "4"}


def run_compare(args: argparse.Namespace, settings: Settings) -> int:
    server = args.database_url or settings.database.url
    if backend_name(server) != "postgresql":
        print("--compare 需要 PostgreSQL：--database-url postgresql://… (role with CREATEDB)")
        return 2
    if nginx_binary() is None:
        print("--compare 需要 nginx：apt-get install -y nginx")
        return 2
    result = evaluate_compare(server, sessions=args.sessions, turns=args.turns,
                              think_s=args.think_s, ramp_s=args.ramp_s,
                              max_seconds=args.max_seconds, kill_after_s=args.kill_after_s)
    _print(result)
    plot(result, args.plot or settings.results_dir / "load-compare.png")
    write_json(args.json or settings.results_dir / "load-compare.json", result)
    bad = sum(result[s]["lost_writes"] + result[s]["wechat"]["duplicates"] +
              result[s]["unexpected_errors"] for s in SCENARIOS)
    return 0 if bad == 0 else 1


def evaluate_compare(server_url: str, *, sessions: int, turns: int, think_s: float,
                     ramp_s: float, max_seconds: float, kill_after_s: float) -> dict[str, Any]:
    work = {"sessions": sessions, "turns": turns, "think_s": think_s, "ramp_s": ramp_s,
            "max_seconds": max_seconds}
    out: dict[str, Any] = {**work, "wechat_messages": _followers(sessions)}
    with scratch_database(server_url) as db_url, serve_fake_wechat(
            app_id=WECHAT_APP_ID, app_secret=WECHAT_APP_SECRET) as fake:
        env = replica_env(db_url, {**wechat_env(fake.base_url), **LIVENESS})
        with replicas(2, env) as group, nginx_proxy(group.ports) as proxy:
            a, b = group[0], group[1]
            out["one_replica"] = _scenario(a.url, a.url, fake, "one", work)
            out["two_replicas_nginx"] = _scenario(proxy, b.url, fake, "two", work)
            out["two_replicas_one_killed"] = _scenario(proxy, b.url, fake, "kill", work,
                                                       kill=(a, kill_after_s))
    one, two = out["one_replica"]["throughput_rps"], out["two_replicas_nginx"]["throughput_rps"]
    out["throughput_ratio_two_vs_one"] = round(two / one, 2) if one else None
    return out


def _followers(sessions: int) -> int:
    return max(4, sessions // 5)


def _scenario(url: str, survivor: str, fake: FakeWeChat, tag: str, work: dict[str, Any], *,
              kill: tuple[Replica, float] | None = None) -> dict[str, Any]:
    acked: list[tuple[str, str]] = []
    timer = None
    if kill is not None:
        victim, after = kill
        timer = threading.Timer(after, victim.kill)
        timer.start()
    wechat_acked: dict[str, set[str]] = {}

    async def both() -> dict[str, Any]:
        chat, _ = await asyncio.gather(
            run_load(url, sessions=work["sessions"], turns=work["turns"],
                     max_seconds=work["max_seconds"], think_s=work["think_s"],
                     ramp_s=work["ramp_s"], acked=acked),
            _wechat_stream(url, tag, _followers(work["sessions"]), work["ramp_s"], wechat_acked))
        return chat

    chat = asyncio.run(both())
    if timer is not None:
        timer.join()
    time.sleep(8.0 if kill else 2.0)  # late answers pushed; a dead replica's messages adopted
    chat.pop("_latencies", None)
    chat["lost_writes"] = _lost_writes(survivor, acked)
    chat["acknowledged_turns"] = len(acked)
    chat["unexpected_errors"] = sum(
        n for st, n in chat["status_counts"].items() if st not in ("200", "503"))
    chat["wechat"] = _wechat_check(survivor, fake, wechat_acked)
    return chat


async def _wechat_stream(url: str, tag: str, followers: int, ramp_s: float,
                         acked: dict[str, set[str]]) -> None:
    import httpx

    async def one(i: int) -> None:
        open_id = f"oCompare{tag}{i:05d}{int(time.time()) % 100000:05d}XYZ"
        msg_id = int(time.time() * 1000) * 1000 + i
        await asyncio.sleep(ramp_s * i / max(1, followers))
        passive: set[str] = set()
        for attempt in range(2):  # the message, then WeChat's retry of it
            for _ in range(4):  # a failed callback is retried, as WeChat does
                try:
                    r = await client.post(f"{url}/wechat", params=signed_query(WECHAT_TOKEN,
                                                                              open_id),
                                          content=text_xml(WECHAT_TEXT, open_id=open_id,
                                                           account=WECHAT_ACCOUNT,
                                                           msg_id=msg_id).encode())
                except httpx.HTTPError:
                    r = None
                if r is not None and r.status_code == 200:
                    if r.text != "success":
                        passive.add(ElementTree.fromstring(r.text).findtext("Content") or "")
                    acked[open_id] = passive
                    break
                await asyncio.sleep(1.0)
            await asyncio.sleep(0.3 if attempt == 0 else 0)

    async with httpx.AsyncClient(timeout=30) as client:
        await asyncio.gather(*(one(i) for i in range(followers)))


def _lost_writes(url: str, acked: list[tuple[str, str]]) -> int:
    import httpx

    by_session: dict[str, list[str]] = {}
    for sid, text in acked:
        by_session.setdefault(sid, []).append(text)
    lost = 0
    with httpx.Client(timeout=30) as client:
        for sid, texts in by_session.items():
            r = client.get(f"{url}/v1/sessions/{sid}")
            stored = ([t["text"] for t in r.json()["turns"] if t["role"] == "user"]
                      if r.status_code == 200 else [])
            lost += sum(1 for t in texts if t not in stored)
    return lost


def _wechat_check(url: str, fake: FakeWeChat, acked: dict[str, set[str]]) -> dict[str, Any]:
    """Per acknowledged message: engine turns in its follower's session and pieces delivered."""
    import httpx

    from assistant.usecases import session_id_for

    duplicates = undelivered = extra_turns = 0
    with fake.lock:
        pushed: dict[str, list[str]] = {}
        for s in fake.sent:
            pushed.setdefault(s["touser"], []).append(s["text"]["content"])
    with httpx.Client(timeout=30) as client:
        for open_id, passive in acked.items():
            pieces = pushed.get(open_id, [])
            if not passive and not pieces:
                undelivered += 1
            if (len(passive) > 1 or len(pieces) != len(set(pieces))
                    or passive & set(pieces)):
                duplicates += 1
            sid = session_id_for(open_id, app_id=WECHAT_APP_ID)
            r = client.get(f"{url}/v1/sessions/{sid}")
            turns = ([t for t in r.json()["turns"] if t["role"] == "user"]
                     if r.status_code == 200 else [])
            extra_turns += max(0, len(turns) - 1)
            duplicates += max(0, len(turns) - 1)
    return {"messages_acknowledged": len(acked), "duplicates": duplicates,
            "extra_engine_turns": extra_turns, "undelivered": undelivered}


def _print(result: dict[str, Any]) -> None:
    keys = ("requests", "throughput_rps", "latency_ms_p50", "latency_ms_p95", "latency_ms_p99",
            "errors", "status_counts", "unexpected_errors", "lost_writes")
    print(f"{'':>24}  " + "  ".join(f"{s:>26}" for s in SCENARIOS))
    for k in keys:
        print(f"{k:>24}: " + "  ".join(f"{result[s][k]!s:>26}" for s in SCENARIOS))
    for k in ("messages_acknowledged", "duplicates", "undelivered"):
        print(f"{'wechat ' + k:>24}: " + "  ".join(f"{result[s]['wechat'][k]!s:>26}"
                                                  for s in SCENARIOS))
    print(f"{'throughput two/one':>24}: {result['throughput_ratio_two_vs_one']}")


def plot(result: dict[str, Any], path: Any) -> None:
    fig, first = new_figure(figsize=(8, 3.5))
    first.remove()
    ax = fig.subplots(1, 2)
    labels = ["1 replica", "2 + nginx", "2, one killed"]
    ax[0].bar(labels, [result[s]["throughput_rps"] for s in SCENARIOS])
    ax[0].set_ylabel("requests / s")
    for q in ("p50", "p95", "p99"):
        ax[1].plot(labels, [result[s][f"latency_ms_{q}"] for s in SCENARIOS], marker="o", label=q)
    ax[1].set_ylabel("latency (ms)")
    ax[1].legend()
    fig.suptitle(f"{result['sessions']} sessions × {result['turns']} turns, "
                 f"think {result['think_s']} s")
    save_figure(fig, path)


__all__ = ["SCENARIOS", "evaluate_compare", "run_compare"]
