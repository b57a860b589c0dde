from __future__ import annotations

import pytest

from assistant.speech.normalize import (
    LegalTermCorrector,
    Normalizer,
    default_normalizer,
    fuzzy_syllable,
    punctuate,
)


@pytest.fixture(scope="module")
def norm() -> Normalizer:
    return default_normalizer()


@pytest.mark.parametrize(
    ("heard", "expected"),
    [
        ("我想申请老动仲裁", "我想申请劳动仲裁。"),
        ("上班路上出车祸算公伤吗", "上班路上出车祸算工伤吗？"),
        ("离婚后孩子的服养费谁出", "离婚后孩子的抚养费谁出？"),
        ("诉讼失效过了吗", "诉讼时效过了吗？"),
        ("撞了人要陪偿金吗", "撞了人要赔偿金吗？"),
        ("交枪险赔多少", "交强险赔多少？"),
        ("摘基地被占了", "宅基地被占了。"),
    ],
)
def test_garbled_legal_terms_are_restored(norm: Normalizer, heard: str, expected: str):
    assert norm.normalize(heard).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "他去工商局办了营业执照。",  # 工商 sounds like 工伤
        "上述情况全部属实。",  # 上述 ~ 上诉
        "医生的医嘱要按时吃药。",  # 医嘱 ~ 遗嘱
        "这份合同已经失效了吗？",  # 失效 ~ 时效
        "婚后生了两个孩子。",  # contains 后生 across a word boundary
        "半夜来了一个人敲门。",  # contains 夜来
        "给孩子买了个布娃娃。",  # 娃娃 as a doll
        "扶养费和抚养费不是一回事。",
        "这台机器的使用期是五年。",
        "劳动合作协议。",
        "受苦的是孩子。",  # 受苦 is tag-only
    ],
)
def test_correct_words_must_not_change(norm: Normalizer, text: str):
    result = norm.normalize(text)
    assert result.text == text
    assert [c for c in result.changes if c.kind in ("legal_term", "dialect")] == []


def test_traditional_to_simplified_and_original_kept(norm: Normalizer):
    r = norm.normalize("他們拖欠工資三個月了")
    assert r.text == "他们拖欠工资三个月了。"
    assert r.original == "他們拖欠工資三個月了"
    assert any(c.kind == "t2s" for c in r.changes)


def test_dialect_words_map_before_classification(norm: Normalizer):
    r = norm.normalize("我家后生在工地上干活工钱一直没给咋办")
    assert r.text == "我家年轻人在工地上干活工资一直没给怎么办？"
    regions = {c.original: c.note for c in r.changes if c.kind == "dialect"}
    assert regions["后生"] == "晋语"


def test_tag_only_dialect_words_are_recorded_not_replaced(norm: Normalizer):
    r = norm.normalize("我们这些人光景不好")
    assert "光景" in r.text
    assert any(t.startswith("光景") for t in r.dialect_tags)


def test_protect_list_wins_over_a_perfect_sound_match():
    corrector = LegalTermCorrector(["工伤"], protect=["公伤"])
    assert corrector.correct("受了公伤")[0] == "受了公伤"
    assert LegalTermCorrector(["工伤"]).correct("受了公伤")[0] == "受了工伤"


def test_fuzzy_syllables():
    assert fuzzy_syllable("zhong") == fuzzy_syllable("zong")
    assert fuzzy_syllable("lao") == fuzzy_syllable("nao")
    assert fuzzy_syllable("qing") == fuzzy_syllable("qin")
    assert fuzzy_syllable("ban") != fuzzy_syllable("bang")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("老板不给钱 我该怎么办", "老板不给钱，我该怎么办？"),
        ("工资拖了三个月", "工资拖了三个月。"),
        ("能要回来吗", "能要回来吗？"),
        ("他说,不给?", "他说，不给？"),
        ("已经问过了。", "已经问过了。"),
    ],
)
def test_punctuation(raw: str, expected: str):
    assert punctuate(raw) == expected
