from __future__ import annotations

from decimal import Decimal

import pytest

from knowledge.corpus import Corpus
from knowledge.rules.fees import case_types, estimate_fee, fee_relief_options, fee_table
from tests.support.citations import assert_cited

LAW = "诉讼费用交纳办法"


def test_every_fee_row_cites_real_text(statutes: Corpus) -> None:
    t = fee_table()
    rows = [*t["schedules"].values(), *t["case_types"].values(), *t["rules"].values(),
            *t["relief"]]
    for row in rows:
        assert_cited(statutes, LAW, row["article"], row["basis_phrase"])


# Hand-computed from 第十三条(一): 50 up to 10k, then 2.5 %, 2 %, 1.5 %, 1 %, 0.9 %, 0.8 %,
# 0.7 %, 0.6 %, 0.5 % on each slice.
@pytest.mark.parametrize(
    ("claim", "fee"),
    [
        (5_000, "50"),
        (10_000, "50"),
        (50_000, "1050"),  # 50 + 40,000 × 2.5 %
        (100_000, "2300"),  # 50 + 90,000 × 2.5 %
        (200_000, "4300"),  # + 100,000 × 2 %
        (500_000, "8800"),  # + 300,000 × 1.5 %
        (1_000_000, "13800"),  # + 500,000 × 1 %
        (2_000_000, "22800"),  # + 1,000,000 × 0.9 %
        (5_000_000, "46800"),  # + 3,000,000 × 0.8 %
        (10_000_000, "81800"),  # + 5,000,000 × 0.7 %
        (20_000_000, "141800"),  # + 10,000,000 × 0.6 %
        (30_000_000, "191800"),  # + 10,000,000 × 0.5 %
        (10_001, "50.03"),  # 50 + 1 × 2.5 % = 50.025, rounded half up to the fen
    ],
)
def test_property_schedule(claim: int, fee: str) -> None:
    est = estimate_fee("property", amount=Decimal(claim))
    assert est.amount_yuan == Decimal(fee)
    assert est.amount_max_yuan == est.amount_yuan
    assert (LAW, "第十三条") in est.basis


def test_simple_procedure_halves_acceptance_fee() -> None:
    est = estimate_fee("property", amount=Decimal(100_000), simple_procedure=True)
    assert est.amount_yuan == Decimal("1150")
    assert (LAW, "第十六条") in est.basis
    assert estimate_fee("labor", amount=None, simple_procedure=True).amount_yuan == Decimal("5")


def test_divorce_range_and_property_over_200k() -> None:
    plain = estimate_fee("divorce", amount=None)
    assert (plain.amount_yuan, plain.amount_max_yuan) == (Decimal(50), Decimal(300))
    under = estimate_fee("divorce", amount=Decimal(200_000))
    assert (under.amount_yuan, under.amount_max_yuan) == (Decimal(50), Decimal(300))
    over = estimate_fee("divorce", amount=Decimal(300_000))  # + 100,000 × 0.5 % = 500
    assert (over.amount_yuan, over.amount_max_yuan) == (Decimal(550), Decimal(800))
    assert any("各省" in line for line in over.breakdown)


def test_personality_rights_damages() -> None:
    est = estimate_fee("personality_rights", amount=Decimal(150_000))
    # 100–500 + 50,000 × 1 % + 50,000 × 0.5 % = +750
    assert (est.amount_yuan, est.amount_max_yuan) == (Decimal(850), Decimal(1250))


def test_labour_administrative_and_free_cases() -> None:
    assert estimate_fee("labor", amount=Decimal(80_000)).amount_yuan == Decimal(10)
    assert "不预交" in estimate_fee("labor", amount=None).relief_note_zh
    assert estimate_fee("administrative", amount=None).amount_yuan == Decimal(50)
    assert estimate_fee("administrative_trademark_patent_maritime", amount=None).amount_yuan == (
        Decimal(100)
    )
    assert estimate_fee("administrative_compensation", amount=None).amount_yuan == 0
    assert estimate_fee("special_procedure", amount=None).amount_max_yuan == 0


def test_applications() -> None:
    assert estimate_fee("payment_order", amount=Decimal(100_000)).amount_yuan == Decimal("766.67")
    assert estimate_fee("preservation", amount=Decimal(500)).amount_yuan == Decimal(30)
    assert estimate_fee("preservation", amount=Decimal(100_000)).amount_yuan == Decimal(1020)
    assert estimate_fee("preservation", amount=Decimal(10_000_000)).amount_yuan == Decimal(5000)
    assert estimate_fee("execution", amount=Decimal(600_000)).amount_yuan == Decimal(8400)
    no_amount = estimate_fee("execution", amount=None)
    assert (no_amount.amount_yuan, no_amount.amount_max_yuan) == (Decimal(50), Decimal(500))
    assert estimate_fee("arbitration_set_aside", amount=None).amount_yuan == Decimal(400)
    # Simple procedure halves acceptance fees only, never application fees.
    half = estimate_fee("public_summons", amount=None, simple_procedure=True)
    assert half.amount_yuan == Decimal(100)


def test_intellectual_property_with_and_without_amount() -> None:
    assert estimate_fee("intellectual_property", amount=None).amount_max_yuan == Decimal(1000)
    assert estimate_fee("intellectual_property", amount=Decimal(50_000)).amount_yuan == (
        Decimal(1050)
    )


def test_bad_input() -> None:
    with pytest.raises(ValueError):
        estimate_fee("property", amount=None)
    with pytest.raises(ValueError):
        estimate_fee("nonsense", amount=Decimal(1))
    with pytest.raises(ValueError):
        estimate_fee("property", amount=Decimal(-1))


def test_relief() -> None:
    note = estimate_fee("property", amount=Decimal(1000)).relief_note_zh
    assert "缓交、减交或者免交" in note and "第四十四条" in note
    opts = fee_relief_options({"追索赡养费扶养费抚育费抚恤金", "正在接受法律援助"})
    assert [(r.article, "免交" in r.text_zh) for r in opts] == [
        ("第四十五条", True), ("第四十七条", False)
    ]
    assert "离婚案件" in case_types().values()
