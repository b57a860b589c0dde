"""What the console reads instead of codes, and changing an assigned lawyer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi.testclient import TestClient

from assistant.models import DateSpan, Facts, Money
from assistant.screening.words import facts_in_words
from tests.support.screening import app_in, create, login

ROSTER = ("姓名,律所,专长,地区,语言,在办案件数,可接案\n"
          "王律师,青城律师事务所,劳动争议与欠薪、民事,回民区,汉语,2,是\n"
          "李律师,草原律师事务所,民事,回民区,汉语,0,是\n")


def test_understood_facts_in_plain_words() -> None:
    facts = Facts(role="worker", signals={"written_contract": False, "employment_ongoing": False},
                  dates={"left_job": DateSpan(first=date(2026, 9, 30), last=date(2026, 9, 30),
                                              raw="9月30号"),
                         "started_job": DateSpan(first=date(2025, 3, 1), last=date(2025, 3, 31),
                                                 raw="去年3月", estimated=True)},
                  amounts={"wages_owed": Money(value=Decimal("12000"), raw="一万二")},
                  evidence_held=["chat_records"], groups=["农民工"])
    words = facts_in_words(facts)
    assert words[0] == "身份：劳动者"
    assert {"没有签书面合同", "已经不在这家单位干了"} <= set(words)
    assert "离职（不干了）：2026年9月30日（原话“9月30号”）" in words
    assert "开始干活：约2025年3月1日至31日（原话“去年3月”）" in words
    assert "欠的工资：12,000元（原话“一万二”）" in words
    assert words[-2:] == ["有：微信、短信聊天记录", "特殊群体：农民工"]
    assert not any("您" in w for w in words)  # staff read it: no "您说的"
    assert facts_in_words(Facts()) == []


def test_labels_name_every_code_the_console_shows(client: TestClient) -> None:
    words = client.get("/v1/staff/labels", headers=login(client, "helper")).json()
    assert words["category"]["labor_wages"] == "劳动争议与欠薪" and len(words["category"]) == 12
    assert words["means_test"]["waived"].startswith("免予核查")
    assert words["decision"]["grant"] == "给予法律援助"
    assert words["reason"]["user_request"] == "群众要求转人工"
    assert "请求支付劳动报酬" in words["matter_tags"] and "农民工" in words["groups"]
    assert client.get("/v1/staff/labels").status_code == 401


def test_an_assigned_lawyer_can_be_changed_with_a_reason(client: TestClient) -> None:
    boss = login(client, "boss")
    r = client.post("/v1/staff/lawyers/import", headers=boss,
                    files={"file": ("roster.csv", ROSTER.encode(), "text/csv")})
    assert r.status_code == 200, r.text
    app_id = create(client, boss, app_in(income=1000))["application"]["id"]
    assert client.post(f"/v1/staff/applications/{app_id}/confirm", headers=boss,
                       json={"reason": ""}).status_code == 200
    lawyers = {lw["name"]: lw["id"] for lw in client.get("/v1/staff/lawyers", headers=boss).json()}
    first, second = lawyers["王律师"], lawyers["李律师"]
    url = f"/v1/staff/applications/{app_id}/assign"
    assert client.post(url, headers=boss, json={"lawyer_id": first}).status_code == 200
    same = client.post(url, headers=boss, json={"lawyer_id": first, "reason": "再来一次"})
    assert same.status_code == 409 or same.status_code == 422
    no_reason = client.post(url, headers=boss, json={"lawyer_id": second})
    assert no_reason.status_code == 422 and "理由" in no_reason.json()["error"]["message"]
    changed = client.post(url, headers=boss, json={"lawyer_id": second, "reason": "当事人要求"})
    assert changed.status_code == 200, changed.text
    app = client.get(f"/v1/staff/applications/{app_id}", headers=boss).json()
    assert app["lawyer_id"] == second and app["status"] == "assigned"
    load = {lw["name"]: lw["caseload"] for lw in client.get("/v1/staff/lawyers", headers=boss).json()}
    assert load == {"王律师": 2, "李律师": 1}
    history = client.get(f"/v1/staff/applications/{app_id}/assignments", headers=boss).json()
    assert [h["lawyer_id"] for h in history] == [first, second]
