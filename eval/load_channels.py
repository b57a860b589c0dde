"""Voice and WeChat drivers for ``legalaid eval load --channel voice|wechat``.

Voice: spoken questions (espeak-ng, 16 kHz WAV) posted to ``/v1/voice`` of a server started with
the configured whisper checkpoint, or — clearly labelled in the result — a random-weight model
of whisper-tiny's shape when none is configured (latency then is an upper bound for tiny and the
transcripts are meaningless). WeChat: signed plaintext text messages posted to ``/wechat`` of a
server with WeChat enabled whose API base is a local fake (access token + customer-service send),
so late answers are delivered too; the figure is the callback's latency (WeChat waits 5 s).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.config import Settings
from eval import metrics as m
from eval.loopback import local_server, questions
from eval.wechat_fake import serve_fake_wechat, signed_query, text_xml

WECHAT_TOKEN = "load-test-token"
WECHAT_APP_ID = "wx00000000loadtest"
WECHAT_ACCOUNT = "gh_loadtest"
WECHAT_APP_SECRET = "load-test-secret"

Sample = tuple[float, int]  # (latency ms, HTTP status; 0 = transport failure)


def voice_env(folder: Path, checkpoint: Path | None) -> tuple[dict[str, str], str]:
    """Server environment for voice load and the model's label."""
    if checkpoint is not None and checkpoint.is_file():
        return {"LEGALAID_SPEECH__WHISPER_CHECKPOINT": str(checkpoint)}, str(checkpoint)
    from eval.asr import random_tiny_checkpoint

    path = random_tiny_checkpoint(folder)
    return ({"LEGALAID_SPEECH__WHISPER_CHECKPOINT": str(path)},
            "random-weight whisper-tiny (no checkpoint configured; latency only)")


def spoken_questions(texts: list[str]) -> list[bytes]:
    from eval.make_speech_set import espeak_wav

    return [espeak_wav(t) for t in texts]


async def voice_session(client: Any, url: str, clip: bytes, turns: int,
                        out: list[Sample]) -> None:
    session_id: str | None = None
    for _ in range(turns):
        t0 = time.perf_counter()
        data = {"session_id": session_id} if session_id else {}
        try:
            r = await client.post(f"{url}/v1/voice", data=data,
                                  files={"audio": ("q.wav", clip, "audio/wav")})
            status = r.status_code
            if status == 200:
                session_id = r.json()["session_id"]
        except Exception:  # noqa: BLE001 - any transport failure is an error of the run
            status = 0
        out.append(((time.perf_counter() - t0) * 1000, status))


def wechat_env(api_base: str) -> dict[str, str]:
    return {"LEGALAID_WECHAT__ENABLED": "true", "LEGALAID_WECHAT__TOKEN": WECHAT_TOKEN,
            "LEGALAID_WECHAT__APP_ID": WECHAT_APP_ID,
            "LEGALAID_WECHAT__APP_SECRET": WECHAT_APP_SECRET,
            "LEGALAID_WECHAT__API_BASE": api_base}


async def wechat_session(client: Any, url: str, index: int, texts: list[str],
                         out: list[Sample]) -> None:
    open_id = f"oLoadTest{index:06d}ABCDEFGHIJKLMN"
    for turn, text in enumerate(texts):
        body = _callback_xml(open_id, text, msg_id=10_000_000 + index * 100 + turn)
        t0 = time.perf_counter()
        try:
            r = await client.post(f"{url}/wechat", params=signed_query(WECHAT_TOKEN, open_id),
                                  content=body.encode(), headers={"content-type": "text/xml"})
            status = r.status_code
        except Exception:  # noqa: BLE001 - any transport failure is an error of the run
            status = 0
        out.append(((time.perf_counter() - t0) * 1000, status))


def summarise(samples: list[Sample], wall: float, *, sessions: int, turns: int) -> dict[str, Any]:
    """Throughput and latency percentiles; ``errors`` counts every non-200, ``server_errors``
    only 5xx and transport failures (status 0), ``status_counts`` the breakdown."""
    return {"sessions": sessions, "turns": turns, **m.load_summary(samples, wall)}


async def _drive(url: str, channel: str, *, sessions: int, turns: int, max_seconds: float,
                 clips: list[bytes], texts: list[str]) -> dict[str, Any]:
    import httpx

    samples: list[Sample] = []
    limits = httpx.Limits(max_connections=sessions)
    async with httpx.AsyncClient(timeout=300, limits=limits) as client:
        if channel == "voice":
            jobs = [voice_session(client, url, clips[i % len(clips)], turns, samples)
                    for i in range(sessions)]
        else:
            jobs = [wechat_session(client, url, i, [texts[(i + t) % len(texts)]
                                                    for t in range(turns)], samples)
                    for i in range(sessions)]
        t0 = time.perf_counter()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*jobs), timeout=max_seconds)
        wall = time.perf_counter() - t0
    return summarise(samples, wall, sessions=sessions, turns=turns)


def run_channel(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    """``legalaid eval load --channel voice|wechat``: start the server with that channel's
    settings (unless ``--url``), drive it, and return the figures."""
    texts = questions()
    extra: dict[str, Any] = {}
    with contextlib.ExitStack() as stack:
        clips: list[bytes] = []
        if args.channel == "voice":
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="legalaid-load-")))
            env, extra["model"] = voice_env(tmp, settings.speech.whisper_checkpoint)
            clips = spoken_questions(texts[: max(1, min(args.sessions, 5))])
        else:
            fake = stack.enter_context(serve_fake_wechat(app_id=WECHAT_APP_ID,
                                                         app_secret=WECHAT_APP_SECRET))
            env = wechat_env(fake.base_url)
        url = stack.enter_context(contextlib.nullcontext(args.url) if args.url
                                  else local_server(args.workers, env))
        result = asyncio.run(_drive(url, args.channel, sessions=args.sessions, turns=args.turns,
                                    max_seconds=args.max_seconds, clips=clips, texts=texts))
        if args.channel == "wechat":
            time.sleep(2.0)  # answers past the 5-second window go out via the customer-service API
            extra["customer_service_messages"] = len(fake.sent)
    return {**result, **extra}


def _callback_xml(open_id: str, content: str, msg_id: int) -> str:
    return text_xml(content, open_id=open_id, account=WECHAT_ACCOUNT, msg_id=msg_id)
