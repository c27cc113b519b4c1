"""Sign-in in a real browser: the cookie keeps a session over a reload, sign-out ends it.

Page: planner/ui/signin.py; the cookie is written by planner/ui/browser_state.js.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import sign_in
from tests.people_helpers import PASSWORD, make_user

pytestmark = pytest.mark.browser


def test_session_survives_reload_and_sign_out_ends_it(browser_context, app_url: str) -> None:
    make_user("staff", "sari")
    page = browser_context.new_page()
    page.goto(app_url)
    expect(page.get_by_role("heading", name="Masuk ke Planner")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    sign_in(page, app_url, "sari", PASSWORD)
    cookies = {c["name"]: c for c in browser_context.cookies()}
    assert cookies["planner_session"]["sameSite"] == "Strict"
    page.reload()  # F5
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible()
    expect(page.get_by_text("Masuk sebagai")).to_be_visible()
    # A second tab in the same browser is signed in too.
    other = browser_context.new_page()
    other.goto(app_url)
    expect(other.get_by_test_id("stSidebarNav")).to_be_visible()
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_role("heading", name="Masuk ke Planner")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Masuk ke Planner")).to_be_visible()
    assert "planner_session" not in {c["name"] for c in browser_context.cookies()}


def test_wrong_password_stays_out_and_english_sets_lang(browser_context, app_url: str) -> None:
    make_user("staff", "sari")
    page = browser_context.new_page()
    page.goto(app_url)
    page.get_by_label("Nama pengguna").fill("sari")
    page.get_by_label("Kata sandi", exact=True).fill("bukan-ini")
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_text("Nama pengguna atau kata sandi salah.")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    page.get_by_test_id("stSidebar").get_by_role("combobox").click()
    page.get_by_role("option", name="English").click()
    expect(page.get_by_role("heading", name="Sign in to Planner")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
