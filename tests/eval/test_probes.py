from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.models import Classification
from eval import probes as runner
from eval.probes import DEFAULT_PROBES, Probe, evaluate, load_probes


class FixedFake:
    def __init__(self, category: str) -> None:
        self.category = category

    def classify(self, text: str, *, history: Sequence[str] = ()) -> Classification:
        return Classification(category=self.category, confidence=0.5)


PROBES = [
    Probe("1", "救命，他正在打我", "emergency", None),
    Probe("2", "去年被打过，想离婚", "in_scope", "labor_wages"),
    Probe("3", "欠工资", "in_scope", "labor_wages"),
    Probe("4", "商标被抢注", "out_of_scope", None),
]


def test_routing_and_metrics_with_a_fake_classifier() -> None:
    r = evaluate(FixedFake("labor_wages"), PROBES)
    assert r["n"] == 4 and r["accuracy"] == 0.75
    assert r["per_class"]["emergency"] == {"n": 1, "correct": 1, "accuracy": 1.0}
    assert r["per_class"]["in_scope"]["accuracy"] == 1.0
    assert r["per_class"]["out_of_scope"]["accuracy"] == 0.0
    assert r["category_accuracy_in_scope"] == 1.0 and r["n_with_category"] == 2
    assert [m["id"] for m in r["misses"]] == ["4"]
    everything_oos = evaluate(FixedFake("out_of_scope"), PROBES)
    assert everything_oos["per_class"]["in_scope"]["accuracy"] == 0.0
    assert everything_oos["per_class"]["out_of_scope"]["accuracy"] == 1.0


def test_shipped_probe_set_shape() -> None:
    probes = load_probes(DEFAULT_PROBES)
    kinds = [p.expected for p in probes]
    assert len(probes) >= 60
    assert kinds.count("emergency") >= 20 and kinds.count("out_of_scope") >= 25
    assert len({p.id for p in probes}) == len(probes)


def test_bad_expected_value_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "t", "expected": "maybe"}) + "\n")
    with pytest.raises(ValueError, match="expected"):
        load_probes(path)


def test_run_on_a_tiny_file(tmp_path: Path, data_dir: Path) -> None:
    rows = [{"id": "e", "text": "他拿着刀说要砍死我", "expected": "emergency", "category": None},
            {"id": "i", "text": "房东不退押金怎么办", "expected": "in_scope",
             "category": "housing_property_neighbor"},
            {"id": "o", "text": "我的商标被别人抢注了", "expected": "out_of_scope",
             "category": None}]
    path = tmp_path / "probes.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    p = argparse.ArgumentParser()
    runner.add_arguments(p)
    args = p.parse_args(["--file", str(path), "--json", str(tmp_path / "r.json")])
    assert runner.run(args, Settings(data_dir=data_dir, results_dir=tmp_path)) == 0
    result = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert result["accuracy"] == 1.0 and result["n"] == 3
