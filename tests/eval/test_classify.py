from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.models import Classification
from eval import classify as runner
from eval.classify import TopicItem, evaluate, load_label_map


class KeywordFake:
    """Predicts by the first keyword found: predictable metrics without training anything."""

    RULES = (("离婚", "marriage_family_inheritance"), ("工资", "labor_wages"),
             ("商标", "out_of_scope"))

    def classify(self, text: str, *, history: Sequence[str] = ()) -> Classification:
        for word, code in self.RULES:
            if word in text:
                return Classification(category=code, confidence=0.9,
                                      secondary=["contract_debt"])
        return Classification(category="contract_debt", confidence=0.3,
                              secondary=["housing_property_neighbor"])


LABEL_MAP = {"婚姻家庭": "marriage_family_inheritance", "劳动纠纷": "labor_wages",
             "房产纠纷": "housing_property_neighbor", "知识产权": None, "公司法": None}
ITEMS = [
    TopicItem("a", "想离婚", "婚姻家庭"),            # correct
    TopicItem("b", "欠工资", "劳动纠纷"),            # correct
    TopicItem("c", "离婚后工资", "劳动纠纷"),        # wrong → marriage; top-2 no
    TopicItem("d", "房东不退押金", "房产纠纷"),      # wrong → contract_debt; top-2 yes
    TopicItem("e", "商标被抢注", "知识产权"),        # unmapped, predicted out_of_scope
    TopicItem("f", "股东会决议", "公司法"),          # unmapped, predicted in scope
]


def test_metrics_on_known_predictions() -> None:
    r = evaluate(KeywordFake(), ITEMS, LABEL_MAP)
    assert r["n_total"] == 6 and r["n_mapped"] == 4
    assert r["accuracy_mapped"] == 0.5
    assert r["accuracy_top2_mapped"] == 0.75
    assert r["per_class"]["labor_wages"] == {"n": 2, "correct": 1, "accuracy": 0.5}
    assert r["per_class"]["housing_property_neighbor"]["accuracy"] == 0.0
    assert r["unmapped_predicted_out_of_scope"] == 0.5
    assert {(c["gold"], c["predicted"]) for c in r["confusions"]} == {
        ("labor_wages", "marriage_family_inheritance"),
        ("housing_property_neighbor", "contract_debt")}
    assert r["latency_ms_p95"] >= r["latency_ms_p50"] >= 0.0


def test_label_map_values_are_resolved_to_canonical_codes(data_dir: Path) -> None:
    m = load_label_map(data_dir / "eval" / "lawbench_topic" / "label_map.json")
    assert m["债权债务"] == "contract_debt" and m["医疗纠纷"] == "personal_injury_tort_medical"
    assert m["刑事辩护"] == "criminal" and m["公司法"] is None


def test_run_on_a_tiny_file(tmp_path: Path, data_dir: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    items = [{"id": "t1", "query": "老公出轨了，我想离婚，孩子归谁", "label": "婚姻家庭"},
             {"id": "t2", "query": "老板拖欠我三个月工资不发", "label": "劳动纠纷"},
             {"id": "t3", "query": "我的发明专利被别人仿冒了", "label": "知识产权"}]
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items),
                    encoding="utf-8")
    p = argparse.ArgumentParser()
    runner.add_arguments(p)
    args = p.parse_args(["--file", str(path), "--json", str(tmp_path / "m.json"),
                         "--plot", str(tmp_path / "cm.png")])
    assert runner.run(args, Settings(data_dir=data_dir, results_dir=tmp_path)) == 0
    result = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert result["n_total"] == 3 and result["n_mapped"] == 2
    assert result["accuracy_mapped"] == 1.0
    assert result["unmapped_predicted_out_of_scope"] == 1.0
    assert (tmp_path / "cm.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "accuracy_mapped 1.000" in capsys.readouterr().out


REVIEW_TSV = "\n".join([
    "id\tsource_label\treviewer\tcategory\tverdict\treason",
    "a\t婚姻家庭\tA\tmarriage_family_inheritance\tagree\tdivorce",
    "b\t劳动纠纷\tA\tlabor_wages\tagree\twages",
    "c\t劳动纠纷\tA\tmarriage_family_inheritance\twrong_label\tdivorce, not labour",
    "d\t房产纠纷\tA\tnone\tunclear\tno matter stated",
    "a\t婚姻家庭\tB\tmarriage_family_inheritance\tagree\tdivorce",
    "b\t劳动纠纷\tB\twork_injury\ttaxonomy\tinjury at work",
    "x\t婚姻家庭\tB\tlabor_wages\twrong_label\tnot in this file",
    "d\t债权债务\tB\tcontract_debt\tagree\treview of another file's item",
]) + "\n"


def test_review_summary_reads_predictions_against_each_reviewer(tmp_path: Path) -> None:
    path = tmp_path / "review.tsv"
    path.write_text(REVIEW_TSV, encoding="utf-8")
    r = evaluate(KeywordFake(), ITEMS, LABEL_MAP)
    summary = runner.review_summary(ITEMS, r["predictions"], runner.load_reviews(path))
    assert summary["n_reviewed"] == 4  # x is not an item; B's d has another source label
    # Every reviewer agreed only with a (b: B says taxonomy); a is predicted correctly.
    assert summary["n_all_reviewers_agree"] == 1
    assert summary["accuracy_where_all_reviewers_agree"] == 1.0
    a = summary["reviewers"]["A"]
    assert a["verdicts"] == {"agree": 2, "taxonomy": 0, "wrong_label": 1, "unclear": 1}
    # A files a, b as mapped; c and d differently → ceiling 2/4.
    assert a["source_label_ceiling"] == 0.5
    # Predictions a=marriage, b=labor, c=marriage match A; d (none) is not scored.
    assert a["accuracy_vs_reviewer"] == 1.0
    b = summary["reviewers"]["B"]
    assert b["n"] == 2 and b["accuracy_vs_reviewer"] == 0.5 and b["source_label_ceiling"] == 0.5


def test_review_file_rejects_unknown_verdicts(tmp_path: Path) -> None:
    path = tmp_path / "review.tsv"
    path.write_text("id\tsource_label\treviewer\tcategory\tverdict\treason\n"
                    "a\t婚姻家庭\tA\tmarriage_family_inheritance\tmaybe\t?\n", encoding="utf-8")
    with pytest.raises(ValueError, match="review.tsv:2"):
        runner.load_reviews(path)


def test_shipped_review_covers_the_dev_split_with_known_codes(data_dir: Path) -> None:
    reviews = runner.load_reviews(runner.REVIEW_PATH)
    items = {i.id: i for i in runner.load_items(data_dir / "eval" / "lawbench_topic" / "dev.jsonl")}
    label_map = load_label_map(data_dir / "eval" / "lawbench_topic" / "label_map.json")
    mapped = {i for i, item in items.items() if label_map.get(item.label)}
    for name in {r.reviewer for r in reviews}:
        mine = [r for r in reviews if r.reviewer == name]
        assert {r.id for r in mine} == mapped
        assert all(items[r.id].label == r.source_label for r in mine)
        assert all(r.category is None or r.category in runner.PREDICTED_LABELS for r in mine)


def test_cross_validation_hides_each_fold_and_its_dialogues_from_training() -> None:
    items = [TopicItem(f"q{i}", f"问题{i}", "labor_wages") for i in range(6)]
    items.append(TopicItem("lexrag-3#t1", "第一轮", "criminal"))
    seen_held: list[frozenset[str]] = []

    class Memorising:
        """Knows the label of every question it was trained on; guesses contract_debt else."""

        def __init__(self, held: frozenset[str]) -> None:
            self.known = {i.query: i.label for i in items if i.id not in held}

        def classify(self, text: str, *, history: Sequence[str] = ()) -> Classification:
            return Classification(category=self.known.get(text, "contract_debt"), confidence=1.0)

    def train(held: frozenset[str]) -> Memorising:
        seen_held.append(held)
        return Memorising(held)

    codes = {c: c for c in runner.PREDICTED_LABELS}
    result = runner.cross_validated(train, items, codes, folds=3)
    # A classifier that only memorises scores nothing when every item is held out of training.
    assert result["n_mapped"] == 7 and result["accuracy_mapped"] == 0.0
    assert len(seen_held) == 3 and "lexrag-3#t2" in frozenset().union(*seen_held)
    assert runner.held_ids("q1") == {"q1"}


def test_question_category_file_is_scored_with_our_codes(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"id": "a", "question": "公司拖欠工资", "category": "labor_wages"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    items = runner.load_items(path)
    assert items == [TopicItem("a", "公司拖欠工资", "labor_wages")] and runner.coded(items)
