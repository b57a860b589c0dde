"""Whisper base (bundled) on real Mandarin recordings, as a user's voice reaches it."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from assistant.speech.asr import LoadedTranscriber
from assistant.speech.audio import SAMPLE_RATE, load_audio
from assistant.speech.errors import AudioSilentError
from assistant.speech.normalize import default_normalizer
from assistant.speech.service import transcribe_bytes
from eval.asr import cer, to_wechat_amr
from eval.make_speech_set import wav_bytes

Clips = tuple[Path, list[dict[str, str]]]


def _clip(clips: Clips, name: str) -> tuple[bytes, str]:
    folder, rows = clips
    row = next(r for r in rows if r["audio"] == name)
    return (folder / name).read_bytes(), row["text"]


def test_loads_within_the_start_up_budget(real_transcriber: LoadedTranscriber):
    assert real_transcriber.engine == "faster-whisper"
    assert real_transcriber.load_seconds < 5.0


def test_hears_a_real_sentence_exactly(real_transcriber: LoadedTranscriber, real_clips: Clips):
    data, ref = _clip(real_clips, "funasr_asr_example.wav")
    t = transcribe_bytes(data, transcriber=real_transcriber, normalizer=default_normalizer())
    assert cer([ref], [t.original]) == 0.0
    assert 5.0 < t.duration_s < 6.0


def test_transcripts_are_simplified(real_transcriber: LoadedTranscriber, real_clips: Clips):
    data, ref = _clip(real_clips, "aishell_BAC009S0724W0121.wav")
    t = transcribe_bytes(data, transcriber=real_transcriber, normalizer=default_normalizer())
    assert t.original.startswith("广州市")  # Whisper base tends to write 廣州市
    assert not set("廣產間協會") & set(t.original + t.normalized)
    assert cer([ref], [t.original]) <= 0.35


def test_a_wechat_voice_note_is_understood(real_transcriber: LoadedTranscriber, real_clips: Clips):
    data, ref = _clip(real_clips, "funasr_asr_example.wav")
    note = to_wechat_amr(load_audio(data))
    assert note.startswith(b"#!AMR\n")
    t = transcribe_bytes(note, transcriber=real_transcriber, normalizer=default_normalizer())
    assert cer([ref], [t.original]) <= 0.15


def test_silence_is_rejected_before_the_model(real_transcriber: LoadedTranscriber):
    with pytest.raises(AudioSilentError):
        transcribe_bytes(wav_bytes(np.zeros(3 * SAMPLE_RATE, dtype=np.float32), rate=SAMPLE_RATE),
                         transcriber=real_transcriber, normalizer=default_normalizer())


@pytest.mark.slow
def test_a_ten_second_voice_note_fits_the_wechat_reply_budget(
    real_transcriber: LoadedTranscriber, real_clips: Clips
):
    folder, rows = real_clips
    gap = np.zeros(SAMPLE_RATE // 3, dtype=np.float32)
    parts = [load_audio(folder / rows[1]["audio"]), gap, load_audio(folder / rows[3]["audio"])]
    audio = np.concatenate(parts)[: 10 * SAMPLE_RATE]
    assert audio.size >= 10 * SAMPLE_RATE
    note = to_wechat_amr(audio)
    real_transcriber.transcribe(audio[:SAMPLE_RATE])  # warm, as a running server is
    t0 = time.perf_counter()
    t = transcribe_bytes(note, transcriber=real_transcriber, normalizer=default_normalizer())
    elapsed = time.perf_counter() - t0
    # WeChat waits 5 s; the answer itself takes milliseconds (README: p95 70 ms).
    assert elapsed < 4.0, elapsed
    assert "语音识别模型" in t.original


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="known limitation: Whisper base with beam search stops "
                   "after the first of two sentences by different speakers (see README)")
def test_two_speakers_in_one_note_are_both_heard(
    real_transcriber: LoadedTranscriber, real_clips: Clips
):
    folder, rows = real_clips
    gap = np.zeros(SAMPLE_RATE // 3, dtype=np.float32)
    audio = np.concatenate([load_audio(folder / rows[0]["audio"]), gap,
                            load_audio(folder / rows[3]["audio"])])
    text = real_transcriber.transcribe(audio)
    assert "协会" in text and "新区" in text
