"""CTranslate2 Whisper weights → an openai-whisper checkpoint, so both engines run the bundled model.

The CTranslate2 ``model.bin`` (binary version 6: a header, then named tensors, then aliases) holds
every tensor of the original model; the converter from Hugging Face fused the self-attention
query/key/value into one matrix and the cross-attention key/value into another. Splitting them
back and renaming gives openai-whisper's ``model_state_dict``. Reading the file needs numpy only;
writing the checkpoint needs torch (imported in ``write_checkpoint``).
"""

from __future__ import annotations

import json
import logging
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.speech.bundled import assemble_bundled
from knowledge.errors import ModelIntegrityError
from knowledge.integrity import sha256_file

log = logging.getLogger(__name__)

CT2_BINARY_VERSION = 6
_DTYPES = ("float32", "int8", "int16", "int32", "float16", "bfloat16")
CONVERTED_NAME = "whisper-base-from-ct2.pt"


@dataclass(frozen=True)
class Ct2Model:
    """The spec name (``WhisperSpec``) and every named tensor of a ``model.bin``."""

    spec: str
    variables: dict[str, np.ndarray]


class _Reader:
    def __init__(self, data: memoryview) -> None:
        self.data, self.off = data, 0

    def unpack(self, fmt: str) -> Any:
        value = struct.unpack_from("<" + fmt, self.data, self.off)[0]
        self.off += struct.calcsize("<" + fmt)
        return value

    def string(self) -> str:
        n = self.unpack("H")  # length including the trailing NUL
        text = bytes(self.data[self.off : self.off + n - 1]).decode("utf-8")
        self.off += n
        return text

    def array(self, shape: list[int], dtype: str, nbytes: int) -> np.ndarray:
        if dtype == "bfloat16":
            raise ModelIntegrityError("bfloat16 CTranslate2 weights are not supported")
        raw = self.data[self.off : self.off + nbytes]
        self.off += nbytes
        return np.frombuffer(raw, dtype=np.dtype(dtype)).reshape(shape)


def read_ct2(path: Path) -> Ct2Model:
    """Parse a CTranslate2 ``model.bin``; aliases become extra names for the same arrays."""
    r = _Reader(memoryview(Path(path).read_bytes()))
    version = r.unpack("I")
    if version != CT2_BINARY_VERSION:
        raise ModelIntegrityError(f"{path}: CTranslate2 binary version {version}, expected 6")
    spec = r.string()
    r.unpack("I")  # spec revision
    variables: dict[str, np.ndarray] = {}
    for _ in range(r.unpack("I")):
        name = r.string()
        shape = [r.unpack("I") for _ in range(r.unpack("B"))]
        dtype = _DTYPES[r.unpack("B")]
        variables[name] = r.array(shape, dtype, r.unpack("I"))
    for _ in range(r.unpack("I")):
        alias, target = r.string(), r.string()
        variables[alias] = variables[target]
    return Ct2Model(spec, variables)


def _layers(v: dict[str, np.ndarray], side: str) -> int:
    found = {int(m.group(1)) for k in v if (m := re.match(rf"{side}/layer_(\d+)/", k))}
    return max(found) + 1


def whisper_dims(model: Ct2Model) -> dict[str, int]:
    """openai-whisper's ``ModelDimensions`` read off the tensor shapes."""
    v = model.variables
    vocab, text_state = v["decoder/embeddings/weight"].shape
    return {
        "n_mels": int(v["encoder/conv1/weight"].shape[1]),
        "n_audio_ctx": int(v["encoder/position_encodings/encodings"].shape[0]),
        "n_audio_state": int(v["encoder/conv1/weight"].shape[0]),
        "n_audio_head": int(v["encoder/num_heads"]),
        "n_audio_layer": _layers(v, "encoder"),
        "n_vocab": int(vocab),
        "n_text_ctx": int(v["decoder/position_encodings/encodings"].shape[0]),
        "n_text_state": int(text_state),
        "n_text_head": int(v["decoder/num_heads"]),
        "n_text_layer": _layers(v, "decoder"),
    }


def _attention(v: dict[str, np.ndarray], src: str, dst: str, *, cross: bool) -> dict[str, Any]:
    """One attention block; the key projection has no bias in whisper (CT2 stored zeros)."""
    out: dict[str, Any] = {}
    if cross:
        q_w, q_b = v[f"{src}/linear_0/weight"], v[f"{src}/linear_0/bias"]
        k_w, v_w = np.split(v[f"{src}/linear_1/weight"], 2)
        k_b, v_b = np.split(v[f"{src}/linear_1/bias"], 2)
        o = "linear_2"
    else:
        q_w, k_w, v_w = np.split(v[f"{src}/linear_0/weight"], 3)
        q_b, k_b, v_b = np.split(v[f"{src}/linear_0/bias"], 3)
        o = "linear_1"
    if np.abs(k_b.astype(np.float32)).max() > 1e-3:
        raise ModelIntegrityError(f"{src}: key bias is not zero; not a Whisper conversion")
    out.update({f"{dst}.query.weight": q_w, f"{dst}.query.bias": q_b, f"{dst}.key.weight": k_w,
                f"{dst}.value.weight": v_w, f"{dst}.value.bias": v_b,
                f"{dst}.out.weight": v[f"{src}/{o}/weight"], f"{dst}.out.bias": v[f"{src}/{o}/bias"]})
    return out


def _norm(v: dict[str, np.ndarray], src: str, dst: str) -> dict[str, Any]:
    return {f"{dst}.weight": v[f"{src}/gamma"], f"{dst}.bias": v[f"{src}/beta"]}


def _block(v: dict[str, np.ndarray], side: str, i: int) -> dict[str, Any]:
    src, dst = f"{side}/layer_{i}", f"{side}.blocks.{i}"
    out = {**_attention(v, f"{src}/self_attention", f"{dst}.attn", cross=False),
           **_norm(v, f"{src}/self_attention/layer_norm", f"{dst}.attn_ln"),
           **_norm(v, f"{src}/ffn/layer_norm", f"{dst}.mlp_ln")}
    for j, k in ((0, 0), (1, 2)):  # whisper's mlp is Sequential(Linear, GELU, Linear)
        out[f"{dst}.mlp.{k}.weight"] = v[f"{src}/ffn/linear_{j}/weight"]
        out[f"{dst}.mlp.{k}.bias"] = v[f"{src}/ffn/linear_{j}/bias"]
    if side == "decoder":
        out.update(_attention(v, f"{src}/attention", f"{dst}.cross_attn", cross=True))
        out.update(_norm(v, f"{src}/attention/layer_norm", f"{dst}.cross_attn_ln"))
    return out


def whisper_state_dict(model: Ct2Model) -> dict[str, np.ndarray]:
    """openai-whisper ``model_state_dict`` (numpy arrays, dtype as stored) from a WhisperSpec."""
    if model.spec != "WhisperSpec":
        raise ModelIntegrityError(f"not a Whisper model: {model.spec}")
    v, dims = model.variables, whisper_dims(model)
    sd: dict[str, np.ndarray] = {
        "encoder.positional_embedding": v["encoder/position_encodings/encodings"],
        "decoder.positional_embedding": v["decoder/position_encodings/encodings"],
        "decoder.token_embedding.weight": v["decoder/embeddings/weight"],
    }
    for conv in ("conv1", "conv2"):
        sd[f"encoder.{conv}.weight"] = v[f"encoder/{conv}/weight"]
        sd[f"encoder.{conv}.bias"] = v[f"encoder/{conv}/bias"]
    sd.update(_norm(v, "encoder/layer_norm", "encoder.ln_post"))
    sd.update(_norm(v, "decoder/layer_norm", "decoder.ln"))
    for i in range(dims["n_audio_layer"]):
        sd.update(_block(v, "encoder", i))
    for i in range(dims["n_text_layer"]):
        sd.update(_block(v, "decoder", i))
    return sd


def write_checkpoint(model_dir: Path, out: Path) -> Path:
    """Convert ``model_dir/model.bin`` into an openai-whisper ``.pt`` at ``out`` (fp16 kept)."""
    import torch

    model = read_ct2(Path(model_dir) / "model.bin")
    state = {k: torch.from_numpy(np.array(a)) for k, a in whisper_state_dict(model).items()}
    heads = json.loads((Path(model_dir) / "config.json").read_text()).get("alignment_heads")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    torch.save({"dims": whisper_dims(model), "model_state_dict": state,
                "alignment_heads_ct2": heads}, tmp)
    tmp.replace(out)
    return out


def bundled_checkpoint(assembled_dir: Path) -> tuple[Path, str]:
    """The bundled Whisper base as an openai-whisper checkpoint, converted once beside it.

    Returns the path and the SHA-256 recorded when it was written (``NAME.sha256`` beside it),
    so the loader checks the file like an official checkpoint.
    """
    model_dir = assemble_bundled(assembled_dir)
    out = Path(assembled_dir).parent / "whisper-base-openai" / CONVERTED_NAME
    stamp = out.with_name(out.name + ".sha256")
    fresh = out.is_file() and stamp.is_file()
    if not fresh or out.stat().st_mtime < (model_dir / "model.bin").stat().st_mtime:
        log.info("converting %s to an openai-whisper checkpoint at %s", model_dir, out)
        write_checkpoint(model_dir, out)
        stamp.write_text(sha256_file(out) + "\n")
    return out, stamp.read_text().strip()
