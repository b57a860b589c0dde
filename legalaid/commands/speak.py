"""``legalaid speak TEXT --out FILE``: read text aloud into an audio file (espeak-ng Mandarin)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import cast

from assistant.config import Settings

HELP = "Read Chinese text aloud into an MP3/OGG/WAV file (format from the file name)."
FORMATS = {".mp3": "mp3", ".ogg": "ogg", ".opus": "ogg", ".wav": "wav"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", help="the text to read (use - to read standard input)")
    parser.add_argument("--out", type=Path, required=True, help="output .mp3, .ogg or .wav")
    parser.add_argument("--voice", default=None,
                        help="espeak-ng voice (default: settings, cmn-latn-pinyin)")
    parser.add_argument("--first-screen", action="store_true",
                        help="read only the sentences that fit in the read-aloud limit (55 s)")


def run(args: argparse.Namespace, settings: Settings) -> int:
    import sys

    from assistant.speech.errors import TtsUnavailableError
    from assistant.speech.tts import AudioFormat, EspeakSpeaker, plan_read_aloud

    out: Path = args.out
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise TtsUnavailableError(f"unknown suffix {out.suffix}",
                                  message=f"不支持的输出格式“{out.suffix}”，请用 .mp3、.ogg 或 .wav。")
    text = sys.stdin.read() if args.text == "-" else args.text
    speech = settings.speech
    speaker = EspeakSpeaker(voice=args.voice or speech.tts_voice, speed_wpm=speech.tts_speed_wpm)
    rest = ""
    if args.first_screen:
        plan = plan_read_aloud([text], speaker=speaker, max_seconds=speech.read_aloud_max_seconds)
        text, rest = plan.first, plan.rest
    result = speaker.render(text, fmt=cast(AudioFormat, fmt))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(result.audio)
    print(f"已写入 {out}（{result.seconds:.1f} 秒，{len(result.audio):,} 字节，声音 {speaker.voice}）")
    if rest:
        print(f"未朗读的部分（{len(rest)} 字）留给“继续朗读”。")
    return 0
