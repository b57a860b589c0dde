from __future__ import annotations

from collections.abc import Iterator

import pytest

from eval.wechat_fake import FakeWeChat, serve_fake_wechat
from tests.support.wechat import APP_ID, APP_SECRET


@pytest.fixture
def fake_wechat() -> Iterator[FakeWeChat]:
    with serve_fake_wechat(app_id=APP_ID, app_secret=APP_SECRET) as fake:
        yield fake
