"""In real Chromium: import an event from CSV, then draft and schedule its whole campaign.

Uses the app server and browser fixtures of test_browser.py (same free-port `streamlit run`).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from planner import config, db
from planner.db import session_scope
from planner.models import Campaign, Post, PostTarget

pytestmark = pytest.mark.browser


def _choose(page, label: str, option: str) -> None:
    """Pick `option` in the Streamlit select box labelled `label`."""
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option).click()


def test_import_an_event_and_schedule_its_campaign(
    page, app_url: str, tmp_path: Path, shots: Path
) -> None:
    from playwright.sync_api import expect

    page.goto(app_url)
    day = (datetime.now(UTC) + timedelta(days=12)).strftime("%d/%m/%Y")
    csv_file = tmp_path / "acara.csv"
    csv_file.write_bytes(
        (
            "Judul;Tanggal;Jam;Tempat;Narasumber\n"
            f"Dongeng Batik untuk Anak;{day};09.00–10.30;Ruang Baca Anak;Kak Rina\n"
        ).encode("cp1252")
    )
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Acara & Koleksi").click()
    expect(page.get_by_role("heading", name="Acara & Koleksi")).to_be_visible()
    page.get_by_role("tab", name="Impor").click()
    page.locator("input[type=file]").last.set_input_files(str(csv_file))
    page.get_by_role("button", name="Impor", exact=True).click()
    expect(page.get_by_text(re.compile(r"CSV · windows-1252"))).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("1")

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Tulis").click()
    expect(page.get_by_role("heading", name="Tulis unggahan")).to_be_visible()
    _choose(page, "Templat", "Pengumuman acara")
    page.get_by_role("combobox", name="Acara", exact=True).click()
    page.get_by_role("option", name=re.compile("Dongeng Batik untuk Anak")).click()
    page.get_by_role("button", name="Rencanakan kampanye").click()
    for step in ("Pengumuman", "Pengingat", "Rekap"):
        expect(page.get_by_text(re.compile(rf"🗓️ {step} · "))).to_be_visible()
    page.get_by_text(re.compile(r"🗓️ Pengingat · ")).click()
    reminder = page.get_by_test_id("stExpander").filter(has_text="Pengingat ·")
    expect(reminder.get_by_label("X", exact=True)).to_contain_text("Besok!")
    page.screenshot(path=str(shots / "screenshot-campaign.png"), full_page=True)
    page.get_by_role("button", name="Jadwalkan kampanye").click()
    expect(page.get_by_text(re.compile(r"Kampanye #\d+ dijadwalkan: 3 unggahan"))).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)

    config.reset_settings()
    db.dispose_engines()
    with session_scope() as session:
        campaign = session.exec(select(Campaign)).one()
        posts = session.exec(select(Post).where(Post.campaign_id == campaign.id)).all()
        targets = session.exec(
            select(PostTarget).where(PostTarget.post_id.in_([p.id for p in posts]))
        ).all()
    assert campaign.name == "Dongeng Batik untuk Anak"
    assert len(posts) == 3 and len(targets) == 9
    assert sorted({t.due_at.hour for t in targets}) == [2, 3, 9]  # 09.00, 10.00, 16.00 WIB


def test_counter_follows_each_keystroke(page, app_url: str) -> None:
    """Before the text is committed (no blur), the in-page counter already counts like X."""
    from playwright.sync_api import expect

    page.goto(app_url)
    page.get_by_role("button", name="Buat draf").click()
    x_text = page.get_by_label("Teks untuk X")
    expect(x_text).to_contain_text("📢")
    x_text.fill("")
    x_text.press_sequentially("Halo 😀 https://perpustakaan.pekalongankota.go.id/acara/123")
    counter = page.get_by_test_id("plannerLiveCount").first
    expect(counter).to_have_text("✍️ saat mengetik: 31/280")  # 5 + 2 + 1 + 23, as twitter-text
    x_text.press_sequentially(" " + "a" * 260)
    expect(counter).to_have_text("✍️ saat mengetik: 292/280")
    x_text.press("Control+Enter")
    expect(page.get_by_text("⛔ 292/280")).to_be_visible()
