"""``legalaid transcribe FILE``: print what Whisper heard (simplified) and the normalised text."""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict
from pathlib import Path

from assistant.config import Settings

HELP = "Transcribe an audio file (WAV/MP3/M4A/OGG/WebM/AMR) and print original + normalised text."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="audio file")
    parser.add_argument(
        "--checkpoint", type=Path, default=None,
        help="an openai-whisper checkpoint (.pt); default: the bundled Whisper base",
    )
    parser.add_argument("--engine", choices=["auto", "faster-whisper", "openai-whisper"],
                        default=None, help="default: settings (auto = faster-whisper)")
    parser.add_argument(
        "--language", default=None,
        help="language code, or 'auto' to detect (default: settings, zh)",
    )
    parser.add_argument("--json", action="store_true", help="print the transcript as JSON")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.speech.audio import load_audio
    from assistant.speech.errors import AudioCorruptError
    from assistant.speech.loader import open_transcriber
    from assistant.speech.normalize import default_normalizer
    from assistant.speech.service import recognise

    speech = settings.speech
    path: Path = args.file
    if not path.is_file():
        raise AudioCorruptError(f"{path} not found", message=f"找不到音频文件：{path}")
    # Bad audio is reported as such before any model is loaded.
    audio = load_audio(path.read_bytes(), max_seconds=speech.max_seconds)
    language = speech.language if args.language is None else args.language
    update: dict[str, object] = {"language": None if language in ("", "auto") else language}
    if args.checkpoint is not None:
        update["whisper_checkpoint"] = args.checkpoint
    if args.engine is not None:
        update["engine"] = args.engine
    transcriber = open_transcriber(speech.model_copy(update=update))
    t0 = time.perf_counter()
    t = recognise(audio, transcriber=transcriber, normalizer=default_normalizer())
    busy = time.perf_counter() - t0
    if args.json:
        print(json.dumps({**asdict(t), "engine": transcriber.engine, "model": transcriber.name,
                          "load_seconds": round(transcriber.load_seconds, 3),
                          "seconds": round(busy, 3)}, ensure_ascii=False, indent=2))
        return 0
    print(f"原始识别：{t.original}")
    print(f"规范化后：{t.normalized}")
    for c in t.changes:
        if c.kind != "t2s":
            print(f"  修改（{c.kind}）：{c.original} → {c.replacement}")
    for tag in t.dialect_tags:
        print(f"  方言词：{tag}")
    print(f"时长：{t.duration_s:.1f} 秒；识别用时 {busy:.1f} 秒"
          f"（{transcriber.engine}，{transcriber.name}，加载 {transcriber.load_seconds:.1f} 秒）")
    return 0
