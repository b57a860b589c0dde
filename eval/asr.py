"""``legalaid eval asr``: character error rate and real-time factor of the speech front end.

CER normalisation (stated in the JSON): NFKC, Traditional → simplified (OpenCC t2s), lower case,
then every punctuation mark, symbol and space removed; the reference is the manifest ``text``.
Without a configured checkpoint the runner says so and times the pipeline with a random-weight
model of whisper-tiny's shape (RTF only; a random model never stops early, so this RTF is an
upper bound for tiny).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import unicodedata
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assistant.config import Settings
from eval.output import write_json

HELP = "Speech recognition: CER and real-time factor on a manifest (see eval/make_speech_set.py)."
NORMALISATION = "NFKC + OpenCC t2s + lower case; punctuation, symbols and whitespace removed"
TINY_DIMS: dict[str, int] = {
    "n_mels": 80, "n_audio_ctx": 1500, "n_audio_state": 384, "n_audio_head": 6,
    "n_audio_layer": 4, "n_vocab": 51865, "n_text_ctx": 448, "n_text_state": 384,
    "n_text_head": 6, "n_text_layer": 4,
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--manifest", type=Path, required=True,
                   help="JSONL with text and audio (python -m eval.make_speech_set --out DIR)")
    p.add_argument("--json", type=Path, default=None, help="write the figures here")
    p.add_argument("--checkpoint", type=Path, default=None, help="override the settings path")
    p.add_argument("--limit", type=int, default=None,
                   help="first N clips (default: all; 3 with a random-weight model)")


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


def random_tiny_checkpoint(folder: Path, *, seed: int = 0) -> Path:
    """A whisper-tiny-shaped checkpoint with random weights, saved like an official one."""
    import torch
    from whisper.model import ModelDimensions, Whisper

    torch.manual_seed(seed)
    dims = ModelDimensions(**TINY_DIMS)
    path = folder / "random-tiny.pt"
    torch.save({"dims": asdict(dims), "model_state_dict": Whisper(dims).state_dict()}, path)
    return path


def measure(rows: list[dict[str, Any]], base: Path, transcriber: Any) -> dict[str, Any]:
    """Decode, recognise and normalise every clip (the steps of ``transcribe_bytes``), timed."""
    from assistant.speech.audio import SAMPLE_RATE, load_audio
    from assistant.speech.normalize import default_normalizer

    normalizer = default_normalizer()
    normalizer.normalize("预热")  # load jieba/pypinyin/OpenCC outside the timed loop
    refs, raw, norm, audio_s, busy_s = [], [], [], 0.0, 0.0
    for row in rows:
        data = (base / row["audio"]).read_bytes()
        t0 = time.perf_counter()
        audio = load_audio(data)
        text = transcriber.transcribe(audio).strip()
        norm.append(normalizer.normalize(text).text if text else "")
        busy_s += time.perf_counter() - t0
        audio_s += audio.size / SAMPLE_RATE
        raw.append(text)
        refs.append(str(row["text"]))
    return {
        "cer": round(cer(refs, norm), 4), "cer_raw": round(cer(refs, raw), 4),
        "rtf": round(busy_s / audio_s, 4) if audio_s else None,
        "n": len(rows), "audio_s": round(audio_s, 1), "empty": sum(not t for t in raw),
        "examples": [{"ref": r, "raw": a, "normalized": b}
                     for r, a, b in list(zip(refs, raw, norm, strict=True))[:5]],
    }


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.speech.asr import WhisperTranscriber

    rows = [json.loads(x) for x in args.manifest.read_text(encoding="utf-8").splitlines() if x]
    speech = settings.speech
    checkpoint = args.checkpoint or speech.whisper_checkpoint
    random_weights = checkpoint is None or not Path(checkpoint).is_file()
    with tempfile.TemporaryDirectory() as tmp:
        if random_weights:
            print("未配置 whisper 模型文件：改用随机权重的 tiny 结构模型，只测实时率（RTF），"
                  "不报告有意义的字错率（CER）。")
            checkpoint = random_tiny_checkpoint(Path(tmp))
        limit = args.limit if args.limit is not None else (3 if random_weights else None)
        assert checkpoint is not None
        transcriber = WhisperTranscriber(
            Path(checkpoint), language=speech.language, threads=speech.threads,
            beam_size=speech.beam_size,
        )
        result = measure(rows[:limit], args.manifest.parent, transcriber)
    result.update({
        "model": "random-weight whisper-tiny" if random_weights else str(checkpoint),
        "random_weights": random_weights, "normalisation": NORMALISATION,
        "manifest": str(args.manifest), "threads": speech.threads,
        "decoding": f"fp32, {'beam ' + str(speech.beam_size) if speech.beam_size else 'greedy'}",
    })
    if random_weights:
        result["cer"] = result["cer_raw"] = None
    print(json.dumps({k: v for k, v in result.items() if k != "examples"}, ensure_ascii=False))
    write_json(args.json, result)
    return 0
