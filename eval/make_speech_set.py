"""Generate the synthetic spoken question set: espeak-ng Mandarin, 16 kHz WAV and 8 kHz AMR-NB.

    python -m eval.make_speech_set --out var/speech_set

Writes ``wav/qNNN.wav`` and ``amr/qNNN.amr`` (like a WeChat voice note) plus ``manifest_wav.jsonl``
and ``manifest_amr.jsonl`` (id, category, text, audio path relative to the manifest). The audio is
generated, never committed; the questions are in ``eval/data/speech_questions.tsv``.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

QUESTIONS_PATH = Path(__file__).resolve().parent / "data" / "speech_questions.tsv"


@dataclass(frozen=True)
class Question:
    id: str
    category: str
    text: str


def load_questions(path: Path = QUESTIONS_PATH) -> list[Question]:
    rows = [r for r in path.read_text(encoding="utf-8").splitlines() if r and not r.startswith("#")]
    out: list[Question] = []
    for n, row in enumerate(rows[1:], 1):
        category, text = row.split("\t")
        out.append(Question(f"q{n:03d}", category, text))
    return out


def espeak_wav(text: str, *, voice: str = "cmn", speed: int = 150) -> bytes:
    cmd = ["espeak-ng", "-v", voice, "-s", str(speed), "--stdin", "--stdout"]
    return subprocess.run(cmd, input=text.encode(), capture_output=True, check=True).stdout


def wav_bytes(samples: np.ndarray, *, rate: int) -> bytes:
    pcm = np.clip(samples * 32767.0, -32768, 32767).astype("<i2")
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    return buf.getvalue()


def render(q: Question, out: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Write one question as 16 kHz WAV and 8 kHz AMR-NB; return the two manifest rows."""
    from scipy.signal import resample_poly

    from assistant.speech.audio import load_audio
    from eval.amrnb import encode_amr_nb

    audio = load_audio(espeak_wav(q.text), require_speech=False)
    (out / "wav" / f"{q.id}.wav").write_bytes(wav_bytes(audio, rate=16_000))
    narrow = resample_poly(audio, 1, 2).astype(np.float32)
    (out / "amr" / f"{q.id}.amr").write_bytes(encode_amr_nb(narrow))
    base = {"id": q.id, "category": q.category, "text": q.text}
    return {**base, "audio": f"wav/{q.id}.wav"}, {**base, "audio": f"amr/{q.id}.amr"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=None, help="first N questions only")
    args = parser.parse_args(argv)
    out: Path = args.out
    (out / "wav").mkdir(parents=True, exist_ok=True)
    (out / "amr").mkdir(parents=True, exist_ok=True)
    questions = load_questions()[: args.limit]
    rows = [render(q, out) for q in questions]
    for name, idx in (("manifest_wav.jsonl", 0), ("manifest_amr.jsonl", 1)):
        lines = [json.dumps(r[idx], ensure_ascii=False) for r in rows]
        (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} questions → {out}/manifest_wav.jsonl, {out}/manifest_amr.jsonl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
