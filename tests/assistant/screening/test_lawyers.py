"""Roster import (all or nothing, bad rows listed) and top-3 matching with reasons."""

from __future__ import annotations

import io
from datetime import date

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook

from assistant.screening.auth import Principal
from assistant.screening.errors import RosterInvalidError
from assistant.screening.lawyers import LawyerRoster, match_lawyers, parse_roster, read_rows
from assistant.screening.models import Lawyer
from assistant.screening.store import ScreeningStore
from tests.support.screening import TODAY, app_in, login

BOSS = Principal("boss", "supervisor")
HEADER = ["姓名", "律所", "专长", "地区", "语言", "在办案件数", "可接案", "执业年限"]
GOOD = [
    ["王律师", "青城律师事务所", "劳动争议与欠薪、民事", "回民区", "汉语", "2", "是", "5"],
    ["巴特尔", "草原律师事务所", "民事，未成年人", "新城区", "汉语/蒙语", "0", "是", ""],
    ["赵律师", "青城律师事务所", "刑事", "回民区", "普通话", "1", "否", "2"],
]


def _csv(rows: list[list[str]]) -> bytes:
    return "\n".join(",".join(r) for r in rows).encode("utf-8")


def _xlsx(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_good_csv_imports_and_reimport_updates(store: ScreeningStore) -> None:
    roster = LawyerRoster(store)
    assert roster.import_file(_csv([HEADER, *GOOD]), "r.csv", who=BOSS).created == 3
    lawyers = {lw.name: lw for lw in roster.all()}
    assert lawyers["巴特尔"].languages == ["汉语", "蒙古语"]
    assert lawyers["巴特尔"].specialties == ["民事", "未成年人"]
    assert lawyers["王律师"].specialties == ["labor_wages", "民事"]
    assert lawyers["赵律师"].available is False and lawyers["赵律师"].years_in_practice == 2
    again = [[*GOOD[0][:5], "7", "是", "5"]]
    result = roster.import_file(_csv([HEADER, *again]), "r.csv", who=BOSS)
    assert (result.created, result.updated) == (0, 1)
    assert {lw.name: lw for lw in roster.all()}["王律师"].caseload == 7


def test_good_xlsx_imports_numbers_and_empty_cells(store: ScreeningStore) -> None:
    header: list[object] = list(HEADER)
    rows = [header, ["王律师", "青城律师事务所", "行政", "回民区", "汉语", 3, "是", None]]
    result = LawyerRoster(store).import_file(_xlsx(rows), "roster.xlsx", who=BOSS)
    assert result.created == 1
    assert LawyerRoster(store).all()[0].caseload == 3


def test_gb18030_csv_is_read() -> None:
    data = "\n".join(",".join(r) for r in [HEADER, GOOD[0]]).encode("gb18030")
    assert parse_roster(read_rows(data, "r.csv"))[0].name == "王律师"


def test_malformed_file_imports_nothing_and_lists_bad_rows(store: ScreeningStore) -> None:
    bad = [
        GOOD[0],
        ["", "某所", "民事", "回民区", "汉语", "1", "是", ""],
        ["钱律师", "某所", "房产", "回民区", "汉语", "-1", "也许", ""],
        ["王律师", "青城律师事务所", "民事", "回民区", "汉语", "0", "是", ""],
    ]
    roster = LawyerRoster(store)
    with pytest.raises(RosterInvalidError) as err:
        roster.import_file(_csv([HEADER, *bad]), "r.csv", who=BOSS)
    rows = {r for r, _ in err.value.errors}
    assert rows == {3, 4, 5}
    messages = " ".join(m for _, m in err.value.errors)
    assert "姓名不能为空" in messages and "房产" in messages and "重复" in messages
    assert roster.all() == []  # the good first row was not imported either
    assert not [e for e in store.audit_entries() if e.action == "roster_imported"]


@pytest.mark.parametrize(("data", "name", "needle"), [
    (b"", "r.csv", "空"),
    (_csv([["姓名", "律所"], ["a", "b"]]), "r.csv", "表头缺少列"),
    (_csv([HEADER]), "r.csv", "只有表头"),
    (b"PK\x03\x04 not really a zip", "r.xlsx", "损坏"),
    (b"\xff\xfe\x00\x00\x81", "r.csv", "编码"),
])
def test_file_level_errors(data: bytes, name: str, needle: str) -> None:
    with pytest.raises(RosterInvalidError) as err:
        parse_roster(read_rows(data, name))
    assert needle in err.value.errors[0][1]


def test_api_lists_bad_rows(client: TestClient) -> None:
    boss = login(client, "boss")
    r = client.post("/v1/staff/lawyers/import", headers=boss, files={
        "file": ("r.csv", _csv([HEADER, ["张", "所", "民事", "区", "汉语", "x", "是", ""]]))})
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["code"] == "roster_invalid" and err["rows"][0]["row"] == 2
    assert "在办案件数" in err["rows"][0]["message"]


def _lawyer(name: str, specialties: list[str], *, region: str = "回民区", load: int = 0,
            languages: tuple[str, ...] = ("汉语",), years: int | None = None) -> Lawyer:
    return Lawyer(id=name, name=name, firm="所", specialties=specialties, region=region,
                  languages=list(languages), caseload=load, available=True,
                  years_in_practice=years)


def test_matching_weighs_specialty_region_language_and_load() -> None:
    pool = [_lawyer("甲", ["labor_wages"], load=5), _lawyer("乙", ["民事"], load=0),
            _lawyer("丙", ["刑事"], load=0), _lawyer("丁", ["labor_wages"], region="新城区"),
            _lawyer("戊", ["labor_wages"], load=0)]
    top = match_lawyers(app_in(tags=("请求支付劳动报酬",)), pool, today=TODAY)
    # 戊 3+2+2; 乙 (civil, idle) 2+2+2 beats 甲 (specialist, 5 cases) 3+2+0.33; 丁 is elsewhere.
    assert [c.lawyer.name for c in top] == ["戊", "乙", "甲"]
    assert any("与本案类别一致" in r for r in top[0].reasons)
    assert any("同在回民区" in r for r in top[0].reasons)
    assert any("在办0件" in r for r in top[0].reasons)


def test_matching_mongolian_speaker_and_minor_specialist() -> None:
    pool = [_lawyer("甲", ["民事"]), _lawyer("巴特尔", ["民事", "未成年人"],
                                                languages=("汉语", "蒙古语"), load=4)]
    app = app_in(category="contract_debt", born=date(2012, 1, 1), language="蒙语")
    top = match_lawyers(app, pool, today=TODAY)
    assert top[0].lawyer.name == "巴特尔"
    assert any("蒙古语" in r for r in top[0].reasons)
    assert any("未成年人保护法第一百零四条" in r for r in top[0].reasons)


def test_life_sentence_cases_exclude_juniors() -> None:
    pool = [_lawyer("新手", ["刑事"], years=1), _lawyer("老手", ["刑事"], years=10, load=8)]
    app = app_in(category="criminal", tags=("犯罪嫌疑人被告人", "可能判处无期徒刑死刑"))
    top = match_lawyers(app, pool, today=TODAY)
    assert [c.lawyer.name for c in top] == ["老手"]
    assert any("第二十六条" in r for r in top[0].reasons)
