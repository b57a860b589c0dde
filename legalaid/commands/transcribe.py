"""``legalaid transcribe FILE``: print what whisper heard and the normalised transcript."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from assistant.config import Settings

HELP = "Transcribe an audio file (WAV/MP3/M4A/OGG/WebM/AMR) and print original + normalised text."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="audio file")
    parser.add_argument(
        "--checkpoint", type=Path, default=None,
        help="whisper checkpoint (.pt); default: LEGALAID_SPEECH__WHISPER_CHECKPOINT",
    )
    parser.add_argument(
        "--language", default=None,
        help="language code, or 'auto' to detect (default: settings, zh)",
    )
    parser.add_argument("--json", action="store_true", help="print the transcript as JSON")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.speech.asr import load_transcriber
    from assistant.speech.audio import load_audio
    from assistant.speech.errors import AudioCorruptError
    from assistant.speech.normalize import default_normalizer
    from assistant.speech.service import transcribe_bytes

    speech = settings.speech
    path: Path = args.file
    if not path.is_file():
        raise AudioCorruptError(f"{path} not found", message=f"找不到音频文件：{path}")
    data = path.read_bytes()
    # Bad audio is reported as such even where voice input is not configured.
    load_audio(data, max_seconds=speech.max_seconds)
    language = speech.language if args.language is None else args.language
    transcriber = load_transcriber(
        args.checkpoint or speech.whisper_checkpoint,
        language=None if language in (None, "", "auto") else language,
        threads=speech.threads,
        beam_size=speech.beam_size,
    )
    t = transcribe_bytes(
        data, transcriber=transcriber, normalizer=default_normalizer(),
        max_seconds=speech.max_seconds,
    )
    if args.json:
        print(json.dumps(asdict(t), ensure_ascii=False, indent=2))
        return 0
    print(f"原始识别：{t.original}")
    print(f"规范化后：{t.normalized}")
    for c in t.changes:
        if c.kind != "t2s":
            print(f"  修改（{c.kind}）：{c.original} → {c.replacement}")
    for tag in t.dialect_tags:
        print(f"  方言词：{tag}")
    print(f"时长：{t.duration_s:.1f} 秒")
    return 0
