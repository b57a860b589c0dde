"""The /v1/staff API and the citizen side end to end over a real database."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from assistant.api.routes.staff import router as staff_router
from assistant.app import Services
from assistant.models import Classification, DateSpan, Facts, SessionState, Turn
from assistant.screening.auth import TokenSigner
from assistant.screening.escalation import PICKUP_ALPHABET
from tests.support.screening import ADULT, SECRET, app_in, create, login

ROSTER = (
    "姓名,律所,专长,地区,语言,在办案件数,可接案\n"
    "王律师,青城律师事务所,劳动争议与欠薪、民事,回民区,汉语,2,是\n"
    "李律师,草原律师事务所,民事,新城区,汉语、蒙古语,0,是\n"
    "赵律师,青城律师事务所,刑事,回民区,汉语,1,是\n"
    "孙律师,北疆律师事务所,labor_wages,回民区,汉语,9,是\n"
    "周律师,北疆律师事务所,民事,回民区,汉语,0,否\n"
)


def _import_roster(client: TestClient) -> None:
    boss = login(client, "boss")
    r = client.post("/v1/staff/lawyers/import", headers=boss,
                    files={"file": ("roster.csv", ROSTER.encode(), "text/csv")})
    assert r.status_code == 200, r.text
    assert r.json() == {"created": 5, "updated": 0}


# ---------------------------------------------------------------- auth


def test_no_token_is_401_with_bearer_challenge(client: TestClient) -> None:
    r = client.get("/v1/staff/queue")
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert r.json()["error"]["code"] == "not_authenticated"


def test_wrong_password_and_forged_token_are_401(client: TestClient) -> None:
    r = client.post("/v1/staff/token", data={"username": "alice", "password": "nope-nope"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "login_failed"
    good = login(client)["Authorization"]
    forged = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    assert client.get("/v1/staff/queue", headers={"Authorization": forged}).status_code == 401


def test_expired_token_is_401(client: TestClient) -> None:
    signer = TokenSigner(SECRET, minutes=60)
    token, _ = signer.issue("alice", now=datetime.now(UTC) - timedelta(minutes=61))
    r = client.get("/v1/staff/queue", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "token_expired"


def test_wrong_role_is_403(client: TestClient) -> None:
    staff, helper = login(client), login(client, "helper")
    assert client.get("/v1/staff/audit", headers=staff).status_code == 403
    r = client.post("/v1/staff/lawyers/import", headers=staff,
                    files={"file": ("r.csv", ROSTER.encode(), "text/csv")})
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert client.get("/v1/staff/queue", headers=helper).status_code == 403
    assert client.get("/v1/staff/escalations", headers=helper).status_code == 200
    assert client.get("/v1/staff/audit", headers=login(client, "boss")).status_code == 200


def test_console_disabled_without_secret(sqlite_services: Services) -> None:
    from assistant.api.app import create_app
    from assistant.config import StaffSettings

    sqlite_services.settings = sqlite_services.settings.model_copy(
        update={"staff": StaffSettings()})
    with TestClient(create_app(services=sqlite_services)) as c:
        r = c.post("/v1/staff/token", data={"username": "a", "password": "b"})
        assert r.status_code == 503 and r.json()["error"]["code"] == "staff_console_unavailable"


def test_citizen_side_can_never_read_applications(client: TestClient) -> None:
    headers = login(client)
    made = create(client, headers, app_in(tags=("请求支付劳动报酬",)))
    app_id = made["application"]["id"]
    assert client.get("/v1/applications").status_code in (404, 405)
    assert client.get(f"/v1/applications/{app_id}").status_code in (404, 405)
    assert client.get(f"/v1/staff/applications/{app_id}").status_code == 401
    assert client.get("/v1/staff/applications/export").status_code == 401
    status = client.get(f"/v1/applications/status/{made['pickup_code']}")
    assert status.status_code == 200
    assert set(status.json()) == {"status", "status_zh", "history"}
    assert "张三" not in status.text and ADULT not in status.text
    assert client.get("/v1/applications/status/ABCDEFGH").status_code == 404


# ---------------------------------------------------------------- from a kiosk session


def _kiosk_session(services: Services) -> str:
    state = SessionState(
        session_id="kiosk-session-0001",
        turns=[Turn(role="user", text="我是农民工，老板欠我三个月工资，去年六月离职的")],
        classification=Classification(category="labor_wages", confidence=0.9),
        facts=Facts(groups=["农民工"], matter_tags=["请求支付劳动报酬"],
                    dates={"left_job": DateSpan(first=date.today() - timedelta(days=200),
                                                last=date.today() - timedelta(days=200),
                                                raw="去年六月")}))
    services.store.save(state, channel="kiosk", version=None)
    return state.session_id


def test_application_from_kiosk_session_needs_consent(client: TestClient,
                                                      sqlite_services: Services) -> None:
    sid = _kiosk_session(sqlite_services)
    body: dict[str, Any] = {"session_id": sid, "consent": False,
            "applicant": {"name": "王五", "id_number": ADULT, "phone": "13812345678"}}
    r = client.post("/v1/applications", json=body)
    assert r.status_code == 422 and r.json()["error"]["code"] == "consent_required"
    r = client.post("/v1/applications", json={**body, "consent": True})
    assert r.status_code == 201, r.text
    code = r.json()["pickup_code"]
    assert len(code) == 8 and set(code) <= set(PICKUP_ALPHABET)
    staff = login(client)
    [item] = client.get("/v1/staff/queue", headers=staff).json()
    assert item["applicant_name"] == "王五" and "优先受理" in item["priority_labels"]
    p = client.get(f"/v1/staff/applications/{item['id']}/proposal", headers=staff).json()
    assert p["means_test"] == "waived" and p["deadlines"]
    wrong_check = "1" if ADULT[-1] != "1" else "2"
    bad_id = {**body, "consent": True,
              "applicant": {**body["applicant"], "id_number": ADULT[:-1] + wrong_check}}
    assert client.post("/v1/applications", json=bad_id).status_code == 422


# ---------------------------------------------------------------- decisions, flow, audit


def test_override_requires_reason_and_is_audited(both_client: TestClient) -> None:
    client = both_client
    staff = login(client)
    app_id = create(client, staff, app_in(tags=("请求支付劳动报酬",), income=5000))[
        "application"]["id"]
    url = f"/v1/staff/applications/{app_id}"
    r = client.post(url + "/override", headers=staff, json={"decision": "grant", "reason": ""})
    assert r.status_code == 422 and r.json()["error"]["code"] == "reason_required"
    r = client.post(url + "/override", headers=staff,
                    json={"decision": "grant", "reason": "申请人下月失业，收入将低于标准"})
    assert r.status_code == 200
    out = r.json()
    assert (out["decision"], out["decision_kind"], out["status"]) == (
        "grant", "overridden", "screened")
    audit = client.get("/v1/staff/audit", params={"target": f"application:{app_id}"},
                       headers=login(client, "boss")).json()
    entry = next(e for e in audit if e["action"] == "decision_overridden")
    assert entry["actor"] == "alice" and entry["role"] == "staff"
    assert entry["reason"] == "申请人下月失业，收入将低于标准"
    assert entry["detail"]["proposed"] == "refuse" and entry["detail"]["decision"] == "grant"
    assert entry["at"]
    assert client.post(url + "/confirm", headers=staff, json={}).status_code == 409


def test_status_flow_rejects_invalid_transitions(client: TestClient) -> None:
    staff = login(client)
    app_id = create(client, staff, app_in(category="contract_debt", income=1000))[
        "application"]["id"]
    url = f"/v1/staff/applications/{app_id}"

    def move(to: str) -> int:
        return client.post(url + "/status", headers=staff,
                           json={"to_status": to, "reason": "测试流转"}).status_code

    assert move("screened") == 409  # only by confirming or overriding
    assert move("assigned") == 409  # only by choosing a lawyer
    assert move("referred_mediation") == 409  # not screened yet
    assert client.post(url + "/confirm", headers=staff, json={}).status_code == 200
    assert move("referred_mediation") == 200
    assert move("screened") == 200  # mediation failed: back to legal aid
    assert move("closed") == 200
    assert move("received") == 409 and move("screened") == 409
    history = [h["to_status"] for h in client.get(url, headers=staff).json()["history"]]
    assert history == ["received", "screened", "referred_mediation", "screened", "closed"]


def test_close_schedules_follow_up_which_is_recorded_once(client: TestClient) -> None:
    staff = login(client)
    app_id = create(client, staff, app_in(category="contract_debt", income=1000))[
        "application"]["id"]
    url = f"/v1/staff/applications/{app_id}"
    client.post(url + "/confirm", headers=staff, json={})
    client.post(url + "/status", headers=staff, json={"to_status": "closed", "reason": "结案"})
    [fu] = client.get("/v1/staff/follow-ups", params={"status": "scheduled"},
                      headers=staff).json()
    assert fu["application_id"] == app_id
    assert date.fromisoformat(fu["due_on"]) == date.today() + timedelta(days=30)
    body = {"outcome": "电话回访，受援人对律师服务满意", "satisfaction": "满意"}
    r = client.post(f"/v1/staff/follow-ups/{fu['id']}", headers=staff, json=body)
    assert r.status_code == 200 and r.json()["status"] == "done"
    assert r.json()["recorded_by"] == "alice"
    assert client.post(f"/v1/staff/follow-ups/{fu['id']}", headers=staff,
                       json=body).status_code == 409


def test_assign_from_top_three_records_the_choice(client: TestClient) -> None:
    _import_roster(client)
    staff = login(client)
    app_id = create(client, staff, app_in(tags=("请求支付劳动报酬",), income=1000))[
        "application"]["id"]
    url = f"/v1/staff/applications/{app_id}"
    client.post(url + "/confirm", headers=staff, json={})
    cands = client.get(url + "/lawyers", headers=staff).json()
    assert len(cands) == 3
    assert cands[0]["lawyer"]["name"] == "王律师"  # specialty + region + light load
    assert all(c["reasons"] for c in cands) and "周律师" not in {c["lawyer"]["name"]
                                                                for c in cands}
    second = cands[1]["lawyer"]["id"]
    r = client.post(url + "/assign", headers=staff, json={"lawyer_id": second})
    assert r.status_code == 200 and r.json()["chosen_rank"] == 2
    assert r.json()["proposed"] == [c["lawyer"]["id"] for c in cands]
    out = client.get(url, headers=staff).json()
    assert out["status"] == "assigned" and out["lawyer_id"] == second
    loads = {lw["id"]: lw["caseload"] for lw in
             client.get("/v1/staff/lawyers", headers=staff).json()}
    assert loads[second] == cands[1]["lawyer"]["caseload"] + 1


def test_refused_application_gets_no_lawyer(client: TestClient) -> None:
    _import_roster(client)
    staff = login(client)
    app_id = create(client, staff, app_in(tags=("请求支付劳动报酬",), income=9000))[
        "application"]["id"]
    url = f"/v1/staff/applications/{app_id}"
    assert client.post(url + "/confirm", headers=staff, json={}).json()["decision"] == "refuse"
    lawyer = client.get("/v1/staff/lawyers", headers=staff).json()[0]["id"]
    r = client.post(url + "/assign", headers=staff, json={"lawyer_id": lawyer, "reason": "试试"})
    assert r.status_code == 409


def test_audit_is_complete_and_read_only(client: TestClient) -> None:
    staff, boss = login(client), login(client, "boss")
    app_id = create(client, staff, app_in(category="contract_debt", income=1000))[
        "application"]["id"]
    url = f"/v1/staff/applications/{app_id}"
    client.get(url, headers=staff)
    client.post(url + "/confirm", headers=staff, json={"reason": "材料齐全"})
    client.post(url + "/status", headers=staff, json={"to_status": "closed", "reason": "撤回"})
    client.get("/v1/staff/applications/export", headers=staff)
    entries = client.get("/v1/staff/audit", headers=boss).json()
    actions = [e["action"] for e in entries if e["target"] == f"application:{app_id}"]
    assert set(actions) >= {"application_created", "application_viewed", "decision_confirmed",
                            "status_changed"}
    assert any(e["action"] == "applications_exported" for e in entries)
    assert any(e["action"] == "follow_up_scheduled" for e in entries)
    assert all(e["actor"] and e["at"] and e["action"] for e in entries)
    first = entries[-1]["id"]
    for method in ("put", "patch", "delete"):
        r = client.request(method, f"/v1/staff/audit/{first}", headers=boss)
        assert r.status_code in (404, 405)
        assert client.request(method, "/v1/staff/audit", headers=boss).status_code == 405
    routes = {(m, route.path) for route in staff_router.routes if isinstance(route, APIRoute)
              for m in route.methods or () if "audit" in route.path}
    assert routes == {("GET", "/v1/staff/audit")}


# ---------------------------------------------------------------- escalation and pickup codes


class RecordingDeliverer:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def deliver(self, openid_hash: str, text: str) -> None:
        self.sent.append((openid_hash, text))


def test_escalation_pickup_code_and_wechat_delivery(client: TestClient,
                                                    sqlite_services: Services) -> None:
    sid = _kiosk_session(sqlite_services)
    deliverer = RecordingDeliverer()
    sqlite_services.screening.queue.deliverer = deliverer
    assert client.post("/v1/escalations", json={"session_id": sid, "consent": False}
                       ).status_code == 422
    r = client.post("/v1/escalations", json={"session_id": sid, "consent": True,
                                             "reason": "abstain", "channel": "wechat",
                                             "openid_hash": "h" * 64})
    assert r.status_code == 201
    code = r.json()["pickup_code"]
    assert client.get(f"/v1/escalations/{code}").json() == {
        "status": "open", "answer": "", "answered_at": None}
    helper = login(client, "helper")
    [esc] = client.get("/v1/staff/escalations", headers=helper).json()
    assert "欠我三个月工资" in esc["question"] and esc["facts"]["groups"] == ["农民工"]
    answer = "可以先向劳动保障监察投诉，也可以申请劳动仲裁，并申请法律援助。"
    r = client.post(f"/v1/staff/escalations/{esc['id']}/answer", headers=helper,
                    json={"answer": answer})
    assert r.status_code == 200 and r.json()["delivered"] is True
    assert deliverer.sent and deliverer.sent[0][0] == "h" * 64 and answer in deliverer.sent[0][1]
    got = client.get(f"/v1/escalations/{code.lower()[:4]}-{code.lower()[4:]}").json()
    assert got["status"] == "answered" and got["answer"] == answer
    assert client.post(f"/v1/staff/escalations/{esc['id']}/answer", headers=helper,
                       json={"answer": answer}).status_code == 409
    assert client.get("/v1/escalations/0OIL0OIL").status_code == 404


# ---------------------------------------------------------------- export


def test_export_csv_and_xlsx_read_back(client: TestClient) -> None:
    staff = login(client)
    create(client, staff, app_in(tags=("请求支付劳动报酬",), groups=("农民工",), income=5000))
    create(client, staff, app_in(category="contract_debt", summary="=HYPERLINK(\"x\")"))
    r = client.get("/v1/staff/applications/export", params={"format": "csv"}, headers=staff)
    assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["编号", "受理时间", "状态", "申请人"] and len(rows) == 3
    assert rows[1][3] == "张三" and ADULT not in r.text and rows[1][4].startswith("150102")
    x = client.get("/v1/staff/applications/export", params={"format": "xlsx"}, headers=staff)
    ws = load_workbook(io.BytesIO(x.content), read_only=True).worksheets[0]
    cells = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    assert cells[0][0] == "编号" and len(cells) == 3
    assert {c[6] for c in cells[1:]} == {"劳动争议与欠薪", "合同与借贷债务"}
