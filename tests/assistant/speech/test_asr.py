from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.speech import asr
from assistant.speech.asr import (
    PUBLISHED_SHA256,
    Segment,
    WhisperTranscriber,
    is_hallucination,
    join_segments,
    load_transcriber,
    published_hashes,
    verify_checkpoint,
)
from assistant.speech.audio import load_audio
from assistant.speech.errors import AsrNotConfiguredError
from knowledge.errors import ModelIntegrityError


@pytest.fixture(scope="module")
def random_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random-weight multilingual whisper, saved like an official checkpoint."""
    import torch
    from whisper.model import ModelDimensions, Whisper

    torch.manual_seed(0)
    dims = ModelDimensions(
        n_mels=80, n_audio_ctx=1500, n_audio_state=64, n_audio_head=2, n_audio_layer=1,
        n_vocab=51865, n_text_ctx=64, n_text_state=64, n_text_head=2, n_text_layer=1,
    )
    path = tmp_path_factory.mktemp("whisper") / "random.pt"
    torch.save({"dims": asdict(dims), "model_state_dict": Whisper(dims).state_dict()}, path)
    return path


def test_hash_table_mirrors_models_readme():
    readme = Settings().models_dir / "README.md"
    if not readme.is_file():
        pytest.skip("../shared/models/README.md not present")
    rows = re.findall(r"\|\s*(\w+\.pt)\s*\|[^|]*\|\s*([0-9a-f]{64})\s*\|", readme.read_text())
    assert dict(rows) == PUBLISHED_SHA256
    table = published_hashes()
    for name, digest in PUBLISHED_SHA256.items():
        assert table[name] == digest


def test_known_hash_is_ok(tmp_path: Path):
    f = tmp_path / "whatever.pt"
    f.write_bytes(b"weights")
    known = {"tiny.pt": hashlib.sha256(b"weights").hexdigest()}
    assert verify_checkpoint(f, known=known) == "known"


def test_unknown_file_warns(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    f = tmp_path / "my-finetune.pt"
    f.write_bytes(b"other weights")
    with caplog.at_level(logging.WARNING):
        assert verify_checkpoint(f, known=PUBLISHED_SHA256) == "unknown"
    assert "unpublished sha256" in caplog.text


@pytest.mark.parametrize("name", ["tiny.pt", "base.pt", "small.pt"])
def test_known_name_with_wrong_hash_is_refused(tmp_path: Path, name: str):
    f = tmp_path / name
    f.write_bytes(b"truncated download")
    with pytest.raises(ModelIntegrityError) as e:
        WhisperTranscriber(f)
    assert e.value.code == "model_corrupt"


def test_missing_checkpoint_means_voice_input_not_configured(tmp_path: Path):
    for path in (None, tmp_path / "absent.pt"):
        with pytest.raises(AsrNotConfiguredError) as e:
            load_transcriber(path)
        assert e.value.message == "语音输入暂未开通，请直接输入文字。"


def test_unloadable_checkpoint_is_refused(tmp_path: Path):
    f = tmp_path / "garbage.pt"
    f.write_bytes(b"not a torch file")
    with pytest.raises(ModelIntegrityError):
        WhisperTranscriber(f)


@pytest.mark.parametrize(
    "text",
    ["字幕由Amara.org社区提供", "请不吝点赞 订阅 转发 打赏支持明镜与点点栏目", "谢谢大家收看",
     "中文字幕志愿者 李宗盛"],
)
def test_subtitle_credits_are_filtered(text: str):
    assert is_hallucination(Segment(text, -0.2, 1.2, 0.1))
    assert join_segments([Segment(text, -0.2, 1.2, 0.1)]) == ""


def test_an_echo_of_the_prompt_is_not_speech():
    prompt = "以下是普通话的法律咨询。"
    assert join_segments([Segment("以下是普通话的法律咨询。", -0.3, 1.0, 0.1)], prompt=prompt) == ""
    kept = Segment("我想咨询工伤认定", -0.3, 1.0, 0.1)
    assert join_segments([kept], prompt=prompt) == "我想咨询工伤认定"
    assert join_segments([Segment("法律咨询", -0.3, 1.0, 0.1)], prompt=prompt) == "法律咨询"


def test_real_speech_segments_survive_and_loops_do_not():
    keep = Segment("老板拖欠工资怎么办", -0.3, 1.1, 0.05)
    loop = Segment("工资工资工资工资工资工资工资工资工资", -0.1, 5.0, 0.01)
    quiet = Segment("嗯", -1.5, 0.8, 0.9)
    assert join_segments([keep, loop, quiet]) == "老板拖欠工资怎么办"


def test_random_weight_model_runs_through_the_same_load_path(
    random_checkpoint: Path, spoken_wav: Path, monkeypatch: pytest.MonkeyPatch
):
    seen: list[list[Segment]] = []
    real_join = asr.join_segments

    def spy(segments: list[Segment], *, prompt: str | None = None) -> str:
        segments = list(segments)
        seen.append(segments)
        return real_join(segments, prompt=prompt)

    monkeypatch.setattr(asr, "join_segments", spy)
    transcriber = load_transcriber(random_checkpoint, threads=1)
    assert transcriber.integrity == "unknown"
    text = transcriber.transcribe(load_audio(spoken_wav))
    assert isinstance(text, str)
    assert seen and seen[0], "whisper decoded no segment at all"
    # Garbage in, but whatever the filter rejects never reaches the text.
    for seg in seen[0]:
        if is_hallucination(seg):
            assert seg.text.strip() not in text or not seg.text.strip()
    assert transcriber.last_language == "zh"


def test_whisper_is_never_asked_for_a_model_name(random_checkpoint: Path, monkeypatch):
    import whisper

    calls: list[str] = []
    real = whisper.load_model

    def spy(name: str, *a: object, **k: object) -> object:
        calls.append(name)
        return real(name, *a, **k)

    monkeypatch.setattr(whisper, "load_model", spy)
    monkeypatch.chdir(random_checkpoint.parent)
    WhisperTranscriber(Path("random.pt"), threads=1)
    assert calls == [str(random_checkpoint.resolve())]
    assert calls[0] not in whisper.available_models()


def test_silence_never_becomes_text(random_checkpoint: Path):
    from assistant.speech.errors import AudioSilentError
    from assistant.speech.normalize import Normalizer
    from assistant.speech.service import transcribe_bytes
    from eval.make_speech_set import wav_bytes

    silence = wav_bytes(np.zeros(32_000, dtype=np.float32), rate=16_000)
    transcriber = load_transcriber(random_checkpoint, threads=1)
    with pytest.raises(AudioSilentError):
        transcribe_bytes(silence, transcriber=transcriber, normalizer=Normalizer())
