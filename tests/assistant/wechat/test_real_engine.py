"""One conversation through the real consultation engine over the tiny knowledge pack."""

from __future__ import annotations

from pathlib import Path

from eval.wechat_fake import FakeWeChat
from knowledge.index import KnowledgeIndex
from tests.support.wechat import (
    reply_fields,
    signed_query,
    text_xml,
    wechat_app,
    wechat_settings,
)


def test_real_engine_answers_through_wechat(tmp_path: Path, fake_wechat: FakeWeChat,
                                           tiny_index: tuple[Path, Path], tiny_kb: KnowledgeIndex):
    from assistant.app import build_engine

    data, index = tiny_index
    settings = wechat_settings(tmp_path, api_base=fake_wechat.base_url).model_copy(
        update={"data_dir": data, "index_dir": index})
    engine = build_engine(tiny_kb, settings)
    with wechat_app(settings, engine=engine) as (client, _):
        r = client.post("/wechat", params=signed_query(),
                        content=text_xml("老板拖欠工资三个月不发怎么办", msg_id=1).encode())
        content = reply_fields(r.text)["Content"]
        # The passive reply holds the first 2048 bytes; the rest follows as customer-service
        # messages (wechat.text.split_text), so the whole answer reaches the user.
        rest = fake_wechat.wait_for_sends(1) if len(content.encode()) >= 1900 else []
    assert r.status_code == 200
    # Recognised as wages owed by the real engine and answered in time (passive reply).
    assert content.startswith("【答复】") and "工资" in content and "仲裁" in content
    whole = content + "".join(m["text"]["content"] for m in rest)
    assert "【法律依据】" in whole
