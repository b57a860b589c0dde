from __future__ import annotations

import itertools

import pytest

from knowledge.fusion import RRF_K, reciprocal_rank_fusion


def test_single_ranking_keeps_order_and_scores() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"]])
    assert [i for i, _ in fused] == ["a", "b", "c"]
    assert fused[0][1] == pytest.approx(1 / (RRF_K + 1))
    assert fused[2][1] == pytest.approx(1 / (RRF_K + 3))


def test_item_in_both_rankings_beats_item_in_one() -> None:
    fused = dict(reciprocal_rank_fusion([["a", "b"], ["b", "c"]], k=60))
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert fused["b"] > fused["a"] > fused["c"]


def test_duplicates_inside_a_ranking_count_once_at_best_rank() -> None:
    fused = dict(reciprocal_rank_fusion([["a", "a", "b"]], k=1))
    assert fused["a"] == pytest.approx(1 / 2)
    assert fused["b"] == pytest.approx(1 / 4)


def test_weights_scale_each_ranking() -> None:
    fused = reciprocal_rank_fusion([["a"], ["b"]], k=10, weights=[1.0, 2.0])
    assert fused == [("b", pytest.approx(2 / 11)), ("a", pytest.approx(1 / 11))]


def test_ties_keep_first_seen_order() -> None:
    assert [i for i, _ in reciprocal_rank_fusion([["x", "y"], ["y", "x"]])] == ["x", "y"]


def test_fuses_by_id_not_text() -> None:
    # Two different articles with identical wording must stay two items.
    rankings = [["劳动法#50@2018", "劳动合同法#30@2013"], ["劳动合同法#30@2013"]]
    fused = reciprocal_rank_fusion(rankings)
    assert len(fused) == 2 and fused[0][0] == "劳动合同法#30@2013"


@pytest.mark.parametrize("n_lists", [0, 1, 2, 3])
def test_exhaustive_small_permutations_sum_of_reciprocals(n_lists: int) -> None:
    items = ["a", "b", "c"]
    for perms in itertools.product(itertools.permutations(items), repeat=n_lists):
        fused = dict(reciprocal_rank_fusion([list(p) for p in perms], k=5))
        for item in items if n_lists else []:
            expected = sum(1 / (5 + p.index(item) + 1) for p in perms)
            assert fused[item] == pytest.approx(expected)
        assert len(fused) == (3 if n_lists else 0)


def test_invalid_arguments() -> None:
    with pytest.raises(ValueError):
        reciprocal_rank_fusion([["a"]], k=0)
    with pytest.raises(ValueError):
        reciprocal_rank_fusion([["a"], ["b"]], weights=[1.0])
