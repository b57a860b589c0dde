from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from eval.asr import cer, cer_normalise, edit_distance, is_real_speech, measure, to_wechat_amr
from eval.make_speech_set import load_questions, wav_bytes
from eval.normalize import DEFAULT_SET, score_item
from knowledge.taxonomy import CATEGORY_CODES


def test_edit_distance_and_cer_normalisation():
    assert edit_distance("劳动仲裁", "老动仲裁") == 1
    assert edit_distance("", "abc") == 3
    assert cer_normalise("勞動仲裁，怎麼辦？ OK") == "劳动仲裁怎么办ok"
    assert cer(["劳动仲裁。"], ["勞動仲裁"]) == 0.0
    assert cer(["工伤认定"], ["公伤认定"]) == 0.25


def test_spoken_question_set_covers_the_twelve_categories():
    questions = load_questions()
    assert len(questions) >= 100
    assert set(Counter(q.category for q in questions)) == set(CATEGORY_CODES)
    assert len({q.text for q in questions}) == len(questions)


def test_noisy_set_shape():
    items = [json.loads(x) for x in DEFAULT_SET.read_text(encoding="utf-8").splitlines()]
    assert len(items) >= 200
    assert sum(len(i["terms"]) for i in items) >= 150
    assert any(i["traditional"] for i in items) and any(i["dialect"] for i in items)
    for i in items:
        for t in i["terms"]:
            assert t["garbled"] in i["noisy"] or i["traditional"]
            assert t["term"] in i["reference"]


def test_scoring_counts_restored_terms_and_wrong_changes():
    item = {"reference": "我受了工伤，工商局不管", "terms": [{"garbled": "公伤", "term": "工伤"}],
            "dialect": []}
    good = score_item(item, "我受了工伤，工商局不管。")
    assert good["restored"] == [True] and good["wrong"] == []
    bad = score_item(item, "我受了公伤，工伤局不管。")
    assert bad["restored"] == [False] and bad["wrong"] == ["工商局"]


class _Echo:
    """Hears the manifest text of the clip it is given (by length), for runner tests."""

    def __init__(self, texts: dict[int, str]) -> None:
        self.texts = texts

    def transcribe(self, audio: np.ndarray) -> str:
        return self.texts.get(audio.size // 1600, "")


def _manifest(tmp_path: Path, *, source: bool) -> Path:
    rows = []
    for i, text in enumerate(["老板拖欠工资", "我想申请劳动仲裁"]):
        t = np.arange((i + 1) * 16_000) / 16_000
        audio = (0.3 * np.sin(2 * np.pi * 220 * t) * (1 + np.sin(2 * np.pi * 3 * t))).astype(
            np.float32)
        (tmp_path / f"c{i}.wav").write_bytes(wav_bytes(audio, rate=16_000))
        rows.append({"audio": f"c{i}.wav", "text": text, **({"source": "test"} if source else {})})
    path = tmp_path / "manifest.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_only_real_recordings_get_an_accuracy_figure(tmp_path: Path):
    manifest = _manifest(tmp_path, source=False)
    rows = [json.loads(x) for x in manifest.read_text(encoding="utf-8").splitlines()]
    assert not is_real_speech(rows)
    assert is_real_speech([{**r, "source": "AISHELL-1"} for r in rows])
    result = measure(rows, tmp_path, _Echo({10: "老板拖欠工资", 20: "我想申请劳动仲裁"}),
                     real=False, amr=False)
    assert result["cer"] is None and all(c["cer"] is None for c in result["per_clip"])
    assert result["rtf"] > 0


def test_figures_for_wav_and_the_wechat_round_trip(tmp_path: Path):
    manifest = _manifest(tmp_path, source=True)
    rows = [json.loads(x) for x in manifest.read_text(encoding="utf-8").splitlines()]
    heard = _Echo({10: "老闆拖欠工資", 20: "我想申请劳动仲裁"})
    result = measure(rows, tmp_path, heard, real=True, amr=True)
    assert result["cer"] == 0.0  # Traditional → simplified before scoring
    assert {"cer_amr", "rtf_amr", "per_clip_amr"} <= set(result)
    assert [c["audio_s"] for c in result["per_clip_amr"]] == pytest.approx([1.0, 2.0], abs=0.03)


def test_a_wechat_note_is_amr_nb_of_the_same_length():
    from assistant.speech.audio import load_audio

    audio = np.zeros(32_000, dtype=np.float32)
    audio[::50] = 0.5
    note = to_wechat_amr(audio)
    assert note.startswith(b"#!AMR\n")
    assert load_audio(note, require_speech=False).size == pytest.approx(32_000, abs=320)


@pytest.mark.slow
def test_eval_asr_on_the_real_clips_meets_the_goals(tmp_path: Path):
    from assistant.config import Settings, SpeechSettings
    from legalaid import cli

    manifest = Settings().data_dir / "speech" / "real" / "manifest.jsonl"
    if not manifest.is_file():
        pytest.skip("real speech clips missing")
    settings = Settings(speech=SpeechSettings(assembled_dir=tmp_path / "whisper"))
    out = tmp_path / "asr.json"
    args = cli.build_parser().parse_args(
        ["eval", "asr", "--manifest", str(manifest), "--json", str(out)])
    assert args._module.run(args, settings) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert {"cer", "cer_amr", "rtf", "load_seconds", "clips", "engine"} <= set(figures)
    assert figures["clips"] == 4 and figures["engine"] == "faster-whisper"
    assert figures["cer"] <= 0.15 and figures["load_seconds"] <= 5.0
    assert "smoke test" in figures["note"]
