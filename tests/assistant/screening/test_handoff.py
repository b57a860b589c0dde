"""``assistant.usecases.escalate_session``: consent, what is shared, pickup by code."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.app import Services
from assistant.models import (
    CitedArticle,
    Classification,
    Facts,
    Reply,
    RiskAssessment,
    SessionState,
    Turn,
    assistant_turn,
)
from assistant.screening.auth import Principal
from assistant.screening.errors import (
    ConsentRequiredError,
    EscalationReasonInvalidError,
    NothingToEscalateError,
    PickupCodeNotFoundError,
)
from assistant.screening.escalation import pickup_status_zh
from assistant.usecases import chat_turn, escalate_session, escalation_reply, handoff_reason
from assistant.usecases.errors import SessionNotFoundError
from knowledge.corpus import Article, load_statutes
from tests.support.screening import login

QUESTION = "我在厂里干了八个月，老板一直不跟我签劳动合同，我是农民工"
HELPER = Principal(username="duty-lawyer", role="responder")


@pytest.fixture(scope="module")
def double_wage_article(data_dir: Path) -> Article:
    """劳动合同法第八十二条 (two-fold wages without a written contract), from the pack."""
    [art] = [a for a in load_statutes(data_dir / "statutes")
             if a.law == "中华人民共和国劳动合同法" and a.article == "第八十二条"]
    assert "未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资" in art.text
    return art


class CitingConsultant:
    """Answers every turn citing one real article at a fixed risk level."""

    def __init__(self, article: Article, *, kind: str = "answer", risk: str = "high") -> None:
        self.cited = CitedArticle(article_id=article.id, law=article.law,
                                  article=article.article, text=article.text)
        self.kind, self.risk = kind, risk

    def respond(self, state: SessionState, text: str) -> Reply:
        state.turns.append(Turn(role="user", text=text))
        state.classification = Classification(category="labor_wages", confidence=0.9)
        state.facts = Facts(groups=["农民工"], signals={"written_contract": False})
        answer = f"可以主张二倍工资（{self.cited.law}{self.cited.article}）"
        reply = Reply(kind=self.kind, text=answer, citations=[self.cited],  # type: ignore[arg-type]
                      risk=RiskAssessment(level=self.risk),  # type: ignore[arg-type]
                      classification=state.classification)
        state.turns.append(assistant_turn(reply))
        state.updated_at = datetime.now(UTC)
        return reply


def _asked(services: Services, article: Article, **kw: str) -> str:
    services.engine = CitingConsultant(article, **kw)
    return chat_turn(services, session_id=None, text=QUESTION, channel="kiosk").session_id


def test_no_consent_is_refused_and_nothing_is_queued(sqlite_services: Services,
                                                     double_wage_article: Article) -> None:
    sid = _asked(sqlite_services, double_wage_article)
    for consent in (False, "true", 1):
        with pytest.raises(ConsentRequiredError) as e:
            escalate_session(sqlite_services, session_id=sid, consent=consent,  # type: ignore[arg-type]
                             reason="user_request", channel="kiosk")
        assert e.value.code == "consent_required" and "同意" in e.value.message
    assert sqlite_services.screening.queue.list(status=None) == []


def test_with_consent_the_facts_and_last_reply_articles_are_queued(
    sqlite_services: Services, double_wage_article: Article
) -> None:
    sid = _asked(sqlite_services, double_wage_article)
    state_reason = handoff_reason(hub_state(sqlite_services, sid))
    assert state_reason == "high_risk"
    code = escalate_session(sqlite_services, session_id=sid, consent=True,
                            reason=state_reason, channel="kiosk")
    [esc] = sqlite_services.screening.queue.list()
    assert esc.question == QUESTION and esc.reason == "high_risk" and esc.channel == "kiosk"
    assert esc.facts.groups == ["农民工"] and esc.facts.flag("written_contract") is False
    assert [a.article_id for a in esc.articles] == [double_wage_article.id]
    assert esc.articles[0].text == double_wage_article.text and esc.risk_level == "high"
    assert escalation_reply(sqlite_services, code).status == "open"


def test_abstention_is_the_reason_offered(sqlite_services: Services,
                                          double_wage_article: Article) -> None:
    sid = _asked(sqlite_services, double_wage_article, kind="abstain", risk="low")
    assert handoff_reason(hub_state(sqlite_services, sid)) == "abstain"
    sid2 = _asked(sqlite_services, double_wage_article, kind="answer", risk="medium")
    assert handoff_reason(hub_state(sqlite_services, sid2)) is None


def test_bad_requests_are_refused_in_chinese(sqlite_services: Services,
                                             double_wage_article: Article) -> None:
    with pytest.raises(SessionNotFoundError):
        escalate_session(sqlite_services, session_id="no-such-session", consent=True,
                         reason="user_request", channel="kiosk")
    empty = SessionState(session_id="empty-session-01")
    sqlite_services.store.save(empty, channel="kiosk", version=None)
    with pytest.raises(NothingToEscalateError):
        escalate_session(sqlite_services, session_id=empty.session_id, consent=True,
                         reason="user_request", channel="kiosk")
    sid = _asked(sqlite_services, double_wage_article)
    with pytest.raises(EscalationReasonInvalidError):
        escalate_session(sqlite_services, session_id=sid, consent=True, reason="bored",
                         channel="kiosk")
    with pytest.raises(PickupCodeNotFoundError):
        escalation_reply(sqlite_services, "23456789")


class RecordingDeliverer:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def deliver(self, openid_hash: str, text: str) -> None:
        self.sent.append((openid_hash, text))


def test_staff_answer_reaches_the_pickup_code_and_the_deliverer(
    client: TestClient, sqlite_services: Services, double_wage_article: Article
) -> None:
    sid = _asked(sqlite_services, double_wage_article)
    deliverer = RecordingDeliverer()
    sqlite_services.screening.queue.deliverer = deliverer
    r = client.post("/v1/escalations", json={"session_id": sid, "consent": False})
    assert r.status_code == 422 and r.json()["error"]["code"] == "consent_required"
    r = client.post("/v1/escalations", json={"session_id": sid, "consent": True,
                                             "channel": "wechat", "openid_hash": "f" * 64})
    assert r.status_code == 201 and r.json()["pickup_code"] in r.json()["message"]
    code = r.json()["pickup_code"]
    [esc] = client.get("/v1/staff/escalations", headers=login(client, "helper")).json()
    assert [a["article_id"] for a in esc["articles"]] == [double_wage_article.id]
    answer = "您可以向劳动争议仲裁委员会申请仲裁，要求支付二倍工资差额。"
    sqlite_services.screening.queue.answer(esc["id"], answer, who=HELPER)
    assert deliverer.sent == [("f" * 64, deliverer.sent[0][1])] and answer in deliverer.sent[0][1]
    got = escalation_reply(sqlite_services, code.lower())
    assert got.status == "answered" and got.answer == answer
    assert answer in pickup_status_zh(got)
    assert client.get(f"/v1/escalations/{code}").json()["answer"] == answer


def hub_state(services: Services, sid: str) -> SessionState:
    from assistant.usecases import get_session

    return get_session(services, sid)
