"""``legalaid eval asr``: character error rate, real-time factor and load time of voice input.

    legalaid eval asr --json var/results/asr.json    # the pack's real clips (speech/real/manifest.jsonl)

Every clip is recognised twice: as recorded, and after the trip a WeChat voice note makes (down to
8 kHz, AMR-NB 12.2 kbit/s, decoded back by ffmpeg). CER normalisation (stated in the JSON): NFKC,
Traditional → simplified (OpenCC t2s), lower case, then every punctuation mark, symbol and space
removed; the reference is the manifest ``text``. ``cer`` is the recogniser's text; ``cer_normalized``
is the text after the dialect and legal-term normaliser, to show what it changes on real speech.

Accuracy is reported only for recordings of real speech: a manifest whose rows do not all carry a
``source`` (the provenance of a real recording; ``eval.make_speech_set`` writes none) is treated as
a pipeline check (formats, limits, speed) and its CER fields stay ``null``. espeak-ng Mandarin is
not understood by Whisper, so a synthetic CER would measure nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings, SpeechSettings
from eval.output import new_figure, save_figure, write_json

PRIMARY = "cer"
HELP = "Speech recognition: CER (real recordings only), real-time factor and model load time."
NORMALISATION = "NFKC + OpenCC t2s + lower case; punctuation, symbols and whitespace removed"
# Published CER of Whisper base on the AISHELL-1 test set (../shared/models/README.md).
PUBLISHED_CER_AISHELL1 = 0.222
SMOKE_NOTE = ("{n} real clips: a smoke test, not a benchmark (published CER of Whisper base on "
              "AISHELL-1 is about 22 %)")

def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--manifest", type=Path, default=None,
                   help="JSONL with text and audio (default: the pack's real recordings, "
                        "<data_dir>/speech/real/manifest.jsonl)")
    p.add_argument("--json", type=Path, default=None, help="write the figures here")
    p.add_argument("--plot", type=Path, default=None,
                   help="per-clip CER, WAV and AMR-NB (default: <results_dir>/asr.png)")
    p.add_argument("--engine", choices=["auto", "faster-whisper", "openai-whisper"], default=None,
                   help="default: settings (auto = faster-whisper on the bundled Whisper base)")
    p.add_argument("--checkpoint", type=Path, default=None,
                   help="an openai-whisper .pt instead of the bundled model")
    p.add_argument("--limit", type=int, default=None, help="first N clips (default: all)")
    p.add_argument("--no-amr", action="store_true", help="skip the WeChat AMR-NB round trip")


def cer_normalise(text: str) -> str:
    from assistant.speech.normalize import to_simplified

    text = to_simplified(unicodedata.normalize("NFKC", text)).lower()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PSZC")


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cer(refs: list[str], hyps: list[str]) -> float:
    """Corpus CER: total edits / total reference characters, after ``cer_normalise``."""
    pairs = [(cer_normalise(r), cer_normalise(h)) for r, h in zip(refs, hyps, strict=True)]
    chars = sum(len(r) for r, _ in pairs)
    return sum(edit_distance(r, h) for r, h in pairs) / max(chars, 1)


def to_wechat_amr(audio_16k: np.ndarray) -> bytes:
    """What WeChat makes of a voice note: 8 kHz mono AMR-NB at 12.2 kbit/s (``.amr`` bytes)."""
    from scipy.signal import resample_poly

    from eval.amrnb import encode_amr_nb

    return encode_amr_nb(resample_poly(audio_16k.astype(np.float64), 1, 2))


def _clip(row: dict[str, Any], data: bytes, transcriber: Any, normalizer: Any) -> dict[str, Any]:
    """Decode, recognise and normalise one clip (the steps of ``transcribe_bytes``), timed."""
    from assistant.speech.audio import SAMPLE_RATE, load_audio
    from assistant.speech.errors import SpeechError
    from assistant.speech.normalize import to_simplified

    t0 = time.perf_counter()
    audio = load_audio(data)
    t1 = time.perf_counter()
    raw = transcriber.transcribe(audio).strip()
    t2 = time.perf_counter()
    try:
        norm = normalizer.normalize(raw) if raw else None
    except SpeechError:
        norm = None
    t3 = time.perf_counter()
    seconds = audio.size / SAMPLE_RATE
    return {
        "audio": row["audio"], "ref": str(row["text"]), "raw": raw, "text": to_simplified(raw),
        "normalized": norm.text if norm else "",
        "changes": [f"{c.original}→{c.replacement}" for c in (norm.changes if norm else [])
                    if c.kind not in ("t2s", "punctuation")],
        "audio_s": round(seconds, 2), "asr_s": round(t2 - t1, 3),
        "rtf": round((t3 - t0) / seconds, 4), "asr_rtf": round((t2 - t1) / seconds, 4),
    }


def _with_cer(clips: list[dict[str, Any]], *, real: bool) -> None:
    for c in clips:
        c["cer"] = round(cer([c["ref"]], [c["raw"]]), 4) if real else None
        c["cer_normalized"] = round(cer([c["ref"]], [c["normalized"]]), 4) if real else None


def _overall(clips: list[dict[str, Any]], *, real: bool) -> dict[str, Any]:
    refs = [c["ref"] for c in clips]
    return {
        "cer": round(cer(refs, [c["raw"] for c in clips]), 4) if real else None,
        "cer_normalized": round(cer(refs, [c["normalized"] for c in clips]), 4) if real else None,
        "rtf": round(statistics.median(c["rtf"] for c in clips), 4),
        "asr_rtf": round(statistics.median(c["asr_rtf"] for c in clips), 4),
        "rtf_max": round(max(c["rtf"] for c in clips), 4),
        "empty": sum(not c["raw"] for c in clips),
    }


def measure(rows: list[dict[str, Any]], base: Path, transcriber: Any, *, real: bool,
            amr: bool = True) -> dict[str, Any]:
    """Per-clip and overall figures for the WAV clips and their AMR-NB round trip."""
    from assistant.speech.audio import load_audio
    from assistant.speech.normalize import default_normalizer

    normalizer = default_normalizer()
    normalizer.normalize("预热")  # load jieba/pypinyin/OpenCC outside the timed loop
    wav = [_clip(r, (base / r["audio"]).read_bytes(), transcriber, normalizer) for r in rows]
    _with_cer(wav, real=real)
    result: dict[str, Any] = {**_overall(wav, real=real), "per_clip": wav}
    if amr:
        notes = [to_wechat_amr(load_audio((base / r["audio"]).read_bytes())) for r in rows]
        amr_clips = [_clip(r, n, transcriber, normalizer) for r, n in zip(rows, notes, strict=True)]
        _with_cer(amr_clips, real=real)
        result.update({f"{k}_amr": v for k, v in _overall(amr_clips, real=real).items()})
        result["per_clip_amr"] = amr_clips
    return result


def is_real_speech(rows: list[dict[str, Any]]) -> bool:
    """Every row names the recording it comes from (synthetic sets carry no ``source``)."""
    return bool(rows) and all(str(r.get("source", "")).strip() for r in rows)


def _print_clips(result: dict[str, Any]) -> None:
    for key, label in (("per_clip", "WAV"), ("per_clip_amr", "AMR-NB 8 kHz")):
        for c in result.get(key, []):
            score = "" if c["cer"] is None else f"CER {c['cer']:.3f}  "
            print(f"[{label}] {c['audio']}: {score}RTF {c['rtf']:.2f}  参考：{c['ref']}  "
                  f"识别：{c['text']}" + (f"  规范化改动：{'，'.join(c['changes'])}"
                                         if c["changes"] else ""))


def real_manifest(settings: Settings) -> Path:
    """The pack's real Mandarin recordings (four clips: a smoke test, not a benchmark)."""
    return settings.data_dir / "speech" / "real" / "manifest.jsonl"


def read_manifest(path: Path, *, limit: int | None = None) -> list[dict[str, Any]]:
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return rows[:limit]


def evaluate(manifest: Path, speech: SpeechSettings, *, limit: int | None = None,
             amr: bool = True) -> dict[str, Any]:
    """Load the configured recogniser, then the figures for ``manifest``'s clips: ``cer`` (WAV,
    overall; ``None`` for synthetic speech), ``cer_amr`` (WeChat's AMR-NB round trip), ``rtf``
    (median), ``load_seconds``, ``clips``, ``engine``, and every clip in ``per_clip*``."""
    from assistant.speech.loader import open_transcriber

    rows = read_manifest(manifest, limit=limit)
    real = is_real_speech(rows)
    t0 = time.perf_counter()
    transcriber = open_transcriber(speech)
    load_seconds = time.perf_counter() - t0
    result = measure(rows, manifest.parent, transcriber, real=real, amr=amr)
    result.update({
        "clips": len(rows), "real_speech": real, "engine": transcriber.engine,
        "model": transcriber.name, "load_seconds": round(load_seconds, 3),
        "model_load_seconds": round(transcriber.load_seconds, 3), "threads": speech.threads,
        "decoding": {"compute_type": speech.compute_type, "beam_size": speech.beam_size,
                     "vad": speech.vad, "initial_prompt": speech.initial_prompt,
                     "temperature": 0.0, "language": speech.language},
        "normalisation": NORMALISATION, "manifest": str(manifest),
        "published_cer_aishell1": PUBLISHED_CER_AISHELL1,
        "note": SMOKE_NOTE.format(n=len(rows)) if real else
        "synthetic speech: a pipeline check (formats, limits, speed); no accuracy figure",
    })
    return result


def plot(result: dict[str, Any], path: Path) -> None:
    """Per-clip CER of the WAV clips and of their AMR-NB round trip (real speech only)."""
    wav = result.get("per_clip", [])
    if not wav or result.get("cer") is None:
        return
    amr = {c["audio"]: c["cer"] for c in result.get("per_clip_amr", [])}
    names = [c["audio"].rsplit(".", 1)[0][:18] for c in wav]
    x = np.arange(len(wav))
    fig, ax = new_figure(figsize=(6, 3.5))
    ax.bar(x - 0.2, [c["cer"] for c in wav], 0.4, label=f"WAV (overall {result['cer']})")
    if amr:
        ax.bar(x + 0.2, [amr.get(c["audio"], 0.0) for c in wav], 0.4,
               label=f"AMR-NB 8 kHz (overall {result.get('cer_amr')})")
    ax.set_xticks(x, names, rotation=20, fontsize=7)
    ax.set_ylabel("CER")
    ax.set_title(f"{result['model']}: {result['clips']} real clips (smoke test)", fontsize=9)
    ax.legend(fontsize=7)
    save_figure(fig, path)


def run(args: argparse.Namespace, settings: Settings) -> int:
    update: dict[str, object] = {}
    if args.engine:
        update["engine"] = args.engine
    if args.checkpoint:
        update["whisper_checkpoint"] = args.checkpoint
    manifest = args.manifest or real_manifest(settings)
    result = evaluate(manifest, settings.speech.model_copy(update=update), limit=args.limit,
                      amr=not args.no_amr)
    _print_clips(result)
    if not result["real_speech"]:
        print("合成语音集：只检验流程（格式、限制、速度），不报告字错率（CER）。")
    summary = {k: v for k, v in result.items() if not k.startswith("per_clip")}
    print(json.dumps(summary, ensure_ascii=False))
    write_json(args.json, result)
    plot(result, args.plot or settings.results_dir / "asr.png")
    return 0
