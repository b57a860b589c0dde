from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from knowledge.bm25 import BM25Index, BM25Params

DOCS = [["劳动", "合同", "工资"], ["离婚", "诉讼"], ["工资", "工资", "拖欠"], []]


def test_scores_match_the_okapi_formula() -> None:
    p = BM25Params(k1=1.2, b=0.75)
    idx = BM25Index.build(DOCS, params=p)
    n, avgdl = 4, (3 + 2 + 3 + 0) / 4
    df = 2  # 工资 is in docs 0 and 2
    idf = math.log(1 + (n - df + 0.5) / (df + 0.5))

    def term(tf: int, dl: int) -> float:
        return idf * tf * (p.k1 + 1) / (tf + p.k1 * (1 - p.b + p.b * dl / avgdl))

    scores = idx.score(["工资"])
    assert scores[0] == pytest.approx(term(1, 3), rel=1e-5)
    assert scores[2] == pytest.approx(term(2, 3), rel=1e-5)
    assert scores[1] == 0 and scores[3] == 0


def test_unknown_terms_and_empty_queries_score_zero() -> None:
    idx = BM25Index.build(DOCS)
    assert not idx.score(["不存在"]).any()
    assert not idx.score([]).any()


def test_term_weights_scale_contributions() -> None:
    idx = BM25Index.build(DOCS)
    base = idx.score(["离婚"])
    assert idx.score(["离婚"], term_weights=[0.5]) == pytest.approx(base * 0.5)
    assert idx.score(["离婚", "离婚"]) == pytest.approx(base * 2)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    idx = BM25Index.build(DOCS, params=BM25Params(k1=0.9, b=0.4))
    idx.save(tmp_path, "a")
    back = BM25Index.load(tmp_path, "a")
    assert back.params == BM25Params(k1=0.9, b=0.4)
    np.testing.assert_allclose(back.score(["工资", "诉讼"]), idx.score(["工资", "诉讼"]))
    assert back.idf("工资") == pytest.approx(idx.idf("工资"))
