"""WeChat replays. Forged signatures, WeChat's own retries (one turn, one reply), malformed XML,
entity bombs/XXE and oversized bodies are covered in tests/assistant/wechat/test_router.py
(test_forged_signature_is_403_in_the_standard_format, test_three_retries_make_one_turn_and_one_reply,
test_malformed_xml_is_400, test_entity_attacks_rejected_before_expansion,
test_oversized_body_is_413); this adds the replay of a captured query with a new body."""

from __future__ import annotations

import time
from pathlib import Path

from tests.support.http import assert_error
from tests.support.services import FakeConsultant
from tests.support.wechat import signed_query, text_xml, wechat_app, wechat_settings


def test_a_captured_signature_cannot_be_replayed_later(tmp_path: Path) -> None:
    settings = wechat_settings(tmp_path, api_base="http://127.0.0.1:9")
    engine = FakeConsultant(None)
    with wechat_app(settings, engine=engine) as (client, _):
        fresh = client.post("/wechat", params=signed_query(), content=text_xml("欠薪怎么办").encode())
        assert fresh.status_code == 200 and "第1轮" in fresh.text
        for age in (600, -600, 86_400):  # a query captured ten minutes or a day ago, or future
            old = signed_query(timestamp=str(int(time.time()) - age))
            r = client.post("/wechat", params=old,
                            content=text_xml("冒充别人发的消息", msg_id=9000 + age).encode())
            assert_error(r, 403, "wechat_signature_invalid")
        assert_error(client.get("/wechat", params={**signed_query(timestamp="abc"),
                                                   "echostr": "x"}), 403)
