"""``legalaid eval warmup``: a service started without vectors answers at once, builds them in
the background and switches to hybrid retrieval — how long each step takes.

The runner copies the configured corpus's BM25 index (without vectors) into a temporary index
folder with an empty vector cache (``--reuse-cache`` keeps the deployment's cache, to time a
restart), starts ``legalaid serve`` on loopback, asks a question as soon as ``/readyz`` is 200,
keeps asking one every ``--ask-every`` seconds while the vectors are built, and polls
``/readyz`` until ``index.mode`` is ``hybrid`` (or ``--max-minutes`` pass).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.config import Settings
from eval import metrics as m
from eval.loopback import local_server, questions
from eval.output import new_figure, save_figure, write_json

PRIMARY = "vectors_ready_s"
HELP = "启动评测 — serve BM25 at once, build the vectors in the background, time the switch to hybrid"
VECTOR_FILES = ("dense.npy", "memory_dense.npy")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", choices=["core", "full"], help="index to copy (default: settings)")
    p.add_argument("--reuse-cache", action="store_true",
                   help="keep the deployment's vector cache (times a restart, not a first build)")
    p.add_argument("--ask-every", type=float, default=15.0, help="seconds between questions")
    p.add_argument("--max-minutes", type=float, default=60.0, help="give up after this long")
    p.add_argument("--json", type=Path, help="write the figures here")
    p.add_argument("--plot", type=Path, help="progress plot (default: <results_dir>/warmup.png)")


def bm25_copy(source: Path, target: Path) -> None:
    """``source`` index without its vectors (the manifest says BM25 only)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*VECTOR_FILES, ".*"))
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    manifest["embedder"] = None
    manifest.get("extra", {}).pop("dense", None)
    (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2),
                                          encoding="utf-8")


def _ask(client: Any, url: str, text: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    r = client.post(f"{url}/v1/chat", json={"text": text}, timeout=60)
    return (time.perf_counter() - t0) * 1000, r.status_code


def watch(url: str, *, ask_every: float, max_minutes: float, started: float) -> dict[str, Any]:
    """Questions and ``/readyz`` samples until the service reports hybrid retrieval."""
    import httpx

    texts = questions()
    samples: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    deadline = time.monotonic() + max_minutes * 60
    next_ask = 0.0
    with httpx.Client() as client:
        while True:
            now = time.monotonic()
            index = client.get(f"{url}/readyz", timeout=10).json()["index"]
            vectors = index.get("vectors") or {}
            samples.append({"t": round(now - started, 1), "mode": index.get("mode"),
                            "done": vectors.get("done", 0), "total": vectors.get("total", 0),
                            "state": vectors.get("state")})
            if now >= next_ask:
                ms, status = _ask(client, url, texts[len(answers) % len(texts)])
                answers.append({"t": round(now - started, 1), "ms": round(ms, 1),
                                "status": status, "mode": index.get("mode")})
                next_ask = now + ask_every
            if index.get("mode") == "hybrid" or vectors.get("state") in ("failed", "stopped") \
                    or now > deadline:
                break
            time.sleep(2.0)
        for text in texts[:5]:  # a few answers with hybrid retrieval
            ms, status = _ask(client, url, text)
            answers.append({"t": round(time.monotonic() - started, 1), "ms": round(ms, 1),
                            "status": status, "mode": "after"})
    return {"samples": samples, "answers": answers, "vectors": vectors}


def evaluate(watched: dict[str, Any], ready_s: float) -> dict[str, Any]:
    answers, samples = watched["answers"], watched["samples"]
    during = [a["ms"] for a in answers if a["mode"] == "bm25"]
    after = [a["ms"] for a in answers if a["mode"] == "after"]
    last = samples[-1]
    return {
        "ready_s": round(ready_s, 1),
        "first_answer_ms": answers[0]["ms"] if answers else None,
        "first_answer_mode": answers[0]["mode"] if answers else None,
        "answers_while_building": len(during),
        "answer_errors": sum(1 for a in answers if a["status"] != 200),
        **{f"building_{k}": v for k, v in m.latency_summary(during).items()},
        **{f"hybrid_{k}": v for k, v in m.latency_summary(after).items()},
        "final_mode": last["mode"], "vectors_state": last["state"],
        "vectors_ready_s": last["t"] if last["mode"] == "hybrid" else None,
        "vectors_build_s": watched["vectors"].get("seconds"),
        "texts_embedded": last["done"], "texts_total": last["total"],
    }


def plot(watched: dict[str, Any], path: Path, title: str) -> None:
    fig, ax = new_figure(figsize=(6, 3.5))
    s = watched["samples"]
    ax.plot([x["t"] / 60 for x in s], [x["done"] / max(1, x["total"]) for x in s],
            label="vectors built (share)")
    a = [x for x in watched["answers"] if x["mode"] != "after"]
    ax2 = ax.twinx()
    ax2.scatter([x["t"] / 60 for x in a], [x["ms"] for x in a], s=10, color="tab:red",
                label="answer latency (ms)")
    ax.set_xlabel("minutes since start")
    ax.set_ylabel("share embedded")
    ax2.set_ylabel("answer ms")
    ax.set_ylim(0, 1.05)
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left")
    ax2.legend(loc="lower right")
    save_figure(fig, path)


def run(args: argparse.Namespace, settings: Settings) -> int:
    choice = args.corpus or settings.corpus
    with tempfile.TemporaryDirectory(prefix="legalaid-warmup-") as tmp:
        index_dir = Path(tmp) / "index"
        bm25_copy(settings.corpus_index_dir(choice), index_dir / choice)
        if args.reuse_cache and (settings.index_dir / "vectors").is_dir():
            shutil.copytree(settings.index_dir / "vectors", index_dir / "vectors")
        env = {"LEGALAID_INDEX_DIR": str(index_dir), "LEGALAID_CORPUS": choice,
               "LEGALAID_DATA_DIR": str(settings.data_dir), "LEGALAID_EMBEDDER": "e5-small"}
        started = time.monotonic()
        with local_server(1, env) as url:
            ready_s = time.monotonic() - started
            watched = watch(url, ask_every=args.ask_every, max_minutes=args.max_minutes,
                            started=started)
    result = evaluate(watched, ready_s) | {"corpus": choice, "reuse_cache": args.reuse_cache}
    for key, value in result.items():
        print(f"{key:>26}: {value}")
    path = args.plot or settings.results_dir / "warmup.png"
    plot(watched, path, f"{choice} corpus: BM25 at once, vectors in the background")
    print(f"plot: {path}")
    write_json(args.json, result | {"samples": watched["samples"], "answers": watched["answers"]})
    return 0
