from __future__ import annotations

import json
import logging

from assistant.api.errors import request_id_var
from assistant.api.middleware import JsonFormatter, TokenBuckets


def test_token_bucket_allows_the_burst_then_refills() -> None:
    now = [0.0]
    buckets = TokenBuckets(6, clock=lambda: now[0])  # 6 a minute = one every 10 s
    assert all(buckets.take("1.2.3.4") == 0.0 for _ in range(6))
    wait = buckets.take("1.2.3.4")
    assert 9.0 < wait <= 10.0
    assert buckets.take("5.6.7.8") == 0.0  # other clients are unaffected
    now[0] += 10.0
    assert buckets.take("1.2.3.4") == 0.0


def test_json_log_lines_mask_personal_data_and_carry_the_request_id() -> None:
    token = request_id_var.set("req-123")
    try:
        record = logging.LogRecord("legalaid.api", logging.INFO, __file__, 1,
                                   "user said %s", ("我叫李四，电话13912345678",), None)
        record.path = "/v1/chat"
        record.detail = "身份证 110101199003071234"
        try:
            raise ValueError("bad 13912345678")
        except ValueError:
            import sys

            record.exc_info = sys.exc_info()
        line = JsonFormatter().format(record)
    finally:
        request_id_var.reset(token)
    entry = json.loads(line)
    assert entry["request_id"] == "req-123" and entry["level"] == "INFO"
    assert entry["msg"] == "user said 我叫[姓名]，电话[手机号]"
    assert entry["path"] == "/v1/chat" and "110101199003071234" not in entry["detail"]
    assert "13912345678" not in line and "李四" not in line
