from __future__ import annotations

import math

import pytest

from eval import metrics as m

RANKINGS = [["a", "b", "c", "d"], ["x", "y", "z", "w"], ["p", "q"]]
GOLDS = [["b", "d"], ["w"], []]  # the third query has no gold and is skipped


def test_macro_recall_hand_computed() -> None:
    # q1: top-2 holds b (1/2), top-4 holds b, d (2/2); q2: w only at rank 4.
    assert m.recall_at_k(RANKINGS, GOLDS, 2) == pytest.approx((0.5 + 0.0) / 2)
    assert m.recall_at_k(RANKINGS, GOLDS, 4) == pytest.approx((1.0 + 1.0) / 2)


def test_micro_recall_weights_queries_by_gold_count() -> None:
    assert m.micro_recall_at_k(RANKINGS, GOLDS, 2) == pytest.approx(1 / 3)
    assert m.micro_recall_at_k(RANKINGS, GOLDS, 3) == pytest.approx(1 / 3)


def test_hit_and_mrr() -> None:
    assert m.hit_at_k(RANKINGS, GOLDS, 1) == 0.0
    assert m.hit_at_k(RANKINGS, GOLDS, 2) == 0.5
    assert m.mrr_at_k(RANKINGS, GOLDS, 10) == pytest.approx((1 / 2 + 1 / 4) / 2)
    assert m.mrr_at_k(RANKINGS, GOLDS, 3) == pytest.approx((1 / 2 + 0) / 2)


def test_ndcg_hand_computed() -> None:
    dcg1 = 1 / math.log2(3) + 1 / math.log2(5)
    idcg1 = 1 + 1 / math.log2(3)
    dcg2, idcg2 = 1 / math.log2(5), 1.0
    assert m.ndcg_at_k(RANKINGS, GOLDS, 10) == pytest.approx((dcg1 / idcg1 + dcg2 / idcg2) / 2)


def test_perfect_ranking_scores_one() -> None:
    assert m.ndcg_at_k([["a", "b"]], [["a", "b"]], 10) == pytest.approx(1.0)
    assert m.mrr_at_k([["a"]], [["a"]], 10) == 1.0


def test_no_gold_anywhere_gives_zero_and_length_mismatch_raises() -> None:
    assert m.recall_at_k([["a"]], [[]], 5) == 0.0
    with pytest.raises(ValueError):
        m.recall_at_k([["a"]], [], 5)


def test_percentile() -> None:
    assert m.percentile([1, 2, 3, 4], 50) == pytest.approx(2.5)
    assert m.percentile([5], 95) == 5
    assert m.percentile([], 50) == 0.0
