"""The Accounts page in real headless Chromium: badges, hidden token fields, the dry-run
switch, testing a sandbox account, and the public-address warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.db import session_scope
from planner.models import Account
from planner.secrets import secret_box
from tests.platform_helpers import X_CREDS

pytestmark = pytest.mark.browser


def test_accounts_page_in_a_browser(page, app_url: str, data_dir: Path) -> None:
    from playwright.sync_api import expect

    with session_scope() as session:
        live = Account(
            platform="x",
            name="Perpus X",
            handle="@perpuskotapkl",
            is_sandbox=False,
            dry_run=True,
            secrets=secret_box().encrypt(X_CREDS),
            config={"user_id": "1234", "username": "perpuskotapkl"},
        )
        session.add(live)
        session.flush()
        live_id = live.id
    page.goto(app_url)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Akun").click()
    expect(page.get_by_role("heading", name="Akun media sosial")).to_be_visible()
    expect(page.get_by_text("Perpus X @perpuskotapkl", exact=False)).to_be_visible()
    # X: four hidden fields to connect a new account, four to reconnect this one.
    expect(page.locator("input[type=password]")).to_have_count(8)
    expect(page.get_by_text("PUBLIC_MEDIA_BASE_URL belum diisi", exact=False)).to_be_visible()

    page.get_by_text("Uji coba (tidak mengirim)").first.click()
    expect(page.get_by_text("Uji coba nonaktif", exact=False)).to_be_visible()
    page.get_by_role("button", name="Tes koneksi").first.click()
    expect(page.get_by_text("Terhubung sebagai", exact=False)).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    content = page.content()
    assert not [s for s in X_CREDS.values() if s in content]
    with session_scope() as session:
        assert session.get(Account, live_id).dry_run is False
