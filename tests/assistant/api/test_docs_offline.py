"""``/docs`` renders with no network but loopback: Swagger UI's assets come from the
installation (the ``fastapi-offline`` package), not a CDN."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest

from tests.support.browser import LAPTOP, Server, new_page, shot
from tests.support.servers import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's chromium: apt-get install chromium"),
]


def test_docs_render_on_an_air_gapped_network(server: Server, chromium_browser: Any) -> None:
    context = chromium_browser.new_context(viewport=LAPTOP, locale="zh-CN")
    refused: list[str] = []

    def only_loopback(route: Any) -> None:
        if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:  # what an air-gapped network does to a CDN request
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    page = context.new_page()
    page.goto(server.base_url + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() >= 20
    assert "法律援助智能助手 API" in page.inner_text(".swagger-ui .info")
    assert refused == []
    shot(page, "docs_01_swagger_offline_1366x768", full_page=False)
    redoc = new_page(chromium_browser, server.base_url + "/redoc", viewport=LAPTOP)
    redoc.wait_for_selector("redoc h1, .api-content h1", timeout=20_000)
    context.close()
    redoc.context.close()
