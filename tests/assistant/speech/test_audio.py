from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.speech.audio import SAMPLE_RATE, load_audio, sniff_format, speech_activity
from assistant.speech.errors import (
    AudioCorruptError,
    AudioSilentError,
    AudioTooLongError,
    AudioTooShortError,
    AudioUnsupportedError,
)
from eval.amrnb import amr_available, encode_amr_nb
from eval.make_speech_set import wav_bytes
from tests.assistant.speech.conftest import ffmpeg_convert, needs_ffmpeg

pytestmark = needs_ffmpeg

FORMATS = {
    "mp3": ("q.mp3", ["-ac", "1", "-acodec", "libmp3lame"]),
    "m4a": ("q.m4a", ["-ac", "1", "-acodec", "aac"]),
    "aac": ("q.aac", ["-ac", "1", "-acodec", "aac", "-f", "adts"]),
    "ogg": ("q.ogg", ["-ac", "1", "-acodec", "libopus"]),
    "webm": ("q.webm", ["-ac", "1", "-acodec", "libopus", "-f", "webm"]),
    "wav48k": ("q48.wav", ["-ac", "2", "-ar", "48000"]),
}


def _check_speech_like(audio: np.ndarray, expected_s: float) -> None:
    assert audio.dtype == np.float32 and audio.ndim == 1
    assert abs(audio.size / SAMPLE_RATE - expected_s) < 0.25
    assert speech_activity(audio).speech_s > 0.5


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_browser_and_phone_format_decodes(spoken_wav: Path, tmp_path: Path, name: str):
    reference = load_audio(spoken_wav)
    filename, args = FORMATS[name]
    data = ffmpeg_convert(spoken_wav, tmp_path / filename, *args)
    assert sniff_format(data) is not None
    _check_speech_like(load_audio(data), reference.size / SAMPLE_RATE)


@pytest.mark.skipif(not amr_available(), reason="libopencore-amrnb0 not installed")
def test_wechat_amr_nb_8khz_decodes(spoken_wav: Path):
    from scipy.signal import resample_poly

    audio16 = load_audio(spoken_wav)
    data = encode_amr_nb(resample_poly(audio16, 1, 2))
    assert sniff_format(data) == "amr"
    _check_speech_like(load_audio(data), audio16.size / SAMPLE_RATE)


def test_path_input(spoken_wav: Path):
    assert load_audio(spoken_wav).size > SAMPLE_RATE


def test_silence_is_rejected_never_decoded_to_text():
    silence = wav_bytes(np.zeros(SAMPLE_RATE * 3, dtype=np.float32), rate=SAMPLE_RATE)
    with pytest.raises(AudioSilentError) as e:
        load_audio(silence)
    assert e.value.code == "audio_silent"


def test_steady_hiss_counts_as_silence():
    rng = np.random.default_rng(0)
    hiss = (0.05 * rng.standard_normal(SAMPLE_RATE * 2)).astype(np.float32)
    with pytest.raises(AudioSilentError):
        load_audio(wav_bytes(hiss, rate=SAMPLE_RATE))


def test_click_is_too_short():
    clip = np.zeros(SAMPLE_RATE, dtype=np.float32)
    clip[8000:8100] = 0.8
    with pytest.raises(AudioTooShortError):
        load_audio(wav_bytes(clip, rate=SAMPLE_RATE))


def test_empty_is_too_short():
    with pytest.raises(AudioTooShortError):
        load_audio(b"")


def test_too_long(spoken_wav: Path):
    audio = load_audio(spoken_wav)
    long = np.tile(audio, int(4 * SAMPLE_RATE / audio.size) + 1)  # > 4 s
    with pytest.raises(AudioTooLongError) as e:
        load_audio(wav_bytes(long, rate=SAMPLE_RATE), max_seconds=3)
    assert "最长3秒" in e.value.message


def test_unknown_bytes_are_unsupported():
    with pytest.raises(AudioUnsupportedError) as e:
        load_audio(b"%PDF-1.7 not audio at all" * 10)
    assert "WAV" in e.value.message and "AMR" in e.value.message


@pytest.mark.parametrize("head", [b"RIFF\x00\x00\x00\x00WAVEfmt ", b"OggS\x00\x02", b"#!AMR\n"])
def test_corrupt_file_with_valid_magic_is_a_clear_error(head: bytes):
    with pytest.raises((AudioCorruptError, AudioTooShortError)) as e:
        load_audio(head + bytes(range(256)) * 4)
    assert e.value.message  # a Chinese sentence, never a traceback
    assert "ffmpeg" not in e.value.message


def test_truncated_mp3_is_corrupt_or_short(spoken_wav: Path, tmp_path: Path):
    data = ffmpeg_convert(spoken_wav, tmp_path / "q.mp3", "-ac", "1")
    with pytest.raises((AudioCorruptError, AudioTooShortError, AudioSilentError)):
        load_audio(data[:200])
