"""The staff console as legal-aid staff meet it: Debian's chromium (Playwright) at 1366×768
against ``legalaid serve`` in a child process. Everything is done in the page, never through
the REST API: log in and out, see and answer a citizen's hand-off (made at the kiosk), create
an application, read the proposal in plain words, confirm/override, import a roster, assign and
change the lawyer, export. Screenshots go to ``var/results/browser/``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import KIOSK, LAPTOP, Server, new_page, shot
from tests.support.screening import ADULT, PASSWORD
from tests.support.servers import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's chromium: apt-get install chromium"),
]
playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright")

WAGES = "包工头欠我两个月工资八千块，没签劳动合同，2026年10月31日离职了，要去哪里告他？"
ROSTER = ("姓名,律所,专长,地区,语言,在办案件数,可接案\n"
          "王律师,青城律师事务所,劳动争议与欠薪、民事,回民区,汉语,2,是\n"
          "李律师,草原律师事务所,民事,新城区,汉语、蒙古语,0,是\n"
          "赵律师,青城律师事务所,刑事,回民区,汉语,1,是\n")
RAW_CODES = re.compile(r"\b(labor_wages|user_request|high_risk|abstain|kiosk|waived|exempt|"
                       r"required|grant|refuse|more_info|confirmed|overridden|received|screened)\b")


def _console(browser: Any, server: Server, user: str = "alice") -> Any:
    from playwright.sync_api import expect

    page = new_page(browser, server.base_url + "/staff", viewport=LAPTOP, accept_downloads=True)
    page.fill("#username", user)
    page.fill("#password", "wrong password")
    page.click("#login-btn")
    # The page's CSP forbids eval, so waits use locators, not wait_for_function.
    expect(page.locator("#login-error")).to_contain_text("不正确")
    page.fill("#password", PASSWORD)
    page.click("#login-btn")
    expect(page.locator("#whoami")).to_contain_text(user)
    return page


def _citizen_hands_off(browser: Any, server: Server) -> tuple[Any, str]:
    kiosk = new_page(browser, server.base_url + "/", viewport=KIOSK, touch=True)
    kiosk.wait_for_selector("#question textarea")
    kiosk.fill("#question textarea", WAGES)
    kiosk.tap("#send")
    kiosk.wait_for_selector("#answer .answer")
    kiosk.locator("#handoff > button").tap()
    kiosk.check("#handoff-consent input")
    kiosk.tap("#handoff-send")
    code = kiosk.wait_for_selector("#pickup-code").inner_text().replace(" ", "")
    return kiosk, code


def test_handoff_is_found_answered_and_picked_up(server: Server, chromium_browser: Any) -> None:
    from playwright.sync_api import expect

    kiosk, code = _citizen_hands_off(chromium_browser, server)
    page = _console(chromium_browser, server, "bob")  # a responder sees the hand-offs only
    assert page.locator("#tab-apps").is_hidden() and page.locator("#tab-handoffs").is_visible()
    expect(page.locator("#handoff-count")).not_to_have_text("0")
    row = page.locator("#handoff-list tr.row").filter(has_text=WAGES[:20]).first
    row.click()
    detail = page.locator("#handoff-detail")
    expect(detail).to_contain_text(WAGES)
    facts = page.inner_text("#handoff-facts")
    # The case as understood, in plain words, not codes.
    assert "没有签书面合同" in facts and "2026年10月31日" in facts and "身份：劳动者" in facts
    assert "群众要求转人工" in page.inner_text("#handoff-title") and "一体机" in page.inner_text(
        "#handoff-title")
    assert not RAW_CODES.search(page.inner_text("#handoff-detail")), page.inner_text("#handoff-detail")
    shot(page, "console_01_handoff_1366x768", full_page=False)
    page.fill("#handoff-answer", "请带上身份证和工资转账记录，到区劳动人事争议仲裁委员会申请仲裁，可同时申请法律援助。")
    page.click("#handoff-send")
    expect(page.locator("#handoff-status")).to_contain_text("已答复")
    expect(page.locator("#handoff-status")).to_contain_text("取件码")
    shot(page, "console_02_handoff_answered_1366x768", full_page=False)

    kiosk.locator("#pickup > button").tap()
    kiosk.fill("#pickup-input input", code)
    kiosk.tap("#pickup-send")
    kiosk.wait_for_selector("#pickup-answer .pickup-answer")
    assert "劳动人事争议仲裁委员会" in kiosk.inner_text("#pickup-answer")
    shot(kiosk, "kiosk_16_pickup_answer_1080x1920")
    page.click("#logout")
    expect(page.locator("#login")).to_be_visible()
    assert page.evaluate("sessionStorage.getItem('staff_token')") is None
    kiosk.context.close()
    page.context.close()


def test_application_created_screened_assigned_and_exported(
    server: Server, chromium_browser: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page = _console(chromium_browser, server)
    # A roster, imported in the page.
    page.click("#tab-roster")
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    page.set_input_files("#roster-file", str(roster))
    page.click("#roster-import")
    expect(page.locator("#roster-result")).to_contain_text("导入完成")
    expect(page.locator("#roster-table tr")).to_have_count(3)
    shot(page, "console_03_roster_1366x768", full_page=False)

    # A new application, typed in at the window.
    page.click("#tab-new")
    page.fill("#new-name", "农民工乙")
    page.fill("#new-phone", "13812345678")
    page.fill("#new-id", ADULT)
    page.fill("#new-region", "回民区")
    page.check("#new-groups input[value='农民工']")
    page.select_option("#new-category", label="劳动争议与欠薪")
    page.fill("#new-opponent", "某建筑公司")
    page.fill("#new-amount", "12000")
    page.fill("#new-income", "5000")
    page.check("#new-tags input[value='请求支付劳动报酬']")
    page.fill("#new-summary", "在工地干了八个月，老板欠三个月工资一万二，没签合同。")
    shot(page, "console_04_new_application_1366x768", full_page=False)
    page.click("#new-submit")
    expect(page.locator("#detail-title")).to_contain_text("农民工乙 · 劳动争议与欠薪")

    # The proposal in plain words; confirm/override above the fold.
    detail = page.inner_text("#detail")
    assert not RAW_CODES.search(detail), RAW_CODES.search(detail)
    assert "免予核查经济困难状况" in detail and "建议给予法律援助" in detail
    assert "某建筑公司" in page.inner_text("#case-facts") and "12,000元" in page.inner_text(
        "#case-facts")
    items = page.locator("#proposal-reasons > li").all_inner_texts()
    assert sum(i.startswith("《中华人民共和国法律援助法》第四十二条") or i.startswith(
        "《法律援助法》第四十二条") for i in items) == 1, items
    for button in ("#confirm", "#override"):
        box = page.locator(button).bounding_box()
        assert box is not None and box["y"] + box["height"] <= LAPTOP["height"], button
    shot(page, "console_05_proposal_1366x768", full_page=False)
    page.click("#override")  # no reason given: the page says so
    expect(page.locator("#detail-error")).to_contain_text("理由")
    page.click("#confirm")
    expect(page.locator("#detail-status")).to_contain_text("已审查")
    expect(page.locator("#detail-status")).to_contain_text("确认了系统建议")

    # Assign, see who, change with a reason.
    page.locator("#lawyers button").first.click()
    expect(page.locator("#assigned-lawyer")).not_to_have_text("（未指派）")
    first = page.inner_text("#assigned-lawyer")
    assert "律师" in first and "已指派律师" in page.inner_text("#detail-status")
    page.locator("#lawyers button").first.click()
    expect(page.locator("#detail-error")).to_contain_text("理由")
    page.fill("#assign-reason", "当事人要求换一位会蒙古语的律师")
    page.locator("#lawyers button").first.click()
    expect(page.locator("#assigned-lawyer")).not_to_have_text(first)
    page.locator("#assign-box").scroll_into_view_if_needed()
    shot(page, "console_06_assigned_1366x768", full_page=False)

    with page.expect_download() as csv_download:
        page.click("#export-csv")
    assert "农民工乙" in Path(csv_download.value.path()).read_text(encoding="utf-8-sig")
    with page.expect_download() as xlsx_download:
        page.click("#export-xlsx")
    assert Path(xlsx_download.value.path()).read_bytes()[:2] == b"PK"
    page.click("#logout")
    expect(page.locator("#login")).to_be_visible()
    page.context.close()
