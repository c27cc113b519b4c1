"""In a real browser, Markdown in names fetches nothing: an event, book, account, post,
series and notification named with an image from a planted address are shown on every page
that lists them, and Chromium never asks that address for anything."""

from __future__ import annotations

import pytest

from planner.i18n import t
from tests.conftest import free_port
from tests.test_app_markdown import plant

pytestmark = pytest.mark.browser

PAGES = ["nav.compose", "nav.sources", "nav.calendar", "nav.planning", "nav.inbox", "nav.accounts"]


def test_no_request_goes_to_an_address_in_a_name(page, app_url: str) -> None:
    from playwright.sync_api import expect

    planted = f"http://127.0.0.1:{free_port()}"  # nobody listens: only a request would tell
    name = f"Dongeng ![x]({planted}/x.png) [klik]({planted}/klik)"
    plant(name)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(app_url)
    nav = page.get_by_test_id("stSidebarNav")
    for entry in PAGES:
        nav.get_by_role("link", name=t(entry, "id"), exact=True).click()
        expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        if entry == "nav.accounts":
            expect(page.get_by_text(name).first).to_be_visible()  # shown as typed
        page.wait_for_timeout(300)
    assert not [url for url in asked if url.startswith(planted)]
    found = page.locator(f'a[href^="{planted}"], img[src^="{planted}"]')
    assert found.count() == 0, found.evaluate_all("es => es.map(e => e.parentElement.outerHTML)")
