"""The kiosk page in headless Chromium (Debian's, driven by Playwright) against the real app.

Screenshots go to ``var/results/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from assistant.config import PROJECT_ROOT
from knowledge.index import KnowledgeIndex
from tests.support.servers import CHROMIUM, chromium, kiosk_settings, serve_kiosk

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's chromium: apt-get install chromium chromium-driver"),
]

QUESTION = "老板一直不跟我签劳动合同，干了八个月，能要双倍工资吗？"
FOLLOW_UP = "还在干，每月工资五千，没欠工资"  # answers the two clarifying questions
ARTICLE_82 = "应当向劳动者每月支付二倍的工资"
SHOTS = PROJECT_ROOT / "var" / "results"
TIMEOUT_MS = 20_000


def _rows(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _open(context: Any, url: str) -> Any:
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url)
    page.wait_for_selector("#question textarea")
    return page


def _ask_until_cited(page: Any) -> None:
    page.fill("#question textarea", QUESTION)
    page.click("#send")
    page.wait_for_selector("#answer .answer")
    if page.locator("#answer ol.questions").count():  # the engine asked first: answer it
        assert "劳动争议与欠薪" in page.inner_text("#answer")
        page.fill("#question textarea", FOLLOW_UP)
        page.click("#send")
    page.wait_for_selector("#answer details.cite")


def _shot(page: Any, name: str, *, width: int, height: int) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": height})
    path = SHOTS / name
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path


def _pick_template(page: Any, title: str) -> None:
    page.click("#drafting")
    page.click("#template input")
    page.get_by_role("option").filter(has_text=title).first.click()
    page.wait_for_function("[...document.querySelectorAll('.field')].some("
                           "e => e.offsetParent !== null)")


def _field_values(page: Any) -> list[str]:
    values: list[str] = page.evaluate(
        "[...document.querySelectorAll('textarea, input')].map(e => e.value || '')")
    return values


def test_ask_open_citation_and_new_chat_wipes_everything(
    tiny_index: tuple[Path, Path], tiny_kb: KnowledgeIndex, tmp_path: Path
) -> None:
    db = tmp_path / "kiosk.db"
    settings = kiosk_settings(*tiny_index, f"sqlite:///{db}", idle_minutes=30)
    with serve_kiosk(settings, tiny_kb) as served, chromium(tmp_path / "profile") as context:
        page = _open(context, served.base_url + "/")
        _shot(page, "kiosk_start_1080x1920.png", width=1080, height=1920)
        for code_name in ("劳动争议与欠薪", "交通事故", "行政争议"):
            assert code_name in page.inner_text("body")
        _ask_until_cited(page)
        cite = page.locator("#answer details.cite").filter(has_text="第八十二条").first
        assert not cite.locator(".cite-text").is_visible()
        cite.locator("summary").click()
        assert ARTICLE_82 in cite.locator(".cite-text").inner_text()
        assert cite.locator(".cite-text").is_visible()
        assert page.locator("#answer .risk .badge").is_visible()
        assert _rows(db, "sessions") == 1
        _shot(page, "kiosk_answer_1080x1920.png", width=1080, height=1920)
        _shot(page, "kiosk_answer_1366x768.png", width=1366, height=768)
        size = page.evaluate("getComputedStyle(document.querySelector('#answer p')).fontSize")
        assert float(size.removesuffix("px")) >= 22

        _pick_template(page, "劳动人事争议仲裁申请书")
        assert any(QUESTION in v for v in _field_values(page))  # prefilled from the facts
        page.locator("#drafting").scroll_into_view_if_needed()
        _shot(page, "kiosk_document_form_1080x1920.png", width=1080, height=1920)

        page.click("#new-chat")
        page.wait_for_function("!document.querySelector('#answer .answer')")
        assert page.input_value("#question textarea") == ""
        body = page.inner_text("body")
        assert QUESTION not in body and FOLLOW_UP not in body and "第八十二条" not in body
        assert not any(QUESTION in v or FOLLOW_UP in v for v in _field_values(page))
        assert page.locator("button.cat").first.is_visible()  # back to the start screen
        assert _rows(db, "sessions") == 0


def test_idle_timeout_wipes_page_and_stored_session(
    tiny_index: tuple[Path, Path], tiny_kb: KnowledgeIndex, tmp_path: Path
) -> None:
    db = tmp_path / "kiosk.db"
    settings = kiosk_settings(*tiny_index, f"sqlite:///{db}", idle_minutes=0.05)  # 3 seconds
    with serve_kiosk(settings, tiny_kb) as served, chromium(tmp_path / "profile") as context:
        page = _open(context, served.base_url + "/")
        page.fill("#question textarea", QUESTION)
        page.click("#send")
        page.wait_for_selector("#answer .answer")
        assert _rows(db, "sessions") == 1
        # Touching the page keeps it: key presses for longer than the idle limit.
        until = time.monotonic() + 4.5
        while time.monotonic() < until:
            page.press("#question textarea", "Shift")
            time.sleep(0.4)
        assert page.locator("#answer .answer").count() == 1
        started = time.monotonic()
        page.wait_for_function("!document.querySelector('#answer .answer')", timeout=15_000)
        waited = time.monotonic() - started
        assert QUESTION not in page.inner_text("body")
        assert _rows(db, "sessions") == 0
        assert waited < 12, f"idle wipe took {waited:.1f} s"


def test_handoff_needs_the_consent_tick_and_shows_the_pickup_code(
    tiny_index: tuple[Path, Path], tiny_kb: KnowledgeIndex, tmp_path: Path
) -> None:
    db = tmp_path / "kiosk.db"
    settings = kiosk_settings(*tiny_index, f"sqlite:///{db}", idle_minutes=30)
    with serve_kiosk(settings, tiny_kb) as served, chromium(tmp_path / "profile") as context:
        page = _open(context, served.base_url + "/")
        _ask_until_cited(page)
        page.click("#handoff")
        page.wait_for_selector("#handoff >> text=法律明白人")  # the accordion opens, then renders
        page.click("#handoff-send")
        page.wait_for_selector("#ticket .notice")
        assert "同意" in page.inner_text("#ticket") and _rows(db, "escalations") == 0
        page.check("#handoff-consent input")
        page.click("#handoff-send")
        code = page.wait_for_selector("#pickup-code").inner_text()
        assert len(code.replace(" ", "")) == 8 and _rows(db, "escalations") == 1
        _shot(page, "kiosk_handoff_1080x1920.png", width=1080, height=1920)
