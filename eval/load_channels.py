"""Voice and WeChat drivers for ``legalaid eval load --channel voice|wechat|wechat-voice``.

Voice: the pack's real Mandarin recordings (``<data_dir>/speech/real``, WAV as a kiosk or the
API sends them) posted to ``/v1/voice`` of a server running the bundled Whisper base (the
service's defaults; the runner refuses to measure when voice is off or the model fails to load).
WeChat voice notes: the same recordings as WeChat sends them (8 kHz AMR-NB 12.2 kbit/s, as
``eval.asr`` makes them), served as media by a local fake of WeChat's API and announced by signed
voice callbacks to ``/wechat``; the end-to-end figure is the time until the answer reached the
follower: the passive reply, or the first customer-service message when the answer came after
WeChat's 5-second window. WeChat text: signed text messages; the figure is the callback's latency.

Every run samples the RSS of the server process and its workers (``eval.procmem``) and checks
what was heard: ``transcript_cer`` is the CER of the transcripts returned under load against
the recordings' reference texts.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import re
import time
from dataclasses import dataclass
from typing import Any

from assistant.config import Settings
from eval import metrics as m
from eval.loopback import LocalServer, questions, serve_local
from eval.procmem import RssSampler
from eval.wechat_fake import FakeWeChat, serve_fake_wechat, signed_query, text_xml, voice_xml

WECHAT_TOKEN = "load-test-token"
WECHAT_APP_ID = "wx00000000loadtest"
WECHAT_ACCOUNT = "gh_loadtest"
WECHAT_APP_SECRET = "load-test-secret"
ANSWER_TIMEOUT_S = 120.0  # a voice answer not delivered by then counts as lost
HEARD = re.compile(r"^您说的是：“(.*?)”", re.S)

Sample = tuple[float, int]  # (latency ms, HTTP status; 0 = transport failure or no answer)


@dataclass(frozen=True)
class Clip:
    """One real recording: its file name, reference text, length and the bytes to send."""

    name: str
    text: str
    seconds: float
    data: bytes


def real_clips(settings: Settings, *, amr: bool) -> list[Clip]:
    """The pack's real recordings, as WAV or as WeChat AMR-NB voice notes."""
    from assistant.speech.audio import SAMPLE_RATE, load_audio
    from eval.asr import read_manifest, real_manifest, to_wechat_amr

    manifest = real_manifest(settings)
    if not manifest.is_file():
        raise SystemExit(f"没有找到真实录音：{manifest}（LEGALAID_DATA_DIR 指向知识包）")
    clips = []
    for row in read_manifest(manifest):
        wav = (manifest.parent / row["audio"]).read_bytes()
        audio = load_audio(wav)
        clips.append(Clip(row["audio"], row["text"], round(audio.size / SAMPLE_RATE, 2),
                          to_wechat_amr(audio) if amr else wav))
    return clips


def voice_env() -> dict[str, str]:
    """Voice on with the bundled model, whatever the caller's environment says."""
    return {"LEGALAID_SPEECH__ENABLED": "true"}


def wait_for_voice(url: str, *, timeout_s: float = 180) -> dict[str, Any]:
    """The server's voice status once the model is loaded; refuses a failed or missing model."""
    import httpx

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        whisper = httpx.get(f"{url}/readyz", timeout=10).json()["models"]["whisper"]
        if whisper.get("state") == "ready":
            return dict(whisper)
        if whisper.get("state") != "loading":
            raise SystemExit(f"语音模型没有加载：{whisper}（负载测试只用真实模型）")
        time.sleep(0.5)
    raise SystemExit("语音模型加载超时")


async def _pause(rng: random.Random, think_s: float) -> None:
    if think_s:
        await asyncio.sleep(think_s * rng.uniform(0.5, 1.5))


async def voice_session(client: Any, url: str, clips: list[Clip], turns: int, out: list[Sample],
                        heard: list[tuple[str, str]], *, seed: int, think_s: float,
                        ramp_s: float) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(rng.uniform(0, ramp_s) if ramp_s else 0)
    session_id: str | None = None
    for t in range(turns):
        if t:
            await _pause(rng, think_s)
        clip = clips[(seed + t) % len(clips)]
        t0 = time.perf_counter()
        data = {"session_id": session_id} if session_id else {}
        try:
            r = await client.post(f"{url}/v1/voice", data=data,
                                  files={"audio": (clip.name, clip.data, "audio/wav")})
            status = r.status_code
            if status == 200:
                body = r.json()
                session_id = body["session_id"]
                heard.append((clip.text, body["transcript"]["original"]))
        except Exception:  # noqa: BLE001 - any transport failure is an error of the run
            status = 0
        out.append(((time.perf_counter() - t0) * 1000, status))


def wechat_env(api_base: str) -> dict[str, str]:
    return {"LEGALAID_WECHAT__ENABLED": "true", "LEGALAID_WECHAT__TOKEN": WECHAT_TOKEN,
            "LEGALAID_WECHAT__APP_ID": WECHAT_APP_ID,
            "LEGALAID_WECHAT__APP_SECRET": WECHAT_APP_SECRET,
            "LEGALAID_WECHAT__API_BASE": api_base}


def _open_id(index: int) -> str:
    return f"oLoadTest{index:06d}ABCDEFGHIJKLMN"


async def wechat_session(client: Any, url: str, index: int, texts: list[str],
                         out: list[Sample]) -> None:
    open_id = _open_id(index)
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


@dataclass
class NoteOutcome:
    """One voice note: end-to-end and callback latency, callback status, how the answer came
    (``passive``, ``pushed`` or ``lost``) and its text."""

    e2e_ms: float
    callback_ms: float
    status: int
    path: str
    answer: str


async def _pushed_answer(fake: FakeWeChat, open_id: str, already: int, t0: float,
                         timeout_s: float) -> tuple[float, str] | None:
    """(seconds after ``t0``, text) of the first customer-service message to ``open_id`` after
    the first ``already`` ones, or None when none arrives in time."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with fake.lock:
            mine = [(at, body) for at, body in zip(fake.sent_at, fake.sent, strict=True)
                    if body.get("touser") == open_id]
        if len(mine) > already:
            at, body = mine[already]
            return at - t0, str(body.get("text", {}).get("content", ""))
        await asyncio.sleep(0.05)
    return None


def _sent_to(fake: FakeWeChat, open_id: str) -> int:
    with fake.lock:
        return sum(1 for body in fake.sent if body.get("touser") == open_id)


async def wechat_voice_session(client: Any, url: str, fake: FakeWeChat, index: int,
                               clips: list[Clip], turns: int, out: list[NoteOutcome],
                               heard: list[tuple[str, str]], *, think_s: float,
                               ramp_s: float) -> None:
    """A follower sending ``turns`` voice notes, each after the previous one was answered."""
    rng = random.Random(index)
    await asyncio.sleep(rng.uniform(0, ramp_s) if ramp_s else 0)
    open_id = _open_id(index)
    for t in range(turns):
        if t:
            await _pause(rng, think_s)
        clip_no = (index + t) % len(clips)
        body = voice_xml(f"clip-{clip_no}", open_id=open_id, account=WECHAT_ACCOUNT,
                         msg_id=20_000_000 + index * 100 + t)
        already = _sent_to(fake, open_id)
        t0 = time.monotonic()
        try:
            r = await client.post(f"{url}/wechat", params=signed_query(WECHAT_TOKEN, open_id),
                                  content=body.encode(), headers={"content-type": "text/xml"})
            status, reply = r.status_code, r.text
        except Exception:  # noqa: BLE001 - any transport failure is an error of the run
            status, reply = 0, ""
        callback = time.monotonic() - t0
        outcome = NoteOutcome(callback * 1000, callback * 1000, status, "lost", "")
        if status == 200 and reply.strip() not in ("", "success"):
            outcome.path, outcome.answer = "passive", _reply_content(reply)
        elif status == 200:
            pushed = await _pushed_answer(fake, open_id, already, t0, ANSWER_TIMEOUT_S)
            if pushed is not None:
                outcome.e2e_ms, outcome.path, outcome.answer = pushed[0] * 1000, "pushed", pushed[1]
        out.append(outcome)
        said = HEARD.match(outcome.answer)
        if said:
            heard.append((clips[clip_no].text, said.group(1)))


def summarise(samples: list[Sample], wall: float, *, sessions: int, turns: int) -> dict[str, Any]:
    """Throughput and latency percentiles; ``errors`` counts every non-200, ``server_errors``
    only 5xx and transport failures (status 0), ``status_counts`` the breakdown, ``unfinished``
    the turns never sent or still waiting when ``--max-seconds`` stopped the run."""
    return {"sessions": sessions, "turns": turns, **m.load_summary(samples, wall),
            "unfinished": max(0, sessions * turns - len(samples))}


def summarise_notes(notes: list[NoteOutcome], wall: float, *, sessions: int,
                    turns: int) -> dict[str, Any]:
    """WeChat voice notes: end-to-end latency (status 0 = no answer within the timeout), how
    answers came, and ``answer_errors``: notes answered with an error message, not a transcript."""
    samples = [(n.e2e_ms, n.status if n.path != "lost" else 0) for n in notes]
    out = summarise(samples, wall, sessions=sessions, turns=turns)
    callbacks = [n.callback_ms for n in notes]
    out.update({
        "answers_passive": sum(n.path == "passive" for n in notes),
        "answers_pushed": sum(n.path == "pushed" for n in notes),
        "answers_lost": sum(n.path == "lost" for n in notes),
        "answer_errors": sum(n.path != "lost" and not HEARD.match(n.answer) for n in notes),
        "error_answers": sorted({n.answer[:60] for n in notes
                                 if n.path != "lost" and not HEARD.match(n.answer)}),
        **{k.replace("latency_ms", "callback_ms"): v
           for k, v in m.latency_summary(callbacks, tails=(50, 95)).items()},
    })
    return out


def transcript_figures(heard: list[tuple[str, str]]) -> dict[str, Any]:
    from eval.asr import cer

    if not heard:
        return {"transcripts": 0, "transcript_cer": None}
    refs, hyps = zip(*heard, strict=True)
    return {"transcripts": len(heard), "transcript_cer": round(cer(list(refs), list(hyps)), 4)}


async def _drive(url: str, channel: str, *, sessions: int, turns: int, max_seconds: float,
                 think_s: float, ramp_s: float, clips: list[Clip], texts: list[str],
                 fake: FakeWeChat | None) -> dict[str, Any]:
    import httpx

    samples: list[Sample] = []
    notes: list[NoteOutcome] = []
    heard: list[tuple[str, str]] = []
    limits = httpx.Limits(max_connections=sessions)
    async with httpx.AsyncClient(timeout=300, limits=limits) as client:
        if channel == "voice":
            jobs = [voice_session(client, url, clips, turns, samples, heard, seed=i,
                                  think_s=think_s, ramp_s=ramp_s) for i in range(sessions)]
        elif channel == "wechat-voice":
            assert fake is not None
            jobs = [wechat_voice_session(client, url, fake, i, clips, turns, notes, heard,
                                         think_s=think_s, ramp_s=ramp_s)
                    for i in range(sessions)]
        else:
            jobs = [wechat_session(client, url, i, [texts[(i + t) % len(texts)]
                                                    for t in range(turns)], samples)
                    for i in range(sessions)]
        t0 = time.perf_counter()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*jobs), timeout=max_seconds)
        wall = time.perf_counter() - t0
    if channel == "wechat-voice":
        result = summarise_notes(notes, wall, sessions=sessions, turns=turns)
    else:
        result = summarise(samples, wall, sessions=sessions, turns=turns)
    if channel != "wechat":
        result.update(transcript_figures(heard))
    return result


async def _warm_up(url: str, clip: Clip, workers: int) -> None:
    """One unmeasured upload per worker (first-call costs: normaliser tables, decoders)."""
    import httpx

    async with httpx.AsyncClient(timeout=300) as client:
        await asyncio.gather(*(client.post(f"{url}/v1/voice", files={
            "audio": (clip.name, clip.data, "audio/wav")}) for _ in range(workers)))


def run_channel(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    """``legalaid eval load --channel voice|wechat|wechat-voice``: start the server with that
    channel's settings (unless ``--url``), drive it, and return the figures."""
    channel = args.channel
    texts = questions()
    extra: dict[str, Any] = {}
    clips: list[Clip] = []
    with contextlib.ExitStack() as stack:
        fake: FakeWeChat | None = None
        env: dict[str, str] = {}
        if channel in ("wechat", "wechat-voice"):
            fake = stack.enter_context(serve_fake_wechat(app_id=WECHAT_APP_ID,
                                                         app_secret=WECHAT_APP_SECRET))
            env.update(wechat_env(fake.base_url))
        if channel in ("voice", "wechat-voice"):
            env.update(voice_env())
            clips = real_clips(settings, amr=channel == "wechat-voice")
            if fake is not None:
                fake.media.update({f"clip-{i}": c.data for i, c in enumerate(clips)})
            extra["clips"] = [{"audio": c.name, "seconds": c.seconds, "bytes": len(c.data)}
                              for c in clips]
            extra["audio_format"] = "AMR-NB 8 kHz 12.2 kbit/s" if fake else "WAV as recorded"
        server = (LocalServer(args.url, 0) if args.url
                  else stack.enter_context(serve_local(args.workers, env)))
        if clips:
            whisper = wait_for_voice(server.url)
            extra["model"] = f"{whisper.get('engine')} {whisper.get('model')}"
            extra["model_load_seconds"] = whisper.get("load_seconds")
            if channel == "voice":
                asyncio.run(_warm_up(server.url, clips[0], args.workers))
        load_before = _load()
        with RssSampler(server.pid or None) as memory:
            result = asyncio.run(_drive(
                server.url, channel, sessions=args.sessions, turns=args.turns,
                max_seconds=args.max_seconds, think_s=args.think_s, ramp_s=args.ramp_s,
                clips=clips, texts=texts, fake=fake))
        if channel == "wechat":
            assert fake is not None
            time.sleep(2.0)  # answers past the 5-second window go out via the customer-service API
            extra["customer_service_messages"] = len(fake.sent)
    return {**result, **extra, **memory.figures(), "think_s": args.think_s,
            "ramp_s": args.ramp_s, "cpu_count": _cpus(), "load_average_before": load_before}


def _cpus() -> int | None:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def _load() -> list[float] | None:
    import os

    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _callback_xml(open_id: str, content: str, msg_id: int) -> str:
    return text_xml(content, open_id=open_id, account=WECHAT_ACCOUNT, msg_id=msg_id)


def _reply_content(xml: str) -> str:
    """The text of a passive (plaintext) reply from our own server."""
    from xml.etree import ElementTree

    try:
        return ElementTree.fromstring(xml).findtext("Content") or ""
    except ElementTree.ParseError:
        return ""
