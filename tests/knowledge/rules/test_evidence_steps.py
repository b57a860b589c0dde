from __future__ import annotations

import json

import pytest

from knowledge.corpus import Corpus
from knowledge.rules.common import CATEGORY_CODES, DATA_DIR
from knowledge.rules.evidence import evidence_checklist, missing_evidence
from knowledge.rules.steps import HOTLINES, steps_for_category
from tests.support.citations import assert_cited


def test_category_codes_match_taxonomy_file() -> None:
    raw = json.loads((DATA_DIR / "categories.json").read_text(encoding="utf-8"))
    codes = {c["code"] for c in raw["categories"]} - {"out_of_scope"}
    assert codes == set(CATEGORY_CODES)


@pytest.mark.parametrize("code", CATEGORY_CODES)
def test_every_category_has_evidence_and_steps(code: str) -> None:
    items = evidence_checklist(code, set())
    assert len(items) >= 4 and not any(i.held for i in items)
    assert len({i.key for i in items}) == len(items)
    assert all(i.label_zh and i.why_zh for i in items)
    steps = steps_for_category(code)
    assert len(steps) >= 3
    assert any(s.law_key for s in steps), "each category cites at least one article"


def test_held_items_are_marked_by_synonym() -> None:
    items = {i.key: i.held for i in evidence_checklist("labor_wages", {"工资条", "微信", " 录音 "})}
    assert items["pay_slips"] and items["chat_records"] and items["recordings"]
    assert not items["labor_contract"]
    missing = {i.key for i in missing_evidence("contract_debt", {"借条", "转账记录"})}
    assert "iou" not in missing and "transfer_records" not in missing and "contract" in missing
    traffic = {i.key: i.held for i in evidence_checklist("traffic_accident", {"事故认定书", "发票"})}
    assert traffic["accident_report"] and traffic["medical_bills"]


def test_unknown_category_rejected() -> None:
    with pytest.raises(ValueError):
        evidence_checklist("maritime", set())
    with pytest.raises(ValueError):
        steps_for_category("maritime")


def test_step_citations_are_real(statutes: Corpus) -> None:
    for code in CATEGORY_CODES:
        for s in steps_for_category(code):
            if s.law_key:
                assert_cited(statutes, s.law_key, s.article, s.basis_phrase)
            if s.hotline:
                assert s.hotline in HOTLINES, s.hotline


def test_expected_bodies_and_hotlines_present() -> None:
    def bodies(code: str) -> str:
        return " ".join(s.body_zh for s in steps_for_category(code))

    assert "劳动人事争议仲裁委员会" in bodies("labor_wages")
    assert "社会保险行政部门" in bodies("work_injury")
    assert "农村土地承包仲裁委员会" in bodies("rural_land_grassland")
    assert "行政复议机关" in bodies("administrative")
    hotlines = {s.hotline for c in CATEGORY_CODES for s in steps_for_category(c)}
    assert {"12348", "12315", "12333", "12338", "12355", "110", "120"} <= hotlines
