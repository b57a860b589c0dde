"""What the law's arithmetic gives, said to the person: only from inputs they gave."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from assistant.consult.engine import ConsultationEngine
from assistant.models import Reply, SessionState
from knowledge.index import KnowledgeIndex
from tests.support.services import engine_for

TODAY = date(2026, 12, 5)


@pytest.fixture(scope="module")
def engine(core_kb: KnowledgeIndex, data_dir: Path) -> ConsultationEngine:
    return engine_for(core_kb, data_dir, today=lambda: TODAY)


def _last(engine: ConsultationEngine, turns: Sequence[str]) -> Reply:
    state = SessionState(session_id="s" * 24)
    return [engine.respond(state, t) for t in turns][-1]


def test_unlawful_dismissal_gives_twice_the_severance_from_the_dates_and_wage(
        engine: ConsultationEngine) -> None:
    r = _last(engine, ["俺在塑料厂干了三年多，上个月老板说厂里不要俺了，啥也没给。",
                       "俺是2023年3月进的厂，老板11月10号当面跟俺说的让走，也没说俺犯了啥错。"
                       "俺每个月到手四千二左右。"])
    assert r.situations[0] == "labor.unlawful_dismissal"
    # 3 years 7-8 months → 4 months' wage (第四十七条), twice over (第八十七条): 33,600
    assert "33,600元" in r.first_screen
    assert "“2023年3月”是估算的日子" in r.first_screen
    assert "最后一天是2027年11月10日" in r.first_screen  # the day of 让走, not 上个月
    cited = {(c.law, c.article) for c in r.citations}
    assert ("中华人民共和国劳动合同法", "第四十七条") in cited


def test_no_figure_without_the_wage(engine: ConsultationEngine) -> None:
    r = _last(engine, ["我2022年5月进的公司，今年11月10号老板无缘无故把我开除了，说明天别来了。"])
    assert r.situations[0] == "labor.unlawful_dismissal"
    assert "违法辞退的赔偿金是" not in r.text
    assert any("工资" in q for q in r.questions)


def test_fraud_gives_the_triple_with_its_floor(engine: ConsultationEngine) -> None:
    r = _last(engine, ["在县城店里买了个金镯子花了一百五，说是足金，后来一验是假货，商家故意骗人。"])
    assert r.situations[0] == "consumer.fraud_refund_triple"
    assert "另外欺诈的三倍赔偿500元" in r.first_screen  # 3 × 150 is under the 500 floor


def test_a_death_keeps_the_question_asked_and_counts_the_years_by_age(
        engine: ConsultationEngine) -> None:
    r = _last(engine, ["俺爹九月底在省道上骑三轮让大货车撞死了，对方老板说私了给三十万，让俺们签字。"
                       "这字能签不？",
                       "俺爹六十五，家里还有俺娘，保险公司还没来过人。"])
    assert r.situations[0] == "traffic.death_compensation"
    assert "不要匆忙签" in r.first_screen  # the question of turn 1, answered after turn 2
    assert "伤残" not in r.first_screen  # no injury template for a death
    assert "按15年算" in r.first_screen  # 20 years less one for each year over 60


def test_a_deposit_over_a_fifth_of_the_price_is_doubled_only_up_to_the_fifth(
        engine: ConsultationEngine) -> None:
    r = _last(engine, ["跟人订了一批货，总价三万，我交了一万定金，收条上写的是定金。现在他不卖给我了，"
                       "定金能双倍退吗？"])
    assert r.situations[0] == "debt.dingjin_double_return"
    # 20 % of 30,000 is 6,000: 12,000 back for it, plus the other 4,000 as paid: 16,000
    assert "一共退16,000元" in r.first_screen


def test_an_employer_is_told_the_employer_s_thirty_days(engine: ConsultationEngine) -> None:
    r = _last(engine, ["我是开汽修店的，十一月二十五号店里一个小工换轮胎时让千斤顶砸了脚，住着院，"
                       "当时没给他上工伤保险，我该咋办？"])
    assert r.situations[0] == "injury.no_insurance_employer_pays"
    assert "单位申请工伤认定" in r.first_screen
    assert "2026年12月25日" in r.first_screen  # 30 days, 工伤保险条例第十七条
