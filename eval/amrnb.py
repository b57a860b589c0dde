"""AMR-NB encoding (WeChat voice-note format) through libopencore-amrnb, for test and eval audio.

Debian's ffmpeg decodes AMR-NB but cannot encode it (it is built without the opencore encoder)
and Debian's sox has no AMR support, so synthetic WeChat-like clips are encoded here with the
same library ffmpeg would use (``apt-get install libopencore-amrnb0``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache

import numpy as np

AMR_MAGIC = b"#!AMR\n"
FRAME_SAMPLES = 160  # 20 ms at 8 kHz
MODE_MR122 = 7  # 12.2 kbit/s, the highest AMR-NB mode


class AmrUnavailableError(RuntimeError):
    """libopencore-amrnb is not installed."""


@lru_cache(maxsize=1)
def _lib() -> ctypes.CDLL:
    name = ctypes.util.find_library("opencore-amrnb") or "libopencore-amrnb.so.0"
    try:
        lib = ctypes.CDLL(name)
    except OSError as e:
        raise AmrUnavailableError("apt-get install libopencore-amrnb0") from e
    lib.Encoder_Interface_init.restype = ctypes.c_void_p
    lib.Encoder_Interface_init.argtypes = [ctypes.c_int]
    lib.Encoder_Interface_Encode.restype = ctypes.c_int
    lib.Encoder_Interface_Encode.argtypes = [
        ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_short),
        ctypes.POINTER(ctypes.c_ubyte), ctypes.c_int,
    ]
    lib.Encoder_Interface_exit.argtypes = [ctypes.c_void_p]
    return lib


def amr_available() -> bool:
    try:
        _lib()
    except AmrUnavailableError:
        return False
    return True


def encode_amr_nb(pcm_8k: np.ndarray, *, mode: int = MODE_MR122) -> bytes:
    """float samples in [-1, 1] at 8 kHz mono → an ``.amr`` file (RFC 4867 storage format)."""
    lib = _lib()
    pcm = np.clip(np.asarray(pcm_8k, dtype=np.float64) * 32767.0, -32768, 32767).astype(np.int16)
    pad = (-pcm.size) % FRAME_SAMPLES
    pcm = np.concatenate([pcm, np.zeros(pad, dtype=np.int16)])
    state = lib.Encoder_Interface_init(0)
    out = bytearray(AMR_MAGIC)
    buf = (ctypes.c_ubyte * 64)()
    try:
        for start in range(0, pcm.size, FRAME_SAMPLES):
            frame = np.ascontiguousarray(pcm[start : start + FRAME_SAMPLES])
            ptr = frame.ctypes.data_as(ctypes.POINTER(ctypes.c_short))
            n = lib.Encoder_Interface_Encode(state, mode, ptr, buf, 0)
            out += bytes(buf[:n])
    finally:
        lib.Encoder_Interface_exit(state)
    return bytes(out)
