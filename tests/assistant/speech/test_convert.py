from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from assistant.speech.convert import read_ct2, whisper_dims, whisper_state_dict
from knowledge.errors import ModelIntegrityError


def _string(text: str) -> bytes:
    raw = text.encode()
    return struct.pack("<H", len(raw) + 1) + raw + b"\0"


def _model_bin(variables: dict[str, np.ndarray], aliases: dict[str, str]) -> bytes:
    ids = {"float32": 0, "int8": 1, "int16": 2, "int32": 3, "float16": 4}
    out = struct.pack("<I", 6) + _string("WhisperSpec") + struct.pack("<I", 3)
    out += struct.pack("<I", len(variables))
    for name, a in variables.items():
        out += _string(name) + struct.pack("<B", a.ndim)
        out += b"".join(struct.pack("<I", d) for d in a.shape)
        out += struct.pack("<B", ids[str(a.dtype)]) + struct.pack("<I", a.nbytes) + a.tobytes()
    out += struct.pack("<I", len(aliases))
    return out + b"".join(_string(k) + _string(v) for k, v in aliases.items())


def test_reads_the_ctranslate2_format(tmp_path: Path):
    emb = np.arange(6, dtype=np.float16).reshape(3, 2)
    path = tmp_path / "model.bin"
    path.write_bytes(_model_bin({"decoder/embeddings/weight": emb,
                                 "decoder/num_heads": np.array(8, dtype=np.int16)},
                                {"decoder/projection/weight": "decoder/embeddings/weight"}))
    model = read_ct2(path)
    assert model.spec == "WhisperSpec"
    assert np.array_equal(model.variables["decoder/projection/weight"], emb)
    assert int(model.variables["decoder/num_heads"]) == 8


def test_refuses_another_format_version(tmp_path: Path):
    path = tmp_path / "model.bin"
    path.write_bytes(struct.pack("<I", 5) + _string("WhisperSpec"))
    with pytest.raises(ModelIntegrityError, match="version 5"):
        read_ct2(path)


def test_bundled_weights_fill_openai_whisper_exactly(assembled_dir: Path):
    import torch
    from whisper.model import ModelDimensions, Whisper

    model = read_ct2(assembled_dir / "model.bin")
    dims = whisper_dims(model)
    assert dims == {"n_mels": 80, "n_audio_ctx": 1500, "n_audio_state": 512, "n_audio_head": 8,
                    "n_audio_layer": 6, "n_vocab": 51865, "n_text_ctx": 448,
                    "n_text_state": 512, "n_text_head": 8, "n_text_layer": 6}
    state = {k: torch.from_numpy(np.array(a)) for k, a in whisper_state_dict(model).items()}
    net = Whisper(ModelDimensions(**dims))
    net.load_state_dict(state, strict=True)  # every tensor present, no name left over


@pytest.mark.slow
def test_both_engines_hear_the_same_words(assembled_dir: Path, real_clips, tmp_path: Path):
    """The converter is right if openai-whisper on the converted weights agrees with
    faster-whisper on the originals."""
    from assistant.config import SpeechSettings
    from assistant.speech.audio import load_audio
    from assistant.speech.loader import open_transcriber
    from eval.asr import cer, cer_normalise

    folder, rows = real_clips
    assembled = tmp_path / "models" / "whisper-base-ct2"
    assembled.parent.mkdir()
    assembled.symlink_to(assembled_dir, target_is_directory=True)
    audio = load_audio(folder / "funasr_asr_example.wav")
    texts = {}
    for engine in ("faster-whisper", "openai-whisper"):
        t = open_transcriber(SpeechSettings(engine=engine, assembled_dir=assembled))
        assert t.engine == engine
        texts[engine] = cer_normalise(t.transcribe(audio))
    assert texts["faster-whisper"] == texts["openai-whisper"]
    assert cer([rows[1]["text"]], [texts["openai-whisper"]]) <= 0.1
