"""转人工 on WeChat: consent exchange, queueing, delivery by customer-service message, 取件码."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from assistant.app import Services
from assistant.db.coordination import SharedState
from assistant.db.engine import make_engine
from assistant.db.migrate import upgrade_to_head
from assistant.screening.auth import Principal
from assistant.screening.tables import EscalationRow
from assistant.wechat.client import WeChatApiError, WeChatClient
from assistant.wechat.handoff import (
    NEED_QUESTION_ZH,
    PendingConsents,
    WeChatReplyDeliverer,
    is_agreement,
    is_handoff_request,
    openid_hash,
    pickup_code_in,
)
from assistant.wechat.seal import Sealer
from eval.wechat_fake import FakeWeChat
from tests.support.services import FakeConsultant
from tests.support.wechat import (
    APP_ID,
    APP_SECRET,
    OPEN_ID,
    reply_fields,
    signed_query,
    text_xml,
    wechat_app,
    wechat_settings,
)

HELPER = Principal(username="volunteer", role="responder")
CODE_RE = re.compile(r"取件码 ([2-9A-Z]{8})")


def say(client: TestClient, text: str, msg_id: int) -> str:
    r = client.post("/wechat", params=signed_query(), content=text_xml(text, msg_id=msg_id).encode())
    assert r.status_code == 200
    return reply_fields(r.text)["Content"]


def _rows(services: Services) -> list[EscalationRow]:
    with services.screening.store.session() as db:
        return list(db.scalars(select(EscalationRow)).all())


def test_commands_are_recognised_loosely_but_not_inside_questions() -> None:
    assert is_handoff_request(" 转人工！") and is_handoff_request("人工")
    assert not is_handoff_request("工伤认定需要人工鉴定吗")
    assert is_agreement("同意。") and not is_agreement("我不同意")
    assert pickup_code_in("取件码：ABCD-2345") == "ABCD-2345"
    assert pickup_code_in("ABCD2345") is None


def test_handoff_with_consent_then_staff_answer_is_pushed(tmp_path: Path,
                                                           fake_wechat: FakeWeChat) -> None:
    settings = wechat_settings(tmp_path, api_base=fake_wechat.base_url)
    with wechat_app(settings, engine=FakeConsultant(None)) as (client, services):
        assert say(client, "转人工", 1) == NEED_QUESTION_ZH  # nothing to hand over yet
        assert say(client, "老板欠了我三个月工资不给", 2).startswith("第1轮回答")
        prompt = say(client, "转人工", 3)
        assert "回复“同意”" in prompt and "法律明白人" in prompt and "保存" in prompt
        assert _rows(services) == []  # asking is not consenting
        ticket = say(client, "同意", 4)
        m = CODE_RE.search(ticket)
        assert m, ticket
        [row] = _rows(services)
        hashed = openid_hash(OPEN_ID, app_id=APP_ID)
        assert row.channel == "wechat" and row.openid_hash == hashed
        assert row.reason == "abstain"  # the fake found nothing: the reply abstained
        assert OPEN_ID not in repr(row.__dict__)
        deliverer = services.screening.queue.deliverer
        assert isinstance(deliverer, WeChatReplyDeliverer)
        assert deliverer.known(hashed)
        answer = "欠薪可以向劳动保障监察大队投诉，也可以申请劳动仲裁。"
        out = services.screening.queue.answer(row.id, answer, who=HELPER)
        [sent] = fake_wechat.wait_for_sends(1)
        assert out.delivered is True and sent["touser"] == OPEN_ID
        assert answer in sent["text"]["content"] and m.group(1) in sent["text"]["content"]
        assert not deliverer.known(hashed)  # no open escalation: the OpenID is forgotten
        assert answer in say(client, f"取件码 {m.group(1).lower()}", 5)
        assert "取件码不正确" in say(client, "取件码 22222222", 6)


def test_agreement_without_a_question_is_an_ordinary_message(tmp_path: Path,
                                                             fake_wechat: FakeWeChat) -> None:
    settings = wechat_settings(tmp_path, api_base=fake_wechat.base_url)
    with wechat_app(settings, engine=FakeConsultant(None)) as (client, services):
        say(client, "老板欠了我三个月工资不给", 1)
        assert say(client, "同意", 2).startswith("第2轮回答")
        assert _rows(services) == []


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[tuple[SharedState, list[datetime]]]:
    """Shared state over a real SQLite database with a clock the test moves."""
    engine = make_engine(f"sqlite:///{tmp_path / 'shared.db'}")
    upgrade_to_head(engine)
    now = [datetime(2025, 12, 1, tzinfo=UTC)]
    yield SharedState(engine, replica_id="r1", clock=lambda: now[0]), now
    engine.dispose()


def test_consent_question_expires(shared: tuple[SharedState, list[datetime]]) -> None:
    state, now = shared
    pending = PendingConsents(state, window=timedelta(seconds=600))
    pending.ask("wx-a")
    now[0] += timedelta(seconds=601)
    assert pending.take("wx-a") is False
    pending.ask("wx-a")
    assert pending.take("wx-a") is True and pending.take("wx-a") is False


def test_deliverer_refuses_unknown_and_expired_followers(
    fake_wechat: FakeWeChat, shared: tuple[SharedState, list[datetime]]
) -> None:
    state, now = shared
    client = WeChatClient(app_id=APP_ID, app_secret=APP_SECRET, api_base=fake_wechat.base_url)
    deliverer = WeChatReplyDeliverer(client, shared=state, sealer=Sealer(APP_SECRET),
                                     max_pieces=5)
    try:
        with pytest.raises(WeChatApiError):
            deliverer.deliver("0" * 64, "答复")
        deliverer.remember("a" * 64, OPEN_ID)
        deliverer.remember("a" * 64, OPEN_ID)  # two open escalations of one follower
        assert OPEN_ID.encode() not in (state.follower("a" * 64) or b"")  # sealed
        deliverer.deliver("a" * 64, "第一条答复")
        assert deliverer.known("a" * 64)
        now[0] += timedelta(hours=48, seconds=1)  # WeChat would refuse custom/send now
        with pytest.raises(WeChatApiError):
            deliverer.deliver("a" * 64, "第二条答复")
        sent: list[dict[str, Any]] = fake_wechat.wait_for_sends(1)
        assert [s["text"]["content"] for s in sent] == ["第一条答复"]
        other_key = WeChatReplyDeliverer(client, shared=state, sealer=Sealer("another-secret"),
                                         max_pieces=5)
        now[0] -= timedelta(hours=48)
        with pytest.raises(WeChatApiError):  # sealed with another secret: unreadable
            other_key.deliver("a" * 64, "答复")
    finally:
        client.close()
