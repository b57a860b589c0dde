from __future__ import annotations

from pathlib import Path

import pytest

from legalaid import cli


@pytest.fixture
def with_transcribe(monkeypatch: pytest.MonkeyPatch) -> None:
    commands = dict(cli.COMMANDS)
    commands.setdefault("transcribe", "legalaid.commands.transcribe")
    monkeypatch.setattr(cli, "COMMANDS", commands)


@pytest.mark.usefixtures("with_transcribe")
@pytest.mark.parametrize(
    ("payload", "code"),
    [(b"not audio at all" * 8, "audio_unsupported"), (b"OggS" + bytes(500), "audio_corrupt")],
)
def test_bad_audio_exits_nonzero_with_the_api_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], payload: bytes, code: str
):
    f = tmp_path / "voice.bin"
    f.write_bytes(payload)
    assert cli.main(["transcribe", str(f)]) == 2
    err = capsys.readouterr().err
    assert f"（{code}）" in err and "Traceback" not in err


@pytest.mark.usefixtures("with_transcribe")
def test_missing_checkpoint_says_voice_input_not_configured(
    spoken_wav: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("LEGALAID_SPEECH__WHISPER_CHECKPOINT", raising=False)
    assert cli.main(["transcribe", str(spoken_wav), "--checkpoint", "/nonexistent/x.pt"]) == 2
    assert "语音输入暂未开通，请直接输入文字。" in capsys.readouterr().err


@pytest.mark.usefixtures("with_transcribe")
def test_prints_original_and_normalised(
    spoken_wav: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    from assistant.speech import loader

    class Heard:
        engine = "fake"
        name = "fake"
        load_seconds = 0.0

        def transcribe(self, audio: object) -> str:
            return "在工地受了公傷"

    monkeypatch.setattr(loader, "open_transcriber", lambda *a, **k: Heard())
    assert cli.main(["transcribe", str(spoken_wav)]) == 0
    out = capsys.readouterr().out
    assert "原始识别：在工地受了公伤" in out  # shown in simplified characters
    assert "规范化后：在工地受了工伤。" in out


def test_transcribes_a_real_recording_with_the_bundled_model(
    real_clips: tuple[Path, list[dict[str, str]]], assembled_dir: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
):
    from assistant.config import Settings, SpeechSettings

    folder, _ = real_clips
    settings = Settings(speech=SpeechSettings(assembled_dir=assembled_dir))
    monkeypatch.setattr(cli, "get_settings", lambda: settings)
    assert cli.main(["transcribe", str(folder / "funasr_asr_example.wav")]) == 0
    out = capsys.readouterr().out
    assert "原始识别：欢迎大家来体验达摩院推出的语音识别模型" in out
    assert "faster-whisper" in out
