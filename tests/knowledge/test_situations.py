"""The situation tables: schema, every citation checked against the pack's article text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.corpus import Corpus
from knowledge.rules.deadlines import get_rule
from knowledge.signals import default_reader
from knowledge.situations import (
    LIABLE_SIDE,
    SITUATIONS_DIR,
    Situation,
    check_condition,
    claimant_only,
    get_situation,
    holds,
    read_situations,
    score,
    situations,
)
from tests.support.citations import assert_cited


def test_one_file_per_category() -> None:
    for path in SITUATIONS_DIR.glob("*.json"):
        assert {s.category for s in read_situations_file(path)} == {path.stem}


@pytest.mark.parametrize("situation", situations(), ids=lambda s: s.id)
def test_citations_exist_and_say_it(situation: Situation, statutes: Corpus) -> None:
    for cite in situation.cites():
        assert_cited(statutes, cite.law_key, cite.article, cite.phrase)


@pytest.mark.parametrize("situation", situations(), ids=lambda s: s.id)
def test_conditions_and_rules_are_known(situation: Situation) -> None:
    names = default_reader().signals
    for cond in (*situation.when.conditions(), *filter(None, situation.steps_done_if)):
        check_condition(cond, names, situation.id)
    for point in situation.points:
        for cond in point.when:
            check_condition(cond, names, situation.id)
    for ask in situation.ask:
        for part in ask.fact.split("|"):
            if part.startswith("said."):
                check_condition(part.removeprefix("said."), names, situation.id)
    if situation.deadline is not None and situation.deadline.rule is not None:
        rule = get_rule(situation.deadline.rule)
        assert rule.kind == "citizen", f"{situation.id}: {rule.id} is not a citizen's time limit"
        for role, rule_id in situation.deadline.by_role:
            assert role in situation.when.roles, f"{situation.id}: {role} not among its roles"
            assert get_rule(rule_id).kind == "citizen"
    for rule_id in situation.after:
        assert get_rule(rule_id).kind == "citizen", f"{situation.id}: after {rule_id}"


@pytest.mark.parametrize("situation", situations(), ids=lambda s: s.id)
def test_answers_are_plain_and_short(situation: Situation) -> None:
    sentences = [s for s in situation.answer_zh.replace("！", "。").split("。") if s.strip()]
    assert len(sentences) <= 3, f"{situation.id}: direct answer has {len(sentences)} sentences"
    assert situation.steps_zh, f"{situation.id}: no steps"
    assert situation.body_zh, f"{situation.id}: no competent body"


def read_situations_file(path: Path) -> tuple[Situation, ...]:
    folder = path.parent
    return tuple(s for s in read_situations(folder) if s.id in {
        str(r["id"]) for r in json.loads(path.read_text(encoding="utf-8"))})


def _write(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    (tmp_path / "x.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return tmp_path


GOOD: dict[str, object] = {
    "id": "t.one", "category": "labor_wages", "title_zh": "t", "when": {"all": ["wages_owed"]},
    "articles": [{"law_key": "劳动合同法", "article": "第三十条", "phrase": "及时足额"}],
    "answer_zh": "要得回来。", "body_zh": "仲裁委", "steps_zh": ["去申请"],
}


def test_reader_accepts_a_minimal_record(tmp_path: Path) -> None:
    (only,) = read_situations(_write(tmp_path, [GOOD]))
    assert only.route == "other" and only.deadline is None and only.legal_aid is None


def test_a_point_several_situations_share_is_written_once(tmp_path: Path) -> None:
    point = {"if": ["wages_owed"], "zh": "要得回来。",
             "law_key": "劳动合同法", "article": "第三十条", "phrase": "及时足额"}
    (tmp_path / "shared_points.json").write_text(json.dumps({"owed": point}), encoding="utf-8")
    folder = tmp_path / "situations"
    folder.mkdir()
    rows = [{**GOOD, "points": ["owed"]}, {**GOOD, "id": "t.two", "points": [point]}]
    one, two = read_situations(_write(folder, rows))
    assert one.points == two.points and one.points[0].zh == "要得回来。"


@pytest.mark.parametrize(("change", "message"), [
    ({"category": "tax"}, "unknown category"),
    ({"when": {"roles": ["worker"]}}, "at least one"),
    ({"when": {"all": ["x"], "roles": ["king"]}}, "unknown roles"),
    ({"ask": [{"fact": "dates.birthday", "question_zh": "?"}]}, "unknown fact"),
    ({"deadline": {"rule": "labor_arbitration", "from": "someday"}}, "date kind"),
    ({"route": "sea"}, "unknown route"),
    ({"faq": {"weather": "晴"}}, "unknown intents"),
    ({"articles": []}, "at least one key article"),
    ({"answer_zh": "很长" * 100}, "characters"),
    ({"colour": "red"}, "unknown keys"),
    ({"points": ["nowhere"]}, "unknown shared point"),
])
def test_reader_rejects_bad_records(tmp_path: Path, change: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_situations(_write(tmp_path, [{**GOOD, **change}]))


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="duplicate"):
        read_situations(_write(tmp_path, [GOOD, GOOD]))


def test_unknown_signal_in_condition_is_caught() -> None:
    with pytest.raises(ValueError, match="unknown signal"):
        check_condition("!flying", default_reader().signals, "t")
    check_condition("age:14-15", default_reader().signals, "t")
    with pytest.raises(ValueError, match="unknown signal"):
        check_condition("draws_pension&~flying", default_reader().signals, "t")


@pytest.mark.parametrize(("signals", "expected"), [
    ({"draws_pension": True}, True),
    ({"draws_pension": True, "retired_here": True}, False),
    ({"retired_here": False}, False),
    ({"domestic_worker": True, "retired_here": True}, True),
])
def test_ampersand_joins_conditions_within_an_alternative(signals: dict[str, bool],
                                                          expected: bool) -> None:
    assert holds("draws_pension&~retired_here|domestic_worker", signals, age=None) is expected


def _by_id(sid: str) -> Situation:
    return next(s for s in situations() if s.id == sid)


@pytest.mark.parametrize(("roles", "applies"), [
    (("landlord", "parent"), False),  # "俺是房东 … 卖给俺儿子": the son is the buyer
    (("landlord",), False),
    (("tenant",), True),
    (("parent",), True),  # a tenant's mother asking for her
    (("landlord", "tenant"), True),  # both said: the words decide, not the side
])
def test_a_situation_for_the_other_side_does_not_apply(roles: tuple[str, ...],
                                                       applies: bool) -> None:
    tenant_side = _by_id("housing.tenant_preemption")
    signals = {"tenancy": True, "preempt_buy": True, "house_sale": True}
    assert (score(tenant_side, signals, roles=roles, age=None) > 0) is applies


@pytest.mark.parametrize(("roles", "applies"), [
    (("suspect_family", "parent"), False),  # a suspect's mother is not told to refuse mediation
    (("victim", "parent"), True),
    (("parent",), True),
])
def test_a_suspects_family_is_not_given_the_victims_situation(roles: tuple[str, ...],
                                                               applies: bool) -> None:
    victim_side = _by_id("crim.assault_victim_compensation")
    signals = {"crim_wants_comp": True, "fight": True}
    assert (score(victim_side, signals, roles=roles, age=None) > 0) is applies


def _no_repeated_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [k for k, _ in pairs]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    assert not repeated, f"keys given twice (the last would silently win): {repeated}"
    return dict(pairs)


@pytest.mark.parametrize("path", sorted(
    p for sub in ("situations", "signals")
    for p in (Path(__file__).parents[2] / "knowledge" / "data" / sub).glob("*.json")),
    ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_key_is_given_twice(path: Path) -> None:
    # a second "points" or "not" in one record would drop the first without a word
    json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_no_repeated_keys)


def test_the_side_asked_to_pay_is_not_told_the_harmed_sides_answer() -> None:
    bitten = {"pi_animal": True, "dog_bite": True, "pi_hurt": True}
    keeper = {**bitten, "own_animal": True, LIABLE_SIDE: True}
    assert score(get_situation("injury.animal_bite"), bitten, age=None) > 0
    assert score(get_situation("injury.animal_bite"), {**bitten, LIABLE_SIDE: True}, age=None) == 0
    assert score(get_situation("injury.own_animal_harm"), keeper, age=None) > 0
    # a work injury is the worker's answer: not for someone asked to pay who is no worker …
    hurt = get_situation("injury.recognition_apply")
    assert claimant_only(hurt, ["child"])
    assert not claimant_only(hurt, ["worker"])
    # … nor for a worker who says he hurt someone else on the job
    assert claimant_only(hurt, ["worker"], harmed_other=True)
    # … and outside the harmed side's categories nothing changes (a tenant asked to pay for
    # a wall still asks for the deposit back)
    assert not claimant_only(get_situation("housing.deposit_not_returned"), [])
    assert not any(claimant_only(s) for s in situations() if s.for_liable)
