"""The staff console in headless Debian Chromium (Playwright) against the app on loopback."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from assistant.config import DatabaseSettings, ServiceSettings, Settings, StaffSettings
from tests.support.screening import PASSWORD, SECRET, app_in
from tests.support.servers import serve_app
from tests.support.services import FakeConsultant, make_services

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's chromium: apt-get install chromium"),
]
playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
TIMEOUT_MS = 15_000


@contextlib.contextmanager
def serve(settings: Settings) -> Iterator[tuple[str, Any]]:
    from assistant.api.app import create_app

    services = make_services(settings, kb=None, engine=FakeConsultant(None))
    try:
        with serve_app(create_app(services=services)) as url:
            yield url, services
    finally:
        services.close()


def test_console_queue_sorted_detail_cited_and_confirm(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, index_dir=tmp_path,
                        database=DatabaseSettings(url=f"sqlite:///{tmp_path / 'c.db'}"),
                        service=ServiceSettings(rate_limit_per_minute=0),
                        staff=StaffSettings(token_secret=SECRET, hardship_line_yuan=1500))  # type: ignore[arg-type]
    today = date.today()
    with serve(settings) as (base, services):
        store = services.screening.store
        store.add_user("alice", PASSWORD, role="staff")
        urgent = app_in(tags=("请求支付劳动报酬",), income=1000, key_dates=[
            {"label": "仲裁申请期限", "on": (today + timedelta(days=3)).isoformat(),
             "kind": "deadline"}])
        urgent.applicant.name = "急案甲"
        migrant = app_in(tags=("请求支付劳动报酬",), groups=("农民工",), income=5000)
        migrant.applicant.name = "农民工乙"
        plain = app_in(category="contract_debt", income=1000)
        plain.applicant.name = "普通丙"
        for i, a in enumerate((plain, migrant, urgent)):
            store.create(a, who=None, today=today, pickup_code=f"ABCDEFG{i + 2}")
        from playwright.sync_api import expect, sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                        args=["--no-sandbox", "--disable-gpu"])
            try:
                page = browser.new_page(locale="zh-CN")
                page.set_default_timeout(TIMEOUT_MS)
                page.goto(base + "/staff")
                page.fill("#username", "alice")
                page.fill("#password", "wrong password")
                page.click("#login-btn")
                # The page's CSP forbids eval, so waits use locators, not wait_for_function.
                expect(page.locator("#login-error")).to_contain_text("不正确")
                page.fill("#password", PASSWORD)
                page.click("#login-btn")
                page.wait_for_selector("#queue tr.row >> nth=2")
                names = page.locator("#queue tr.row td:nth-child(3)").all_inner_texts()
                assert names == ["急案甲", "农民工乙", "普通丙"]
                assert "紧急" in page.locator("#queue tr.row").first.inner_text()
                page.locator("#queue tr.row").nth(1).click()
                page.wait_for_selector("#proposal-reasons li")
                reasons = page.inner_text("#proposal-reasons")
                assert "《法律援助法》第四十二条" in reasons and "免予核查" in reasons
                assert "优先受理" in page.inner_text("#proposal-flags")
                page.click("#override")  # no reason given: the API refuses, the page says so
                expect(page.locator("#detail-error")).to_contain_text("理由")
                page.click("#confirm")
                expect(page.locator("#detail-status")).to_contain_text("已审查")
                assert store.queue(today=today)[1].status == "screened"
            finally:
                browser.close()
