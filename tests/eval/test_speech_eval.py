from __future__ import annotations

import json
from collections import Counter

from eval.asr import cer, cer_normalise, edit_distance
from eval.make_speech_set import load_questions
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
