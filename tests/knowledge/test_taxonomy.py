from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from knowledge.corpus import load_cases, load_statutes
from knowledge.taxonomy import (
    CATEGORY_CODES,
    OUT_OF_SCOPE,
    Category,
    canonical_code,
    get_category,
    load_categories,
)


def design_order(data_dir: Path) -> tuple[str, ...]:
    """Category codes in the order of DESIGN.md's table (the pack's parent folder holds it)."""
    text = (data_dir.parent / "DESIGN.md").read_text(encoding="utf-8")
    table = text.split("## The twelve problem categories", 1)[1].split("\n\n", 2)[1]
    rows = table.splitlines()[2:]  # after the header and |---| lines
    return tuple(m.group(1) for row in rows if (m := re.match(r"\| ([a-z_]+) \|", row)))


@pytest.fixture(scope="module")
def pack_law_keys(data_dir: Path) -> set[str]:
    return {a.law_key for a in load_statutes(data_dir / "statutes")}


def test_twelve_codes_in_design_order_then_out_of_scope(data_dir: Path) -> None:
    order = design_order(data_dir)
    assert CATEGORY_CODES == order
    cats = load_categories()
    assert tuple(c.code for c in cats) == (*order, OUT_OF_SCOPE)
    assert all(isinstance(c, Category) for c in cats)


def test_load_is_cached() -> None:
    assert load_categories() is load_categories()


@pytest.mark.parametrize("category", load_categories(), ids=lambda c: c.code)
def test_category_fields_are_filled(category: Category) -> None:
    assert category.name_zh and category.description_zh.endswith("。")
    assert 30 <= len(category.keywords) <= 80
    assert len(set(category.keywords)) == len(category.keywords)
    assert all(len(k) >= 2 for k in category.keywords)
    assert category.competent_bodies
    if category.code != OUT_OF_SCOPE:
        assert category.key_laws


def test_key_laws_exist_in_pack(pack_law_keys: set[str]) -> None:
    missing = {
        (c.code, law) for c in load_categories() for law in c.key_laws if law not in pack_law_keys
    }
    assert not missing


def test_design_table_laws_are_key_laws() -> None:
    assert "劳动合同法" in get_category("labor_wages").key_laws
    assert "工伤保险条例" in get_category("work_injury").key_laws
    assert "反家庭暴力法" in get_category("vulnerable_groups_dv").key_laws
    assert "国家赔偿法" in get_category("administrative").key_laws
    assert "草原法" in get_category("rural_land_grassland").key_laws


def test_label_map_targets_resolve(data_dir: Path) -> None:
    doc = json.loads((data_dir / "eval" / "lawbench_topic" / "label_map.json").read_text("utf-8"))
    targets = {v for v in doc["map"].values() if v is not None}
    assert targets
    for target in targets:
        assert canonical_code(target) in CATEGORY_CODES
    assert canonical_code("contract_debt_loan") == "contract_debt"
    assert canonical_code("criminal_defense") == "criminal"
    assert canonical_code("personal_injury_medical") == "personal_injury_tort_medical"


def test_every_case_category_resolves(data_dir: Path) -> None:
    cases = load_cases(data_dir / "cases")
    codes = {c.category for c in cases} | {x for c in cases for x in c.categories}
    codes.discard("")
    assert len(codes) >= 12
    for code in codes:
        assert canonical_code(code) in CATEGORY_CODES


def test_get_category_is_case_and_space_insensitive() -> None:
    assert get_category("  Labor_Wages ").code == "labor_wages"
    assert get_category("劳动纠纷").code == "labor_wages"


def test_unknown_code_raises_value_error_listing_codes() -> None:
    with pytest.raises(ValueError, match="valid codes: marriage_family_inheritance"):
        get_category("maritime_law")


def test_out_of_scope_has_referral_and_specialist_keywords() -> None:
    oos = get_category(OUT_OF_SCOPE)
    assert "12348" in oos.referral_zh and "法律援助" in oos.referral_zh
    assert {"商标", "专利", "著作权", "海事", "证券", "股权"} <= set(oos.keywords)


def test_aliases_are_unique_across_categories() -> None:
    names = [n for c in load_categories() for n in (c.code, *c.aliases)]
    assert len(names) == len(set(names))


def _write(tmp_path: Path, categories: list[dict[str, object]]) -> Path:
    path = tmp_path / "categories.json"
    path.write_text(json.dumps({"categories": categories}, ensure_ascii=False), "utf-8")
    return path


def _records() -> list[dict[str, object]]:
    return [
        {
            "code": c.code,
            "name_zh": c.name_zh,
            "description_zh": c.description_zh,
            "keywords": list(c.keywords),
            "aliases": list(c.aliases),
        }
        for c in load_categories()
    ]


def test_custom_file_loads(tmp_path: Path) -> None:
    cats = load_categories(_write(tmp_path, _records()))
    assert len(cats) == 13 and cats[0].key_laws == ()


def test_wrong_order_is_rejected(tmp_path: Path) -> None:
    records = _records()
    records[0], records[1] = records[1], records[0]
    with pytest.raises(ValueError, match="in order"):
        load_categories(_write(tmp_path, records))


def test_alias_collision_is_rejected(tmp_path: Path) -> None:
    records = _records()
    records[1]["aliases"] = ["marriage_family_inheritance"]
    with pytest.raises(ValueError, match="alias"):
        load_categories(_write(tmp_path, records))


def test_missing_field_is_rejected(tmp_path: Path) -> None:
    records = _records()
    del records[2]["keywords"]
    with pytest.raises(ValueError, match="keywords"):
        load_categories(_write(tmp_path, records))


def test_user_roles_are_known_roles() -> None:
    from knowledge.taxonomy import get_category
    from knowledge.vocabulary import ROLES

    named = [r for code in CATEGORY_CODES for r in get_category(code).user_roles]
    assert named and all(r in ROLES for r in named)
    assert get_category("administrative").user_roles == ("applicant",)
